// SPDX-License-Identifier: Apache-2.0
// `contrast report verify`: signature and chain checks of one piece of evidence, then claim validation against the
// manifest's reference values, listing every failed check of every entry.

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto

#if canImport(Glibc)
import Glibc
#endif

enum ReportVerify {
    static func run(path: String, _ args: ParsedArguments) throws -> ExitCode {
        let evidence = try ReportEvidenceLoader.load(try ReportCommand.readFile(path))
        let time = try validationTime(args.value("at"))
        var certificates: [Certificate] = []
        var crls: [CertificateRevocationList] = []
        for file in args.allValues("certs") {
            let bytes = try ReportCommand.readFile(file)
            if let crl = try? CertificateRevocationList.parse(bytes) {
                crls.append(crl)
                continue
            }
            do {
                certificates += try Certificate.parseAll(bytes)
            } catch {
                throw CommandFailure("\(file): not a PEM or DER certificate or CRL: \(error)")
            }
        }
        var collateral: TDXCollateral?
        for file in args.allValues("collateral") {
            var c = collateral ?? TDXCollateral()
            do {
                try c.add(try ReportCommand.readFile(file))
            } catch let e as AttestationError {
                throw CommandFailure("\(file): \(e.reason)")
            }
            collateral = c
        }
        var reportData: [UInt8]?
        if let hex = args.value("report-data") {
            guard let b = try? [UInt8](hexString: hex), b.count == 64 else { throw UsageError("--report-data must be 128 hex digits (64 bytes)") }
            reportData = b
        }
        let reference = try args.value("reference-values").map { try loadReferenceValues($0) }
        var product: SNPProduct?
        if let name = args.value("product") {
            guard let p = SNPProduct(name: name) else { throw UsageError("--product must be Milan, Genoa or Turin") }
            product = p
        }
        print("# \(evidence.kind)")
        var inner = evidence
        if case .atlsCertificate(_, let e) = evidence { inner = e }
        switch inner {
        case .tdxQuote(let q), .tdxDocument(let q):
            return try verifyTDX(q, collateral: collateral, time: time, reference: reference, reportData: reportData)
        case .snpReport(let r):
            return try ReportVerifySNP.run(
                document: SNPAttestationDocument(report: r), certificates: certificates, crls: crls, product: product, time: time,
                reference: reference, reportData: reportData)
        case .snpDocument(let d):
            return try ReportVerifySNP.run(
                document: d, certificates: certificates, crls: crls, product: product, time: time, reference: reference, reportData: reportData)
        case .atlsCertificate:
            throw CommandFailure("a certificate inside a certificate is not evidence")
        }
    }

    static func verifyTDX(_ q: TDXQuote, collateral: TDXCollateral?, time: ASN1Time, reference: ReferenceValues?, reportData: [UInt8]?) throws -> ExitCode {
        switch TDXQuoteVerifier().verify(q, collateral: collateral, at: time) {
        case .failed(let reasons):
            print(collateral == nil ? "signature/chain: FAILED" : "signature/chain/collateral: FAILED")
            for r in reasons { print("  - \(r)") }
            return .failure
        case .verified(let facts, let pck):
            print("signature/chain: OK (PCK chain to the Intel SGX Root CA, QE report, binding, quote signature; FMSPC \(pck.fmspc.map { $0.hexString } ?? "?"))")
            if let tcb = facts.tcb {
                let advisories = tcb.advisoryIDs.isEmpty ? "" : ", advisories \(tcb.advisoryIDs.joined(separator: " "))"
                print("collateral: OK (TCB Info + QE Identity signed by Intel, fresh, CRLs checked); TCB status \(tcb.status) (TCB level \(tcb.tcbDate), evaluation \(tcb.tcbEvaluationDataNumber)\(advisories))")
            } else {
                print("collateral: not checked (no --collateral: TCB status and revocation unknown)")
            }
            guard let reference else {
                if let reportData, reportData != q.body.reportData {
                    print("report data: MISMATCH (quote has \(q.body.reportData.hexString))")
                    return .failure
                }
                print("claims: not validated (no --reference-values)")
                return .success
            }
            var policies: [TDXValidationPolicy] = []
            for (i, entry) in reference.tdx.enumerated() {
                do {
                    policies.append(try entry.validationPolicy(name: "ReferenceValues.tdx[\(i)]", reportData: reportData))
                } catch {
                    throw CommandFailure("\(error)")
                }
            }
            return printValidation(TDXValidator.validate(q, platform: facts, against: policies))
        }
    }

    static func printValidation(_ result: EvidenceValidationResult) -> ExitCode {
        switch result {
        case .accepted(let i):
            print("claims: OK (accepted by reference-value entry \(i))")
            return .success
        case .rejected(let entries):
            print("claims: REJECTED")
            if entries.isEmpty { print("  - the reference values have no entry for this platform") }
            for e in entries {
                print("  \(e.entry):")
                for f in e.failures { print("    - \(f.message)") }
            }
            return .failure
        }
    }

    /// `--at` as RFC 3339, or now.
    static func validationTime(_ text: String?) throws -> ASN1Time {
        guard let text else { return ASN1Time(secondsSinceEpoch: Int64(time(nil))) }
        do {
            return try ASN1Time(rfc3339: text)
        } catch {
            throw UsageError("--at must be an RFC 3339 time such as 2026-06-01T00:00:00Z")
        }
    }

    /// A manifest file, or a file holding just the `ReferenceValues` object.
    static func loadReferenceValues(_ path: String) throws -> ReferenceValues {
        let bytes = try ReportCommand.readFile(path)
        if let m = try? Manifest(parsing: bytes) { return m.referenceValues }
        do {
            return try Manifest(parsing: Array("{\"ReferenceValues\":".utf8) + bytes + Array("}".utf8)).referenceValues
        } catch {
            throw CommandFailure("\(path): neither a manifest nor a ReferenceValues object: \(error)")
        }
    }
}
