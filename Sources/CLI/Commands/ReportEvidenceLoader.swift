// SPDX-License-Identifier: Apache-2.0
// `contrast report`: turns a file into evidence (raw formats, documents, or an aTLS certificate carrying one).

import ContrastCoordinator

enum ReportEvidenceLoader {
    /// Detects the evidence in `bytes`.
    static func load(_ bytes: [UInt8]) throws -> Evidence {
        do {
            return try Evidence.detect(bytes)
        } catch {
            throw CommandFailure("\(error.reason)")
        }
    }
}
