// SPDX-License-Identifier: Apache-2.0
// CertificateVerify ECDSA signatures are strict DER ECDSA-Sig-Value (RFC 8446 §4.2.3), through ContrastASN1.

import ContrastCrypto
import ContrastTLS
import TestSupport
import Testing

@Suite("ECDSA signature DER")
struct ECDSASignatureDERTests {
    /// A signing key and its verifier for each curve.
    func keys() throws -> [(ECDSASigningKey, any TLSPublicKey, SignatureScheme, Int)] {
        var rng = DeterministicRandom(seed: 41)
        let k256 = ECDSASigningKey(p256: try P256.Signing.PrivateKey(using: &rng))
        let k384 = ECDSASigningKey(p384: try P384.Signing.PrivateKey(using: &rng))
        return [(k256, try k256.publicKey, .ecdsaSecp256r1SHA256, 32), (k384, try k384.publicKey, .ecdsaSecp384r1SHA384, 48)]
    }

    @Test("signatures are DER SEQUENCE { r, s }; every strict prefix and any trailing byte is rejected")
    func prefixesAndTrailingBytes() throws {
        for (key, pub, scheme, _) in try keys() {
            var random: any RandomSource = DeterministicRandom(seed: 3)
            let msg: [UInt8] = Array("certificate verify".utf8)
            let der = try key.sign(msg, scheme: scheme, random: &random)
            #expect(der.first == 0x30 && Int(der[1]) == der.count - 2)
            #expect(pub.isValidSignature(der, scheme: scheme, message: msg))
            for n in 0..<der.count { #expect(!pub.isValidSignature(Array(der[0..<n]), scheme: scheme, message: msg)) }
            #expect(!pub.isValidSignature(der + [0], scheme: scheme, message: msg))
            #expect(!pub.isValidSignature(der, scheme: scheme, message: msg + [0]))
        }
    }

    @Test("rejects non-minimal, negative, zero and oversized integers")
    func strictIntegers() throws {
        for (key, pub, scheme, width) in try keys() {
            var random: any RandomSource = DeterministicRandom(seed: 4)
            let msg: [UInt8] = [1, 2, 3]
            let der = try key.sign(msg, scheme: scheme, random: &random)
            // Pull r and s out of the (short-form) encoding.
            let rLen = Int(der[3])
            let r = Array(der[4..<(4 + rLen)])
            let s = Array(der[(6 + rLen)...])
            func seq(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
                let body = [0x02, UInt8(a.count)] + a + [0x02, UInt8(b.count)] + b
                return [0x30, UInt8(body.count)] + body
            }
            #expect(pub.isValidSignature(seq(r, s), scheme: scheme, message: msg))
            #expect(!pub.isValidSignature(seq([0] + r, s), scheme: scheme, message: msg))  // non-minimal
            #expect(!pub.isValidSignature(seq([0, 0] + r, s), scheme: scheme, message: msg))  // never minimal
            #expect(!pub.isValidSignature(seq([0x80] + r, s), scheme: scheme, message: msg))  // negative
            #expect(!pub.isValidSignature(seq([0], s), scheme: scheme, message: msg))  // zero
            #expect(!pub.isValidSignature(seq([1] + [UInt8](repeating: 0, count: width), s), scheme: scheme, message: msg))  // too wide
            // Long-form length where the short form fits.
            let body = Array(der[2...])
            #expect(!pub.isValidSignature([0x30, 0x81, UInt8(body.count)] + body, scheme: scheme, message: msg))
        }
    }
}
