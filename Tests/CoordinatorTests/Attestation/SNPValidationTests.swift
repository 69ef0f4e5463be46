// SPDX-License-Identifier: Apache-2.0
// Table-driven tests of every SNP validation rule (upstream.md §8.3): one passing and one failing case per rule.

import ContrastCoordinator
import Testing
import TestSupport

/// One row: a change that still passes and a change that makes exactly the named rule fail.
struct SNPRuleCase: CustomStringConvertible, Sendable {
    typealias Edit = @Sendable (inout SNPReport, inout SNPSignerFacts, inout SNPValidationPolicy) -> Void
    let rule: String
    let pass: Edit
    let fail: Edit
    var description: String { rule }
}

private let genoaTCB = SNPTCBVersion.Components(bootloader: 10, tee: 0, snp: 23, microcode: 84)

/// A report that satisfies `basePolicy()` in full.
func baseSNP() -> (SNPReport, SNPSignerFacts, SNPValidationPolicy) {
    var r = SNPReport()
    r.version = 5
    r.cpuidFamily = 0x19
    r.cpuidModel = 0x11
    r.policy = .init(abiMajor: 1, abiMinor: 55, smt: true)
    r.measurement = [UInt8](repeating: 0x11, count: 48)
    r.reportData = [UInt8](repeating: 0x22, count: 64)
    r.hostData = [UInt8](repeating: 0x33, count: 32)
    r.idKeyDigest = [UInt8](repeating: 0x44, count: 48)
    r.chipID = [UInt8](repeating: 0x55, count: 64)
    let tcb = SNPTCBVersion(genoaTCB, layout: .milanGenoa)
    r.currentTCB = tcb
    r.reportedTCB = tcb
    r.committedTCB = tcb
    r.launchTCB = tcb
    r.currentMajor = 1
    r.currentMinor = 55
    r.currentBuild = 40
    r.committedMajor = 1
    r.committedMinor = 55
    r.committedBuild = 40
    r.platformInfo = .init(smtEnabled: true, eccEnabled: true)
    r.launchMitigationVector = 0b11
    r.currentMitigationVector = 0b11
    let signer = SNPSignerFacts(kind: .vcek, tcb: genoaTCB, hardwareID: r.chipID, product: .genoa)
    var p = SNPValidationPolicy(name: "ReferenceValues.snp[0]")
    p.trustedMeasurement = r.measurement
    p.guestPolicy = .init(abiMajor: 1, abiMinor: 51, smt: true)
    p.minimumTCB = .init(bootloader: 10, tee: 0, snp: 23, microcode: 84)
    p.minimumLaunchTCB = p.minimumTCB
    p.reportData = r.reportData
    p.hostData = r.hostData
    p.trustedIDKeyDigests = [r.idKeyDigest]
    p.platformInfo = .init(smtEnabled: true, eccEnabled: true)
    p.productLine = .genoa
    return (r, signer, p)
}

let snpRuleCases: [SNPRuleCase] = [
    .init(rule: "measurement", pass: { _, _, p in p.trustedMeasurement = nil }, fail: { r, _, _ in r.measurement[0] ^= 1 }),
    .init(rule: "product", pass: { _, _, p in p.productLine = nil }, fail: { _, _, p in p.productLine = .milan }),
    .init(rule: "guest-policy-abi", pass: { r, _, _ in r.policy = .init(abiMajor: 2, abiMinor: 0, smt: true) },
          fail: { r, _, _ in r.policy = .init(abiMajor: 1, abiMinor: 50, smt: true) }),
    .init(rule: "guest-policy-forbidden", pass: { r, _, p in r.policy = .init(abiMajor: 1, abiMinor: 55, smt: true, debug: true); p.guestPolicy = .init(abiMajor: 1, abiMinor: 51, smt: true, debug: true) },
          fail: { r, _, _ in r.policy = .init(abiMajor: 1, abiMinor: 55, smt: true, debug: true) }),
    .init(rule: "guest-policy-required", pass: { r, _, p in r.policy = .init(abiMajor: 1, abiMinor: 55, smt: true, singleSocket: true); p.guestPolicy = .init(abiMajor: 1, abiMinor: 51, smt: true, singleSocket: true) },
          fail: { _, _, p in p.guestPolicy = .init(abiMajor: 1, abiMinor: 51, smt: true, singleSocket: true) }),
    .init(rule: "vmpl", pass: { r, _, p in r.vmpl = 1; p.vmpl = nil }, fail: { r, _, _ in r.vmpl = 1 }),
    .init(rule: "guest-svn", pass: { r, _, p in r.guestSVN = 3; p.minimumGuestSVN = 3 }, fail: { r, _, p in r.guestSVN = 2; p.minimumGuestSVN = 3 }),
    .init(rule: "committed-tcb", pass: { r, _, _ in
        r.committedTCB = SNPTCBVersion(.init(bootloader: 9, tee: 0, snp: 23, microcode: 84), layout: .milanGenoa) },
          fail: { r, _, _ in r.committedTCB = SNPTCBVersion(.init(bootloader: 10, tee: 0, snp: 24, microcode: 84), layout: .milanGenoa) }),
    .init(rule: "minimum-tcb", pass: { _, _, p in p.minimumTCB = .init(snp: 22) }, fail: { _, _, p in p.minimumTCB = .init(snp: 24) }),
    .init(rule: "minimum-launch-tcb", pass: { _, _, p in p.minimumLaunchTCB = nil },
          fail: { r, _, _ in r.launchTCB = SNPTCBVersion(.init(bootloader: 10, tee: 0, snp: 22, microcode: 84), layout: .milanGenoa) }),
    .init(rule: "reported-tcb-signer", pass: { r, s, p in
        let lower = SNPTCBVersion.Components(bootloader: 10, tee: 0, snp: 23, microcode: 80)
        r.reportedTCB = SNPTCBVersion(lower, layout: .milanGenoa); s.tcb = lower; p.minimumTCB = nil },
          fail: { _, s, _ in s.tcb.microcode = 83 }),
    .init(rule: "signer-tcb-current", pass: { _, _, _ in }, fail: { r, s, p in
        let higher = SNPTCBVersion.Components(bootloader: 10, tee: 0, snp: 23, microcode: 90)
        r.reportedTCB = SNPTCBVersion(higher, layout: .milanGenoa); s.tcb = higher; p.minimumTCB = nil }),
    .init(rule: "firmware-build", pass: { _, _, p in p.minimumBuild = 40 }, fail: { _, _, p in p.minimumBuild = 41 }),
    .init(rule: "firmware-version", pass: { _, _, p in p.minimumVersion = 0x0137 }, fail: { _, _, p in p.minimumVersion = 0x0138 }),
    .init(rule: "platform-info-forbidden", pass: { r, _, _ in r.platformInfo = .init(eccEnabled: true) },
          fail: { r, _, _ in r.platformInfo = .init(smtEnabled: true, tsmeEnabled: true, eccEnabled: true) }),
    .init(rule: "platform-info-required", pass: { _, _, p in p.platformInfo = .init(smtEnabled: true) },
          fail: { r, _, _ in r.platformInfo = .init(smtEnabled: true) }),
    .init(rule: "chip-id-signer", pass: { r, s, _ in r.chipID = [UInt8](repeating: 0, count: 64); s.hardwareID = [1] },
          fail: { _, s, _ in s.hardwareID = [UInt8](repeating: 0x56, count: 64) }),
    .init(rule: "allowed-chip-ids", pass: { r, _, p in p.allowedChipIDs = [[UInt8](repeating: 9, count: 64), r.chipID] },
          fail: { _, _, p in p.allowedChipIDs = [[UInt8](repeating: 9, count: 64)] }),
    .init(rule: "report-data", pass: { _, _, p in p.reportData = nil }, fail: { r, _, _ in r.reportData[63] ^= 1 }),
    .init(rule: "host-data", pass: { _, _, p in p.hostData = nil }, fail: { r, _, _ in r.hostData[0] ^= 1 }),
    .init(rule: "id-key-digest", pass: { r, _, p in p.trustedIDKeyDigests = [[UInt8](repeating: 1, count: 48), r.idKeyDigest] },
          fail: { r, _, _ in r.idKeyDigest = [UInt8](repeating: 0, count: 48) }),
    .init(rule: "mitigation-vector", pass: { _, _, p in p.minimumMitigationVector = 0b01 },
          fail: { _, _, p in p.minimumMitigationVector = 0b100 }),
]

@Suite("SEV-SNP validation rules")
struct SNPValidationTests {
    @Test("the base report passes the base reference values")
    func basePasses() {
        let (r, s, p) = baseSNP()
        #expect(SNPValidator.check(r, signer: s, policy: p) == [])
        #expect(SNPValidator.validate(r, signer: s, against: [p]) == .accepted(entry: 0))
    }

    @Test("one passing and one failing case per rule", arguments: snpRuleCases)
    func rule(_ c: SNPRuleCase) {
        var (r, s, p) = baseSNP()
        c.pass(&r, &s, &p)
        #expect(SNPValidator.check(r, signer: s, policy: p) == [], "\(c.rule): passing case")
        (r, s, p) = baseSNP()
        c.fail(&r, &s, &p)
        let failures = SNPValidator.check(r, signer: s, policy: p)
        #expect(!failures.isEmpty, "\(c.rule): failing case")
        #expect(failures.allSatisfy { $0.rule == c.rule }, "\(c.rule): \(failures)")
        #expect(failures.allSatisfy { $0.field.hasPrefix("ReferenceValues.snp[0]") })
    }

    @Test("every rule of §8.3 has a row")
    func coverage() {
        #expect(snpRuleCases.count == 22)
        #expect(Set(snpRuleCases.map(\.rule)).count == snpRuleCases.count)
    }

    @Test("messages name the value, the minimum and the reference field")
    func messages() {
        var (r, s, p) = baseSNP()
        p.minimumTCB = .init(snp: 24)
        r.reportData[0] ^= 1
        let f = SNPValidator.check(r, signer: s, policy: p)
        #expect(f.map(\.message).contains { $0.hasPrefix("reported TCB SNP=23 is below the minimum SNP=24 in ReferenceValues.snp[0].MinimumTCB") })
        #expect(f.count == 2)
        _ = s
    }

    @Test("every entry's failures are reported, and the first full match wins")
    func entries() {
        var (r, s, p0) = baseSNP()
        var p1 = p0
        p1.name = "ReferenceValues.snp[1]"
        p1.trustedMeasurement = [UInt8](repeating: 0, count: 48)
        p0.minimumTCB = .init(microcode: 200)
        let result = SNPValidator.validate(r, signer: s, against: [p0, p1])
        guard case .rejected(let entries) = result else {
            Issue.record("expected rejection")
            return
        }
        #expect(entries.map(\.entry) == ["ReferenceValues.snp[0]", "ReferenceValues.snp[1]"])
        #expect(entries[0].failures.map(\.rule) == ["minimum-tcb"])
        #expect(entries[1].failures.map(\.rule) == ["measurement"])
        #expect(result.description.contains("ReferenceValues.snp[1]: MEASUREMENT"))
        r.measurement = [UInt8](repeating: 0, count: 48)
        // Now entry 1 matches but entry 0 fails on the measurement as well.
        #expect(SNPValidator.validate(r, signer: s, against: [p0, p1]) == .accepted(entry: 1))
        s.product = .milan
        #expect(!SNPValidator.validate(r, signer: s, against: []).isAccepted)
    }

    @Test("Turin chip IDs are the 8-byte HWID followed by zeros")
    func turinChipID() {
        var (r, s, p) = baseSNP()
        p.productLine = nil
        p.minimumTCB = nil
        p.minimumLaunchTCB = nil
        s.product = .turin
        let hw: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        s.hardwareID = hw
        r.chipID = hw + [UInt8](repeating: 0, count: 56)
        s.tcb = r.reportedTCB.components(.turin)
        p.trustedIDKeyDigests = []
        #expect(SNPValidator.check(r, signer: s, policy: p) == [])
        r.chipID[9] = 1
        #expect(SNPValidator.check(r, signer: s, policy: p).map(\.rule) == ["chip-id-signer"])
    }
}
