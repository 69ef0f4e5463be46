// SPDX-License-Identifier: Apache-2.0
// Manifest parsing and validation: one passing and one failing case per rule of spec/upstream.md §3.1.

import ContrastCoordinator
import Testing

/// Parses and validates; returns the issue lines (empty when the manifest is valid).
private func problems(_ json: String, _ options: ManifestValidationOptions = ManifestValidationOptions()) -> [String] {
    do {
        _ = try Manifest.parseAndValidate(Array(json.utf8), options: options)
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

private typealias F = ManifestFixtures

@Suite("Manifest parsing")
struct ManifestParsingTests {
    @Test("the fixture manifest parses, validates, and keeps its raw bytes")
    func validFixture() throws {
        let text = F.manifest()
        let m = try Manifest.parseAndValidate(Array(text.utf8))
        #expect(m.rawBytes == Array(text.utf8))
        #expect(m.policies.map(\.policyHash) == [F.coordinatorHash, F.webHash])
        #expect(m.policies[1].sans == ["web", "*", "10.0.0.1"])
        #expect(m.coordinatorPolicies.count == 1)
        let snp = try #require(m.referenceValues.snp.first)
        #expect(snp.minimumTCB.snpVersion == 23)
        #expect(snp.minimumTCB.microcodeVersion == 213)
        #expect(snp.guestPolicy.smt)
        #expect(snp.platformInfo.smtEnabled)
        #expect(snp.allowedChipIDs == [F.chipID])
        let tdx = try #require(m.referenceValues.tdx.first)
        #expect(tdx.generation == .current)
        #expect(tdx.rtmrs.count == 4)
        #expect(tdx.minTCBEvaluationDataNumber == 17)
        #expect(m.seedshareOwnerPubKeys == [F.rsaPKCS1Hex])
    }

    @Test("the reference values of spec/upstream.md §3.2 (e2e tcb-specs: Milan 3/0/23/213, Genoa 7/0/15/72) parse and validate")
    func tcbSpecValues() throws {
        let genoa = F.snpEntry.replacingOccurrences("\"Milan\"", "\"Genoa\"")
            .replacingOccurrences("\"BootloaderVersion\": 3", "\"BootloaderVersion\": 7")
            .replacingOccurrences("\"SNPVersion\": 23", "\"SNPVersion\": 15")
            .replacingOccurrences("\"MicrocodeVersion\": 213", "\"MicrocodeVersion\": 72")
        let m = try Manifest.parseAndValidate(Array(F.manifest(snp: [F.snpEntry, genoa]).utf8))
        let tcbs = m.referenceValues.snp.map {
            [$0.minimumTCB.bootloaderVersion, $0.minimumTCB.teeVersion, $0.minimumTCB.snpVersion, $0.minimumTCB.microcodeVersion]
        }
        #expect(tcbs == [[3, 0, 23, 213], [7, 0, 15, 72]])
    }

    @Test("raw bytes are kept verbatim, whitespace and key order included")
    func rawBytesVerbatim() throws {
        let compact = Array(F.manifest().utf8.filter { $0 != 0x0A })
        let m = try Manifest(parsing: compact)
        #expect(m.rawBytes == compact)
    }

    @Test("unknown members are rejected with their path, at every level")
    func unknownFields() {
        #expect(problems(F.manifest(extraTop: ",\n  \"Extra\": 1")) == ["Extra: unknown field"])
        let snp = F.snpEntry.replacingOccurrences("\"CPUs\": 2", "\"CPUs\": 2, \"Bogus\": true")
        #expect(problems(F.manifest(snp: [snp])) == ["ReferenceValues.snp[0].Bogus: unknown field"])
        let gp = F.snpEntry.replacingOccurrences("\"SMT\": true", "\"SMT\": true, \"Smt\": true")
        #expect(problems(F.manifest(snp: [gp])) == ["ReferenceValues.snp[0].GuestPolicy.Smt: unknown field"])
    }

    /// §3.1 "must not mix insecure and secure platforms": upstream's insecure reference values (opt-in, for
    /// non-TEE development clusters) are not part of this schema, so any such member is refused as unknown and
    /// no manifest can mix them with SNP/TDX entries.
    @Test("insecure reference values (not in this schema) cannot be mixed in: refused as unknown")
    func noInsecureMix() {
        let mixed = F.manifest().replacingOccurrences("\"snp\": [", "\"insecure\": [{}], \"snp\": [")
        #expect(problems(mixed) == ["ReferenceValues.insecure: unknown field"])
    }

    @Test("wrong JSON types are reported with their path")
    func typeErrors() {
        let snp = F.snpEntry.replacingOccurrences("\"SNPVersion\": 23", "\"SNPVersion\": \"23\"")
        #expect(problems(F.manifest(snp: [snp])) == ["ReferenceValues.snp[0].MinimumTCB.SNPVersion: expected number, got string"])
        let big = F.snpEntry.replacingOccurrences("\"SNPVersion\": 23", "\"SNPVersion\": 256")
        #expect(problems(F.manifest(snp: [big])) == ["ReferenceValues.snp[0].MinimumTCB.SNPVersion: value 256 out of range 0...255"])
        let frac = F.snpEntry.replacingOccurrences("\"SNPVersion\": 23", "\"SNPVersion\": 2.5")
        #expect(problems(F.manifest(snp: [frac])).count == 1)
        #expect(problems(F.manifest(policies: "[]")) == ["Policies: expected object, got array"])
    }

    @Test("malformed JSON and duplicate keys are syntax errors")
    func syntax() {
        #expect(problems("{").first?.contains("invalid JSON") == true)
        #expect(problems("[]") == ["expected object, got array"])
        let dup = F.manifest(extraTop: ",\n  \"Policies\": {}")
        #expect(problems(dup).first?.contains("duplicate key \"Policies\"") == true)
    }

    @Test("MinimumTCB fields: absent and null are both missing, told apart in the message")
    func missingVersusNull() throws {
        let absent = F.snpEntry.replacingOccurrences("\"SNPVersion\": 23,", "")
        #expect(problems(F.manifest(snp: [absent])) == ["ReferenceValues.snp[0].MinimumTCB.SNPVersion: missing"])
        let null = F.snpEntry.replacingOccurrences("\"SNPVersion\": 23", "\"SNPVersion\": null")
        #expect(problems(F.manifest(snp: [null])) == ["ReferenceValues.snp[0].MinimumTCB.SNPVersion: missing (null)"])
        do {
            _ = try Manifest.parseAndValidate(Array(F.manifest(snp: [absent]).utf8))
            Issue.record("expected failure")
        } catch {
            #expect(error.onlyExpectedMissing)
        }
    }

    @Test("legacy TDX schema (Rtrms, QE/PCE SVNs) parses and is validated by its own rules")
    func legacyTDX() throws {
        let legacy = """
            {"MrTd": "\(String(repeating: "11", count: 48))", "Rtrms": ["\(String(repeating: "33", count: 48))", "\(String(repeating: "33", count: 48))", "\(String(repeating: "33", count: 48))", "\(String(repeating: "33", count: 48))"],
             "MinimumQeSvn": 8, "MinimumPceSvn": 13, "MinimumTeeTcbSvn": "\(String(repeating: "00", count: 16))",
             "MrSeam": "\(String(repeating: "22", count: 48))", "TdAttributes": "0000001000000000", "Xfam": "e718060000000000"}
            """
        let m = try Manifest.parseAndValidate(Array(F.manifest(tdx: [legacy]).utf8))
        #expect(m.referenceValues.tdx[0].generation == .legacy)
        #expect(m.referenceValues.tdx[0].minimumPceSvn == 13)
        let noQe = legacy.replacingOccurrences("\"MinimumQeSvn\": 8,", "")
        #expect(problems(F.manifest(tdx: [noQe])) == ["ReferenceValues.tdx[0].MinimumQeSvn: missing"])
        let badTee = legacy.replacingOccurrences("\"MinimumTeeTcbSvn\": \"\(String(repeating: "00", count: 16))\"", "\"MinimumTeeTcbSvn\": \"00\"")
        #expect(problems(F.manifest(tdx: [badTee])) == ["ReferenceValues.tdx[0].MinimumTeeTcbSvn: invalid length: 2 (expected 32)"])
        let badAttr = legacy.replacingOccurrences("\"TdAttributes\": \"0000001000000000\"", "\"TdAttributes\": \"zz00001000000000\"")
        #expect(problems(F.manifest(tdx: [badAttr])) == ["ReferenceValues.tdx[0].TdAttributes: invalid hex"])
    }
}

extension String {
    /// Replaces every occurrence (FoundationEssentials-free helper for the fixtures).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        let t = Array(target.utf8)
        let s = Array(self.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if i + t.count <= s.count, Array(s[i..<i + t.count]) == t {
                out += Array(replacement.utf8)
                i += t.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
