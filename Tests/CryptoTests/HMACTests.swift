// SPDX-License-Identifier: Apache-2.0
// HMAC against RFC 4231 (../shared/vectors/nist/hmac plus the §4.2/§4.6 cases transcribed) and Wycheproof.

import ContrastCrypto
import Testing
import TestSupport

@Suite("HMAC")
struct HMACTests {
    func runRFC4231<H: HashFunction>(_: H.Type, _ file: String) throws {
        var tally = VectorTally(file: file)
        for record in try cavpRecordsCRLF("nist/hmac/\(file)") {
            let key = SymmetricKey(data: try record.hex("Key"))
            let message = try record.hex("Msg")
            let want = try record.hex("MD")
            let got = HMAC<H>.authenticationCode(for: message, using: key)
            tally.check(got.bytes == want, record.label, "got \(got.bytes.hexString)")
            tally.check(
                HMAC<H>.isValidAuthenticationCode(want, authenticating: message, using: key), record.label + " isValid")
        }
        tally.expectCount(12)  // 6 test cases × (code, isValid)
    }

    @Test("RFC 4231 HMAC-SHA-256", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func rfc4231SHA256() throws { try runRFC4231(SHA256.self, "rfc-4231-sha256.txt") }
    @Test("RFC 4231 HMAC-SHA-384", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func rfc4231SHA384() throws { try runRFC4231(SHA384.self, "rfc-4231-sha384.txt") }
    @Test("RFC 4231 HMAC-SHA-512", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func rfc4231SHA512() throws { try runRFC4231(SHA512.self, "rfc-4231-sha512.txt") }

    /// RFC 4231 §4.2 (test case 1, HMAC-SHA-224) and §4.6 (test case 5, output truncated to 128 bits), which
    /// the shared files leave out; transcribed from the RFC and re-derived with Python's `hmac` module.
    @Test("RFC 4231 §4.2 SHA-224 and §4.6 truncation case")
    func rfc4231Transcribed() throws {
        let hiThere = Array("Hi There".utf8)
        let key1 = SymmetricKey(data: [UInt8](repeating: 0x0b, count: 20))
        #expect(
            HMAC<SHA224>.authenticationCode(for: hiThere, using: key1).bytes
                == (try [UInt8](hexString: "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22")))
        let key5 = SymmetricKey(data: [UInt8](repeating: 0x0c, count: 20))
        let truncation = Array("Test With Truncation".utf8)
        #expect(
            Array(HMAC<SHA224>.authenticationCode(for: truncation, using: key5).prefix(16))
                == (try [UInt8](hexString: "0e2aea68a90c8d37c988bcdb9fca6fa8")))
        #expect(
            Array(HMAC<SHA256>.authenticationCode(for: truncation, using: key5).prefix(16))
                == (try [UInt8](hexString: "a3b6167473100ee06e0c796c2955552b")))
        #expect(
            Array(HMAC<SHA384>.authenticationCode(for: truncation, using: key5).prefix(16))
                == (try [UInt8](hexString: "3abf34c3503b2a23a46efc619baef897")))
        #expect(
            Array(HMAC<SHA512>.authenticationCode(for: truncation, using: key5).prefix(16))
                == (try [UInt8](hexString: "415fad6271580a531d4179bc891d87a6")))
    }

    /// Wycheproof HMAC: groups carry `tagSize` in bits; truncated tags are compared against the prefix of
    /// the full code (constant-time). Invalid cases are modified tags, which must not match.
    func runWycheproofHMAC<H: HashFunction>(_: H.Type, _ file: String) throws {
        try runWycheproof(file, expectedCount: 174) { c in
            let key = SymmetricKey(data: try c.hex("key"))
            let message = try c.hex("msg")
            let tag = try c.hex("tag")
            let tagBytes = (c.int("tagSize") ?? 0) / 8
            let full = HMAC<H>.authenticationCode(for: message, using: key)
            let prefixMatches = tag.count == tagBytes && constantTimeEquals(full.bytes.prefix(tagBytes), tag)
            if tagBytes == H.byteCount {
                // Full-length tags also go through the public verification API.
                let valid = HMAC<H>.isValidAuthenticationCode(tag, authenticating: message, using: key)
                #expect(valid == prefixMatches, "\(c.label): isValidAuthenticationCode disagrees")
            }
            return prefixMatches
        }
    }

    @Test("Wycheproof hmac_sha256", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofSHA256() throws { try runWycheproofHMAC(SHA256.self, "hmac_sha256_test.json") }
    @Test("Wycheproof hmac_sha384", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofSHA384() throws { try runWycheproofHMAC(SHA384.self, "hmac_sha384_test.json") }
    @Test("Wycheproof hmac_sha512", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofSHA512() throws { try runWycheproofHMAC(SHA512.self, "hmac_sha512_test.json") }

    @Test("streaming HMAC equals one-shot at every split point; wrong lengths are rejected")
    func streaming() {
        var rng = DeterministicRandom(seed: 4231)
        for keyLength in [0, 1, 32, 64, 65, 128, 129, 200] {
            let key = SymmetricKey(data: rng.bytes(keyLength))
            let message = rng.bytes(150)
            let oneShot = HMAC<SHA384>.authenticationCode(for: message, using: key)
            for split in 0...message.count {
                var mac = HMAC<SHA384>(key: key)
                mac.update(data: message[..<split])
                mac.update(data: message[split...])
                #expect(mac.finalize() == oneShot, "key \(keyLength) split \(split)")
            }
            #expect(!HMAC<SHA384>.isValidAuthenticationCode(oneShot.bytes.dropLast(), authenticating: message, using: key))
            #expect(!HMAC<SHA384>.isValidAuthenticationCode(oneShot.bytes + [0], authenticating: message, using: key))
            var flipped = oneShot.bytes
            flipped[47] ^= 1
            #expect(!HMAC<SHA384>.isValidAuthenticationCode(flipped, authenticating: message, using: key))
        }
    }
}
