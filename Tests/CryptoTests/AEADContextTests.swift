// SPDX-License-Identifier: Apache-2.0
// The reusable in-place AEAD contexts: length sweeps against reference folds, buffer and range handling,
// and the no-plaintext-on-failure rule (RFC 5116 §2.2, SP 800-38D §7.2).

import ContrastCrypto
import Testing
import TestSupport

@Suite("AEAD contexts")
struct AEADContextTests {
    /// Seals every message length 0…299 (with an AAD of n mod 40 bytes) and folds tags and ciphertexts into
    /// 16 bytes. The expected folds were computed with an independent implementation (Python `cryptography`
    /// 48 / OpenSSL 3) by the same procedure; the sweep crosses every batch boundary (16-byte GHASH/Poly1305
    /// blocks, 64-byte GHASH aggregation, 128-byte AES and 256-byte ChaCha20 batches).
    func sweep<C: AEADContext>(_ type: C.Type, key: [UInt8], nonce: [UInt8], oneShot: ([UInt8], [UInt8]) throws -> ([UInt8], [UInt8])) throws -> String {
        let ctx = try C(key: SymmetricKey(data: key))
        var acc = [UInt8](repeating: 0, count: 16)
        for n in 0..<300 {
            let msg = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }
            let aad = Array(msg.prefix(n % 40))
            // In place inside a larger buffer, as a TLS record would be.
            var buffer = [UInt8](repeating: 0xEE, count: 5) + msg + [UInt8](repeating: 0xDD, count: 16)
            let range = 5..<(5 + n)
            let tag = try ctx.seal(in: &buffer, range: range, nonce: nonce, authenticating: aad)
            try tag.write(to: &buffer, at: range.upperBound)
            #expect(buffer.prefix(5).allSatisfy { $0 == 0xEE }, "bytes before the range are untouched (n = \(n))")
            let (ct, t) = try oneShot(msg, aad)
            #expect(Array(buffer[range]) == ct && tag.bytes == t, "in-place and one-shot agree (n = \(n))")
            for i in 0..<16 { acc[i] ^= tag.bytes[i] }
            for (i, b) in buffer[range].enumerated() { acc[i % 16] ^= b }
            // And back.
            let readTag = try AEADTag(reading: buffer, at: range.upperBound)
            try ctx.open(in: &buffer, range: range, nonce: nonce, authenticating: aad, tag: readTag)
            #expect(Array(buffer[range]) == msg, "open restores the plaintext (n = \(n))")
        }
        return Hex.encode(acc)
    }

    @Test("AES-128/256-GCM length sweep 0…299 matches the reference fold")
    func aesSweep() throws {
        let nonce = (100..<112).map { UInt8($0) }
        for (key, expected) in [
            ((0..<16).map { UInt8($0) }, "00a5abaf055dd68417427e70d702ef92"),
            ((0..<32).map { UInt8($0) }, "a2ef239862823065872d44e510c5dde0"),
        ] {
            let got = try sweep(AES.GCM.Context.self, key: key, nonce: nonce) { m, a in
                let box = try AES.GCM.seal(m, using: SymmetricKey(data: key), nonce: try AES.GCM.Nonce(data: nonce), authenticating: a)
                return (box.ciphertext, box.tag)
            }
            #expect(got == expected, "AES-\(key.count * 8)-GCM sweep")
        }
    }

    @Test("AES-128-GCM with a 60-byte nonce (GHASH-derived J0) over 0…299 bytes")
    func aesLongNonceSweep() throws {
        let key = SymmetricKey(data: (0..<16).map { UInt8($0) })
        let nonce = try AES.GCM.Nonce(data: (0..<60).map { UInt8($0) })
        var acc = [UInt8](repeating: 0, count: 16)
        for n in 0..<300 {
            let msg = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }
            let box = try AES.GCM.seal(msg, using: key, nonce: nonce, authenticating: msg.prefix(n % 40))
            for i in 0..<16 { acc[i] ^= box.tag[i] }
            for (i, b) in box.ciphertext.enumerated() { acc[i % 16] ^= b }
            #expect(try AES.GCM.open(box, using: key, authenticating: msg.prefix(n % 40)) == msg)
            #expect(box.combined == nil, "no combined form for a 60-byte nonce")
        }
        #expect(Hex.encode(acc) == "5f2758343748533731f650ff1f046b8e")
    }

    @Test("ChaCha20-Poly1305 length sweep 0…299 matches the reference fold")
    func chachaSweep() throws {
        let key = (0..<32).map { UInt8($0) }, nonce = (100..<112).map { UInt8($0) }
        let got = try sweep(ChaChaPoly.Context.self, key: key, nonce: nonce) { m, a in
            let box = try ChaChaPoly.seal(m, using: SymmetricKey(data: key), nonce: try ChaChaPoly.Nonce(data: nonce), authenticating: a)
            return (box.ciphertext, box.tag)
        }
        #expect(got == "29219beaa77c754a6ed6c261154861e6")
    }

    @Test("key, nonce, range and tag lengths are checked")
    func lengths() throws {
        #expect(throws: CryptoError.invalidLength) { try AES.GCM.Context(key: SymmetricKey(data: [UInt8](repeating: 1, count: 20))) }
        #expect(throws: CryptoError.invalidLength) { try ChaChaPoly.Context(key: SymmetricKey(data: [UInt8](repeating: 1, count: 16))) }
        #expect(throws: CryptoError.invalidLength) { try AES.GCM.Nonce(data: [UInt8]()) }
        #expect(throws: CryptoError.invalidLength) { try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 8)) }
        #expect(throws: CryptoError.invalidLength) { try AES.GCM.SealedBox(combined: [UInt8](repeating: 0, count: 27)) }
        #expect(throws: CryptoError.invalidLength) { try AEADTag([UInt8](repeating: 0, count: 12)) }
        #expect(throws: CryptoError.invalidLength) { try AEADTag(reading: [UInt8](repeating: 0, count: 20), at: 5) }
        let ctx = try AES.GCM.Context(key: SymmetricKey(data: [UInt8](repeating: 1, count: 16)))
        var buf = [UInt8](repeating: 0, count: 32)
        #expect(throws: CryptoError.invalidLength) {
            _ = try ctx.seal(in: &buf, range: 0..<10, nonce: [UInt8](repeating: 0, count: 8), authenticating: [UInt8]())
        }
        #expect(throws: CryptoError.invalidLength) {
            _ = try ctx.seal(in: &buf, range: 20..<40, nonce: [UInt8](repeating: 0, count: 12), authenticating: [UInt8]())
        }
        // Empty AES-GCM combined form: nonce ‖ tag only.
        let box = try AES.GCM.seal([UInt8](), using: SymmetricKey(data: [UInt8](repeating: 1, count: 16)))
        let again = try AES.GCM.SealedBox(combined: try #require(box.combined))
        #expect(try AES.GCM.open(again, using: SymmetricKey(data: [UInt8](repeating: 1, count: 16))).isEmpty)
    }

    @Test("random nonces differ")
    func randomNonces() {
        #expect(Array(AES.GCM.Nonce()) != Array(AES.GCM.Nonce()))
        #expect(Array(ChaChaPoly.Nonce()) != Array(ChaChaPoly.Nonce()))
    }
}
