// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for attestation: snp-report-verify, snp-validate, tdx-quote-verify. They read the real
// samples from the shared vectors folder ($CONTRAST_VECTORS_DIR or ../shared/vectors), never a copy.

import ContrastASN1
import ContrastCoordinator

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
}

let attestationBenchmarks: [Benchmark] = [
    Benchmark(
        name: "tdx-quote-verify", summary: "TDX quote v4: PCK chain to the pinned root, QE report, binding, quote signature",
        variants: [
            .init(operation: "verify", bytes: 0) {
                let bytes = try AttestationBenchData.read("tdx/trustee/tdx_quote_4.dat")
                let verifier = TDXQuoteVerifier()
                return {
                    guard let q = try? TDXQuote(bytes: bytes) else { return 0 }
                    return verifier.verify(q, at: AttestationBenchData.pinnedTime).isVerified ? 1 : 0
                }
            }
        ]),
]
