// SPDX-License-Identifier: Apache-2.0
// The production signature verifier: dispatches on SignatureAlgorithm to ContrastCrypto's ECDSA and RSA.

import ContrastCrypto

/// Verifies with the project's crypto. Algorithms whose primitive is not available in this build verify as
/// `false` (never as valid).
public struct StandardSignatureVerifier: CertificateSignatureVerifier {
    public init() {}

    /// VARTIME: public inputs only.
    public func isValidSignature(
        _ signature: [UInt8], over message: [UInt8], algorithm: SignatureAlgorithm, publicKey: SubjectPublicKeyInfo
    ) -> Bool {
        switch (algorithm, publicKey.publicKey) {
        case (.ecdsa(let hash), .ec(let curve, let point)):
            return ECDSACertificateSignature.verify(signature, message: message, hash: hash, curve: curve, point: point)
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa):
            return RSACertificateSignature.verify(signature, message: message, algorithm: algorithm, publicKey: publicKey)
        default:
            return false
        }
    }

    /// Digest of `message` under `hash` (SHA-1 is not implemented: such signatures never verify).
    static func digest(_ hash: DigestAlgorithm, _ message: [UInt8]) -> [UInt8]? {
        switch hash {
        case .sha1: return nil
        case .sha256: return Array(SHA256.hash(data: message))
        case .sha384: return Array(SHA384.hash(data: message))
        case .sha512: return Array(SHA512.hash(data: message))
        }
    }
}

/// ECDSA certificate signatures (RFC 5758 §3.2): DER ECDSA-Sig-Value over the digest.
enum ECDSACertificateSignature {
    static func verify(
        _ signature: [UInt8], message: [UInt8], hash: DigestAlgorithm, curve: ASN1ObjectIdentifier, point: [UInt8]
    ) -> Bool {
        guard let digest = StandardSignatureVerifier.digest(hash, message) else { return false }
        switch curve {
        case .NamedCurve.p256:
            guard let key = try? P256.Signing.PublicKey(x963Representation: point),
                let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature)
            else { return false }
            return key.isValidSignature(sig, forDigest: digest)
        case .NamedCurve.p384:
            guard let key = try? P384.Signing.PublicKey(x963Representation: point),
                let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature)
            else { return false }
            return key.isValidSignature(sig, forDigest: digest)
        default:
            return false
        }
    }
}

/// RSA certificate signatures (RFC 8017 §8.2.2, §8.1.2).
enum RSACertificateSignature {
    static func verify(
        _ signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm, publicKey: SubjectPublicKeyInfo
    ) -> Bool {
        // The same decoding as `RSA.Signing.PublicKey(derRepresentation:)` (Keys/RSA+DER.swift).
        guard let key = try? RSA.Signing.PublicKey(subjectPublicKeyInfo: publicKey) else { return false }
        let sig = RSA.Signing.RSASignature(rawRepresentation: signature)
        switch algorithm {
        case .rsaPKCS1(let h):
            guard let hash = rsaHash(h) else { return false }
            return key.isValidSignature(sig, for: message, hash: hash, padding: .pkcs1v1_5)
        case .rsaPSS(let h, let salt):
            // RFC 4055 §3.1 as decoded by SignatureAlgorithm: MGF1 uses the same hash.
            guard let hash = rsaHash(h) else { return false }
            return key.isValidSignature(sig, for: message, hash: hash, padding: .pss(saltLength: salt, mgf1Hash: hash))
        default:
            return false
        }
    }

    private static func rsaHash(_ h: DigestAlgorithm) -> RSA.HashAlgorithm? {
        switch h {
        case .sha1: return nil
        case .sha256: return .sha256
        case .sha384: return .sha384
        case .sha512: return .sha512
        }
    }
}
