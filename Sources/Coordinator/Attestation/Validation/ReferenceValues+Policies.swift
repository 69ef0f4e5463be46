// SPDX-License-Identifier: Apache-2.0
// Maps the manifest's `ReferenceValues` entries onto the validation policies, with Contrast's fixed options
// (upstream.md §8.3: VMPL 0, MinimumTCB for reported and launch TCB, ID-key digest from the ID block; §8.5).

import ContrastCrypto

/// A reference value that cannot be turned into a policy (bad hex, wrong length).
public struct ReferenceValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

extension SNPReferenceValues {
    /// The validation policy for this entry (`name` is its path, e.g. `ReferenceValues.snp[0]`).
    /// `PlatformInfo` is applied only when at least one of its flags is set, because the manifest type does not
    /// record whether the member was present (older manifests have none).
    public func validationPolicy(name: String, reportData: [UInt8]? = nil, hostData: [UInt8]? = nil) throws(ReferenceValueError) -> SNPValidationPolicy {
        var p = SNPValidationPolicy(name: name)
        func bytes(_ hex: String?, _ n: Int, _ field: String) throws(ReferenceValueError) -> [UInt8]? {
            guard let hex else { return nil }
            guard let b = try? [UInt8](hexString: hex), b.count == n else {
                throw ReferenceValueError(path: "\(name).\(field)", message: "expected \(n) bytes as hex")
            }
            return b
        }
        p.trustedMeasurement = try bytes(trustedMeasurement, 48, "TrustedMeasurement")
        let g = guestPolicy
        let policy = SNPReport.GuestPolicy(
            abiMajor: g.abiMajor, abiMinor: g.abiMinor, smt: g.smt, migrateMA: g.migrateMA, debug: g.debug,
            singleSocket: g.singleSocket, cxlAllowed: g.cxlAllowed, memAES256XTS: g.memAES256XTS, raplDisabled: g.raplDis,
            cipherTextHidingDRAM: g.cipherTextHidingDRAM, pageSwapDisable: g.pageSwapDisable)
        p.guestPolicy = policy
        p.vmpl = 0
        if hasMinimumTCB {
            let t = minimumTCB
            let m = SNPTCBVersion.Minimum(fmc: t.fmcVersion, bootloader: t.bootloaderVersion, tee: t.teeVersion, snp: t.snpVersion, microcode: t.microcodeVersion)
            p.minimumTCB = m
            p.minimumLaunchTCB = m
        }
        let i = platformInfo
        let info = SNPReport.PlatformInfo(
            smtEnabled: i.smtEnabled, tsmeEnabled: i.tsmeEnabled, eccEnabled: i.eccEnabled, raplDisabled: i.raplDisabled,
            ciphertextHidingDRAMEnabled: i.ciphertextHidingDRAMEnabled, aliasCheckComplete: i.aliasCheckComplete, tioEnabled: i.tioEnabled)
        if info.rawValue != 0 { p.platformInfo = info }
        p.minimumMitigationVector = minimumMitigationVector
        for (k, id) in allowedChipIDs.enumerated() {
            guard let b = try bytes(id, 64, "AllowedChipIDs[\(k)]") else { continue }
            p.allowedChipIDs.append(b)
        }
        if let productName {
            guard let line = SNPProduct(name: productName) else {
                throw ReferenceValueError(path: "\(name).ProductName", message: "unknown product \(productName) (Milan, Genoa, Turin)")
            }
            p.productLine = line
        }
        // RequireIDBlock with the deterministic ID key of (TrustedMeasurement, GuestPolicy) (upstream.md §8.4).
        if let m = p.trustedMeasurement, let digest = SNPIDBlock.idKeyDigest(launchDigest: m, policy: policy) {
            p.trustedIDKeyDigests = [digest]
        }
        p.reportData = reportData
        p.hostData = hostData
        return p
    }
}

extension TDXReferenceValues {
    /// TD_ATTRIBUTES with only SEPT_VE_DISABLE (bit 28) set, which the newer schema requires.
    public static let septVEDisable: [UInt8] = [0, 0, 0, 0x10, 0, 0, 0, 0]

    /// The validation policy for this entry.
    public func validationPolicy(name: String, reportData: [UInt8]? = nil, mrConfigID: [UInt8]? = nil) throws(ReferenceValueError) -> TDXValidationPolicy {
        var p = TDXValidationPolicy(name: name)
        func bytes(_ hex: String?, _ n: Int, _ field: String) throws(ReferenceValueError) -> [UInt8]? {
            guard let hex else { return nil }
            guard let b = try? [UInt8](hexString: hex), b.count == n else {
                throw ReferenceValueError(path: "\(name).\(field)", message: "expected \(n) bytes as hex")
            }
            return b
        }
        p.mrTD = try bytes(mrTd, 48, "MrTd")
        p.mrSeam = try bytes(mrSeam, 48, "MrSeam")
        p.xfam = try bytes(xfam, 8, "Xfam")
        if !rtmrs.isEmpty {
            var list: [[UInt8]?] = []
            for (i, r) in rtmrs.enumerated() { list.append(try bytes(r, 48, "\(rtmrsKey)[\(i)]")) }
            p.rtmrs = list
        }
        for (i, id) in allowedPIIDs.enumerated() {
            if let b = try bytes(id, 16, "AllowedPIIDs[\(i)]") { p.allowedPIIDs.append(b) }
        }
        p.requireStaticPlatform = staticPlatform
        p.requireSMTDisabled = smtDisabled
        p.minimumTCBEvaluationDataNumber = minTCBEvaluationDataNumber.map { Int($0) }
        switch generation {
        case .legacy:
            p.minimumQESVN = minimumQeSvn
            p.minimumPCESVN = minimumPceSvn
            p.minimumTeeTCBSVN = try bytes(minimumTeeTcbSvn, 16, "MinimumTeeTcbSvn")
            p.tdAttributes = try bytes(tdAttributes, 8, "TdAttributes")
        case .current:
            p.tdAttributes = TDXReferenceValues.septVEDisable
        }
        p.reportData = reportData
        p.mrConfigID = mrConfigID
        // Upstream verifies every TDX quote with Intel collateral (GetCollateral, CheckRevocations; §8.5).
        p.requireCollateral = true
        return p
    }
}
