// SPDX-License-Identifier: Apache-2.0
// Every single-bit change of ciphertext, tag, nonce or AAD is rejected and releases no plaintext byte.

import ContrastCrypto
import Testing
import TestSupport

@Suite("AEAD tampering")
struct AEADTamperTests {
    /// Seals a 37-byte message with 20 bytes of AAD (both with partial final blocks), then flips each bit of
    /// ciphertext (296), tag (128), nonce (96) and AAD (160) in turn: 680 cases per algorithm. Each must fail
    /// with `.authenticationFailure` through the one-shot API, and through the in-place context, where the
    /// buffer range must then be all zero.
    func tamper<C: AEADContext>(
        _ type: C.Type, keyBytes: Int,
        oneShotOpen: (_ key: SymmetricKey, _ nonce: [UInt8], _ ct: [UInt8], _ tag: [UInt8], _ aad: [UInt8]) throws -> [UInt8]
    ) throws -> Int {
        let key = SymmetricKey(data: (0..<keyBytes).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        let ctx = try C(key: key)
        let nonce = (0..<12).map { UInt8($0 &+ 0x30) }
        let aad = (0..<20).map { UInt8($0 &* 3) }
        let msg = (0..<37).map { UInt8($0 &+ 0x61) }
        var sealed = msg
        let tag = try ctx.seal(in: &sealed, range: 0..<msg.count, nonce: nonce, authenticating: aad).bytes
        #expect(try oneShotOpen(key, nonce, sealed, tag, aad) == msg, "untampered box opens")
        var cases = 0
        func check(_ ct: [UInt8], _ t: [UInt8], _ n: [UInt8], _ a: [UInt8], _ what: String) throws {
            cases += 1
            #expect(throws: CryptoError.authenticationFailure, "\(C.self) \(what)") { try oneShotOpen(key, n, ct, t, a) }
            var buffer = ct
            #expect(throws: CryptoError.authenticationFailure, "\(C.self) \(what) (in place)") {
                try ctx.open(in: &buffer, range: 0..<buffer.count, nonce: n, authenticating: a, tag: try AEADTag(t))
            }
            #expect(buffer.allSatisfy { $0 == 0 }, "\(C.self) \(what): no plaintext released")
        }
        for bit in 0..<(sealed.count * 8) {
            var c = sealed
            c[bit / 8] ^= 1 << (bit % 8)
            try check(c, tag, nonce, aad, "ciphertext bit \(bit)")
        }
        for bit in 0..<128 {
            var t = tag
            t[bit / 8] ^= 1 << (bit % 8)
            try check(sealed, t, nonce, aad, "tag bit \(bit)")
        }
        for bit in 0..<96 {
            var n = nonce
            n[bit / 8] ^= 1 << (bit % 8)
            try check(sealed, tag, n, aad, "nonce bit \(bit)")
        }
        for bit in 0..<(aad.count * 8) {
            var a = aad
            a[bit / 8] ^= 1 << (bit % 8)
            try check(sealed, tag, nonce, a, "aad bit \(bit)")
        }
        // Truncation and extension of ciphertext and AAD are rejected too.
        try check(Array(sealed.dropLast()), tag, nonce, aad, "ciphertext truncated")
        try check(sealed + [0], tag, nonce, aad, "ciphertext extended")
        try check(sealed, tag, nonce, Array(aad.dropLast()), "aad truncated")
        try check(sealed, tag, nonce, aad + [0], "aad extended")
        return cases
    }

    @Test("AES-128-GCM and AES-256-GCM reject every single-bit change", arguments: [16, 32])
    func aesGCM(keyBytes: Int) throws {
        let n = try tamper(AES.GCM.Context.self, keyBytes: keyBytes) { key, nonce, ct, tag, aad in
            let box = try AES.GCM.SealedBox(nonce: try AES.GCM.Nonce(data: nonce), ciphertext: ct, tag: tag)
            return try AES.GCM.open(box, using: key, authenticating: aad)
        }
        #expect(n == 684)
    }

    @Test("ChaCha20-Poly1305 rejects every single-bit change")
    func chachaPoly() throws {
        let n = try tamper(ChaChaPoly.Context.self, keyBytes: 32) { key, nonce, ct, tag, aad in
            let box = try ChaChaPoly.SealedBox(nonce: try ChaChaPoly.Nonce(data: nonce), ciphertext: ct, tag: tag)
            return try ChaChaPoly.open(box, using: key, authenticating: aad)
        }
        #expect(n == 684)
    }
}
