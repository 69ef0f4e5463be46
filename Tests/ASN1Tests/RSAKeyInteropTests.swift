// SPDX-License-Identifier: Apache-2.0
// RSA key files from elsewhere: OpenSSL-generated 2048/4096-bit keys (sign/verify both ways, PEM byte equality),
// Wycheproof's key fields, the RFC 8448 and Illustrated TLS 1.3 server keys.

import ContrastASN1
import ContrastCrypto
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

private func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
    guard let f = fopen(path, "wb") else { throw VectorError.missing(path) }
    defer { fclose(f) }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
}

private func hexField(_ v: JSONValue?, _ what: String) throws -> [UInt8] {
    guard let s = v?.string else { throw VectorError.missing(what) }
    return try [UInt8](hexString: s)
}

/// Big-endian magnitude without leading zeros.
private func magnitude(_ b: [UInt8]) -> [UInt8] { Array(b.drop { $0 == 0 }) }

@Suite("RSA key interop")
struct RSAKeyInteropTests {
    // Runs only when `openssl` is installed (Subprocess.which("openssl") != nil).
    @Test("openssl genpkey keys (2048, 4096) parse; PEM forms match openssl's; signatures verify both ways",
          .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed"),
          arguments: [2048, 4096])
    func opensslKeys(bits: Int) throws {
        let openssl = try #require(Subprocess.which("openssl"))
        let dir = "/tmp/contrast-asn1-rsa-\(getpid())-\(bits)"
        _ = mkdir(dir, 0o700)
        defer {
            for f in ["k.pem", "k1.pem", "pub.pem", "pub1.pem", "ours.pem", "msg", "sig", "osig", "cert.pem"] {
                unlink("\(dir)/\(f)")
            }
            rmdir(dir)
        }
        let gen = try Subprocess.run(
            openssl, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", "\(dir)/k.pem"])
        try #require(gen.status == 0, "\(gen.stderr)")
        let pkcs8PEM = String(decoding: try VectorLocator.read("\(dir)/k.pem"), as: UTF8.self)
        let key = try RSA.Signing.PrivateKey(pemRepresentation: pkcs8PEM)
        #expect(key.keySizeInBits == bits)
        #expect(key.pkcs8PEMRepresentation == pkcs8PEM)

        // PKCS#1 private, SPKI and PKCS#1 public as openssl writes them: ours are byte-identical.
        let trad = try Subprocess.run(openssl, ["rsa", "-traditional", "-in", "\(dir)/k.pem"])
        #expect(trad.status == 0 && trad.stdout == key.pemRepresentation)
        #expect(try RSA.Signing.PrivateKey(pemRepresentation: trad.stdout).derRepresentation == key.derRepresentation)
        let spki = try Subprocess.run(openssl, ["pkey", "-pubout", "-in", "\(dir)/k.pem"])
        #expect(spki.status == 0 && spki.stdout == key.publicKey.pemRepresentation)
        let pkcs1 = try Subprocess.run(openssl, ["rsa", "-RSAPublicKey_out", "-in", "\(dir)/k.pem"])
        #expect(pkcs1.status == 0 && pkcs1.stdout == key.publicKey.pkcs1PEMRepresentation)
        try writeBytes("\(dir)/pub.pem", Array(key.publicKey.pemRepresentation.utf8))
        try writeBytes("\(dir)/pub1.pem", Array(key.publicKey.pkcs1PEMRepresentation.utf8))

        // openssl accepts our PKCS#1 private key file.
        try writeBytes("\(dir)/ours.pem", Array(key.pemRepresentation.utf8))
        let check = try Subprocess.run(openssl, ["rsa", "-check", "-noout", "-in", "\(dir)/ours.pem"])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")

        // We sign, openssl verifies (PKCS#1 v1.5 and PSS with salt = digest length).
        let msg = Array("interop message \(bits)".utf8)
        try writeBytes("\(dir)/msg", msg)
        for (padding, opts) in [
            (RSA.Signing.Padding.pkcs1v1_5, [String]()),
            (.pss(), ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]),
        ] {
            let sig = try key.signature(for: msg, hash: .sha256, padding: padding)
            try writeBytes("\(dir)/sig", sig.rawRepresentation)
            let v = try Subprocess.run(
                openssl, ["dgst", "-sha256"] + opts + ["-verify", "\(dir)/pub.pem", "-signature", "\(dir)/sig", "\(dir)/msg"])
            #expect(v.status == 0, "\(padding): \(v.stdout) \(v.stderr)")
            // openssl signs, we verify (key read back from openssl's PKCS#1 public key file).
            let s = try Subprocess.run(
                openssl, ["dgst", "-sha256"] + opts + ["-sign", "\(dir)/k.pem", "-out", "\(dir)/osig", "\(dir)/msg"])
            #expect(s.status == 0, "\(s.stderr)")
            let theirs = RSA.Signing.RSASignature(rawRepresentation: try VectorLocator.read("\(dir)/osig"))
            let pub = try RSA.Signing.PublicKey(pemRepresentation: pkcs1.stdout)
            #expect(pub.isValidSignature(theirs, for: msg, hash: .sha256, padding: padding))
            #expect(!pub.isValidSignature(theirs, for: msg + [1], hash: .sha256, padding: padding))
        }

        // A self-signed RSA certificate built here is accepted by `openssl verify`.
        let name = try DistinguishedName(commonName: "RSA interop \(bits)")
        let now = ASN1Time(year: 2026, month: 11, day: 29, hour: 6)
        var rng = DeterministicRandom(seed: UInt64(bits))
        let cert = try CertificateBuilder(
            serialNumber: try CertificateBuilder.randomSerial(using: &rng), issuer: name, subject: name,
            notValidBefore: now.adding(seconds: -60), notValidAfter: now.adding(seconds: 86_400), publicKeyInfo: key.publicKeyInfo,
            extensions: [
                BasicConstraints.isCertificateAuthority(maxPathLength: nil).makeExtension(critical: true),
                KeyUsage(bits: [KeyUsage.keyCertSign, KeyUsage.digitalSignature]).makeExtension(critical: true),
            ]
        ).sign(with: key)
        try writeBytes("\(dir)/cert.pem", Array(cert.pemEncoded.utf8))
        let verify = try Subprocess.run(
            openssl, ["verify", "-attime", String(now.secondsSinceEpoch), "-CAfile", "\(dir)/cert.pem", "\(dir)/cert.pem"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    @Test("Wycheproof RSA key fields: SPKI, PKCS#1 and PKCS#8 decode to the listed numbers and re-encode exactly",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproofKeys() throws {
        let dir = try VectorLocator.sharedPath("wycheproof/testvectors_v1")
        let files = VectorLocator.list(dir).filter { $0.hasPrefix("rsa_") && $0.hasSuffix("_test.json") }.sorted()
        #expect(files.count == 19)
        var publicKeys = 0
        var privateKeys = 0
        for file in files {
            let json = try JSONValue.parse(try VectorLocator.read("\(dir)/\(file)"))
            for (g, group) in (json["testGroups"]?.array ?? []).enumerated() {
                let label = "\(file) group \(g)"
                if let pk = group["publicKey"] {
                    let n = magnitude(try hexField(pk["modulus"], "\(label) modulus"))
                    let e = magnitude(try hexField(pk["publicExponent"], "\(label) publicExponent"))
                    let spki = try hexField(group["publicKeyDer"], "\(label) publicKeyDer")
                    let asn = try hexField(group["publicKeyAsn"], "\(label) publicKeyAsn")
                    let key = try RSA.Signing.PublicKey(derRepresentation: spki)
                    #expect(key.n == n && key.e == e, "\(label)")
                    #expect(key.derRepresentation == spki, "\(label)")
                    #expect(key.pkcs1DERRepresentation == asn, "\(label)")
                    #expect(try RSA.Signing.PublicKey(derRepresentation: asn).n == n, "\(label)")
                    let pem = try #require(group["publicKeyPem"]?.string, "\(label)")
                    #expect(try RSA.Signing.PublicKey(pemRepresentation: pem).derRepresentation == spki, "\(label)")
                    publicKeys += 1
                }
                if let sk = group["privateKey"] {
                    let p8 = try hexField(group["privateKeyPkcs8"], "\(label) privateKeyPkcs8")
                    let key = try RSA.Encryption.PrivateKey(derRepresentation: p8)
                    let c = key.components
                    for (field, mine) in [
                        ("modulus", c.n), ("publicExponent", c.e), ("privateExponent", c.d), ("prime1", c.p),
                        ("prime2", c.q), ("exponent1", c.dP), ("exponent2", c.dQ), ("coefficient", c.qInv),
                    ] {
                        #expect(magnitude(mine) == magnitude(try hexField(sk[field], "\(label) \(field)")), "\(label) \(field)")
                    }
                    #expect(key.pkcs8DERRepresentation == p8, "\(label)")
                    let pem = try #require(group["privateKeyPem"]?.string, "\(label)")
                    #expect(try RSA.Encryption.PrivateKey(pemRepresentation: pem).pkcs8DERRepresentation == p8, "\(label)")
                    privateKeys += 1
                }
            }
        }
        #expect(publicKeys == 21)
        #expect(privateKeys == 3)
    }

    @Test("RFC 8448 (RSA-1024, PKCS#8) and Illustrated TLS 1.3 (RSA-2048, PKCS#1) server keys match their certificates",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tlsServerKeys() throws {
        // Illustrated TLS 1.3: a PKCS#1 PEM whose public half is the server certificate's SPKI.
        let pem = String(decoding: try VectorLocator.readShared("tls/illustrated-tls13/server.key"), as: UTF8.self)
        let key = try RSA.Signing.PrivateKey(pemRepresentation: pem)
        #expect(key.derRepresentation == (try PEMDocument(pemString: pem)).derBytes)
        let crt = try PEMDocument.parseMultiple(
            String(decoding: try VectorLocator.readShared("tls/illustrated-tls13/server.crt"), as: UTF8.self))
        let cert = try Certificate(derEncoded: try #require(crt.first).derBytes)
        #expect(cert.publicKeyInfo.derEncoded == key.publicKey.derRepresentation)

        // RFC 8448: a 1024-bit key. The containers decode and re-encode; the key type refuses to sign with it
        // (private keys must be 2048–4096 bits) but its public half verifies (legacy sizes are allowed there).
        let rfcPEM = String(decoding: try VectorLocator.readShared("tls/rfc8448/rfc8448_server_rsa_key.pem"), as: UTF8.self)
        let doc = try PEMDocument(pemString: rfcPEM)
        #expect(doc.type == "PRIVATE KEY")
        let p8 = try PKCS8PrivateKey(derEncoded: doc.derBytes[...])
        #expect(p8.derBytes() == doc.derBytes)
        let inner = try PKCS1RSAPrivateKey(derEncoded: p8.privateKey[...])
        #expect(inner.derBytes() == p8.privateKey)
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PrivateKey(pemRepresentation: rfcPEM) }
        let rfcCert = try Certificate(derEncoded: try VectorLocator.readShared("tls/rfc8448/rfc8448_server_cert.der"))
        #expect(rfcCert.publicKeyInfo.publicKey == .rsa(modulus: inner.modulus, exponent: inner.publicExponent))
        #expect(try RSA.Signing.PublicKey(subjectPublicKeyInfo: rfcCert.publicKeyInfo).keySizeInBits == 1024)
    }
}
