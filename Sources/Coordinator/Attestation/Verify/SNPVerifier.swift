// SPDX-License-Identifier: Apache-2.0
// Verification of SEV-SNP evidence: find the signer certificate and its chain, verify the chain to a pinned ARK of the
// report's product line, then the report signature (go-sev-guest `verify.SnpAttestation`; upstream.md §8.2).

import ContrastASN1
import ContrastCrypto

/// The outcome of verifying a report's signature and chain.
public enum SNPVerificationResult: Sendable {
    /// The report is genuine; `signer` feeds `SNPValidator` (its `revocationChecked` says whether a CRL was used).
    case verified(SNPReport, signer: SNPSignerFacts)
    /// What failed, in words.
    case failed([String])

    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}

public struct SNPVerifier: Sendable {
    /// Trusted ARKs per product line (AMD's only, unless configured otherwise).
    public var roots: AMDRootPins
    /// Verified-chain cache (nil: verify every time).
    public var cache: SNPChainCache?
    /// Reject evidence when no ARK-signed CRL for its product line is at hand. Off by default: with no CRL in the
    /// document (`extras`) or the collateral, revocation is not checked (upstream would fetch one from AMD KDS, which
    /// this verifier never contacts); `SNPVerificationResult` then says so in `revocationChecked`.
    public var requireCRL = false

    public init(roots: AMDRootPins = .amd, cache: SNPChainCache? = SNPChainCache()) {
        self.roots = roots
        self.cache = cache
    }

    /// Verifies a document: certificates from its chain plus `additionalCertificates` (e.g. a local collateral cache).
    /// The product line comes from the report's CPUID fields, else the document's `product`, else `defaultProduct`,
    /// else Milan (go-sev-guest's default for reports that do not say).
    /// CRLs: the one in the document's `extras` plus `crls` (e.g. from the collateral cache).
    public func verify(
        _ document: SNPAttestationDocument, additionalCertificates: [Certificate] = [], crls: [CertificateRevocationList] = [],
        defaultProduct: SNPProduct? = nil, at time: ASN1Time
    ) -> SNPVerificationResult {
        var certs: [Certificate] = []
        var failures: [String] = []
        var allCRLs = crls
        if let der = document.certificateChain?.crl, !der.isEmpty {
            do {
                allCRLs.insert(try CertificateRevocationList(derEncoded: der), at: 0)
            } catch {
                failures.append("the document's CRL (extras \(SNPAttestationDocument.crlExtrasKey)) does not parse: \(error)")
            }
        }
        if let c = document.certificateChain {
            for (der, what) in [(c.vcek, "vcek_cert"), (c.vlek, "vlek_cert"), (c.ask, "ask_cert"), (c.ark, "ark_cert")] where !der.isEmpty {
                do {
                    certs.append(try Certificate(derEncoded: der))
                } catch {
                    failures.append("the document's \(what) does not parse: \(error)")
                }
            }
        }
        guard failures.isEmpty else { return .failed(failures) }
        let product = document.report.productFromCPUID ?? document.product?.productLine ?? defaultProduct ?? .milan
        if let named = document.product?.productLine, let cpuid = document.report.productFromCPUID, named != cpuid {
            return .failed(["the document names product \(named.rawValue), but the report's CPUID says \(cpuid.rawValue)"])
        }
        return verify(reportBytes: document.report.serialized(), report: document.report, certificates: certs + additionalCertificates, crls: allCRLs, product: product, at: time)
    }

    /// Verifies raw report bytes with certificates gathered from anywhere, for a known product line.
    public func verify(
        reportBytes: [UInt8], certificates: [Certificate], crls: [CertificateRevocationList] = [], product: SNPProduct, at time: ASN1Time
    ) -> SNPVerificationResult {
        do {
            let report = try SNPReport(bytes: reportBytes)
            return verify(reportBytes: reportBytes, report: report, certificates: certificates, crls: crls, product: product, at: time)
        } catch {
            return .failed(["the report does not parse: \(error)"])
        }
    }

    private func verify(
        reportBytes: [UInt8], report: SNPReport, certificates: [Certificate], crls: [CertificateRevocationList], product: SNPProduct,
        at time: ASN1Time
    ) -> SNPVerificationResult {
        let kind = report.signerInfo.signingKey
        guard kind != .none else { return .failed(["the report is not signed (SIGNING_KEY = none)"]) }
        if let cpuid = report.productFromCPUID, cpuid != product {
            return .failed(["the report's CPUID names \(cpuid.rawValue), but the chain for \(product.rawValue) was requested"])
        }
        let leafCN = kind == .vlek ? "SEV-VLEK" : "SEV-VCEK"
        let intermediateCN = kind == .vlek ? "SEV-VLEK-\(product.rawValue)" : "SEV-\(product.rawValue)"
        let rootCN = "ARK-\(product.rawValue)"
        let leaves = certificates.filter { $0.subject.commonName == leafCN }
        guard let intermediate = certificates.first(where: { $0.subject.commonName == intermediateCN }) else {
            return .failed(["no \(intermediateCN) certificate (\(kind == .vlek ? "ASVK" : "ASK")) was supplied; add the \(product.rawValue) cert_chain from AMD KDS"])
        }
        guard let root = certificates.first(where: { $0.subject.commonName == rootCN }) else {
            return .failed(["no \(rootCN) certificate was supplied; add the \(product.rawValue) cert_chain from AMD KDS"])
        }
        guard !leaves.isEmpty else {
            return .failed(["no \(leafCN) certificate was supplied; fetch it from AMD KDS for this chip ID and reported TCB"])
        }
        var failures: [String] = []
        for leaf in leaves {
            let chain: VerifiedAMDChain
            if let hit = cache?.lookup(leaf: leaf, intermediate: intermediate, root: root, product: product, kind: kind),
                time >= hit.validFrom, time <= hit.validUntil
            {
                chain = hit
            } else {
                let (verified, why) = AMDChainVerifier.verify(
                    leaf: leaf, intermediate: intermediate, root: root, kind: kind, product: product, pins: roots, at: time)
                guard let verified else {
                    failures += why
                    continue
                }
                cache?.store(verified, leaf: leaf, intermediate: intermediate, root: root, product: product, kind: kind)
                chain = verified
            }
            // Revocation is checked on every use (a cached chain may have been revoked since).
            let relevant = crls.filter { $0.issuer == root.subject }
            if relevant.isEmpty, requireCRL {
                failures.append("no CRL signed by \(rootCN) was supplied, but revocation checking is required; add the \(product.rawValue) CRL from AMD KDS (…/vcek/v1/\(product.rawValue)/crl)")
                continue
            }
            let names = (leaf: kind == .vlek ? "VLEK" : "VCEK", intermediate: kind == .vlek ? "ASVK" : "ASK")
            let revoked = relevant.flatMap { AMDRevocation.problems($0, leaf: leaf, intermediate: intermediate, root: root, names: names, at: time) }
            if !revoked.isEmpty {
                failures += revoked
                continue
            }
            if SNPReportSignature.isValid(report: reportBytes, key: chain.signingKey) {
                var facts = chain.facts
                facts.revocationChecked = !relevant.isEmpty
                return .verified(report, signer: facts)
            }
            failures.append("the report signature does not verify with the \(leafCN == "SEV-VLEK" ? "VLEK" : "VCEK") certificate (the report was altered or the certificate belongs to another chip/TCB)")
        }
        return .failed(failures)
    }
}
