// SPDX-License-Identifier: Apache-2.0
// `contrast report verify` with Intel collateral (--collateral) on the real TDX samples: the TCB status is reported,
// an unsupported TCB level and stale collateral fail with exit code 1, and manifest reference values require
// collateral as upstream does (upstream.md §8.5).

import Testing
import TestSupport

@Suite("contrast report verify: TDX collateral", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
struct ReportVerifyCLITests {
    static func run(_ args: [String]) throws -> ProcessResult {
        let bin = try #require(Subprocess.builtProduct("contrast"), "the contrast binary is built next to the tests")
        return try Subprocess.run(bin, ["report", "verify"] + args)
    }

    static func collateral() throws -> [String] {
        try ["sample_tcbInfo_response", "sample_qeIdentity_response", "tcb_info_issuer_chain.pem", "pckcrl", "rootcrl.der"]
            .flatMap { ["--collateral", try VectorLocator.sharedPath("tdx/go-tdx-guest/" + $0)] }
    }

    @Test("UpToDate quote passes, unsupported TCB and stale collateral fail with the reason")
    func collateralVerdicts() throws {
        let q4 = try VectorLocator.sharedPath("tdx/trustee/tdx_quote_4.dat")
        let ok = try Self.run(["--at", "2023-07-01T00:00:00Z", q4] + Self.collateral())
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("TCB status UpToDate (TCB level 2023-02-15T00:00:00Z, evaluation 15)"))
        let e4 = try Self.run(["--at", "2023-07-01T00:00:00Z", try VectorLocator.sharedPath("tdx/go-tdx-guest/tdx_prod_quote_SPR_E4.dat")] + Self.collateral())
        #expect(e4.status == 1)
        #expect(e4.stdout.contains("no TCB level in the TCB Info"), "\(e4.stdout)")
        let stale = try Self.run(["--at", "2023-08-01T00:00:00Z", q4] + Self.collateral())
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("the TCB Info was issued 2023-06-18T08:42:58Z and is valid until 2023-07-18T08:42:58Z"), "\(stale.stdout)")
        let none = try Self.run(["--at", "2023-07-01T00:00:00Z", q4])
        #expect(none.status == 0 && none.stdout.contains("collateral: not checked"))
    }
}
