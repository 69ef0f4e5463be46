// SPDX-License-Identifier: Apache-2.0
// SEV-SNP evidence verification on every real sample: VCEK/VLEK ← ASK/ASVK ← pinned ARK (RSA-PSS SHA-384), AMD names
// and extensions, report signature; fake VCEKs, wrong product lines and tampered certificates fail (upstream.md §8.2).

import ContrastASN1
import ContrastCoordinator
import Testing
import TestSupport

@Suite("SEV-SNP verification")
struct SNPVerificationTests {
    /// Inside every sample's certificate validity (the VLEK expires 2025-12-10, the GCP VCEK starts 2025-12-05).
    static let pinnedTime = ASN1Time(year: 2025, month: 12, day: 7)

    static func certificates(_ s: SNPSample) throws -> [Certificate] {
        try Certificate.parseAll(AttestationSamples.readSNP(s.signerCert)) + Certificate.parseAll(AttestationSamples.readSNP(s.chain))
    }

    static func document(_ s: SNPSample) throws -> SNPAttestationDocument {
        let report = try SNPReport(bytes: AttestationSamples.readSNP(s.report))
        let product = try #require(SNPProduct(name: s.product))
        return SNPAttestationDocument(report: report, product: .init(name: product.protobufName))
    }

    @Test("every real report verifies with its chain and the results manifest.json states", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realReports() throws {
        let samples = try AttestationSamples.snp()
        #expect(samples.count == AttestationSamples.snpReportCount)
        let verifier = SNPVerifier(cache: nil)
        for s in samples {
            let result = verifier.verify(try Self.document(s), additionalCertificates: try Self.certificates(s), at: Self.pinnedTime)
            guard case .verified(let report, let signer) = result else {
                Issue.record("\(s.label): \(result)")
                continue
            }
            #expect(signer.kind == (s.signerKind == "VLEK" ? .vlek : .vcek), "\(s.label)")
            #expect(signer.product == SNPProduct(name: s.product), "\(s.label)")
            // chip_id_matches_hwID and reported_tcb_matches_cert, as the validator's signer rules see them.
            let failures = SNPValidator.check(report, signer: signer, policy: SNPValidationPolicy(name: "none"))
            #expect(!failures.contains { $0.rule == "chip-id-signer" } == (s.expected["chip_id_matches_hwID"] != false), "\(s.label): \(failures)")
            #expect(!failures.contains { $0.rule == "reported-tcb-signer" } == (s.expected["reported_tcb_matches_cert"] == true), "\(s.label): \(failures)")
            #expect(signer.tcb == report.reportedTCB.components(signer.product.tcbLayout), "\(s.label)")
        }
    }

    @Test("the documents' own chain fields work like extra certificates", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func chainInDocument() throws {
        let s = try #require(try AttestationSamples.snp().first { $0.report.hasPrefix("reports/oak_genoa") })
        var doc = try Self.document(s)
        let certs = try Self.certificates(s)
        var chain = SNPAttestationDocument.CertificateChain()
        chain.vcek = certs[0].derBytes
        chain.ask = certs[1].derBytes
        chain.ark = certs[2].derBytes
        doc.certificateChain = chain
        let decoded = try SNPAttestationDocument(protobuf: doc.protobuf())
        #expect(SNPVerifier().verify(decoded, at: Self.pinnedTime).isVerified)
    }

    @Test("the fake VCEKs listed in manifest.json are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func fakeVCEKs() throws {
        let s = try #require(try AttestationSamples.snp().first { $0.report == "reports/trustee_milan/test-report.bin" })
        let chain = try Certificate.parseAll(AttestationSamples.readSNP(s.chain))
        for fake in ["reports/trustee_milan/test-vcek-invalid-legacy.der", "reports/trustee_milan/test-vcek-invalid-new.der"] {
            let certs = try Certificate.parseAll(AttestationSamples.readSNP(fake)) + chain
            guard case .failed(let reasons) = SNPVerifier(cache: nil).verify(try Self.document(s), additionalCertificates: certs, at: Self.pinnedTime) else {
                Issue.record("\(fake) accepted")
                continue
            }
            #expect(reasons.contains { $0.contains("not signed by the ASK") }, "\(fake): \(reasons)")
        }
    }

    @Test("a wrong product line is rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wrongProduct() throws {
        let samples = try AttestationSamples.snp()
        let genoa = try #require(samples.first { $0.report.hasPrefix("reports/oak_genoa") })
        let milanChain = try Certificate.parseAll(AttestationSamples.readSNP("amd-kds-cert-chains/ask_ark_milan.pem"))
        let vcek = try Certificate.parseAll(AttestationSamples.readSNP(genoa.signerCert))
        // Genoa report (CPUID says Genoa) with the Milan chain.
        #expect(!SNPVerifier(cache: nil).verify(try Self.document(genoa), additionalCertificates: vcek + milanChain, at: Self.pinnedTime).isVerified)
        // A version-2 Milan report declared as Genoa, with the Genoa chain and its own VCEK.
        let milan = try #require(samples.first { $0.report == "reports/virtee-sev/report_milan.bin" })
        var doc = try Self.document(milan)
        doc.product = .init(name: SNPProduct.genoa.protobufName)
        let genoaChain = try Certificate.parseAll(AttestationSamples.readSNP("amd-kds-cert-chains/ask_ark_genoa.pem"))
        #expect(!SNPVerifier(cache: nil).verify(doc, additionalCertificates: try Self.certificates(milan) + genoaChain, at: Self.pinnedTime).isVerified)
        // A Turin VCEK presented for a Milan report.
        let turinVCEK = try Certificate.parseAll(AttestationSamples.readSNP("reports/virtee-sev/vcek_turin.der"))
        let milanASKARK = try Certificate.parseAll(AttestationSamples.readSNP(milan.chain))
        #expect(!SNPVerifier(cache: nil).verify(try Self.document(milan), additionalCertificates: turinVCEK + milanASKARK, at: Self.pinnedTime).isVerified)
    }

    @Test("tampered VCEK, ASK and ARK certificates fail", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tamperedCertificates() throws {
        let s = try #require(try AttestationSamples.snp().first { $0.report.hasPrefix("reports/oak_milan") })
        let doc = try Self.document(s)
        let certs = try Self.certificates(s)
        #expect(certs.count == 3)
        let verifier = SNPVerifier(cache: nil)
        for index in 0..<3 {
            let der = certs[index].derBytes
            for offset in stride(from: 5, to: der.count, by: der.count / 9) {
                var bad = der
                bad[offset] ^= 0x01
                guard let c = try? Certificate(derEncoded: bad) else { continue }
                var list = certs
                list[index] = c
                #expect(!verifier.verify(doc, additionalCertificates: list, at: Self.pinnedTime).isVerified, "certificate \(index) byte \(offset)")
            }
        }
    }

    @Test("missing certificates, expired chains and unpinned roots fail with reasons", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func failures() throws {
        let s = try #require(try AttestationSamples.snp().first { $0.report.hasPrefix("reports/go-sev-guest_milan") })
        let doc = try Self.document(s)
        let certs = try Self.certificates(s)
        guard case .failed(let r1) = SNPVerifier().verify(doc, additionalCertificates: Array(certs.dropFirst()), at: Self.pinnedTime) else {
            Issue.record("accepted without VCEK")
            return
        }
        #expect(r1.first?.contains("no SEV-VCEK certificate") == true)
        guard case .failed(let r2) = SNPVerifier().verify(doc, additionalCertificates: certs, at: ASN1Time(year: 2030, month: 1, day: 1)) else {
            Issue.record("expired VCEK accepted")
            return
        }
        #expect(r2.contains { $0.contains("VCEK certificate is valid from") })
        guard case .failed(let r3) = SNPVerifier(roots: AMDRootPins(pins: [:])).verify(doc, additionalCertificates: certs, at: Self.pinnedTime) else {
            Issue.record("unpinned ARK accepted")
            return
        }
        #expect(r3.contains { $0.contains("not a trusted AMD root key") })
    }

    @Test("verified chains are cached by certificate fingerprint, and the report signature is still checked", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func cache() throws {
        let s = try #require(try AttestationSamples.snp().first { $0.report.hasPrefix("reports/oak_turin") })
        let cache = SNPChainCache()
        let verifier = SNPVerifier(cache: cache)
        let doc = try Self.document(s)
        let certs = try Self.certificates(s)
        #expect(verifier.verify(doc, additionalCertificates: certs, at: Self.pinnedTime).isVerified)
        #expect(cache.count == 1)
        #expect(verifier.verify(doc, additionalCertificates: certs, at: Self.pinnedTime).isVerified)
        #expect(cache.count == 1)
        var tampered = doc
        tampered.report.reportData[0] ^= 1
        #expect(!verifier.verify(tampered, additionalCertificates: certs, at: Self.pinnedTime).isVerified)
        // A certificate with the cached VCEK's signature value but other TBS bytes is not a cache hit.
        var forged = certs
        let vcekIndex = try #require(forged.firstIndex { $0.subject.commonName == "SEV-VCEK" })
        var hits = 0
        for offset in stride(from: 60, to: 400, by: 17) {
            var der = forged[vcekIndex].derBytes
            der[offset] ^= 0x01
            guard let c = try? Certificate(derEncoded: der), c.signature == certs[vcekIndex].signature else { continue }
            forged[vcekIndex] = c
            #expect(!verifier.verify(doc, additionalCertificates: forged, at: Self.pinnedTime).isVerified, "VCEK TBS byte \(offset)")
            hits += 1
        }
        #expect(hits > 5)
        #expect(verifier.verify(doc, additionalCertificates: certs, at: Self.pinnedTime).isVerified)
        // A cached chain is not used outside its validity period.
        #expect(!verifier.verify(doc, additionalCertificates: certs, at: ASN1Time(year: 2040, month: 1, day: 1)).isVerified)
    }
}
