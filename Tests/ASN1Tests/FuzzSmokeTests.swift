// SPDX-License-Identifier: Apache-2.0
// Parsing never traps: seeded random and mutated inputs go through every parser (Go TestFuzz style).

import ContrastASN1
import ContrastCrypto
import TestSupport
import Testing

@Suite("Fuzz smoke")
struct FuzzSmokeTests {
    /// Runs every public parser on `bytes`; only errors may come out.
    static func exercise(_ bytes: [UInt8]) {
        _ = try? DER.parse(bytes)
        if let c = try? Certificate(derEncoded: bytes) {
            try? decodeAllExtensions(c)
            _ = c.reencoded()
            // Policies read the same fields: name constraints of a (possibly mangled) CA over itself.
            _ = NameConstraintsPolicy().check(chain: [c, c], at: testNow)
            _ = StandardSignatureVerifier().isValidSignature(
                c.signature, over: c.tbsCertificateBytes, algorithm: c.signatureAlgorithm, publicKey: c.publicKeyInfo)
        }
        _ = try? CertificateRevocationList(derEncoded: bytes)
        _ = try? SEC1PrivateKey(derEncoded: bytes[...])
        _ = try? PKCS8PrivateKey(derEncoded: bytes[...])
        _ = try? PKCS1RSAPrivateKey(derEncoded: bytes[...])
        _ = try? PKCS1RSAPublicKey(derEncoded: bytes[...])
        // The key types' DER initialisers (container parsing, then ContrastCrypto's own checks).
        _ = try? RSA.Signing.PublicKey(derRepresentation: bytes)
        _ = try? RSA.Encryption.PublicKey(derRepresentation: bytes)
        _ = try? RSA.Signing.PrivateKey(derRepresentation: bytes)
        _ = try? P256.Signing.PublicKey(derRepresentation: bytes)
        _ = try? P384.Signing.PrivateKey(derRepresentation: bytes)
        _ = try? P384.Signing.ECDSASignature(derRepresentation: bytes)
        _ = try? SubjectPublicKeyInfo(derEncoded: bytes[...]).publicKey
        _ = try? ECDSASigValue.rawRepresentation(fromDER: bytes, coordinateByteCount: 48)
        _ = try? PEMDocument.parseMultiple(String(decoding: bytes, as: UTF8.self))
        _ = try? DistinguishedName(derEncoded: bytes[...])
        _ = try? GeneralName(derEncoded: bytes[...])
        let ext = Extension(oid: .X509ExtensionID.subjectAlternativeName, critical: false, value: bytes)
        for oid in [
            ASN1ObjectIdentifier.X509ExtensionID.subjectAlternativeName, .X509ExtensionID.nameConstraints,
            .X509ExtensionID.crlDistributionPoints, .X509ExtensionID.certificatePolicies, .X509ExtensionID.basicConstraints,
            .X509ExtensionID.authorityKeyIdentifier, .X509ExtensionID.authorityInformationAccess, .AMD.hwid, .AMD.blSPL,
            "1.3.9901.2.1.5", .Contrast.workloadSecretID,
        ] {
            if let exts = try? Extensions([Extension(oid: oid, critical: false, value: ext.value)]) {
                try? decodeAllExtensions(exts)
            }
        }
    }

    @Test("random inputs")
    func random() {
        var rng = DeterministicRandom(seed: 42)
        for _ in 0..<500 {
            let n = Int(rng.next() % 200)
            Self.exercise(rng.bytes(n))
        }
    }

    @Test("mutations of real certificates and CRLs", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func mutations() throws {
        let seeds = try [
            loadCertificates("x509/cryptography-vectors/custom/san_email_dns_ip_dirname_uri.pem")[0].derBytes,
            loadCertificates("x509/cryptography-vectors/custom/nc_permitted_excluded.pem")[0].derBytes,
            loadCertificates("snp/reports/oak_turin/vcek.der")[0].derBytes,
            CertificateRevocationList.parse(try VectorLocator.readShared("tdx/go-tdx-guest/pckcrl")).derBytes,
            try PEMDocument(pemString: rsaTestKeyPEM).derBytes,  // PKCS#8 RSA private key
            try RSA.Signing.PrivateKey(pemRepresentation: rsaTestKeyPEM).publicKey.derRepresentation,
        ]
        var rng = DeterministicRandom(seed: 7)
        for seed in seeds {
            for _ in 0..<100 {
                var b = seed
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let i = Int(rng.next() % UInt64(b.count))
                    switch rng.next() % 3 {
                    case 0: b[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                    case 1: b.remove(at: i)
                    default: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: i)
                    }
                }
                Self.exercise(b)
            }
        }
    }
}
