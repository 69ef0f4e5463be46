// SPDX-License-Identifier: Apache-2.0
// Claim validation of a verified TDX quote against reference values: go-tdx-guest `validate.TdxQuote` with
// Contrast's options (upstream.md §8.5). Pure functions: no clock, no I/O.

/// Checks a quote (whose signatures and PCK chain were already verified) against reference values.
public enum TDXValidator {
    /// Validates against every entry; accepted by the first that passes every check, else rejected with all failures.
    public static func validate(_ quote: TDXQuote, platform: TDXPlatformFacts, against policies: [TDXValidationPolicy]) -> EvidenceValidationResult {
        var rejections: [EntryRejection] = []
        for (i, p) in policies.enumerated() {
            let failures = check(quote, platform: platform, policy: p)
            if failures.isEmpty { return .accepted(entry: i) }
            rejections.append(EntryRejection(entry: p.name, failures: failures))
        }
        return .rejected(rejections)
    }

    /// Every check of one entry; empty when the quote satisfies it.
    public static func check(_ q: TDXQuote, platform: TDXPlatformFacts, policy p: TDXValidationPolicy) -> [ValidationFailure] {
        var out: [ValidationFailure] = []
        func fail(_ rule: String, _ field: String, _ message: String) {
            out.append(ValidationFailure(rule: rule, field: "\(p.name).\(field)", message: message))
        }
        func exact(_ rule: String, _ field: String, _ label: String, _ have: [UInt8], _ want: [UInt8]?, _ hint: String) {
            guard let want, want != have else { return }
            fail(rule, field, "\(label) \(AttestationBytes.hex(have)) does not match \(p.name).\(field) \(AttestationBytes.hex(want))\(hint)")
        }
        exact("qe-vendor-id", "QeVendorID", "QE vendor ID", q.header.qeVendorID, p.qeVendorID, "; the quote was not produced by Intel's Quoting Enclave")
        exact("mr-seam", "MrSeam", "MRSEAM", q.body.mrSeam, p.mrSeam, "; the TDX module differs (update MrSeam after a TDX module update)")
        exact("td-attributes", "TdAttributes", "TDATTRIBUTES", q.body.tdAttributes, p.tdAttributes, " (debug or other TD attributes differ)")
        exact("xfam", "Xfam", "XFAM", q.body.xfam, p.xfam, " (the enabled CPU extended features differ)")
        exact("mr-td", "MrTd", "MRTD", q.body.mrTD, p.mrTD, "; the TD firmware (TDVF/OVMF) differs")
        if let rtmrs = p.rtmrs {
            for (i, want) in rtmrs.enumerated() {
                guard let want, i < q.body.rtmrs.count else { continue }
                exact("rtmr", "Rtmrs[\(i)]", "RTMR\(i)", q.body.rtmrs[i], want, "; the kernel, initrd or command line differs")
            }
        }
        exact("mr-config-id", "MrConfigID", "MRCONFIGID", q.body.mrConfigID, p.mrConfigID, " (the pod policy hash differs)")
        exact("report-data", "ReportData", "REPORT_DATA", q.body.reportData, p.reportData, "; the evidence is not bound to this connection's key and nonce")
        if let min = p.minimumQESVN, q.header.qeSVN < min {
            fail("minimum-qe-svn", "MinimumQeSvn", "QE SVN \(q.header.qeSVN) is below the minimum \(min)")
        }
        if let min = p.minimumPCESVN, q.header.pceSVN < min {
            fail("minimum-pce-svn", "MinimumPceSvn", "PCE SVN \(q.header.pceSVN) is below the minimum \(min)")
        }
        if let min = p.minimumTeeTCBSVN {
            for (i, (have, need)) in zip(q.body.teeTCBSVN, min).enumerated() where have < need {
                fail("minimum-tee-tcb-svn", "MinimumTeeTcbSvn", "TEE_TCB_SVN byte \(i) is \(have), below the minimum \(need) (TEE_TCB_SVN \(AttestationBytes.hex(q.body.teeTCBSVN)), minimum \(AttestationBytes.hex(min)))")
            }
        }
        if !p.allowedPIIDs.isEmpty {
            if let piid = platform.platformInstanceID {
                if !p.allowedPIIDs.contains(piid) {
                    fail("allowed-piids", "AllowedPIIDs", "platform instance ID \(AttestationBytes.hex(piid)) is not in \(p.name).AllowedPIIDs (\(p.allowedPIIDs.count) allowed)")
                }
            } else {
                fail("allowed-piids", "AllowedPIIDs", "the PCK certificate carries no platform instance ID, but \(p.name).AllowedPIIDs restricts the platforms")
            }
        }
        if p.requireStaticPlatform, platform.dynamicPlatform != false {
            fail("static-platform", "StaticPlatform", platform.dynamicPlatform == nil
                ? "the PCK certificate does not state whether the platform is static, but \(p.name).StaticPlatform requires it"
                : "the PCK certificate marks the platform as dynamic (CPUs can be added), but \(p.name).StaticPlatform requires a static one")
        }
        if p.requireSMTDisabled, platform.smtEnabled != false {
            fail("smt-disabled", "SMTDisabled", platform.smtEnabled == nil
                ? "the PCK certificate does not state whether SMT is enabled, but \(p.name).SMTDisabled requires it off"
                : "the PCK certificate states SMT is enabled, but \(p.name).SMTDisabled requires it off")
        }
        if let min = p.minimumTCBEvaluationDataNumber {
            if let have = platform.tcbEvaluationDataNumber {
                if have < min {
                    fail("tcb-evaluation-data-number", "MinTCBEvaluationDataNumber", "the TCB Info evaluation data number \(have) is below the minimum \(min); fetch newer collateral")
                }
            } else {
                fail("tcb-evaluation-data-number", "MinTCBEvaluationDataNumber", "no TCB Info collateral was checked, but \(p.name).MinTCBEvaluationDataNumber \(min) requires it")
            }
        }
        if let tcb = platform.tcb {
            if !p.acceptedTCBStatuses.contains(tcb.status) {
                let parts = "platform \(tcb.platformStatus)" + (tcb.moduleStatus.map { ", TDX module \($0)" } ?? "") + ", QE \(tcb.qeStatus)"
                let advisories = tcb.advisoryIDs.isEmpty ? "" : "; advisories \(tcb.advisoryIDs.joined(separator: ", "))"
                fail("tcb-status", "TCBStatus", "the platform's TCB status is \(tcb.status) (\(parts); TCB level of \(tcb.tcbDate)\(advisories)), but only \(p.acceptedTCBStatuses.sorted().map(\.rawValue).joined(separator: "/")) is accepted: \(tcb.status.advice)")
            }
        } else if p.requireCollateral {
            fail("collateral", "TCBStatus", "no Intel collateral (TCB Info, QE Identity, CRLs) was checked, so the platform's TCB status is unknown; supply the collateral for this quote")
        }
        return out
    }
}
