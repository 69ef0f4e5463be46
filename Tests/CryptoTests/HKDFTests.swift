// SPDX-License-Identifier: Apache-2.0
// HKDF against RFC 5869 (the SHA-256 cases A.1–A.3; A.4–A.7 use SHA-1, which this package does not offer)
// and Wycheproof hkdf_sha{256,384,512}.

import ContrastCrypto
import Testing
import TestSupport

@Suite("HKDF")
struct HKDFTests {
    @Test("RFC 5869 A.1–A.3 (HKDF-SHA-256)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func rfc5869() throws {
        let file = "rfc-5869-HKDF-SHA256.txt"
        var tally = VectorTally(file: file)
        for record in try cavpRecordsCRLF("nist/hkdf/\(file)") {
            #expect(record["Hash"] == "SHA-256", "\(record.label): unexpected hash")
            let ikm = SymmetricKey(data: try record.hex("IKM"))
            let salt = try record.hex("salt")
            let info = try record.hex("info")
            let length = try #require(Int(record["L"] ?? ""), "\(record.label): L")
            let prk = HKDF<SHA256>.extract(inputKeyMaterial: ikm, salt: salt)
            tally.check(prk.bytes == (try record.hex("PRK")), record.label + " PRK", prk.bytes.hexString)
            let okm = HKDF<SHA256>.expand(pseudoRandomKey: prk, info: info, outputByteCount: length)
            tally.check(okm.bytes == (try record.hex("OKM")), record.label + " OKM", okm.bytes.hexString)
            let oneShot = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            tally.check(oneShot == okm, record.label + " deriveKey")
        }
        tally.expectCount(9)  // 3 cases × (PRK, OKM, deriveKey)
    }

    /// Wycheproof HKDF. The invalid cases ask for more than 255·HashLen bytes; `expand` treats that as a
    /// programmer error (precondition), so the harness checks `maximumOutputByteCount`, which is the
    /// documented guard for lengths that come from input.
    func runWycheproofHKDF<H: HashFunction>(_: H.Type, _ file: String, expectedCount: Int) throws {
        try runWycheproof(file, expectedCount: expectedCount) { c in
            let size = try #require(c.int("size"), "\(c.label): size")
            guard size <= HKDF<H>.maximumOutputByteCount else { return false }
            let okm = HKDF<H>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: try c.hex("ikm")), salt: try c.hex("salt"),
                info: try c.hex("info"), outputByteCount: size)
            return okm.bytes == (try c.hex("okm"))
        }
    }

    @Test("Wycheproof hkdf_sha256", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofSHA256() throws { try runWycheproofHKDF(SHA256.self, "hkdf_sha256_test.json", expectedCount: 86) }
    @Test("Wycheproof hkdf_sha384", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofSHA384() throws { try runWycheproofHKDF(SHA384.self, "hkdf_sha384_test.json", expectedCount: 83) }
    @Test("Wycheproof hkdf_sha512", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofSHA512() throws { try runWycheproofHKDF(SHA512.self, "hkdf_sha512_test.json", expectedCount: 83) }

    @Test("maximum output is 255·HashLen and the last block is correct")
    func maximumOutput() {
        #expect(HKDF<SHA256>.maximumOutputByteCount == 8160)
        #expect(HKDF<SHA384>.maximumOutputByteCount == 12240)
        let prk = [UInt8](repeating: 7, count: 48)
        let full = HKDF<SHA384>.expand(pseudoRandomKey: prk, info: [UInt8](), outputByteCount: 12240)
        let short = HKDF<SHA384>.expand(pseudoRandomKey: prk, info: [UInt8](), outputByteCount: 100)
        #expect(full.bytes.count == 12240)
        #expect(Array(full.bytes.prefix(100)) == short.bytes)
        #expect(HKDF<SHA384>.expand(pseudoRandomKey: prk, info: [UInt8](), outputByteCount: 0).bytes.isEmpty)
    }

    @Test("SharedSecret derives with HKDF like HKDF.deriveKey")
    func sharedSecret() {
        let secret = SharedSecret(bytes: [UInt8](repeating: 0xAB, count: 32))
        let a = secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: [1, 2, 3], sharedInfo: [4], outputByteCount: 42)
        let b = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: [UInt8](repeating: 0xAB, count: 32)), salt: [1, 2, 3], info: [4],
            outputByteCount: 42)
        #expect(a == b)
        #expect(secret.byteCount == 32)
    }
}
