// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for attestation: snp-report-verify, snp-validate, tdx-quote-verify. They read the real
// samples from the shared vectors folder ($CONTRAST_VECTORS_DIR or ../shared/vectors), never a copy.

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto

#if canImport(Glibc)
import Glibc
#endif

enum AttestationBenchData {
    /// The vectors folder: $CONTRAST_VECTORS_DIR, else ../shared/vectors or ../../shared/vectors from the working directory.
    static func vectorsDirectory() throws -> String {
        if let env = getenv("CONTRAST_VECTORS_DIR") { return String(cString: env) }
        for candidate in ["../shared/vectors", "../../shared/vectors", "shared/vectors"] where access(candidate, F_OK) == 0 {
            return candidate
        }
        throw CommandFailure("attestation benchmarks need the shared vectors: set CONTRAST_VECTORS_DIR")
    }

    static func read(_ relative: String) throws -> [UInt8] {
        try ReportCommand.readFile(try vectorsDirectory() + "/" + relative)
    }

    /// The time all samples' certificates are valid at.
    static let pinnedTime = ASN1Time(year: 2026, month: 6, day: 1)

    /// The Genoa sample (report v5), its VCEK and the Genoa ASK/ARK.
    static func snpSample() throws -> (report: [UInt8], certificates: [Certificate]) {
        let report = try read("snp/reports/oak_genoa/report.bin")
        do {
            let certs = try Certificate.parseAll(read("snp/reports/oak_genoa/vcek.der"))
                + Certificate.parseAll(read("snp/amd-kds-cert-chains/ask_ark_genoa.pem"))
            return (report, certs)
        } catch {
            throw CommandFailure("the SNP sample certificates do not parse: \(error)")
        }
    }

    /// A full Contrast-style policy that the Genoa sample passes (everything but the ID block, which it lacks).
    static func snpPolicy(_ r: SNPReport, signer: SNPSignerFacts) -> SNPValidationPolicy {
        var p = SNPValidationPolicy(name: "ReferenceValues.snp[0]")
        p.trustedMeasurement = r.measurement
        p.guestPolicy = r.policy
        p.minimumTCB = .init(bootloader: signer.tcb.bootloader, tee: signer.tcb.tee, snp: signer.tcb.snp, microcode: signer.tcb.microcode)
        p.minimumLaunchTCB = p.minimumTCB
        p.platformInfo = r.platformInfo
        p.allowedChipIDs = [r.chipID]
        p.reportData = r.reportData
        p.hostData = r.hostData
        p.productLine = .genoa
        return p
    }
}

let attestationBenchmarks: [Benchmark] = [
    Benchmark(
        name: "snp-report-verify", summary: "SEV-SNP report: parse + ECDSA P-384 signature, AMD chain cached (second variant: bare P-384 verify)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                let (report, certs) = try AttestationBenchData.snpSample()
                let verifier = SNPVerifier()
                guard verifier.verify(reportBytes: report, certificates: certs, product: .genoa, at: AttestationBenchData.pinnedTime).isVerified else {
                    throw CommandFailure("the SNP sample does not verify")
                }
                return {
                    verifier.verify(reportBytes: report, certificates: certs, product: .genoa, at: AttestationBenchData.pinnedTime).isVerified ? 1 : 0
                }
            },
            .init(operation: "ecdsa-p384-verify", bytes: 0) {
                let (report, certs) = try AttestationBenchData.snpSample()
                guard case .ec(_, let point) = certs[0].publicKeyInfo.publicKey,
                    let key = try? P384.Signing.PublicKey(x963Representation: point),
                    let raw = SNPReportSignature.rawSignature(report),
                    let sig = try? P384.Signing.ECDSASignature(rawRepresentation: raw)
                else { throw CommandFailure("the SNP sample's VCEK is not a P-384 key") }
                let digest = SHA384.hash(data: report[0..<SNPReport.signedSize]).bytes
                return { key.isValidSignature(sig, forDigest: digest) ? 1 : 0 }
            },
        ]),
    Benchmark(
        name: "snp-validate", summary: "SEV-SNP report: verify (chain cached) and validate against a full reference-value entry",
        variants: [
            .init(operation: "validate", bytes: 0) {
                let (report, certs) = try AttestationBenchData.snpSample()
                let verifier = SNPVerifier()
                guard case .verified(let r, let signer) = verifier.verify(reportBytes: report, certificates: certs, product: .genoa, at: AttestationBenchData.pinnedTime) else {
                    throw CommandFailure("the SNP sample does not verify")
                }
                let policies = [AttestationBenchData.snpPolicy(r, signer: signer)]
                guard SNPValidator.validate(r, signer: signer, against: policies).isAccepted else {
                    throw CommandFailure("the SNP sample does not validate: \(SNPValidator.validate(r, signer: signer, against: policies))")
                }
                return {
                    guard case .verified(let r, let signer) = verifier.verify(reportBytes: report, certificates: certs, product: .genoa, at: AttestationBenchData.pinnedTime) else { return 0 }
                    return SNPValidator.validate(r, signer: signer, against: policies).isAccepted ? 1 : 0
                }
            }
        ]),
    Benchmark(
        name: "tdx-quote-verify", summary: "TDX quote v4: PCK chain to the pinned root, QE report, binding, quote signature (second variant: with Intel collateral and CRLs)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                let bytes = try AttestationBenchData.read("tdx/trustee/tdx_quote_4.dat")
                let verifier = TDXQuoteVerifier()
                return {
                    guard let q = try? TDXQuote(bytes: bytes) else { return 0 }
                    return verifier.verify(q, at: AttestationBenchData.pinnedTime).isVerified ? 1 : 0
                }
            },
            .init(operation: "verify+collateral", bytes: 0) {
                // TCB Info, QE Identity, issuer chain, PCK and root CRLs; 2023-07-01 is inside all their validity windows.
                let bytes = try AttestationBenchData.read("tdx/trustee/tdx_quote_4.dat")
                var collateral = TDXCollateral()
                for name in ["sample_tcbInfo_response", "sample_qeIdentity_response", "tcb_info_issuer_chain.pem", "pckcrl", "rootcrl.der"] {
                    do { try collateral.add(try AttestationBenchData.read("tdx/go-tdx-guest/" + name)) } catch {
                        throw CommandFailure("TDX collateral \(name): \(error)")
                    }
                }
                let verifier = TDXQuoteVerifier()
                let time = ASN1Time(year: 2023, month: 7, day: 1)
                return {
                    guard let q = try? TDXQuote(bytes: bytes) else { return 0 }
                    return verifier.verify(q, collateral: collateral, at: time).isVerified ? 1 : 0
                }
            },
        ]),
]
