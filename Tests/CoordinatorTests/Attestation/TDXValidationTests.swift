// SPDX-License-Identifier: Apache-2.0
// Table-driven tests of every TDX validation rule (upstream.md §8.5): one passing and one failing case per rule.

import ContrastCoordinator
import Testing
import TestSupport

struct TDXRuleCase: CustomStringConvertible, Sendable {
    typealias Edit = @Sendable (inout TDXQuote, inout TDXPlatformFacts, inout TDXValidationPolicy) -> Void
    let rule: String
    let pass: Edit
    let fail: Edit
    var description: String { rule }
}

func baseTDX() -> (TDXQuote, TDXPlatformFacts, TDXValidationPolicy) {
    var q = TDXQuote()
    q.header.qeVendorID = TDXValidationPolicy.intelQEVendorID
    q.header.qeSVN = 8
    q.header.pceSVN = 13
    q.body.teeTCBSVN = [3, 0, 4] + [UInt8](repeating: 0, count: 13)
    q.body.mrSeam = [UInt8](repeating: 1, count: 48)
    q.body.tdAttributes = [0, 0, 0, 0x10, 0, 0, 0, 0]
    q.body.xfam = [0xe7, 0x1a, 0x06, 0, 0, 0, 0, 0]
    q.body.mrTD = [UInt8](repeating: 2, count: 48)
    q.body.rtmrs = (0..<4).map { [UInt8](repeating: UInt8(10 + $0), count: 48) }
    q.body.mrConfigID = [UInt8](repeating: 3, count: 32) + [UInt8](repeating: 0, count: 16)
    q.body.reportData = [UInt8](repeating: 4, count: 64)
    let facts = TDXPlatformFacts(platformInstanceID: [UInt8](repeating: 5, count: 16), dynamicPlatform: false, smtEnabled: false, tcbEvaluationDataNumber: 17)
    var p = TDXValidationPolicy(name: "ReferenceValues.tdx[0]")
    p.mrSeam = q.body.mrSeam
    p.tdAttributes = q.body.tdAttributes
    p.xfam = q.body.xfam
    p.mrTD = q.body.mrTD
    p.rtmrs = q.body.rtmrs
    p.mrConfigID = q.body.mrConfigID
    p.reportData = q.body.reportData
    return (q, facts, p)
}

let tdxRuleCases: [TDXRuleCase] = [
    .init(rule: "qe-vendor-id", pass: { _, _, p in p.qeVendorID = nil }, fail: { q, _, _ in q.header.qeVendorID[0] = 0 }),
    .init(rule: "mr-seam", pass: { q, _, p in q.body.mrSeam[0] = 9; p.mrSeam = q.body.mrSeam }, fail: { q, _, _ in q.body.mrSeam[0] = 9 }),
    .init(rule: "td-attributes", pass: { _, _, p in p.tdAttributes = nil }, fail: { q, _, _ in q.body.tdAttributes[0] = 1 }),
    .init(rule: "xfam", pass: { _, _, p in p.xfam = nil }, fail: { q, _, _ in q.body.xfam[7] = 1 }),
    .init(rule: "mr-td", pass: { _, _, p in p.mrTD = nil }, fail: { q, _, _ in q.body.mrTD[47] ^= 1 }),
    .init(rule: "rtmr", pass: { q, _, p in q.body.rtmrs[3][0] ^= 1; p.rtmrs = [p.rtmrs?[0], p.rtmrs?[1], p.rtmrs?[2], nil] },
          fail: { q, _, _ in q.body.rtmrs[2][0] ^= 1 }),
    .init(rule: "mr-config-id", pass: { _, _, p in p.mrConfigID = nil }, fail: { q, _, _ in q.body.mrConfigID[0] ^= 1 }),
    .init(rule: "report-data", pass: { _, _, p in p.reportData = nil }, fail: { q, _, _ in q.body.reportData[0] ^= 1 }),
    .init(rule: "minimum-qe-svn", pass: { _, _, p in p.minimumQESVN = 8 }, fail: { _, _, p in p.minimumQESVN = 9 }),
    .init(rule: "minimum-pce-svn", pass: { _, _, p in p.minimumPCESVN = 13 }, fail: { _, _, p in p.minimumPCESVN = 14 }),
    .init(rule: "minimum-tee-tcb-svn", pass: { _, _, p in p.minimumTeeTCBSVN = [3, 0, 4] + [UInt8](repeating: 0, count: 13) },
          fail: { _, _, p in p.minimumTeeTCBSVN = [3, 0, 5] + [UInt8](repeating: 0, count: 13) }),
    .init(rule: "allowed-piids", pass: { _, f, p in p.allowedPIIDs = [[UInt8](repeating: 1, count: 16), f.platformInstanceID ?? []] },
          fail: { _, _, p in p.allowedPIIDs = [[UInt8](repeating: 1, count: 16)] }),
    .init(rule: "static-platform", pass: { _, _, p in p.requireStaticPlatform = true },
          fail: { _, f, p in p.requireStaticPlatform = true; f.dynamicPlatform = true }),
    .init(rule: "smt-disabled", pass: { _, _, p in p.requireSMTDisabled = true },
          fail: { _, f, p in p.requireSMTDisabled = true; f.smtEnabled = nil }),
    .init(rule: "tcb-evaluation-data-number", pass: { _, _, p in p.minimumTCBEvaluationDataNumber = 17 },
          fail: { _, _, p in p.minimumTCBEvaluationDataNumber = 18 }),
    .init(rule: "tcb-status", pass: { _, f, _ in f.tcb = tdxAssessment(.upToDate) },
          fail: { _, f, _ in f.tcb = tdxAssessment(.outOfDate) }),
    .init(rule: "collateral", pass: { _, f, p in p.requireCollateral = true; f.tcb = tdxAssessment(.upToDate) },
          fail: { _, _, p in p.requireCollateral = true }),
]

/// A collateral check outcome with `status` everywhere.
func tdxAssessment(_ status: TDXTCBStatus) -> TDXTCBAssessment {
    TDXTCBAssessment(
        status: status, platformStatus: status, moduleStatus: nil, qeStatus: .upToDate, tcbDate: "2024-03-13T00:00:00Z",
        advisoryIDs: status == .upToDate ? [] : ["INTEL-SA-00837"], tcbEvaluationDataNumber: 17)
}

@Suite("TDX validation rules")
struct TDXValidationTests {
    @Test("the base quote passes the base reference values")
    func basePasses() {
        let (q, f, p) = baseTDX()
        #expect(TDXValidator.check(q, platform: f, policy: p) == [])
        #expect(TDXValidator.validate(q, platform: f, against: [p]) == .accepted(entry: 0))
    }

    @Test("one passing and one failing case per rule", arguments: tdxRuleCases)
    func rule(_ c: TDXRuleCase) {
        var (q, f, p) = baseTDX()
        c.pass(&q, &f, &p)
        #expect(TDXValidator.check(q, platform: f, policy: p) == [], "\(c.rule): passing case")
        (q, f, p) = baseTDX()
        c.fail(&q, &f, &p)
        let failures = TDXValidator.check(q, platform: f, policy: p)
        #expect(!failures.isEmpty, "\(c.rule): failing case")
        #expect(failures.allSatisfy { $0.rule == c.rule }, "\(c.rule): \(failures)")
    }

    @Test("every rule of §8.5 has a row")
    func coverage() {
        #expect(tdxRuleCases.count == 17)
        #expect(Set(tdxRuleCases.map(\.rule)).count == tdxRuleCases.count)
    }

    @Test("a TCB status outside the accepted set names the statuses, advisories and what to do")
    func tcbStatusMessage() {
        var (q, f, p) = baseTDX()
        f.tcb = tdxAssessment(.swHardeningNeeded)
        let m = TDXValidator.check(q, platform: f, policy: p).first?.message ?? ""
        #expect(m.contains("TCB status is SWHardeningNeeded") && m.contains("INTEL-SA-00837") && m.contains("only UpToDate is accepted"), "\(m)")
        p.acceptedTCBStatuses = [.upToDate, .swHardeningNeeded]
        #expect(TDXValidator.check(q, platform: f, policy: p) == [])
        q.body.mrTD[0] ^= 1
        #expect(TDXValidator.check(q, platform: f, policy: p).map(\.rule) == ["mr-td"])
    }

    @Test("manifest TDX reference values require collateral, as upstream always checks it")
    func manifestRequiresCollateral() throws {
        var rv = TDXReferenceValues()
        rv.mrTd = String(repeating: "02", count: 48)
        let p = try rv.validationPolicy(name: "ReferenceValues.tdx[0]")
        #expect(p.requireCollateral)
        #expect(p.acceptedTCBStatuses == [.upToDate])
        var (q, f, _) = baseTDX()
        q.body.tdAttributes = TDXReferenceValues.septVEDisable
        #expect(TDXValidator.check(q, platform: f, policy: p).map(\.rule) == ["collateral"])
        f.tcb = tdxAssessment(.upToDate)
        #expect(TDXValidator.check(q, platform: f, policy: p) == [])
    }

    @Test("a real quote validates against its own measurements", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realQuote() throws {
        let q = try TDXQuote(bytes: AttestationSamples.readTDX("go-tdx-guest/tdx_prod_quote_SPR_E4.dat"))
        var p = TDXValidationPolicy(name: "ReferenceValues.tdx[0]")
        p.mrTD = q.body.mrTD
        p.mrSeam = q.body.mrSeam
        p.rtmrs = q.body.rtmrs
        p.xfam = q.body.xfam
        #expect(TDXValidator.check(q, platform: TDXPlatformFacts(), policy: p) == [])
        p.mrTD = [UInt8](repeating: 0, count: 48)
        let f = TDXValidator.check(q, platform: TDXPlatformFacts(), policy: p)
        #expect(f.map(\.rule) == ["mr-td"])
        #expect(f.first?.message.hasPrefix("MRTD 6363b804") == true)
    }
}
