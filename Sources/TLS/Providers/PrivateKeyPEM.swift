// SPDX-License-Identifier: Apache-2.0
// TLS signing keys from PEM and verification keys from certificates, through ContrastASN1's key encodings
// (SEC 1 "EC PRIVATE KEY", RFC 5915 §3; PKCS#8 "PRIVATE KEY", RFC 5208 §5; SubjectPublicKeyInfo, RFC 5280).

import ContrastASN1
import ContrastCrypto

/// Loads CertificateVerify signing keys.
public enum TLSPrivateKeys {
    /// The first private key in `pem`: EC on P-256 or P-384 (SEC 1 or PKCS#8), or RSA of 2048–4096 bits
    /// (PKCS#1 "RSA PRIVATE KEY" or PKCS#8), which signs with rsa_pss_rsae_*.
    public static func signingKey(pem: String) throws(TLSError) -> any TLSSigningKey {
        let docs: [PEMDocument]
        do { docs = try PEMDocument.parseMultiple(pem) } catch { throw .internal("key PEM: \(error)") }
        for doc in docs {
            switch doc.type {
            case "EC PRIVATE KEY": return try ecPrivateKey(der: doc.derBytes)
            case "RSA PRIVATE KEY": return try rsaPrivateKey(der: doc.derBytes)
            case "PRIVATE KEY":
                if let k = try? ecPrivateKey(der: doc.derBytes) { return k }
                return try rsaPrivateKey(der: doc.derBytes)
            default: continue
            }
        }
        throw .internal("no supported private key in PEM (need EC PRIVATE KEY, RSA PRIVATE KEY or PRIVATE KEY)")
    }

    /// An RSA key from PKCS#1 or PKCS#8 DER (`RSA.Signing.PrivateKey(derRepresentation:)`).
    static func rsaPrivateKey(der: [UInt8]) throws(TLSError) -> any TLSSigningKey {
        do { return RSASigningKey(try RSA.Signing.PrivateKey(derRepresentation: der)) } catch {
            throw .internal("private key: not a P-256/P-384 or 2048–4096-bit RSA key (\(error))")
        }
    }

    /// A P-256 or P-384 key from SEC 1 or PKCS#8 DER (`P256/P384.Signing.PrivateKey(derRepresentation:)`,
    /// which check the curve and any embedded public key).
    static func ecPrivateKey(der: [UInt8]) throws(TLSError) -> any TLSSigningKey {
        if let k = try? P256.Signing.PrivateKey(derRepresentation: der) { return ECDSASigningKey(p256: k) }
        if let k = try? P384.Signing.PrivateKey(derRepresentation: der) { return ECDSASigningKey(p384: k) }
        throw .internal("private key: not a P-256 or P-384 key in SEC 1 or PKCS#8 form")
    }
}

/// Extracting the end-entity key that CertificateVerify is checked against.
public enum TLSPublicKeys {
    /// The subject public key of `certificate` (DER) as a CertificateVerify verifier.
    public static func leafKey(certificate der: [UInt8]) throws(TLSError) -> any TLSPublicKey {
        let cert: Certificate
        do { cert = try Certificate(derEncoded: der) } catch { throw .invalidMessage(.badCertificateEncoding) }
        return try leafKey(publicKeyInfo: cert.publicKeyInfo)
    }

    /// The key of an already parsed certificate (verifiers that parsed the chain do not parse the leaf again).
    public static func leafKey(publicKeyInfo: SubjectPublicKeyInfo) throws(TLSError) -> any TLSPublicKey {
        switch publicKeyInfo.publicKey {
        case .ec(let curve, let point):
            switch curve {
            case .NamedCurve.p256: return try ECDSAPublicKey(x963Representation: point, group: .secp256r1)
            case .NamedCurve.p384: return try ECDSAPublicKey(x963Representation: point, group: .secp384r1)
            default: throw .badCertificate("unsupported EC curve \(curve)")
            }
        case .rsa(let modulus, let exponent):
            return try RSAPublicKey(modulus: modulus, exponent: exponent)
        case .unknown(let oid):
            throw .badCertificate("unsupported public key \(oid)")
        }
    }

    /// Certificates (DER) from PEM text, in file order.
    public static func certificates(pem: String) throws(TLSError) -> [[UInt8]] {
        do {
            let docs = try PEMDocument.parseMultiple(pem).filter { $0.type == "CERTIFICATE" }
            guard !docs.isEmpty else { throw TLSError.internal("no CERTIFICATE in PEM") }
            return docs.map(\.derBytes)
        } catch let e as TLSError {
            throw e
        } catch {
            throw .internal("certificate PEM: \(error)")
        }
    }
}

/// Ready-made certificate verifiers.
public enum CertificateVerifiers {
    /// Accepts any chain and returns its leaf key: the handshake is authenticated to *some* key holder only.
    /// For `contrast tls client` without `--ca` (it prints the chain) and for attested TLS, where the caller's
    /// callback judges the certificate itself (wrap this and inspect `context.chain`).
    public static let acceptAnyLeaf: CertificateVerifier = { context throws(TLSError) in
        guard let leaf = context.chain.first else { throw .badCertificate("empty chain") }
        return try TLSPublicKeys.leafKey(certificate: leaf)
    }
}
