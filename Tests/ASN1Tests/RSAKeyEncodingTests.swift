// SPDX-License-Identifier: Apache-2.0
// RSA key encodings (RFC 8017 App. A.1, RFC 5208, RFC 5280 §4.1.2.7): round trips, strict rejection, the one
// SPKI path shared with X.509, and the Wycheproof / RFC 8448 / Illustrated TLS 1.3 key files.

import ContrastASN1
import ContrastCrypto
import TestSupport
import Testing

/// A 2048-bit key made for these tests with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`
/// (PKCS#8 PEM exactly as OpenSSL 3.0 writes it, final newline included).
let rsaTestKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCibUsFohTJBT1j
2hhbo+5NRshQYZ4NLwWT/73fIh8FGHur9ayerSvEWkn4ff2q5AqbOOKpIVswvOwH
ucM7DZBgNzAvEnb8b7ByoLZ0uUL1cELuAPmPP0hXwNgdhMGHr1AstTj2wiFRKrA8
DfR6bMtnBVquB8r2ofuOIEXXS0k3WqBnDZN8yz3EJ12H3rfM7m5QCOqE+hl2jRhc
J7ty6idpueFKG7wvTRGSUKgtLZmSm0+32Pu/p4VsHNmAWO+ajyVSPQ92x7fDhQdI
n/A7hXXStvGJ3BE8lqALajDcVgjCDn3cKZ+00w0c3craOBbsxKqBgEpCLQKW4K4A
Yswwsa1DAgMBAAECggEAIc9yUGfev8Fxd/mMHHdRQZC8Xc8UIVZqaNZRZcMqhdsE
01S+bAFMHQFWaH2BcjMp6gm7VM12t/x7fVgzxXUbWoviYcoMLpvpNNMzZ7SwtXp6
1CQrzp+zpWClG+/ogSADJmtKwkLCwKyMJtQY0esXpAg/Sf6hRxmMzZb2MsyfHwBO
+EMlMKalmTwNvB/p0uCAuIatuPoTwywU9cdAY3ZuwjnF2rgHmTO0m2qMxhgNj1jt
2nQ3ceBZpX1kQaaMwm3YhP+qPEXZwO1J9KIAk2HEzpiPxjl/uAy3L7d8wQn5L1Pd
I20GjgzWEFNDO96RKsdtKGLKewDl04/4m3ETYAWYwQKBgQDkQA9B6vCIp7yQyZRj
/vAgG85GueGjAfcWYVY8TTbxvBORivROQ1k9bWROM4nT3mHeWL2N2JEVWZ8tPQob
4Jm/lli5lPzrdkc/2L0EhRm3GNF2eZNu0YQx1ZpS5uLzER5uvEh/3koLcCbXl0y3
ebtldunH7OAPt31vTmKaGo4p8QKBgQC2LJVasZI66Ws7Yb6//f1WVDeFIwjpM8XI
TAgjjs80KisFKb6i7hrTv3RvlL2QC7NIswaGvx7txF59QR2w6qmkSFR+MQ5tvwQm
9I9Q8hbFXMGE2DAz5cDQiKFuoaqWz7srP6pKrazYvnEmi5VemTG6vhmzpyruD1s1
xh+YCbw2cwKBgQDMZnWDYWJv7k5WFr7VYZsmFeB+w71FXeAo4Zf5PmiCyBt6DcbE
Q1mqQck+ora9zfs0w6FUYmlihjSerXfdCSCGSpw/7SUls3EQwwZaAtvJdOc3Qp59
8hCBFDk0HmGErILlRaVjJOyIG7IdBPgFonTn4zpt+DmauYYR5E82k6tV8QKBgGlM
YdP3Wbe1nebH+9LLw7g3m5PYCVmKNGMvF3E+JaRYT19/npJcoKMOQgYQ6nUtXibC
XB5csErsu1UY40mUihPMPxJl1po20/aUW5aFKAZSNAVOVKZawdWHdBAXYBwl3GEG
Pq9FrefmRE7sVZ1FXUo8gWynTpglxinR6AcgcWrjAoGBANBS2NQZBW1X5ycKHonw
UexNYGqQS4KGu1C7j8ZoKnoGNT1WROBTBmP82Lk4cZqXARt5Dq/RfDwrEFtBQgAm
McZIc9ESqpgsTCUloYgtl2Ee1oMYZTACPGqkp3DRUArcDRTVty3xjhAnmCDDY5kl
JTkhqa98XgXoUrQhZHtV4wIL
-----END PRIVATE KEY-----
""" + "\n"

@Suite("RSA key encodings")
struct RSAKeyEncodingTests {
    func testKey() throws -> RSA.Signing.PrivateKey { try RSA.Signing.PrivateKey(pemRepresentation: rsaTestKeyPEM) }

    @Test("PKCS#8 from OpenSSL re-encodes byte-identically; PKCS#1, SPKI and PEM forms round-trip")
    func roundTrips() throws {
        let key = try testKey()
        #expect(key.keySizeInBits == 2048)
        #expect(key.pkcs8PEMRepresentation == rsaTestKeyPEM)
        let p8 = try PEMDocument(pemString: rsaTestKeyPEM)
        #expect(key.pkcs8DERRepresentation == p8.derBytes)
        #expect(try PKCS8PrivateKey(derEncoded: p8.derBytes[...]).privateKey == key.derRepresentation)

        for der in [key.derRepresentation, key.pkcs8DERRepresentation] {
            let again = try RSA.Signing.PrivateKey(derRepresentation: der)
            #expect(again.derRepresentation == key.derRepresentation)
            let enc = try RSA.Encryption.PrivateKey(derRepresentation: der)
            #expect(enc.pkcs8DERRepresentation == key.pkcs8DERRepresentation)
        }
        for pem in [key.pemRepresentation, key.pkcs8PEMRepresentation] {
            #expect(try RSA.Signing.PrivateKey(pemRepresentation: pem).derRepresentation == key.derRepresentation)
        }
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))

        let pub = key.publicKey
        #expect(pub.derRepresentation.count == 294)  // SPKI of a 2048-bit key with e = 65537
        #expect(Array(pub.derRepresentation.suffix(pub.pkcs1DERRepresentation.count)) == pub.pkcs1DERRepresentation)
        for der in [pub.derRepresentation, pub.pkcs1DERRepresentation] {
            let p = try RSA.Signing.PublicKey(derRepresentation: der)
            #expect(p.n == pub.n && p.e == pub.e)
            let e = try RSA.Encryption.PublicKey(derRepresentation: der)
            #expect(e.derRepresentation == pub.derRepresentation && e.pkcs1DERRepresentation == pub.pkcs1DERRepresentation)
        }
        for pem in [pub.pemRepresentation, pub.pkcs1PEMRepresentation] {
            #expect(try RSA.Signing.PublicKey(pemRepresentation: pem).derRepresentation == pub.derRepresentation)
        }
        #expect(pub.pkcs1PEMRepresentation.hasPrefix("-----BEGIN RSA PUBLIC KEY-----\n"))

        // The decoded keys work: sign with the re-read private key, verify with the re-read public key.
        let msg = Array("round trip".utf8)
        let signer = try RSA.Signing.PrivateKey(derRepresentation: key.derRepresentation)
        let verifier = try RSA.Signing.PublicKey(pemRepresentation: pub.pkcs1PEMRepresentation)
        for padding in [RSA.Signing.Padding.pkcs1v1_5, .pss()] {
            let sig = try signer.signature(for: msg, hash: .sha256, padding: padding)
            #expect(verifier.isValidSignature(sig, for: msg, hash: .sha256, padding: padding))
            #expect(!verifier.isValidSignature(sig, for: msg + [0], hash: .sha256, padding: padding))
        }
        let enc = try RSA.Encryption.PublicKey(derRepresentation: pub.derRepresentation)
        let dec = try RSA.Encryption.PrivateKey(pemRepresentation: key.pkcs8PEMRepresentation)
        let ct = try enc.encrypt(msg, padding: .oaepSHA256)
        #expect(try dec.decrypt(ct, padding: .oaepSHA256) == msg)
    }

    @Test("truncated, extended and malformed DER is rejected with typed errors")
    func rejectsMalformed() throws {
        let key = try testKey()
        let pub = key.publicKey
        // Every strict prefix and one trailing byte, for all four containers.
        for der in [key.derRepresentation, key.pkcs8DERRepresentation] {
            for n in 0..<der.count {
                #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PrivateKey(derRepresentation: der[0..<n]) }
            }
            #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PrivateKey(derRepresentation: der + [0]) }
            #expect(throws: CryptoError.invalidEncoding) { try RSA.Encryption.PrivateKey(derRepresentation: der + [0]) }
        }
        for der in [pub.derRepresentation, pub.pkcs1DERRepresentation] {
            for n in 0..<der.count {
                #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PublicKey(derRepresentation: der[0..<n]) }
            }
            #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PublicKey(derRepresentation: der + [0]) }
            #expect(throws: CryptoError.invalidEncoding) { try RSA.Encryption.PublicKey(derRepresentation: der + [0]) }
        }
        // The wire structs say why.
        let pkcs1 = key.derRepresentation
        #expect(throws: ASN1Error(.truncated, "")) { try PKCS1RSAPrivateKey(derEncoded: pkcs1.dropLast()) }
        #expect(throws: ASN1Error(.trailingBytes, "")) { try PKCS1RSAPrivateKey(derEncoded: (pkcs1 + [0])[...]) }
        #expect(throws: ASN1Error(.truncated, "")) { try PKCS1RSAPublicKey(derEncoded: pub.pkcs1DERRepresentation.dropLast()) }

        let k = try PKCS1RSAPrivateKey(derEncoded: pkcs1[...])
        // A negative modulus, a multi-prime version, and a non-minimal INTEGER.
        let negative = PKCS1RSAPublicKey(modulus: [0x01], publicExponent: [0x03]).derBytes()
        var neg = negative
        neg[neg.count - 4] = 0xFF  // modulus 0x01 → 0xFF (negative)
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PublicKey(derRepresentation: neg) }
        var v1 = pkcs1
        let versionIndex = pkcs1[1] == 0x82 ? 6 : 4  // SEQUENCE header, then 02 01 00
        #expect(v1[versionIndex] == 0)
        v1[versionIndex] = 1
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PrivateKey(derRepresentation: v1) }
        #expect(throws: ASN1Error(.invalidInteger, "")) {
            try PKCS1RSAPublicKey(derEncoded: [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x03][...])
        }
        // Well-formed DER that is not a consistent key: p changed.
        var p = k.prime1
        p[p.count - 1] ^= 2
        let inconsistent = PKCS1RSAPrivateKey(
            modulus: k.modulus, publicExponent: k.publicExponent, privateExponent: k.privateExponent, prime1: p,
            prime2: k.prime2, exponent1: k.exponent1, exponent2: k.exponent2, coefficient: k.coefficient)
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PrivateKey(derRepresentation: inconsistent.derBytes()) }
        // Other algorithms and labels.
        var rng = DeterministicRandom(seed: 5)
        let ec = try P256.Signing.PrivateKey(using: &rng)
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PublicKey(derRepresentation: ec.publicKey.derRepresentation) }
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PrivateKey(derRepresentation: ec.derRepresentation) }
        #expect(throws: CryptoError.invalidEncoding) { try P256.Signing.PrivateKey(derRepresentation: key.pkcs8DERRepresentation) }
        #expect(throws: CryptoError.invalidEncoding) { try P256.Signing.PublicKey(derRepresentation: pub.derRepresentation) }
        let wrongLabel = PEMDocument(type: "CERTIFICATE", derBytes: pkcs1).pemString
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PrivateKey(pemRepresentation: wrongLabel) }
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PublicKey(pemRepresentation: key.pemRepresentation) }
        // A PKCS#8 wrapper that claims EC but holds an RSA key.
        let mislabelled = PKCS8PrivateKey(
            algorithm: AlgorithmIdentifier(algorithm: .Algorithm.ecPublicKey, parameters: ASN1Any(ASN1ObjectIdentifier.NamedCurve.p256)),
            privateKey: pkcs1)
        #expect(throws: CryptoError.invalidEncoding) { try RSA.Signing.PrivateKey(derRepresentation: mislabelled.derBytes()) }
    }

    @Test("X.509 and the verifier read RSA keys through the same SPKI decoder")
    func onePathWithX509() throws {
        let key = try testKey()
        let name = try DistinguishedName(commonName: "RSA test")
        let now = ASN1Time(year: 2026, month: 6, day: 1, hour: 12)
        var rng = DeterministicRandom(seed: 7)
        let cert = try CertificateBuilder(
            serialNumber: try CertificateBuilder.randomSerial(using: &rng), issuer: name, subject: name,
            notValidBefore: now.adding(seconds: -60), notValidAfter: now.adding(seconds: 3600),
            publicKeyInfo: key.publicKeyInfo,
            extensions: [BasicConstraints.isCertificateAuthority(maxPathLength: nil).makeExtension(critical: true)]
        ).sign(with: key)
        #expect(cert.publicKeyInfo.derEncoded == key.publicKey.derRepresentation)
        #expect(cert.publicKeyInfo.publicKey == .rsa(modulus: key.publicKey.n, exponent: key.publicKey.e))
        #expect(try RSA.Signing.PublicKey(subjectPublicKeyInfo: cert.publicKeyInfo).derRepresentation == key.publicKey.derRepresentation)
        #expect(try Certificate(derEncoded: cert.derBytes).derBytes == cert.derBytes)

        let policies: [any VerifierPolicy] = [SignaturePolicy(verifier: StandardSignatureVerifier()), ValidityPolicy(), BasicConstraintsPolicy()]
        let verifier = Verifier(roots: CertificateStore([cert]), policies: policies)
        #expect(verifier.validate(leaf: cert, intermediates: CertificateStore(), at: now).isValid)
        // A key the RSA code refuses (even modulus) fails in both places.
        var n = key.publicKey.n
        n[n.count - 1] &= 0xFE
        let even = SubjectPublicKeyInfo(rsaModulus: n, publicExponent: key.publicKey.e)
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(subjectPublicKeyInfo: even) }
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(derRepresentation: even.derEncoded) }
        let sv = StandardSignatureVerifier()
        #expect(!sv.isValidSignature(cert.signature, over: cert.tbsCertificateBytes, algorithm: cert.signatureAlgorithm, publicKey: even))
        #expect(sv.isValidSignature(cert.signature, over: cert.tbsCertificateBytes, algorithm: cert.signatureAlgorithm, publicKey: key.publicKeyInfo))
    }
}
