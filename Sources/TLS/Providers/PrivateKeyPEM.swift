// SPDX-License-Identifier: Apache-2.0
// Private keys from PEM: SEC 1 "EC PRIVATE KEY" (RFC 5915 §3) and PKCS#8 "PRIVATE KEY" (RFC 5208 §5) for P-256/P-384.

import ContrastASN1
import ContrastCrypto

/// Loads CertificateVerify signing keys.
public enum TLSPrivateKeys {
    /// The first private key in `pem`. Supports EC keys on P-256 and P-384.
    public static func signingKey(pem: String) throws(TLSError) -> any TLSSigningKey {
        let docs: [PEMDocument]
        do { docs = try PEMDocument.parseMultiple(pem) } catch { throw .internal("key PEM: \(error)") }
        for doc in docs {
            switch doc.type {
            case "EC PRIVATE KEY": return try ecPrivateKey(doc.derBytes, curve: nil)
            case "PRIVATE KEY": return try pkcs8(doc.derBytes)
            default: continue
            }
        }
        throw .internal("no supported private key in PEM (need EC PRIVATE KEY or PRIVATE KEY)")
    }

    static func children(_ node: ASN1Node) throws(TLSError) -> [ASN1Node] {
        guard case .constructed(let c) = node.content else { throw .internal("key DER: expected a SEQUENCE") }
        return Array(c)
    }

    /// PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING }
    static func pkcs8(_ der: [UInt8]) throws(TLSError) -> any TLSSigningKey {
        do {
            let top = try children(try DER.parse(der))
            guard top.count >= 3, top[1].identifier == .sequence, top[2].identifier == .octetString else {
                throw TLSError.internal("PKCS#8: bad structure")
            }
            let alg = try children(top[1])
            guard alg.count == 2, try ASN1ObjectIdentifier(derEncoded: alg[0]) == .Algorithm.ecPublicKey else {
                throw TLSError.internal("PKCS#8: only EC keys are supported")
            }
            let curve = try ASN1ObjectIdentifier(derEncoded: alg[1])
            return try ecPrivateKey(Array(try top[2].primitiveContent()), curve: curve)
        } catch let e as TLSError {
            throw e
        } catch {
            throw .internal("PKCS#8: \(error)")
        }
    }

    /// ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }
    static func ecPrivateKey(_ der: [UInt8], curve outer: ASN1ObjectIdentifier?) throws(TLSError) -> any TLSSigningKey {
        do {
            let fields = try children(try DER.parse(der))
            guard fields.count >= 2, fields[1].identifier == .octetString else {
                throw TLSError.internal("ECPrivateKey: bad structure")
            }
            let scalar = Array(try fields[1].primitiveContent())
            var curve = outer
            for f in fields.dropFirst(2) where f.identifier == .contextSpecific(0) {
                if let inner = try children(f).first { curve = try ASN1ObjectIdentifier(derEncoded: inner) }
            }
            switch curve {
            case .NamedCurve.p256?: return ECDSASigningKey(p256: try P256.Signing.PrivateKey(rawRepresentation: scalar))
            case .NamedCurve.p384?: return ECDSASigningKey(p384: try P384.Signing.PrivateKey(rawRepresentation: scalar))
            default: throw TLSError.internal("ECPrivateKey: unsupported curve")
            }
        } catch let e as TLSError {
            throw e
        } catch {
            throw .internal("ECPrivateKey: \(error)")
        }
    }
}

/// Extracting the end-entity key that CertificateVerify is checked against.
public enum TLSPublicKeys {
    /// The subject public key of `certificate` (DER) as a CertificateVerify verifier.
    public static func leafKey(certificate der: [UInt8]) throws(TLSError) -> any TLSPublicKey {
        let cert: Certificate
        do { cert = try Certificate(derEncoded: der) } catch { throw .invalidMessage(.badCertificateEncoding) }
        switch cert.publicKeyInfo.publicKey {
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
