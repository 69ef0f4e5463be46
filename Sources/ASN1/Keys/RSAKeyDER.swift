// SPDX-License-Identifier: Apache-2.0
// Shared RSA key encoding logic: SPKI `rsaEncryption` (RFC 3279 §2.3.1, RFC 5280 §4.1.2.7), PKCS#1
// RSAPublicKey / RSAPrivateKey (RFC 8017 App. A.1), PKCS#8 PrivateKeyInfo (RFC 5208 §5).

import ContrastCrypto

/// Algorithm-level parts of the RSA DER forms; the per-type extensions in `RSA+DER.swift` call these.
/// Every public-key path goes through `SubjectPublicKeyInfo.publicKey` (X.509's decoder) or
/// `PKCS1RSAPublicKey`, which that decoder also uses: one parser for RSA public keys.
enum RSAKeyDER {
    /// The `rsaEncryption` AlgorithmIdentifier with NULL parameters (RFC 3279 §2.3.1, as OpenSSL and Go write it).
    static var algorithm: AlgorithmIdentifier {
        AlgorithmIdentifier(algorithm: .Algorithm.rsaEncryption, parameters: ASN1Any(ASN1Null()))
    }

    /// `(n, e)` of an `rsaEncryption` SubjectPublicKeyInfo.
    /// - Throws: `CryptoError.invalidEncoding` for another algorithm or a malformed key.
    static func publicComponents(spki: SubjectPublicKeyInfo) throws(CryptoError) -> (n: [UInt8], e: [UInt8]) {
        guard case .rsa(let n, let e) = spki.publicKey else { throw .invalidEncoding }
        return (n, e)
    }

    /// `(n, e)` from SubjectPublicKeyInfo DER or, failing that, PKCS#1 `RSAPublicKey` DER (swift-crypto accepts
    /// both in `init(derRepresentation:)`). The two are told apart by their first element: an
    /// AlgorithmIdentifier SEQUENCE or the modulus INTEGER.
    /// - Throws: `CryptoError.invalidEncoding` for non-DER input, trailing bytes, or anything but an RSA key.
    static func publicComponents(der: some Collection<UInt8>) throws(CryptoError) -> (n: [UInt8], e: [UInt8]) {
        let bytes = Array(der)
        if let spki = try? SubjectPublicKeyInfo(derEncoded: bytes) { return try publicComponents(spki: spki) }
        guard let pkcs1 = try? PKCS1RSAPublicKey(derEncoded: bytes[...]) else { throw .invalidEncoding }
        return (pkcs1.modulus, pkcs1.publicExponent)
    }

    /// The PKCS#1 `RSAPrivateKey` inside PKCS#1 or PKCS#8 DER. For PKCS#8 the algorithm must be `rsaEncryption`
    /// with NULL or absent parameters.
    /// - Throws: `CryptoError.invalidEncoding`.
    /// - CT: DER parsing branches on the encoded lengths of the integers only (public: they are the length of
    ///   the encoding); the key's consistency is checked in constant time by ContrastCrypto.
    static func privateKey(der: some Collection<UInt8>) throws(CryptoError) -> PKCS1RSAPrivateKey {
        let bytes = Array(der)
        if let pkcs1 = try? PKCS1RSAPrivateKey(derEncoded: bytes[...]) { return pkcs1 }
        guard let p8 = try? PKCS8PrivateKey(derEncoded: bytes[...]),
            p8.algorithm.algorithm == .Algorithm.rsaEncryption, p8.algorithm.hasAbsentOrNullParameters,
            let inner = try? PKCS1RSAPrivateKey(derEncoded: p8.privateKey[...])
        else { throw .invalidEncoding }
        return inner
    }

    /// PKCS#1 `RSAPrivateKey` DER of raw components (fixed-width values are stripped to minimal INTEGERs).
    /// - CT: the encoding's length reveals the byte lengths of the components, which DER makes public anyway.
    static func pkcs1(_ c: RSA.PrivateKeyComponents) -> [UInt8] {
        PKCS1RSAPrivateKey(
            modulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q, exponent1: c.dP,
            exponent2: c.dQ, coefficient: c.qInv
        ).derBytes()
    }

    /// PKCS#8 `PrivateKeyInfo` DER wrapping the PKCS#1 form (as `openssl genpkey` and Go's
    /// `x509.MarshalPKCS8PrivateKey` write it).
    static func pkcs8(_ c: RSA.PrivateKeyComponents) -> [UInt8] {
        PKCS8PrivateKey(algorithm: algorithm, privateKey: pkcs1(c)).derBytes()
    }

    /// SubjectPublicKeyInfo DER.
    static func spki(n: [UInt8], e: [UInt8]) -> [UInt8] {
        SubjectPublicKeyInfo(rsaModulus: n, publicExponent: e).derEncoded
    }

    /// PKCS#1 `RSAPublicKey` DER.
    static func pkcs1Public(n: [UInt8], e: [UInt8]) -> [UInt8] {
        PKCS1RSAPublicKey(modulus: n, publicExponent: e).derBytes()
    }

    /// DER bytes of the single PEM block, whose label must be one of `labels`.
    static func pemBody(_ pem: String, labels: [String]) throws(CryptoError) -> [UInt8] {
        try ECKeyDER.pemBody(pem, labels: labels)
    }
}
