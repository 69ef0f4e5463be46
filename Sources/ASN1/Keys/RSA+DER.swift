// SPDX-License-Identifier: Apache-2.0
// DER/PEM forms of RSA keys (RFC 8017 App. A.1, RFC 5208, RFC 5280 §4.1.2.7) in swift-crypto's `_RSA` shape,
// and RSA as a certificate signer (sha256WithRSAEncryption, RFC 4055 §5).

import ContrastCrypto

// swift-crypto's choices: a public key's `derRepresentation` is SubjectPublicKeyInfo (`PUBLIC KEY`) and
// `pkcs1DERRepresentation` is `RSA PUBLIC KEY`; a private key's `derRepresentation` is PKCS#1
// (`RSA PRIVATE KEY`) and `pkcs8DERRepresentation` is `PRIVATE KEY`. The initialisers accept either form.

extension RSA.Signing.PublicKey {
    /// The key of an `rsaEncryption` SubjectPublicKeyInfo: the path X.509 signature verification takes.
    /// - Throws: `CryptoError.invalidEncoding` for another algorithm; `.invalidParameter` for a key outside
    ///   1024...8192 bits or with a bad exponent.
    public init(subjectPublicKeyInfo spki: SubjectPublicKeyInfo) throws(CryptoError) {
        let (n, e) = try RSAKeyDER.publicComponents(spki: spki)
        try self.init(n: n, e: e)
    }

    /// Decodes SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey` DER.
    /// - Throws: `CryptoError.invalidEncoding` or `.invalidParameter`.
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        let (n, e) = try RSAKeyDER.publicComponents(der: der)
        try self.init(n: n, e: e)
    }

    /// Decodes a `PUBLIC KEY` or `RSA PUBLIC KEY` PEM block.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try self.init(derRepresentation: try RSAKeyDER.pemBody(pem, labels: ["PUBLIC KEY", "RSA PUBLIC KEY"]))
    }

    /// SubjectPublicKeyInfo.
    public var publicKeyInfo: SubjectPublicKeyInfo { SubjectPublicKeyInfo(rsaModulus: n, publicExponent: e) }
    /// SubjectPublicKeyInfo DER.
    public var derRepresentation: [UInt8] { RSAKeyDER.spki(n: n, e: e) }
    /// `PUBLIC KEY` PEM.
    public var pemRepresentation: String { PEMDocument(type: "PUBLIC KEY", derBytes: derRepresentation).pemString }
    /// PKCS#1 `RSAPublicKey` DER.
    public var pkcs1DERRepresentation: [UInt8] { RSAKeyDER.pkcs1Public(n: n, e: e) }
    /// `RSA PUBLIC KEY` PEM.
    public var pkcs1PEMRepresentation: String {
        PEMDocument(type: "RSA PUBLIC KEY", derBytes: pkcs1DERRepresentation).pemString
    }
}

extension RSA.Encryption.PublicKey {
    /// The key of an `rsaEncryption` SubjectPublicKeyInfo.
    /// - Throws: `CryptoError.invalidEncoding` or `.invalidParameter` (see `init(n:e:)`).
    public init(subjectPublicKeyInfo spki: SubjectPublicKeyInfo) throws(CryptoError) {
        let (n, e) = try RSAKeyDER.publicComponents(spki: spki)
        try self.init(n: n, e: e)
    }

    /// Decodes SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey` DER.
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        let (n, e) = try RSAKeyDER.publicComponents(der: der)
        try self.init(n: n, e: e)
    }

    /// Decodes a `PUBLIC KEY` or `RSA PUBLIC KEY` PEM block.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try self.init(derRepresentation: try RSAKeyDER.pemBody(pem, labels: ["PUBLIC KEY", "RSA PUBLIC KEY"]))
    }

    /// SubjectPublicKeyInfo.
    public var publicKeyInfo: SubjectPublicKeyInfo { SubjectPublicKeyInfo(rsaModulus: n, publicExponent: e) }
    /// SubjectPublicKeyInfo DER.
    public var derRepresentation: [UInt8] { RSAKeyDER.spki(n: n, e: e) }
    /// `PUBLIC KEY` PEM.
    public var pemRepresentation: String { PEMDocument(type: "PUBLIC KEY", derBytes: derRepresentation).pemString }
    /// PKCS#1 `RSAPublicKey` DER.
    public var pkcs1DERRepresentation: [UInt8] { RSAKeyDER.pkcs1Public(n: n, e: e) }
    /// `RSA PUBLIC KEY` PEM.
    public var pkcs1PEMRepresentation: String {
        PEMDocument(type: "RSA PUBLIC KEY", derBytes: pkcs1DERRepresentation).pemString
    }
}

extension RSA.Signing.PrivateKey {
    /// Decodes PKCS#1 `RSAPrivateKey` or PKCS#8 `PrivateKeyInfo` DER; the components are checked for
    /// consistency by ContrastCrypto.
    /// - Throws: `CryptoError.invalidEncoding` for malformed DER; `.invalidParameter` for an inconsistent key or
    ///   a modulus outside 2048...4096 bits.
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        let k = try RSAKeyDER.privateKey(der: der)
        try self.init(
            n: k.modulus, e: k.publicExponent, d: k.privateExponent, p: k.prime1, q: k.prime2, dP: k.exponent1,
            dQ: k.exponent2, qInv: k.coefficient)
    }

    /// Decodes `RSA PRIVATE KEY` (PKCS#1) or `PRIVATE KEY` (PKCS#8) PEM.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try self.init(derRepresentation: try RSAKeyDER.pemBody(pem, labels: ["RSA PRIVATE KEY", "PRIVATE KEY"]))
    }

    /// PKCS#1 `RSAPrivateKey` DER (swift-crypto's `derRepresentation`).
    public var derRepresentation: [UInt8] { RSAKeyDER.pkcs1(components) }
    /// `RSA PRIVATE KEY` PEM.
    public var pemRepresentation: String { PEMDocument(type: "RSA PRIVATE KEY", derBytes: derRepresentation).pemString }
    /// PKCS#8 `PrivateKeyInfo` DER.
    public var pkcs8DERRepresentation: [UInt8] { RSAKeyDER.pkcs8(components) }
    /// `PRIVATE KEY` PEM.
    public var pkcs8PEMRepresentation: String { PEMDocument(type: "PRIVATE KEY", derBytes: pkcs8DERRepresentation).pemString }
}

extension RSA.Encryption.PrivateKey {
    /// Decodes PKCS#1 `RSAPrivateKey` or PKCS#8 `PrivateKeyInfo` DER (see `RSA.Signing.PrivateKey`).
    public init(derRepresentation der: some Collection<UInt8>) throws(CryptoError) {
        let k = try RSAKeyDER.privateKey(der: der)
        try self.init(
            n: k.modulus, e: k.publicExponent, d: k.privateExponent, p: k.prime1, q: k.prime2, dP: k.exponent1,
            dQ: k.exponent2, qInv: k.coefficient)
    }

    /// Decodes `RSA PRIVATE KEY` (PKCS#1) or `PRIVATE KEY` (PKCS#8) PEM.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try self.init(derRepresentation: try RSAKeyDER.pemBody(pem, labels: ["RSA PRIVATE KEY", "PRIVATE KEY"]))
    }

    /// PKCS#1 `RSAPrivateKey` DER.
    public var derRepresentation: [UInt8] { RSAKeyDER.pkcs1(components) }
    /// `RSA PRIVATE KEY` PEM.
    public var pemRepresentation: String { PEMDocument(type: "RSA PRIVATE KEY", derBytes: derRepresentation).pemString }
    /// PKCS#8 `PrivateKeyInfo` DER.
    public var pkcs8DERRepresentation: [UInt8] { RSAKeyDER.pkcs8(components) }
    /// `PRIVATE KEY` PEM.
    public var pkcs8PEMRepresentation: String { PEMDocument(type: "PRIVATE KEY", derBytes: pkcs8DERRepresentation).pemString }
}

extension RSA.Signing.PrivateKey: CertificateSigner {
    public var publicKeyInfo: SubjectPublicKeyInfo { publicKey.publicKeyInfo }
    /// sha256WithRSAEncryption (RFC 4055 §5), what `openssl req` and Go write by default for RSA keys.
    public var signatureAlgorithm: SignatureAlgorithm { .rsaPKCS1(.sha256) }
    public func certificateSignature(for message: [UInt8]) throws(X509Error) -> [UInt8] {
        do { return try signature(for: message, hash: .sha256, padding: .pkcs1v1_5).rawRepresentation } catch {
            throw X509Error(.signingFailed, "RSA signature: \(error)")
        }
    }
}
