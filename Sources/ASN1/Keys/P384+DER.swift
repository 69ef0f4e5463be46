// SPDX-License-Identifier: Apache-2.0
// DER/PEM forms of P-384 keys and signatures (RFC 5480, RFC 5915, RFC 5208, ECDSA-Sig-Value) and P-384 as a
// certificate signer (ecdsa-with-SHA384, RFC 5758 §3.2).

import ContrastCrypto

extension P384.Signing.PublicKey {
    /// Decodes a SubjectPublicKeyInfo.
    /// - Throws: `CryptoError.invalidEncoding` or `.invalidPoint`.
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        try self.init(x963Representation: try ECKeyDER.point(fromSPKI: der, curve: .NamedCurve.p384))
    }

    /// Decodes a `PUBLIC KEY` PEM block.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try self.init(derRepresentation: try ECKeyDER.pemBody(pem, labels: ["PUBLIC KEY"]))
    }

    /// SubjectPublicKeyInfo DER.
    public var derRepresentation: [UInt8] { ECKeyDER.spki(curve: .NamedCurve.p384, x963: x963Representation) }
    /// `PUBLIC KEY` PEM.
    public var pemRepresentation: String { PEMDocument(type: "PUBLIC KEY", derBytes: derRepresentation).pemString }
}

extension P384.Signing.PrivateKey {
    /// Decodes SEC 1 `ECPrivateKey` or PKCS#8 `PrivateKeyInfo` DER; an embedded public key must match.
    /// - Throws: `CryptoError.invalidEncoding` or `.invalidScalar`.
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        let (scalar, pub) = try ECKeyDER.scalar(fromPrivateDER: der, curve: .NamedCurve.p384)
        try self.init(rawRepresentation: scalar)
        if let pub, pub != publicKey.x963Representation { throw .invalidEncoding }  // public: consistency check
    }

    /// Decodes `EC PRIVATE KEY` (SEC 1) or `PRIVATE KEY` (PKCS#8) PEM.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try self.init(derRepresentation: try ECKeyDER.pemBody(pem, labels: ["EC PRIVATE KEY", "PRIVATE KEY"]))
    }

    /// PKCS#8 DER (swift-crypto's `derRepresentation`).
    public var derRepresentation: [UInt8] {
        ECKeyDER.pkcs8(scalar: rawRepresentation, curve: .NamedCurve.p384, x963: publicKey.x963Representation)
    }
    /// `PRIVATE KEY` PEM.
    public var pemRepresentation: String { PEMDocument(type: "PRIVATE KEY", derBytes: derRepresentation).pemString }
    /// SEC 1 `ECPrivateKey` DER (Go's `x509.MarshalECPrivateKey`; upstream's seed-engine vectors use it).
    public var sec1DERRepresentation: [UInt8] {
        ECKeyDER.sec1(scalar: rawRepresentation, curve: .NamedCurve.p384, x963: publicKey.x963Representation)
    }
    /// `EC PRIVATE KEY` PEM.
    public var sec1PEMRepresentation: String { PEMDocument(type: "EC PRIVATE KEY", derBytes: sec1DERRepresentation).pemString }
}

extension P384.Signing.ECDSASignature {
    /// Decodes DER `ECDSA-Sig-Value`.
    /// - Throws: `CryptoError.invalidEncoding` for non-DER input or out-of-width integers.
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        guard let raw = try? ECDSASigValue.rawRepresentation(fromDER: der, coordinateByteCount: 48) else {
            throw .invalidEncoding
        }
        try self.init(rawRepresentation: raw)
    }

    /// DER `ECDSA-Sig-Value`.
    public var derRepresentation: [UInt8] { ECDSASigValue.derRepresentation(fromRaw: rawRepresentation) }
}

extension P384.Signing.PrivateKey: CertificateSigner {
    public var publicKeyInfo: SubjectPublicKeyInfo {
        SubjectPublicKeyInfo(ecCurve: .NamedCurve.p384, x963Point: publicKey.x963Representation)
    }
    public var signatureAlgorithm: SignatureAlgorithm { .ecdsa(.sha384) }
    public func certificateSignature(for message: [UInt8]) throws(X509Error) -> [UInt8] {
        signature(for: message).derRepresentation
    }
}
