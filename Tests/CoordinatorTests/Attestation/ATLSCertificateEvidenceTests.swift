// SPDX-License-Identifier: Apache-2.0
// `contrast report inspect` on an aTLS certificate (upstream.md §7.2, §7.4): the attestation document in extension
// 1.3.9901.2.1 / 1.3.9901.2.2 is detected in PEM and DER and printed with the certificate around it.

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("aTLS certificate evidence", .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed (simulated ARK keys)"))
struct ATLSCertificateEvidenceTests {
    static let now = SimulatedIssuerTests.now

    /// A self-signed aTLS certificate carrying `document` under `oid`, built with CertificateBuilder.
    static func certificate(oid: ASN1ObjectIdentifier?, document: [UInt8]) throws -> Certificate {
        var rng = DeterministicRandom(seed: 74)
        let key = try P256.Signing.PrivateKey(using: &rng)
        let name = try DistinguishedName(commonName: "Contrast")
        let builder = CertificateBuilder(
            serialNumber: ASN1Integer(0x1234), issuer: name, subject: name, notValidBefore: now.adding(seconds: -7200),
            notValidAfter: now.adding(seconds: 7200), publicKeyInfo: key.publicKeyInfo,
            extensions: oid.map { [Extension(oid: $0, critical: false, value: document)] } ?? [])
        return try builder.sign(with: key)
    }

    static func simulatedDocument(reportData: [UInt8]) throws -> (SNPReport, [UInt8]) {
        let platform = try #require(SimulatedIssuerTests.platform)
        let issuer = SimulatedSNPIssuer(platform: platform, measurement: [UInt8](repeating: 0x42, count: 48))
        let doc = try issuer.issue(reportData: reportData)
        return (try SNPAttestationDocument(protobuf: doc).report, doc)
    }

    @Test("PEM and DER aTLS certificates with an SNP document are detected; the document verifies")
    func detectsSNPDocument() throws {
        let (_, doc) = try Self.simulatedDocument(reportData: [UInt8](repeating: 9, count: 64))
        let cert = try Self.certificate(oid: .Contrast.snpAttestation, document: doc)
        for bytes in [cert.derBytes, Array(cert.pemEncoded.utf8)] {
            let e = try Evidence.detect(bytes)
            guard case .atlsCertificate(let info, .snpDocument(let d)) = e else {
                Issue.record("not detected as an aTLS certificate: \(e.kind)")
                continue
            }
            #expect(info.extensionOID == "1.3.9901.2.1")
            #expect(info.subject.contains("Contrast"))
            #expect(d.report.reportData == [UInt8](repeating: 9, count: 64))
            #expect(e.kind == "aTLS certificate carrying a SEV-SNP attestation document (sevsnp.Attestation)")
            #expect(e.fields.map(\.name) == ["certificate", "evidence"])
            var roots = AMDRootPins.amd
            try #require(SimulatedIssuerTests.platform).trust(in: &roots)
            #expect(SNPVerifier(roots: roots).verify(d, at: Self.now).isVerified)
        }
    }

    @Test("a certificate without an attestation extension, or with a broken document, is an error that says so")
    func rejects() throws {
        let plain = try Self.certificate(oid: nil, document: [])
        #expect(throws: AttestationError.self) { try Evidence.detect(plain.derBytes) }
        do { _ = try Evidence.detect(plain.derBytes) } catch { #expect(error.reason.contains("carries no attestation document"), "\(error)") }
        let broken = try Self.certificate(oid: .Contrast.tdxAttestation, document: [0x0A, 0x05, 0x08])
        #expect(throws: AttestationError.self) { try Evidence.detect(broken.derBytes) }
        do { _ = try Evidence.detect(broken.derBytes) } catch { #expect(error.reason.contains("extension 1.3.9901.2.2"), "\(error)") }
    }

    @Test("`contrast report inspect` prints the certificate and every report field; `verify` checks the document")
    func cli() throws {
        let bin = try #require(Subprocess.builtProduct("contrast"), "the contrast binary is built next to the tests")
        let (report, doc) = try Self.simulatedDocument(reportData: [UInt8](repeating: 0xAB, count: 64))
        let cert = try Self.certificate(oid: .Contrast.snpAttestation, document: doc)
        let path = "/tmp/contrast-atls-\(getpid()).pem"
        let text = Array(cert.pemEncoded.utf8)
        let f = try #require(fopen(path, "w"))
        _ = fwrite(text, 1, text.count, f)
        fclose(f)
        defer { unlink(path) }
        let r = try Subprocess.run(bin, ["report", "inspect", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("# aTLS certificate carrying a SEV-SNP attestation document"))
        #expect(r.stdout.contains("extension_oid: 1.3.9901.2.1"))
        #expect(r.stdout.contains(String(repeating: "ab", count: 64)))
        #expect(r.stdout.contains(report.measurement.hexString))
        let j = try Subprocess.run(bin, ["report", "inspect", "--json", path])
        #expect(j.status == 0 && j.stdout.contains("\"certificate\":{\"subject\":"))
        // verify: the simulated ARK is not trusted by the CLI, so the chain is rejected with the pin message.
        let v = try Subprocess.run(bin, ["report", "verify", "--at", "2026-11-29T01:00:00Z", path])
        #expect(v.status == 1)
        #expect(v.stdout.contains("not a trusted AMD root key for Milan"), "\(v.stdout)")
    }
}
