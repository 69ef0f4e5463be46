// SPDX-License-Identifier: Apache-2.0
// The Coordinator CA (spec/upstream.md §5.3–5.4): seed-derived root, cross-signed mesh CA, workload certificates
// with classified SANs, EKUs and attestation extensions; accepted by our verifier and by `openssl verify` both ways.

#if canImport(Glibc)
import Glibc
#endif
import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import TestSupport
import Testing

/// 2026-11-29T06:00:00Z.
let caTestClock = FixedWallClock(secondsSinceEpoch: 1_796_018_400)

/// A CA from a fixed seed, with a fixed clock and deterministic randomness (tests only).
func makeTestCA(seedByte: UInt8 = 3, rngSeed: UInt64 = 11) throws -> (CoordinatorCA, DeterministicRandom) {
    let engine = try SeedEngine(seed: [UInt8](repeating: seedByte, count: 64), salt: [UInt8](repeating: 4, count: 32))
    var rng = DeterministicRandom(seed: rngSeed)
    let ca = try CoordinatorCA(rootKey: try engine.rootCAKey(), clock: caTestClock, random: &rng)
    return (ca, rng)
}

@Suite("Coordinator CA")
struct CoordinatorCATests {
    let now = ASN1Time(secondsSinceEpoch: caTestClock.secondsSinceEpoch())

    @Test("root, intermediate and mesh CA: names, keys, validity, CA constraints, P-384 with SHA-384")
    func caCertificates() throws {
        let engine = try SeedEngine(seed: [UInt8](repeating: 3, count: 64), salt: [UInt8](repeating: 4, count: 32))
        let (ca, _) = try makeTestCA()
        #expect(ca.root.subject.commonName == "system:coordinator:root" && ca.root.isSelfIssued)
        #expect(ca.root.publicKeyInfo == (try engine.rootCAKey()).publicKeyInfo)
        #expect(ca.intermediate.subject.commonName == "system:coordinator:intermediate" && ca.intermediate.issuer == ca.root.subject)
        #expect(ca.meshCA.subject == ca.intermediate.subject && ca.meshCA.isSelfIssued)
        #expect(ca.meshCA.publicKeyInfo == ca.intermediate.publicKeyInfo && ca.meshCA.publicKeyInfo == ca.meshCAKey.publicKeyInfo)
        for c in [ca.root, ca.intermediate, ca.meshCA] {
            #expect(c.signatureAlgorithm == .ecdsa(.sha384))
            #expect(c.notValidBefore == now.adding(seconds: -3600) && c.notValidAfter == now.addingYears(10))
            #expect(try c.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
            #expect(try c.extensions.keyUsage?.bits == [KeyUsage.digitalSignature, KeyUsage.keyCertSign])
            #expect(try c.extensions.extendedKeyUsage == nil)
        }
        // PEM forms as the API returns them.
        #expect(try Certificate(pemEncoded: ca.rootPEM) == ca.root)
        #expect(try Certificate(pemEncoded: ca.meshCAPEM) == ca.meshCA)
        // The same seed gives the same root key; a second CA (new SetManifest) gets a new mesh key and new serials.
        var rng = DeterministicRandom(seed: 12)
        let again = try CoordinatorCA(rootKey: try engine.rootCAKey(), clock: caTestClock, random: &rng)
        #expect(again.root.publicKeyInfo == ca.root.publicKeyInfo)
        #expect(again.meshCA.publicKeyInfo != ca.meshCA.publicKeyInfo)
        #expect(again.root.serialNumber != ca.root.serialNumber)
    }

    @Test("serials are random, non-negative and at most 128 bits")
    func serials() throws {
        var (ca, rng) = try makeTestCA()
        let key = try P256.Signing.PrivateKey(using: &rng)
        var seen = Set<[UInt8]>()
        for c in [ca.root, ca.intermediate, ca.meshCA] { seen.insert(c.serialNumber.bytes) }
        for _ in 0..<20 {
            let leaf = try ca.issueMeshCertificate(publicKeyInfo: key.publicKeyInfo, sans: ["w"], random: &rng)
            #expect(!leaf.serialNumber.isNegative && leaf.serialNumber.unsignedBytes.count <= 16)
            seen.insert(leaf.serialNumber.bytes)
        }
        #expect(seen.count == 23)
        // The serial comes from the injected random source: the same source state gives the same serial.
        var a = DeterministicRandom(seed: 77)
        var b = DeterministicRandom(seed: 77)
        let s1 = try ca.issueMeshCertificate(publicKeyInfo: key.publicKeyInfo, sans: ["w"], random: &a).serialNumber
        let s2 = try ca.issueMeshCertificate(publicKeyInfo: key.publicKeyInfo, sans: ["w"], random: &b).serialNumber
        #expect(s1 == s2)
    }

    @Test("workload certificate: CN = first DNS SAN, SANs classified, 1 year, KU, EKU client+server, claims, secret ID")
    func meshCertificate() throws {
        var (ca, rng) = try makeTestCA()
        let workload = try P256.Signing.PrivateKey(using: &rng)
        let claims = [
            AttestationClaim(platform: .snp, number: 2, value: .integer(ASN1Integer(7))),
            AttestationClaim(platform: .snp, number: 5, value: .boolean(false)),
            AttestationClaim(platform: .snp, number: 22, value: .bytes([UInt8](repeating: 0xAB, count: 48))),
        ]
        let leaf = try ca.issueMeshCertificate(
            publicKeyInfo: workload.publicKeyInfo,
            sans: ["10.0.0.7", "web", "spiffe://mesh/ns/web", "::1", "web.default.svc", "*", "::ffff:192.0.2.1"],
            claims: claims, workloadSecretID: "web-secret", random: &rng)
        #expect(leaf.subject.commonName == "web")
        #expect(leaf.issuer == ca.meshCA.subject)
        #expect(leaf.publicKeyInfo == workload.publicKeyInfo)
        #expect(leaf.signatureAlgorithm == .ecdsa(.sha384))
        #expect(leaf.notValidBefore == now.adding(seconds: -3600) && leaf.notValidAfter == now.addingYears(1))
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try leaf.extensions.keyUsage?.bits == [KeyUsage.digitalSignature])
        #expect(try leaf.extensions.extendedKeyUsage?.usages == [.ExtendedKeyUsage.clientAuth, .ExtendedKeyUsage.serverAuth])
        // Go writes DNS, then IP, then URI; IPv4-mapped IPv6 becomes 4 bytes.
        #expect(try leaf.extensions.subjectAlternativeNames?.names == [
            .dnsName("web"), .dnsName("web.default.svc"), .dnsName("*"),
            .ipAddress([10, 0, 0, 7]), .ipAddress([UInt8](repeating: 0, count: 15) + [1]), .ipAddress([192, 0, 2, 1]),
            .uri("spiffe://mesh/ns/web"),
        ])
        let att = try #require(try AttestationExtensions(leaf.extensions))
        #expect(att.claims == claims)
        #expect(att.workloadSecretID == "web-secret")
        // Claims and the secret ID are non-critical, after the standard extensions, secret ID last.
        let tail = leaf.extensions.all.suffix(4)
        #expect(tail.map(\.oid) == ["1.3.9901.2.1.2", "1.3.9901.2.1.5", "1.3.9901.2.1.22", "1.3.9901.3.1"])
        #expect(tail.allSatisfy { !$0.critical })
        // The workload secret ID extension is DER OCTET STRING of the UTF-8 ID.
        #expect(leaf.extensions[oid: .Contrast.workloadSecretID]?.value == [0x04, 10] + Array("web-secret".utf8))
        // upstream CertChain = leaf PEM ‖ intermediate PEM
        #expect(ca.chainPEM(for: leaf) == leaf.pemEncoded + ca.intermediate.pemEncoded)
    }

    @Test("no secret ID, no DNS SAN: no extension and an empty subject; non-IA5 names are refused")
    func edgeCases() throws {
        var (ca, rng) = try makeTestCA()
        let workload = try P256.Signing.PrivateKey(using: &rng)
        let leaf = try ca.issueMeshCertificate(publicKeyInfo: workload.publicKeyInfo, sans: ["10.1.1.1"], random: &rng)
        #expect(leaf.subject.commonName == nil)
        #expect(leaf.extensions[oid: .Contrast.workloadSecretID] == nil)
        #expect(try AttestationExtensions(leaf.extensions) == nil)
        #expect(throws: CAError.self) {
            try ca.issueMeshCertificate(publicKeyInfo: workload.publicKeyInfo, sans: ["wéb"], random: &rng)
        }
        struct FailingRandom: RandomSource {
            mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) { throw .randomSourceFailure }
        }
        var broken = FailingRandom()
        #expect(throws: CAError.randomSourceFailure) {
            try ca.issueMeshCertificate(publicKeyInfo: workload.publicKeyInfo, sans: ["w"], random: &broken)
        }
    }

    @Test("the workload certificate verifies against the mesh CA alone and via root → intermediate (our verifier)")
    func chainOurVerifier() throws {
        var (ca, rng) = try makeTestCA()
        let workload = try P256.Signing.PrivateKey(using: &rng)
        let leaf = try ca.issueMeshCertificate(publicKeyInfo: workload.publicKeyInfo, sans: ["web"], random: &rng)
        let policies: [any VerifierPolicy] = [
            SignaturePolicy(verifier: StandardSignatureVerifier()), ValidityPolicy(), BasicConstraintsPolicy(),
            ExtendedKeyUsagePolicy(.ExtendedKeyUsage.serverAuth),
        ]
        #expect(Verifier(roots: CertificateStore([ca.meshCA]), policies: policies).validate(leaf: leaf, intermediates: CertificateStore(), at: now).isValid)
        let viaRoot = Verifier(roots: CertificateStore([ca.root]), policies: policies)
            .validate(leaf: leaf, intermediates: CertificateStore([ca.intermediate]), at: now)
        #expect(viaRoot.isValid)
        // A new CA from the same seed (next SetManifest) has a new mesh key: its mesh CA does not accept the old
        // leaf (pinning to one manifest).
        var rng2 = DeterministicRandom(seed: 99)
        let next = try CoordinatorCA(rootKey: try SeedEngine(seed: [UInt8](repeating: 3, count: 64), salt: [UInt8](repeating: 4, count: 32)).rootCAKey(),
                                     clock: caTestClock, random: &rng2)
        #expect(!Verifier(roots: CertificateStore([next.meshCA]), policies: policies).validate(leaf: leaf, intermediates: CertificateStore(), at: now).isValid)
        // Another deployment (other seed, other mesh key) does not accept it.
        let (foreign, _) = try makeTestCA(seedByte: 9, rngSeed: 12)
        #expect(foreign.root.publicKeyInfo != ca.root.publicKeyInfo && foreign.meshCA.publicKeyInfo != ca.meshCA.publicKeyInfo)
        #expect(!Verifier(roots: CertificateStore([foreign.root]), policies: policies)
            .validate(leaf: leaf, intermediates: CertificateStore([foreign.intermediate]), at: now).isValid)
    }

    // Interop: enabled only when `openssl` is on PATH.
    @Test("openssl verify accepts the chain both ways (mesh CA alone; root → intermediate) and rejects a foreign root",
          .enabled(if: Subprocess.which("openssl") != nil, "openssl not on PATH"))
    func opensslVerify() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        var (ca, rng) = try makeTestCA()
        let workload = try P256.Signing.PrivateKey(using: &rng)
        let leaf = try ca.issueMeshCertificate(
            publicKeyInfo: workload.publicKeyInfo, sans: ["web", "10.0.0.7", "spiffe://mesh/web"],
            claims: [AttestationClaim(platform: .tdx, number: 14, value: .bytes([1, 2, 3]))], workloadSecretID: "web", random: &rng)
        let (foreign, _) = try makeTestCA(seedByte: 9, rngSeed: 12)
        let dir = temporaryDirectory("ca")
        defer { removeTree(dir) }
        try writeFile(dir + "/root.pem", Array(ca.rootPEM.utf8))
        try writeFile(dir + "/mesh.pem", Array(ca.meshCAPEM.utf8))
        try writeFile(dir + "/inter.pem", Array(ca.intermediatePEM.utf8))
        try writeFile(dir + "/leaf.pem", Array(leaf.pemEncoded.utf8))
        try writeFile(dir + "/chain.pem", Array(ca.chainPEM(for: leaf).utf8))
        try writeFile(dir + "/foreign.pem", Array(foreign.rootPEM.utf8))
        let at = String(caTestClock.secondsSinceEpoch())
        let purpose = ["-purpose", "sslserver"]
        let viaMesh = try Subprocess.run(openssl, ["verify", "-attime", at] + purpose + ["-CAfile", dir + "/mesh.pem", dir + "/leaf.pem"])
        #expect(viaMesh.status == 0, "\(viaMesh.stdout) \(viaMesh.stderr)")
        let viaRoot = try Subprocess.run(
            openssl, ["verify", "-attime", at] + purpose + ["-CAfile", dir + "/root.pem", "-untrusted", dir + "/inter.pem", dir + "/leaf.pem"])
        #expect(viaRoot.status == 0, "\(viaRoot.stdout) \(viaRoot.stderr)")
        // upstream's CertChain file (leaf ‖ intermediate) as the untrusted bundle
        let viaChain = try Subprocess.run(
            openssl, ["verify", "-attime", at, "-purpose", "sslclient", "-CAfile", dir + "/root.pem", "-untrusted", dir + "/chain.pem", dir + "/leaf.pem"])
        #expect(viaChain.status == 0, "\(viaChain.stdout) \(viaChain.stderr)")
        let foreignRoot = try Subprocess.run(
            openssl, ["verify", "-attime", at, "-CAfile", dir + "/foreign.pem", "-untrusted", dir + "/inter.pem", dir + "/leaf.pem"])
        #expect(foreignRoot.status != 0)
        let expired = try Subprocess.run(
            openssl, ["verify", "-attime", String(caTestClock.secondsSinceEpoch() + 400 * 86_400), "-CAfile", dir + "/mesh.pem", dir + "/leaf.pem"])
        #expect(expired.status != 0, "the workload certificate is valid for one year")
        // openssl sees the SANs and the EKUs.
        let text = try Subprocess.run(openssl, ["x509", "-noout", "-text", "-in", dir + "/leaf.pem"])
        #expect(text.stdout.contains("DNS:web, IP Address:10.0.0.7, URI:spiffe://mesh/web"), "\(text.stdout)")
        #expect(text.stdout.contains("TLS Web Client Authentication, TLS Web Server Authentication"))
        #expect(text.stdout.contains("1.3.9901.2.2.14"))
        #expect(text.stdout.contains("1.3.9901.3.1"))
    }
}
