// SPDX-License-Identifier: Apache-2.0
// `contrast report verify` for SEV-SNP evidence.

import ContrastASN1
import ContrastCoordinator

enum ReportVerifySNP {
    static func run(
        document: SNPAttestationDocument, certificates: [Certificate], product: SNPProduct?, time: ASN1Time,
        reference: ReferenceValues?, reportData: [UInt8]?
    ) throws -> ExitCode {
        throw CommandFailure("SEV-SNP chain verification needs RSA-PSS, which this build does not have yet")
    }
}
