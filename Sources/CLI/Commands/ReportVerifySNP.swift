// SPDX-License-Identifier: Apache-2.0
// `contrast report verify` for SEV-SNP evidence: chain to the pinned ARK, report signature, then the claims.

import ContrastASN1
import ContrastCoordinator

enum ReportVerifySNP {
    static func run(
        document: SNPAttestationDocument, certificates: [Certificate], crls: [CertificateRevocationList], product: SNPProduct?, time: ASN1Time,
        reference: ReferenceValues?, reportData: [UInt8]?
    ) throws -> ExitCode {
        let result = SNPVerifier(cache: nil).verify(document, additionalCertificates: certificates, crls: crls, defaultProduct: product, at: time)
        switch result {
        case .failed(let reasons):
            print("signature/chain: FAILED")
            for r in reasons { print("  - \(r)") }
            if document.report.version < 3, document.product == nil, product == nil {
                print("  (the report does not name its product line; Milan was assumed — pass --product if it is another)")
            }
            return .failure
        case .verified(let report, let signer):
            let kind = signer.kind == .vlek ? "VLEK" : "VCEK"
            print("signature/chain: OK (\(kind) <- \(signer.kind == .vlek ? "ASVK" : "ASK") <- ARK-\(signer.product.rawValue), TCB \(signer.tcb.summary))")
            print(signer.revocationChecked
                ? "revocation: OK (ARK-signed CRL current; \(signer.kind == .vlek ? "ASVK and VLEK" : "ASK and VCEK") not revoked)"
                : "revocation: not checked (no ARK-signed CRL in the document or --certs; upstream would fetch it from AMD KDS)")
            guard let reference else {
                let failures = SNPValidator.check(report, signer: signer, policy: {
                    var p = SNPValidationPolicy(name: "--report-data")
                    p.vmpl = nil
                    p.reportData = reportData
                    return p
                }())
                for f in failures { print("  - \(f.message)") }
                print(failures.isEmpty ? "claims: chip ID and TCB match the certificate; not validated further (no --reference-values)" : "claims: REJECTED")
                return failures.isEmpty ? .success : .failure
            }
            var policies: [SNPValidationPolicy] = []
            for (i, entry) in reference.snp.enumerated() {
                do {
                    policies.append(try entry.validationPolicy(name: "ReferenceValues.snp[\(i)]", reportData: reportData))
                } catch {
                    throw CommandFailure("\(error)")
                }
            }
            return ReportVerify.printValidation(SNPValidator.validate(report, signer: signer, against: policies))
        }
    }
}
