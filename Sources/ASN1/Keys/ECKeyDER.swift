// SPDX-License-Identifier: Apache-2.0
// Shared EC key encoding logic: SPKI (RFC 5480 §2), SEC 1 ECPrivateKey (RFC 5915), PKCS#8 (RFC 5208) for a curve.

import ContrastCrypto

/// Curve-independent parts of the EC DER forms; the per-curve extensions call these.
enum ECKeyDER {
    /// SPKI DER for an uncompressed point.
    static func spki(curve: ASN1ObjectIdentifier, x963: [UInt8]) -> [UInt8] {
        SubjectPublicKeyInfo(ecCurve: curve, x963Point: x963).derEncoded
    }

    /// The point of an EC SPKI on `curve`.
    /// - Throws: `CryptoError.invalidEncoding` for other algorithms, curves or malformed DER.
    static func point(fromSPKI der: some Collection<UInt8>, curve: ASN1ObjectIdentifier) throws(CryptoError) -> [UInt8] {
        guard let spki = try? SubjectPublicKeyInfo(derEncoded: Array(der)[...]),
            case .ec(let c, let point) = spki.publicKey, c == curve
        else { throw .invalidEncoding }
        return point
    }

    /// The scalar from SEC 1 ECPrivateKey or PKCS#8 PrivateKeyInfo DER; the curve must match when present,
    /// and an embedded public key must match the scalar (checked by the caller via `publicX963`).
    static func scalar(fromPrivateDER der: some Collection<UInt8>, curve: ASN1ObjectIdentifier) throws(CryptoError)
        -> (scalar: [UInt8], publicKey: [UInt8]?)
    {
        let bytes = Array(der)
        var sec1Bytes = bytes
        if let p8 = try? PKCS8PrivateKey(derEncoded: bytes[...]) {
            guard p8.algorithm.algorithm == .Algorithm.ecPublicKey, let params = p8.algorithm.parameters,
                (try? ASN1ObjectIdentifier(derEncoded: params.node())) == curve
            else { throw .invalidEncoding }
            sec1Bytes = p8.privateKey
        }
        guard let key = try? SEC1PrivateKey(derEncoded: sec1Bytes[...]), key.curve == nil || key.curve == curve else {
            throw .invalidEncoding
        }
        return (key.privateKey, key.publicKey)
    }

    /// SEC 1 ECPrivateKey DER with curve and public key (as Go's `x509.MarshalECPrivateKey` writes it).
    /// - CT: copies the scalar; no branch depends on its value.
    static func sec1(scalar: [UInt8], curve: ASN1ObjectIdentifier, x963: [UInt8]) -> [UInt8] {
        SEC1PrivateKey(privateKey: scalar, curve: curve, publicKey: x963).derBytes()
    }

    /// PKCS#8 PrivateKeyInfo DER wrapping the SEC 1 form (as `x509.MarshalPKCS8PrivateKey` writes it, without
    /// repeating the curve inside).
    static func pkcs8(scalar: [UInt8], curve: ASN1ObjectIdentifier, x963: [UInt8]) -> [UInt8] {
        PKCS8PrivateKey(
            algorithm: AlgorithmIdentifier(algorithm: .Algorithm.ecPublicKey, parameters: ASN1Any(curve)),
            privateKey: SEC1PrivateKey(privateKey: scalar, curve: nil, publicKey: x963).derBytes()
        ).derBytes()
    }

    /// DER bytes of a PEM block with one of `labels`.
    static func pemBody(_ pem: String, labels: [String]) throws(CryptoError) -> [UInt8] {
        guard let doc = try? PEMDocument(pemString: pem), labels.contains(doc.type) else { throw .invalidEncoding }
        return doc.derBytes
    }
}
