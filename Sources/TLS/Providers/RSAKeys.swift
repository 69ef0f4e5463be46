// SPDX-License-Identifier: Apache-2.0
// RSA CertificateVerify keys: rsa_pss_rsae_sha256/384/512 (RFC 8446 §4.2.3), sign and verify.

import ContrastCrypto

/// The RSASSA-PSS parameters TLS 1.3 fixes for a scheme (RFC 8446 §4.2.3): the scheme's hash for the message
/// and MGF1, salt as long as the digest. rsa_pkcs1_* are for certificates only and never appear here.
enum RSAPSSScheme {
    static let all: [SignatureScheme] = [.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512]

    static func hash(_ scheme: SignatureScheme) -> RSA.HashAlgorithm? {
        switch scheme {
        case .rsaPSSRSAESHA256: return .sha256
        case .rsaPSSRSAESHA384: return .sha384
        case .rsaPSSRSAESHA512: return .sha512
        default: return nil
        }
    }

    static func padding(_ hash: RSA.HashAlgorithm) -> RSA.Signing.Padding {
        .pss(saltLength: hash.byteCount, mgf1Hash: hash)
    }
}

/// An RSA signing key (2048–4096 bits) for CertificateVerify with rsa_pss_rsae_* (the key is an rsaEncryption key).
public struct RSASigningKey: TLSSigningKey {
    let key: RSA.Signing.PrivateKey

    public init(_ key: RSA.Signing.PrivateKey) { self.key = key }

    /// SHA-256 first: every TLS 1.3 peer must support rsa_pss_rsae_sha256 (RFC 8446 §9.1).
    public var signatureSchemes: [SignatureScheme] { RSAPSSScheme.all }

    /// - CT: ContrastCrypto's private-key operation (blinded CRT, fixed window); the salt comes from `random`.
    public func sign(_ message: [UInt8], scheme: SignatureScheme, random: inout any RandomSource) throws(TLSError) -> [UInt8] {
        guard let hash = RSAPSSScheme.hash(scheme) else { throw .internal("RSA key asked for \(scheme)") }
        do {
            return try key.signature(for: message, hash: hash, padding: RSAPSSScheme.padding(hash), using: &random)
                .rawRepresentation
        } catch {
            throw .internal("RSA-PSS signing failed: \(error)")
        }
    }

    /// The matching public key as a CertificateVerify verifier.
    public var publicKey: any TLSPublicKey { RSAPublicKey(key.publicKey) }
}

/// A peer's RSA public key, verifying rsa_pss_rsae_* CertificateVerify signatures.
public struct RSAPublicKey: TLSPublicKey {
    let key: RSA.Signing.PublicKey

    public init(_ key: RSA.Signing.PublicKey) { self.key = key }

    /// Smallest modulus accepted from a peer: 1024-bit RSA has been factorable in practice for years
    /// (NIST SP 800-131A rev. 2 disallows < 2048 bits for signatures).
    public static let minimumBits = 2048

    /// From the big-endian modulus and exponent of an rsaEncryption SubjectPublicKeyInfo.
    public init(modulus: [UInt8], exponent: [UInt8]) throws(TLSError) {
        let parsed: RSA.Signing.PublicKey
        do { parsed = try RSA.Signing.PublicKey(n: modulus, e: exponent) } catch {
            throw .badCertificate("unsupported RSA public key (\(error))")
        }
        guard parsed.keySizeInBits >= Self.minimumBits else {
            throw .badCertificate("RSA key of \(parsed.keySizeInBits) bits is below the \(Self.minimumBits)-bit minimum")
        }
        key = parsed
    }

    public var signatureSchemes: [SignatureScheme] { RSAPSSScheme.all }

    /// VARTIME: public inputs only.
    public func isValidSignature(_ signature: [UInt8], scheme: SignatureScheme, message: [UInt8]) -> Bool {
        guard let hash = RSAPSSScheme.hash(scheme) else { return false }
        return key.isValidSignature(
            RSA.Signing.RSASignature(rawRepresentation: signature), for: message, hash: hash,
            padding: RSAPSSScheme.padding(hash))
    }
}
