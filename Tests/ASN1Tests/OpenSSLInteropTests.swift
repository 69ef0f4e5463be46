// SPDX-License-Identifier: Apache-2.0
// Certificates built here with real P-384/P-256 keys are accepted by `openssl verify` and parsed by
// `openssl x509 -text` (interop; enabled only when openssl is installed).

import ContrastASN1
import ContrastCrypto
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

private func writeFile(_ path: String, _ text: String) throws {
    guard let f = fopen(path, "wb") else { throw VectorError.missing(path) }
    defer { fclose(f) }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
}

@Suite("OpenSSL interop")
struct OpenSSLInteropTests {
    // Runs only when `openssl` is installed (Subprocess.which("openssl") != nil).
    @Test("openssl verify accepts the Coordinator PKI built here (both paths) and x509 -text parses it",
          .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed"))
    func opensslVerify() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        var rng = DeterministicRandom(seed: 99)
        let rootKey = try P384.Signing.PrivateKey(using: &rng)
        let meshKey = try P384.Signing.PrivateKey(using: &rng)
        let workload = try P256.Signing.PrivateKey(using: &rng)
        let now = ASN1Time(year: 2026, month: 11, day: 29, hour: 6)
        let root = try ContrastProfiles.rootCA(signer: rootKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: now)
        let inter = try ContrastProfiles.intermediateCA(
            meshCAKey: meshKey.publicKeyInfo, root: root, rootSigner: rootKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: now)
        let mesh = try ContrastProfiles.meshCA(meshSigner: meshKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: now)
        let leaf = try ContrastProfiles.meshLeaf(
            publicKeyInfo: workload.publicKeyInfo, dnsNames: ["web.default.svc"], ipAddresses: [[127, 0, 0, 1]], uris: [],
            claims: [AttestationClaim(platform: .snp, number: 1, value: .integer(ASN1Integer(2)))], workloadSecretID: "web",
            meshCA: mesh, meshSigner: meshKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: now)
        let atls = try ContrastProfiles.attestedTLS(
            signer: workload, attestation: (.Contrast.tdxAttestation, [1, 2, 3]), serial: ASN1Integer(5), now: now)

        // Our own verifier accepts both paths with real signatures.
        let policies: [any VerifierPolicy] = [SignaturePolicy(verifier: StandardSignatureVerifier()), ValidityPolicy(), BasicConstraintsPolicy()]
        #expect(Verifier(roots: CertificateStore([mesh]), policies: policies).validate(leaf: leaf, intermediates: CertificateStore(), at: now).isValid)
        #expect(Verifier(roots: CertificateStore([root]), policies: policies).validate(leaf: leaf, intermediates: CertificateStore([inter]), at: now).isValid)
        #expect(Verifier(roots: CertificateStore([atls]), policies: policies).validate(leaf: atls, intermediates: CertificateStore(), at: now).isValid)

        let dir = "/tmp/contrast-asn1-interop-\(getpid())"
        _ = mkdir(dir, 0o700)
        for (name, c) in [("root", root), ("inter", inter), ("mesh", mesh), ("leaf", leaf), ("atls", atls)] {
            try writeFile("\(dir)/\(name).pem", c.pemEncoded)
            let text = try Subprocess.run(openssl, ["x509", "-noout", "-text", "-in", "\(dir)/\(name).pem"])
            #expect(text.status == 0, "\(name): \(text.stderr)")
        }
        let at = String(now.secondsSinceEpoch)
        let viaRoot = try Subprocess.run(
            openssl, ["verify", "-attime", at, "-CAfile", "\(dir)/root.pem", "-untrusted", "\(dir)/inter.pem", "\(dir)/leaf.pem"])
        #expect(viaRoot.status == 0, "\(viaRoot.stdout) \(viaRoot.stderr)")
        let viaMesh = try Subprocess.run(openssl, ["verify", "-attime", at, "-CAfile", "\(dir)/mesh.pem", "\(dir)/leaf.pem"])
        #expect(viaMesh.status == 0, "\(viaMesh.stdout) \(viaMesh.stderr)")
        let selfSigned = try Subprocess.run(openssl, ["verify", "-attime", at, "-CAfile", "\(dir)/atls.pem", "\(dir)/atls.pem"])
        #expect(selfSigned.status == 0, "\(selfSigned.stdout) \(selfSigned.stderr)")
        // openssl reads our SEC 1 and PKCS#8 keys.
        try writeFile("\(dir)/key.pem", rootKey.sec1PEMRepresentation)
        try writeFile("\(dir)/key8.pem", rootKey.pemRepresentation)
        for k in ["key.pem", "key8.pem"] {
            let r = try Subprocess.run(openssl, ["pkey", "-in", "\(dir)/\(k)", "-pubout"])
            #expect(r.stdout == rootKey.publicKey.pemRepresentation, "\(k)")
        }
        for f in ["root", "inter", "mesh", "leaf", "atls", "key", "key8"] { _ = unlink("\(dir)/\(f).pem") }
        _ = rmdir(dir)
    }
}
