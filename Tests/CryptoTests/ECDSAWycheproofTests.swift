// SPDX-License-Identifier: Apache-2.0
// Wycheproof ECDSA P1363 (raw r‖s) and ECDH point-validation vectors for P-256 and P-384.

import ContrastCrypto
import TestSupport
import Testing

/// Decodes a Wycheproof ECDH private key (a big-endian integer, possibly with a leading 00 byte or shorter)
/// into exactly `size` bytes, or nil when it does not fit.
func fixedWidthScalar(_ bytes: [UInt8], size: Int) -> [UInt8]? {
    let trimmed = Array(bytes.drop { $0 == 0 })
    guard trimmed.count <= size else { return nil }
    return [UInt8](repeating: 0, count: size - trimmed.count) + trimmed
}

@Suite("Wycheproof ECDSA and ECDH")
struct ECDSAWycheproofTests {
    @Test(
        "ECDSA P-384 P1363 signatures (SHA-384 and SHA-512)",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage),
        arguments: [("ecdsa_secp384r1_sha384_p1363_test.json", 280, false), ("ecdsa_secp384r1_sha512_p1363_test.json", 318, true)])
    func wycheproofECDSAP384(file: String, count: Int, sha512: Bool) throws {
        // Policy: no acceptable cases occur in these files; reject everything not valid.
        try runWycheproof(file, expectedCount: count, policy: .reject) { c in
            guard let key = c.group["publicKey"]?["uncompressed"]?.string else { return false }
            let publicKey = try P384.Signing.PublicKey(x963Representation: try Hex.decode(key))
            let msg = try c.hex("msg")
            let sigBytes = try c.hex("sig")
            guard let sig = try? P384.Signing.ECDSASignature(rawRepresentation: sigBytes) else { return false }
            let digest = sha512 ? SHA512.hash(data: msg).bytes : SHA384.hash(data: msg).bytes
            return publicKey.isValidSignature(sig, forDigest: digest)
        }
    }

    @Test(
        "ECDSA P-256 P1363 signatures (SHA-256)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofECDSAP256() throws {
        try runWycheproof("ecdsa_secp256r1_sha256_p1363_test.json", expectedCount: 262, policy: .reject) { c in
            guard let key = c.group["publicKey"]?["uncompressed"]?.string else { return false }
            let publicKey = try P256.Signing.PublicKey(x963Representation: try Hex.decode(key))
            guard let sig = try? P256.Signing.ECDSASignature(rawRepresentation: try c.hex("sig")) else { return false }
            return publicKey.isValidSignature(sig, for: try c.hex("msg"))
        }
    }

    /// Policy: the one acceptable case is a compressed public point, which we decode (SEC 1 v2 §2.3.4).
    static let ecdhPolicy = AcceptablePolicy { c in c.flags.contains("CompressedPoint") }

    @Test("ECDH P-384 raw points", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofECDHP384() throws {
        try runWycheproof("ecdh_secp384r1_ecpoint_test.json", expectedCount: 790, policy: Self.ecdhPolicy) { c in
            let pub = try c.hex("public")
            guard let d = fixedWidthScalar(try c.hex("private"), size: 48) else { return false }
            let peer: P384.KeyAgreement.PublicKey
            switch pub.first {
            case 0x04: peer = try P384.KeyAgreement.PublicKey(x963Representation: pub)
            case 0x02, 0x03: peer = try P384.KeyAgreement.PublicKey(compressedRepresentation: pub)
            default: return false
            }
            let key = try P384.KeyAgreement.PrivateKey(rawRepresentation: d)
            return try key.sharedSecretFromKeyAgreement(with: peer).bytes == (try c.hex("shared"))
        }
    }

    @Test("ECDH P-256 raw points", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofECDHP256() throws {
        try runWycheproof("ecdh_secp256r1_ecpoint_test.json", expectedCount: 355, policy: Self.ecdhPolicy) { c in
            let pub = try c.hex("public")
            guard let d = fixedWidthScalar(try c.hex("private"), size: 32) else { return false }
            let peer: P256.KeyAgreement.PublicKey
            switch pub.first {
            case 0x04: peer = try P256.KeyAgreement.PublicKey(x963Representation: pub)
            case 0x02, 0x03: peer = try P256.KeyAgreement.PublicKey(compressedRepresentation: pub)
            default: return false
            }
            let key = try P256.KeyAgreement.PrivateKey(rawRepresentation: d)
            return try key.sharedSecretFromKeyAgreement(with: peer).bytes == (try c.hex("shared"))
        }
    }
}
