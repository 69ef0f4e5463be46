// SPDX-License-Identifier: Apache-2.0
// One passing and one failing manifest per validation rule (spec/upstream.md §3.1).

import ContrastCoordinator
import Testing

private func problems(_ json: String, _ options: ManifestValidationOptions = ManifestValidationOptions()) -> [String] {
    do {
        _ = try Manifest.parseAndValidate(Array(json.utf8), options: options)
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

private typealias F = ManifestFixtures

private func policies(_ entries: [(String, String)]) -> String {
    "{" + entries.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

@Suite("Manifest validation rules")
struct ManifestValidationTests {
    @Test("policy hash: 64 hex characters")
    func policyHash() {
        #expect(problems(F.manifest()) == [])
        let p = policies([(F.coordinatorHash, "{\"SANs\": [], \"Role\": \"coordinator\"}"), ("abc", "{\"SANs\": []}")])
        #expect(problems(F.manifest(policies: p)) == ["Policies[\"abc\"]: policy hash: invalid length: 3 (expected 64)"])
        let nonHex = String(repeating: "g", count: 64)
        let q = policies([(F.coordinatorHash, "{\"SANs\": [], \"Role\": \"coordinator\"}"), (nonHex, "{\"SANs\": []}")])
        #expect(problems(F.manifest(policies: q)) == ["Policies[\"\(nonHex)\"]: policy hash: invalid hex"])
    }

    @Test("Role is empty or coordinator")
    func role() {
        let ok = policies([(F.coordinatorHash, "{\"SANs\": [], \"Role\": \"coordinator\"}"), (F.webHash, "{\"SANs\": [], \"Role\": \"\"}")])
        #expect(problems(F.manifest(policies: ok)) == [])
        let bad = policies([(F.coordinatorHash, "{\"SANs\": [], \"Role\": \"coordinator\"}"), (F.webHash, "{\"SANs\": [], \"Role\": \"admin\"}")])
        #expect(problems(F.manifest(policies: bad)) == ["Policies[\"\(F.webHash)\"].Role: unknown role: admin"])
    }

    @Test("baseline: exactly one coordinator policy; newer: at least one")
    func coordinatorCount() {
        let two = policies([(F.coordinatorHash, "{\"SANs\": [], \"Role\": \"coordinator\"}"), (F.webHash, "{\"SANs\": [], \"Role\": \"coordinator\"}")])
        #expect(problems(F.manifest(policies: two)) == ["Policies: expected exactly 1 policy with role 'coordinator', got 2"])
        #expect(problems(F.manifest(policies: two), ManifestValidationOptions(coordinatorRule: .atLeastOne)) == [])
        let none = policies([(F.webHash, "{\"SANs\": []}")])
        #expect(problems(F.manifest(policies: none)) == ["Policies: expected exactly 1 policy with role 'coordinator', got 0"])
        #expect(problems(F.manifest(policies: none), ManifestValidationOptions(coordinatorRule: .atLeastOne)) == ["Policies: expected at least 1 policy with role 'coordinator', got 0"])
    }

    @Test("ReferenceValues must not be empty")
    func referenceValuesNonEmpty() {
        #expect(problems(F.manifest(tdx: [])) == [])
        #expect(problems(F.manifest(snp: [], tdx: [])) == ["ReferenceValues: reference values in manifest cannot be empty. Is the chosen platform supported?"])
    }

    @Test("SNP MinimumTCB: all four versions present", arguments: ["BootloaderVersion", "TEEVersion", "SNPVersion", "MicrocodeVersion"])
    func minimumTCB(field: String) {
        let values = ["BootloaderVersion": "3", "TEEVersion": "0", "SNPVersion": "23", "MicrocodeVersion": "213"]
        var snp = F.snpEntry
        for (k, v) in values where k == field {
            snp = snp.replacingOccurrences("\"\(k)\": \(v)", "\"FMCVersion\": 1")
        }
        #expect(problems(F.manifest(snp: [snp])) == ["ReferenceValues.snp[0].MinimumTCB.\(field): missing"])
    }

    @Test("SNP ProductName is Milan or Genoa")
    func productName() {
        let genoa = F.snpEntry.replacingOccurrences("\"Milan\"", "\"Genoa\"")
        #expect(problems(F.manifest(snp: [genoa])) == [])
        let turin = F.snpEntry.replacingOccurrences("\"Milan\"", "\"Rome\"")
        #expect(problems(F.manifest(snp: [turin])) == ["ReferenceValues.snp[0].ProductName: unknown product name: Rome"])
    }

    @Test("SNP TrustedMeasurement is 96 hex characters")
    func trustedMeasurement() {
        let upper = F.snpEntry.replacingOccurrences(F.measurement, String(repeating: "AB", count: 48))
        #expect(problems(F.manifest(snp: [upper])) == [])
        let short = F.snpEntry.replacingOccurrences(F.measurement, String(repeating: "ab", count: 47))
        #expect(problems(F.manifest(snp: [short])) == ["ReferenceValues.snp[0].TrustedMeasurement: invalid length: 94 (expected 96)"])
    }

    @Test("SNP GuestPolicy: ABIMinor 0 or 31")
    func abiMinor() {
        let aks = F.snpEntry.replacingOccurrences("\"ABIMinor\": 0", "\"ABIMinor\": 31")
        #expect(problems(F.manifest(snp: [aks])) == [])
        let bad = F.snpEntry.replacingOccurrences("\"ABIMinor\": 0", "\"ABIMinor\": 1")
        #expect(problems(F.manifest(snp: [bad])) == ["ReferenceValues.snp[0].GuestPolicy.ABIMinor: modifying this field is not permitted"])
    }

    @Test("SNP GuestPolicy: ABIMajor 0 and SMT true")
    func abiMajorAndSMT() {
        let major = F.snpEntry.replacingOccurrences("\"ABIMajor\": 0", "\"ABIMajor\": 1")
        #expect(problems(F.manifest(snp: [major])) == ["ReferenceValues.snp[0].GuestPolicy.ABIMajor: modifying this field is not permitted"])
        let smt = F.snpEntry.replacingOccurrences("\"SMT\": true", "\"SMT\": false")
        #expect(problems(F.manifest(snp: [smt])) == ["ReferenceValues.snp[0].GuestPolicy.SMT: modifying this field is not permitted"])
    }

    @Test(
        "SNP GuestPolicy: flags that must stay false",
        arguments: ["MigrateMA", "Debug", "SingleSocket", "CXLAllowed", "MemAES256XTS", "RAPLDis", "CipherTextHidingDRAM"])
    func fixedFalse(flag: String) {
        let bad = F.snpEntry.replacingOccurrences("\"\(flag)\": false", "\"\(flag)\": true")
        #expect(problems(F.manifest(snp: [bad])) == ["ReferenceValues.snp[0].GuestPolicy.\(flag): modifying this field is not permitted"])
    }

    @Test("SNP AllowedChipIDs are 128 hex characters; APEIP is 8")
    func chipIDsAndAPEIP() {
        let withEIP = F.snpEntry.replacingOccurrences("\"CPUs\": 2", "\"CPUs\": 2, \"APEIP\": \"fffff000\"")
        #expect(problems(F.manifest(snp: [withEIP])) == [])
        let badChip = F.snpEntry.replacingOccurrences(F.chipID, "cd")
        #expect(problems(F.manifest(snp: [badChip])) == ["ReferenceValues.snp[0].AllowedChipIDs[0]: invalid length: 2 (expected 128)"])
        let badEIP = F.snpEntry.replacingOccurrences("\"CPUs\": 2", "\"CPUs\": 2, \"APEIP\": \"fff\"")
        #expect(problems(F.manifest(snp: [badEIP])) == ["ReferenceValues.snp[0].APEIP: invalid length: 3 (expected 8)"])
    }

    @Test("TDX MrTd and MrSeam are 96 hex characters (MrSeam expected-missing)")
    func tdxMeasurements() {
        let mrtd = F.tdxEntry.replacingOccurrences(String(repeating: "11", count: 48), "11")
        #expect(problems(F.manifest(tdx: [mrtd])) == ["ReferenceValues.tdx[0].MrTd: invalid length: 2 (expected 96)"])
        let seam = F.tdxEntry.replacingOccurrences(String(repeating: "22", count: 48), String(repeating: "0", count: 95))
        #expect(problems(F.manifest(tdx: [seam])) == ["ReferenceValues.tdx[0].MrSeam: invalid length: 95 (expected 96)"])
    }

    @Test("TDX Xfam is 16 hex characters; each RTMR 96; exactly four RTMRs; PIIDs 32")
    func tdxShapes() {
        let xfam = F.tdxEntry.replacingOccurrences("e702060000000000", "e7020600")
        #expect(problems(F.manifest(tdx: [xfam])) == ["ReferenceValues.tdx[0].Xfam: invalid length: 8 (expected 16)"])
        let rtmr = F.tdxEntry.replacingOccurrences(String(repeating: "44", count: 48), "44")
        #expect(problems(F.manifest(tdx: [rtmr])) == ["ReferenceValues.tdx[0].Rtmrs[1]: invalid length: 2 (expected 96)"])
        let three = F.tdxEntry.replacingOccurrences("\"\(String(repeating: "66", count: 48))\"]", "]").replacingOccurrences("\(String(repeating: "55", count: 48))\", ]", "\(String(repeating: "55", count: 48))\"]")
        #expect(problems(F.manifest(tdx: [three])) == ["ReferenceValues.tdx.0.Rtmrs: expected exactly 4 entries, got 3"].map { $0.replacingOccurrences("tdx.0", "tdx[0]") })
        let piid = F.tdxEntry.replacingOccurrences(String(repeating: "77", count: 16), "77")
        #expect(problems(F.manifest(tdx: [piid])) == ["ReferenceValues.tdx[0].AllowedPIIDs[0]: invalid length: 2 (expected 32)"])
    }

    @Test("WorkloadOwnerKeyDigests are 64 hex characters; an empty list is allowed")
    func ownerDigests() {
        #expect(problems(F.manifest(ownerDigests: "[]")) == [])
        #expect(problems(F.manifest(ownerDigests: "[\"00\"]")) == ["WorkloadOwnerKeyDigests[0]: invalid length: 2 (expected 64)"])
        let nonHex = String(repeating: "x", count: 64)
        #expect(problems(F.manifest(ownerDigests: "[\"\(nonHex)\"]")) == ["WorkloadOwnerKeyDigests[0]: invalid hex"])
    }

    @Test("WorkloadOwnerPubKeys (2026) are hex PKIX DER ECDSA keys")
    func ownerPubKeys() {
        #expect(problems(F.manifest(extraTop: ",\n  \"WorkloadOwnerPubKeys\": [\"\(F.ecSPKIHex)\"]")) == [])
        #expect(problems(F.manifest(extraTop: ",\n  \"WorkloadOwnerPubKeys\": [\"\(F.rsaPKCS1Hex)\"]")).first?.hasPrefix("WorkloadOwnerPubKeys[0]: not an ECDSA public key") == true)
        // A point that is not on P-384 (last coordinate byte changed) is refused as Go's ParsePKIXPublicKey refuses it.
        let offCurve = String(F.ecSPKIHex.dropLast(2)) + (F.ecSPKIHex.hasSuffix("00") ? "01" : "00")
        #expect(problems(F.manifest(extraTop: ",\n  \"WorkloadOwnerPubKeys\": [\"\(offCurve)\"]")) == ["WorkloadOwnerPubKeys[0]: not an ECDSA public key: EC point is not on the curve"])
        #expect(problems(F.manifest(extraTop: ",\n  \"WorkloadOwnerPubKeys\": [\"zz\"]")) == ["WorkloadOwnerPubKeys[0]: invalid hex"])
    }

    @Test("SeedshareOwnerPubKeys are hex PKCS#1 RSA public keys")
    func seedshareKeys() {
        #expect(problems(F.manifest(seedshareKeys: "[]")) == [])
        #expect(problems(F.manifest(seedshareKeys: "[\"zz\"]")) == ["SeedshareOwnerPubKeys[0]: parsing from hex: invalid hex"])
        #expect(problems(F.manifest(seedshareKeys: "[\"\(F.ecSPKIHex)\"]")).first?.hasPrefix("SeedshareOwnerPubKeys[0]: parsing from PKCS1") == true)
    }

    @Test("all problems are reported at once, in document order")
    func collectsAll() {
        let snp = F.snpEntry.replacingOccurrences("\"Milan\"", "\"Rome\"").replacingOccurrences("\"Debug\": false", "\"Debug\": true")
        let lines = problems(F.manifest(snp: [snp], ownerDigests: "[\"00\"]"))
        #expect(lines == [
            "ReferenceValues.snp[0].ProductName: unknown product name: Rome",
            "ReferenceValues.snp[0].GuestPolicy.Debug: modifying this field is not permitted",
            "WorkloadOwnerKeyDigests[0]: invalid length: 2 (expected 64)",
        ])
    }
}
