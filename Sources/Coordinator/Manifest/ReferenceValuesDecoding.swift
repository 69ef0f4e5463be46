// SPDX-License-Identifier: Apache-2.0
// Decoding of `ReferenceValues.snp[]` / `.tdx[]` entries from JSON with JSON-path issues (spec/upstream.md §3).

enum SNPDecoding {
    static func decode(_ value: JSONValue, path: String, issues: inout [ManifestIssue]) -> SNPReferenceValues? {
        guard var o = ObjectDecoder.open(value, path: path, issues: &issues) else { return nil }
        var r = SNPReferenceValues()
        r.platform = o.string("Platform", &issues)
        r.productName = o.string("ProductName", &issues)
        r.trustedMeasurement = o.string("TrustedMeasurement", &issues)
        if let tcb = o.raw("MinimumTCB"), var t = ObjectDecoder.open(tcb, path: o.memberPath("MinimumTCB"), issues: &issues) {
            r.hasMinimumTCB = true
            for m in t.object.members where m.value == .null { r.minimumTCB.nullMembers.insert(m.key) }
            r.minimumTCB.bootloaderVersion = t.unsigned("BootloaderVersion", max: 255, &issues).map { UInt8($0) }
            r.minimumTCB.teeVersion = t.unsigned("TEEVersion", max: 255, &issues).map { UInt8($0) }
            r.minimumTCB.snpVersion = t.unsigned("SNPVersion", max: 255, &issues).map { UInt8($0) }
            r.minimumTCB.microcodeVersion = t.unsigned("MicrocodeVersion", max: 255, &issues).map { UInt8($0) }
            r.minimumTCB.fmcVersion = t.unsigned("FMCVersion", max: 255, &issues).map { UInt8($0) }
            t.reportUnknown(&issues)
        }
        if let gp = o.raw("GuestPolicy"), var g = ObjectDecoder.open(gp, path: o.memberPath("GuestPolicy"), issues: &issues) {
            var p = SNPGuestPolicy()
            p.abiMinor = g.unsigned("ABIMinor", max: 255, &issues).map { UInt8($0) } ?? 0
            p.abiMajor = g.unsigned("ABIMajor", max: 255, &issues).map { UInt8($0) } ?? 0
            p.smt = g.bool("SMT", &issues) ?? false
            p.migrateMA = g.bool("MigrateMA", &issues) ?? false
            p.debug = g.bool("Debug", &issues) ?? false
            p.singleSocket = g.bool("SingleSocket", &issues) ?? false
            p.cxlAllowed = g.bool("CXLAllowed", &issues) ?? false
            p.memAES256XTS = g.bool("MemAES256XTS", &issues) ?? false
            p.raplDis = g.bool("RAPLDis", &issues) ?? false
            p.cipherTextHidingDRAM = g.bool("CipherTextHidingDRAM", &issues) ?? false
            p.pageSwapDisable = g.bool("PageSwapDisable", &issues) ?? false
            g.reportUnknown(&issues)
            r.guestPolicy = p
        }
        if let pi = o.raw("PlatformInfo"), var g = ObjectDecoder.open(pi, path: o.memberPath("PlatformInfo"), issues: &issues) {
            var p = SNPPlatformInfo()
            p.smtEnabled = g.bool("SMTEnabled", &issues) ?? false
            p.tsmeEnabled = g.bool("TSMEEnabled", &issues) ?? false
            p.eccEnabled = g.bool("ECCEnabled", &issues) ?? false
            p.raplDisabled = g.bool("RAPLDisabled", &issues) ?? false
            p.ciphertextHidingDRAMEnabled = g.bool("CiphertextHidingDRAMEnabled", &issues) ?? false
            p.aliasCheckComplete = g.bool("AliasCheckComplete", &issues) ?? false
            p.tioEnabled = g.bool("TIOEnabled", &issues) ?? false
            g.reportUnknown(&issues)
            r.platformInfo = p
        }
        r.minimumMitigationVector = o.unsigned("MinimumMitigationVector", max: UInt64.max, &issues) ?? 0
        r.allowedChipIDs = o.strings("AllowedChipIDs", &issues) ?? []
        r.cpus = o.unsigned("CPUs", max: UInt64.max, &issues) ?? 0
        r.apEIP = o.string("APEIP", &issues)
        o.reportUnknown(&issues)
        return r
    }
}

enum TDXDecoding {
    static let legacyKeys = ["Rtrms", "MinimumQeSvn", "MinimumPceSvn", "MinimumTeeTcbSvn", "TdAttributes"]

    static func decode(_ value: JSONValue, path: String, issues: inout [ManifestIssue]) -> TDXReferenceValues? {
        guard var o = ObjectDecoder.open(value, path: path, issues: &issues) else { return nil }
        var r = TDXReferenceValues()
        r.generation = legacyKeys.contains(where: { o.isPresent($0) }) ? .legacy : .current
        if o.isPresent("Rtrms") && o.isPresent("Rtmrs") {
            issues.append(
                ManifestIssue(
                    path: o.memberPath("Rtrms"), message: "both Rtrms and Rtmrs given; use one", kind: .invalid))
        }
        r.platform = o.string("Platform", &issues)
        r.minTCBEvaluationDataNumber = o.signed("MinTCBEvaluationDataNumber", &issues)
        r.mrTd = o.string("MrTd", &issues)
        r.mrSeam = o.string("MrSeam", &issues)
        let rtmrKey = o.isPresent("Rtrms") ? "Rtrms" : "Rtmrs"
        r.rtmrsKey = rtmrKey
        if rtmrKey == "Rtrms" { _ = o.raw("Rtmrs") }
        if let rt = o.strings(rtmrKey, &issues) {
            // Upstream's type is [4]HexString: a fixed-size array. Go would silently zero-fill or truncate;
            // we require exactly four.
            if rt.count != 4 {
                issues.append(
                    ManifestIssue(
                        path: o.memberPath(rtmrKey), message: "expected exactly 4 entries, got \(rt.count)", kind: .type))
            }
            r.rtmrs = rt
        }
        r.xfam = o.string("Xfam", &issues)
        r.allowedPIIDs = o.strings("AllowedPIIDs", &issues) ?? []
        r.memoryIntegrity = o.bool("MemoryIntegrity", &issues) ?? false
        r.smtDisabled = o.bool("SMTDisabled", &issues) ?? false
        r.staticPlatform = o.bool("StaticPlatform", &issues) ?? false
        r.cpus = o.unsigned("CPUs", max: UInt64.max, &issues) ?? 0
        r.minimumQeSvn = o.unsigned("MinimumQeSvn", max: 0xFFFF, &issues).map { UInt16($0) }
        r.minimumPceSvn = o.unsigned("MinimumPceSvn", max: 0xFFFF, &issues).map { UInt16($0) }
        r.minimumTeeTcbSvn = o.string("MinimumTeeTcbSvn", &issues)
        r.tdAttributes = o.string("TdAttributes", &issues)
        o.reportUnknown(&issues)
        return r
    }
}
