// SPDX-License-Identifier: Apache-2.0
// Claim validation of a verified SEV-SNP report against reference values: go-sev-guest `validate.SnpAttestation`
// with Contrast's options (upstream.md §8.3). Pure functions: no clock, no I/O.

/// Checks a report (whose signature and chain were already verified) against reference values.
public enum SNPValidator {
    /// Validates against every entry; accepted by the first entry that passes every check, otherwise rejected with
    /// the failures of all entries.
    public static func validate(
        _ report: SNPReport, signer: SNPSignerFacts, against policies: [SNPValidationPolicy]
    ) -> EvidenceValidationResult {
        var rejections: [EntryRejection] = []
        for (i, p) in policies.enumerated() {
            let failures = check(report, signer: signer, policy: p)
            if failures.isEmpty { return .accepted(entry: i) }
            rejections.append(EntryRejection(entry: p.name, failures: failures))
        }
        return .rejected(rejections)
    }

    /// Every check of one entry; empty when the report satisfies it.
    public static func check(_ report: SNPReport, signer: SNPSignerFacts, policy p: SNPValidationPolicy) -> [ValidationFailure] {
        var out: [ValidationFailure] = []
        func fail(_ rule: String, _ field: String, _ message: String) {
            out.append(ValidationFailure(rule: rule, field: "\(p.name).\(field)", message: message))
        }
        let layout = signer.product.tcbLayout

        if let want = p.productLine, want != signer.product {
            fail("product", "ProductName", "the report comes from an AMD \(signer.product.rawValue) processor, but \(p.name).ProductName requires \(want.rawValue)")
        }
        if let m = p.trustedMeasurement, m != report.measurement {
            fail("measurement", "TrustedMeasurement", "MEASUREMENT \(AttestationBytes.hex(report.measurement)) does not match \(p.name).TrustedMeasurement \(AttestationBytes.hex(m)); the guest runs a different firmware, kernel, initrd or command line, or a different number of vCPUs")
        }
        if let g = p.guestPolicy { checkGuestPolicy(report.policy, required: g, p.name, &out) }
        if let v = p.vmpl, report.vmpl != v {
            fail("vmpl", "VMPL", "the report was requested from VMPL \(report.vmpl), but only VMPL \(v) is accepted; the request did not come from the most privileged guest level")
        }
        if report.version < SNPReport.supportedVersions.lowerBound {
            fail("version", "", "report version \(report.version) is too old")
        }
        if report.guestSVN < p.minimumGuestSVN {
            fail("guest-svn", "MinimumGuestSVN", "GUEST_SVN \(report.guestSVN) is below the minimum \(p.minimumGuestSVN)")
        }
        checkTCB(report, signer: signer, layout: layout, p, fail)
        checkFirmware(report, p, fail)
        if let info = p.platformInfo { checkPlatformInfo(report.platformInfo, required: info, p.name, &out) }
        checkChipID(report, signer: signer, p, fail)
        if let d = p.reportData, d != report.reportData {
            fail("report-data", "ReportData", "REPORT_DATA \(AttestationBytes.hex(report.reportData)) does not match the expected \(AttestationBytes.hex(d)); the evidence is not bound to this connection's key and nonce (replayed or for another session)")
        }
        if let h = p.hostData, h != report.hostData {
            fail("host-data", "HostData", "HOST_DATA \(AttestationBytes.hex(report.hostData)) does not match the expected \(AttestationBytes.hex(h)) (the pod policy hash differs)")
        }
        if !p.trustedIDKeyDigests.isEmpty, !p.trustedIDKeyDigests.contains(report.idKeyDigest) {
            let allZero = report.idKeyDigest.allSatisfy { $0 == 0 }
            fail("id-key-digest", "TrustedIDKeyHashes", allZero
                ? "the report has no ID block (ID_KEY_DIGEST is zero), but one derived from \(p.name).TrustedMeasurement and GuestPolicy is required"
                : "ID_KEY_DIGEST \(AttestationBytes.hex(report.idKeyDigest)) is not the digest derived from \(p.name).TrustedMeasurement and GuestPolicy (the guest was launched with a different ID block, measurement or policy)")
        }
        if p.minimumMitigationVector != 0 {
            for (name, v) in [("LAUNCH_MIT_VECTOR", report.launchMitigationVector), ("CURRENT_MIT_VECTOR", report.currentMitigationVector)]
            where v & p.minimumMitigationVector != p.minimumMitigationVector {
                let missing = p.minimumMitigationVector & ~v
                fail("mitigation-vector", "MinimumMitigationVector", "\(name) 0x\(String(v, radix: 16)) lacks the mitigation bits 0x\(String(missing, radix: 16)) that \(p.name).MinimumMitigationVector 0x\(String(p.minimumMitigationVector, radix: 16)) requires" + (report.version < 5 ? " (report version \(report.version) carries no mitigation vector; update the firmware)" : ""))
            }
        }
        return out
    }

    private static func checkTCB(
        _ r: SNPReport, signer: SNPSignerFacts, layout: SNPTCBVersion.Layout, _ p: SNPValidationPolicy,
        _ fail: (String, String, String) -> Void
    ) {
        let current = r.currentTCB.components(layout)
        let committed = r.committedTCB.components(layout)
        let reported = r.reportedTCB.components(layout)
        let launch = r.launchTCB.components(layout)
        if p.permitProvisionalFirmware {
            if !committed.isLessThanOrEqual(to: current) {
                fail("committed-tcb", "", "COMMITTED_TCB (\(committed.summary)) is above CURRENT_TCB (\(current.summary)); the firmware state is inconsistent")
            }
        } else if committed != current {
            fail("committed-tcb", "", "COMMITTED_TCB (\(committed.summary)) differs from CURRENT_TCB (\(current.summary)) and provisional firmware is not permitted")
        }
        if let min = p.minimumTCB {
            for s in reported.shortfalls(against: min) {
                fail("minimum-tcb", "MinimumTCB.\(s.name)", "reported TCB \(short(s.name))=\(s.have) is below the minimum \(short(s.name))=\(s.need) in \(p.name).MinimumTCB; update the host firmware or lower MinimumTCB")
            }
        }
        if let min = p.minimumLaunchTCB {
            for s in launch.shortfalls(against: min) {
                fail("minimum-launch-tcb", "MinimumTCB.\(s.name)", "launch TCB \(short(s.name))=\(s.have) is below the minimum \(short(s.name))=\(s.need) in \(p.name).MinimumTCB; the guest was started on older firmware, restart it")
            }
        }
        if reported != signer.tcb {
            fail("reported-tcb-signer", "", "REPORTED_TCB (\(reported.summary)) differs from the TCB of the \(signer.kind == .vlek ? "VLEK" : "VCEK") certificate (\(signer.tcb.summary)); fetch the certificate for the reported TCB")
        }
        if !signer.tcb.isLessThanOrEqual(to: current) {
            fail("signer-tcb-current", "", "the \(signer.kind == .vlek ? "VLEK" : "VCEK") certificate's TCB (\(signer.tcb.summary)) is above CURRENT_TCB (\(current.summary))")
        }
    }

    private static func short(_ name: String) -> String {
        switch name {
        case "BootloaderVersion": return "bootloader"
        case "TEEVersion": return "TEE"
        case "SNPVersion": return "SNP"
        case "MicrocodeVersion": return "microcode"
        case "FMCVersion": return "FMC"
        default: return name
        }
    }

    private static func checkFirmware(_ r: SNPReport, _ p: SNPValidationPolicy, _ fail: (String, String, String) -> Void) {
        if p.minimumBuild != 0 {
            for (name, b) in [("CURRENT_BUILD", r.currentBuild), ("COMMITTED_BUILD", r.committedBuild)] where b < p.minimumBuild {
                fail("firmware-build", "MinimumBuild", "\(name) \(b) is below the minimum firmware build \(p.minimumBuild)")
            }
        }
        if p.minimumVersion != 0 {
            let want = "\(p.minimumVersion >> 8).\(p.minimumVersion & 0xFF)"
            for (name, major, minor) in [("current", r.currentMajor, r.currentMinor), ("committed", r.committedMajor, r.committedMinor)]
            where UInt16(major) << 8 | UInt16(minor) < p.minimumVersion {
                fail("firmware-version", "MinimumVersion", "\(name) firmware version \(major).\(minor) is below the minimum \(want)")
            }
        }
    }

    private static func checkChipID(_ r: SNPReport, signer: SNPSignerFacts, _ p: SNPValidationPolicy, _ fail: (String, String, String) -> Void) {
        let zero = r.chipID.allSatisfy { $0 == 0 }
        // go-sev-guest: CHIP_ID must equal the VCEK's HWID unless it is masked (all zero); VLEKs carry no HWID.
        if signer.kind == .vcek, !zero, let hw = signer.hardwareID {
            let n = hw.count
            let matches = n <= 64 && Array(r.chipID.prefix(n)) == hw && r.chipID.dropFirst(n).allSatisfy { $0 == 0 }
            if !matches {
                fail("chip-id-signer", "", "CHIP_ID \(AttestationBytes.hex(r.chipID)) is not the hardware ID \(AttestationBytes.hex(hw)) of the VCEK certificate; the report and the certificate belong to different processors")
            }
        }
        if !p.allowedChipIDs.isEmpty, !p.allowedChipIDs.contains(where: { $0 == r.chipID }) {
            fail("allowed-chip-ids", "AllowedChipIDs", "CHIP_ID \(AttestationBytes.hex(r.chipID)) is not in \(p.name).AllowedChipIDs (\(p.allowedChipIDs.count) allowed); add it or run on an allowed machine")
        }
    }

    private static func checkGuestPolicy(_ have: SNPReport.GuestPolicy, required: SNPReport.GuestPolicy, _ name: String, _ out: inout [ValidationFailure]) {
        let field = "\(name).GuestPolicy"
        func fail(_ rule: String, _ message: String) { out.append(ValidationFailure(rule: rule, field: field, message: message)) }
        if (have.abiMajor, have.abiMinor) < (required.abiMajor, required.abiMinor) {
            fail("guest-policy-abi", "guest policy ABI version \(have.abiMajor).\(have.abiMinor) is below the \(required.abiMajor).\(required.abiMinor) required by \(field)")
        }
        let forbidden: [(Bool, Bool, String)] = [
            (have.migrateMA, required.migrateMA, "MigrateMA (migration agent)"),
            (have.debug, required.debug, "Debug (the host can read guest memory)"),
            (have.smt, required.smt, "SMT (simultaneous multithreading)"),
            (have.cxlAllowed, required.cxlAllowed, "CXLAllowed"),
        ]
        for (on, allowed, what) in forbidden where on && !allowed {
            fail("guest-policy-forbidden", "guest policy 0x\(String(have.rawValue, radix: 16)) enables \(what), which \(field) does not allow")
        }
        let needed: [(Bool, Bool, String)] = [
            (have.singleSocket, required.singleSocket, "SingleSocket"),
            (have.memAES256XTS, required.memAES256XTS, "MemAES256XTS"),
            (have.raplDisabled, required.raplDisabled, "RAPLDis"),
            (have.cipherTextHidingDRAM, required.cipherTextHidingDRAM, "CipherTextHidingDRAM"),
            (have.pageSwapDisable, required.pageSwapDisable, "PageSwapDisable"),
        ]
        for (on, need, what) in needed where need && !on {
            fail("guest-policy-required", "guest policy 0x\(String(have.rawValue, radix: 16)) lacks \(what), which \(field) requires")
        }
    }

    private static func checkPlatformInfo(_ have: SNPReport.PlatformInfo, required: SNPReport.PlatformInfo, _ name: String, _ out: inout [ValidationFailure]) {
        let field = "\(name).PlatformInfo"
        func fail(_ rule: String, _ message: String) { out.append(ValidationFailure(rule: rule, field: field, message: message)) }
        let forbidden: [(Bool, Bool, String)] = [
            (have.smtEnabled, required.smtEnabled, "SMTEnabled"),
            (have.tsmeEnabled, required.tsmeEnabled, "TSMEEnabled"),
            (have.tioEnabled, required.tioEnabled, "TIOEnabled"),
        ]
        for (on, allowed, what) in forbidden where on && !allowed {
            fail("platform-info-forbidden", "the platform has \(what) on (PLATFORM_INFO 0x\(String(have.rawValue, radix: 16))), which \(field) does not allow")
        }
        let needed: [(Bool, Bool, String)] = [
            (have.eccEnabled, required.eccEnabled, "ECCEnabled"),
            (have.raplDisabled, required.raplDisabled, "RAPLDisabled"),
            (have.ciphertextHidingDRAMEnabled, required.ciphertextHidingDRAMEnabled, "CiphertextHidingDRAMEnabled"),
            (have.aliasCheckComplete, required.aliasCheckComplete, "AliasCheckComplete"),
        ]
        for (on, need, what) in needed where need && !on {
            fail("platform-info-required", "the platform lacks \(what) (PLATFORM_INFO 0x\(String(have.rawValue, radix: 16))), which \(field) requires")
        }
    }
}
