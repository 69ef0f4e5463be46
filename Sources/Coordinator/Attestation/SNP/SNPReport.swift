// SPDX-License-Identifier: Apache-2.0
// The SEV-SNP ATTESTATION_REPORT structure, versions 2–5, 0x4A0 bytes (SEV-SNP ABI spec, MSG_REPORT_RSP; upstream.md §8.1).

/// A parsed SEV-SNP attestation report. Every field of the ABI is kept; `serialized()` writes the exact bytes back
/// (reserved areas are verified to be zero when parsing, so `SNPReport(bytes: b).serialized() == b`).
public struct SNPReport: Hashable, Sendable {
    /// Size of the structure: 0x4A0.
    public static let size = 0x4A0
    /// The signature covers bytes [0x000, 0x2A0).
    public static let signedSize = 0x2A0
    /// Versions this code reads.
    public static let supportedVersions: ClosedRange<UInt32> = 2...5
    /// SIGNATURE_ALGO 1: ECDSA P-384 with SHA-384.
    public static let ecdsaP384SHA384: UInt32 = 1

    /// 0x000 VERSION.
    public var version: UInt32 = 2
    /// 0x004 GUEST_SVN.
    public var guestSVN: UInt32 = 0
    /// 0x008 POLICY.
    public var policy = GuestPolicy(rawValue: GuestPolicy.reservedOneBit)
    /// 0x010 FAMILY_ID (16 bytes).
    public var familyID = [UInt8](repeating: 0, count: 16)
    /// 0x020 IMAGE_ID (16 bytes).
    public var imageID = [UInt8](repeating: 0, count: 16)
    /// 0x030 VMPL of the request.
    public var vmpl: UInt32 = 0
    /// 0x034 SIGNATURE_ALGO.
    public var signatureAlgorithm: UInt32 = SNPReport.ecdsaP384SHA384
    /// 0x038 CURRENT_TCB.
    public var currentTCB = SNPTCBVersion(rawValue: 0)
    /// 0x040 PLATFORM_INFO.
    public var platformInfo = PlatformInfo(rawValue: 0)
    /// 0x048 SIGNER_INFO (author key, mask chip key, signing key); 0x04C is reserved.
    public var signerInfo = SignerInfo()
    /// 0x050 REPORT_DATA (64 bytes, chosen by the guest).
    public var reportData = [UInt8](repeating: 0, count: 64)
    /// 0x090 MEASUREMENT: the launch digest (48 bytes).
    public var measurement = [UInt8](repeating: 0, count: 48)
    /// 0x0C0 HOST_DATA (32 bytes, chosen by the host at launch).
    public var hostData = [UInt8](repeating: 0, count: 32)
    /// 0x0E0 ID_KEY_DIGEST: SHA-384 of the ID public key of the ID block (48 bytes).
    public var idKeyDigest = [UInt8](repeating: 0, count: 48)
    /// 0x110 AUTHOR_KEY_DIGEST (48 bytes).
    public var authorKeyDigest = [UInt8](repeating: 0, count: 48)
    /// 0x140 REPORT_ID (32 bytes).
    public var reportID = [UInt8](repeating: 0, count: 32)
    /// 0x160 REPORT_ID_MA (32 bytes).
    public var reportIDMA = [UInt8](repeating: 0, count: 32)
    /// 0x180 REPORTED_TCB: the TCB the VCEK was derived from.
    public var reportedTCB = SNPTCBVersion(rawValue: 0)
    /// 0x188 CPUID_FAM_ID, 0x189 CPUID_MOD_ID, 0x18A CPUID_STEP (version 3 and later; zero before).
    public var cpuidFamily: UInt8 = 0
    public var cpuidModel: UInt8 = 0
    public var cpuidStepping: UInt8 = 0
    /// 0x1A0 CHIP_ID (64 bytes; zero when MASK_CHIP_ID is set or the report is VLEK-signed; Turin: 8 bytes + zeros).
    public var chipID = [UInt8](repeating: 0, count: 64)
    /// 0x1E0 COMMITTED_TCB.
    public var committedTCB = SNPTCBVersion(rawValue: 0)
    /// 0x1E8 CURRENT_BUILD, 0x1E9 CURRENT_MINOR, 0x1EA CURRENT_MAJOR.
    public var currentBuild: UInt8 = 0
    public var currentMinor: UInt8 = 0
    public var currentMajor: UInt8 = 0
    /// 0x1EC COMMITTED_BUILD, 0x1ED COMMITTED_MINOR, 0x1EE COMMITTED_MAJOR.
    public var committedBuild: UInt8 = 0
    public var committedMinor: UInt8 = 0
    public var committedMajor: UInt8 = 0
    /// 0x1F0 LAUNCH_TCB.
    public var launchTCB = SNPTCBVersion(rawValue: 0)
    /// 0x1F8 LAUNCH_MIT_VECTOR (version 5 and later).
    public var launchMitigationVector: UInt64 = 0
    /// 0x200 CURRENT_MIT_VECTOR (version 5 and later).
    public var currentMitigationVector: UInt64 = 0
    /// 0x2A0 SIGNATURE (0x200 bytes): for algorithm 1, R (72 bytes LE) ‖ S (72 bytes LE) ‖ 368 reserved zero bytes.
    public var signature = [UInt8](repeating: 0, count: 0x200)

    public init() {}

    /// Parses a report.
    /// - Throws: `AttestationError` with `.invalidLength` (not 0x4A0 bytes), `.unsupportedVersion` (not 2–5),
    ///   `.unknownAlgorithm` (SIGNATURE_ALGO ≠ 1), `.reservedValue` (a reserved bit or byte is wrong) or
    ///   `.invalidField` (reserved signing-key value).
    public init(bytes: [UInt8]) throws(AttestationError) {
        guard bytes.count == SNPReport.size else {
            throw AttestationError(.invalidLength, "SEV-SNP report must be 1184 (0x4A0) bytes, got \(bytes.count)")
        }
        var c = AttestationByteCursor(bytes)
        version = try c.readUInt32("VERSION")
        guard SNPReport.supportedVersions.contains(version) else {
            throw AttestationError(.unsupportedVersion, "SEV-SNP report version \(version) is not supported (2 to 5 are)")
        }
        guestSVN = try c.readUInt32("GUEST_SVN")
        policy = GuestPolicy(rawValue: try c.readUInt64("POLICY"))
        try policy.checkReserved()
        familyID = try c.read(16, "FAMILY_ID")
        imageID = try c.read(16, "IMAGE_ID")
        vmpl = try c.readUInt32("VMPL")
        signatureAlgorithm = try c.readUInt32("SIGNATURE_ALGO")
        guard signatureAlgorithm == SNPReport.ecdsaP384SHA384 else {
            throw AttestationError(.unknownAlgorithm, "SIGNATURE_ALGO \(signatureAlgorithm) is not defined (1 = ECDSA P-384 with SHA-384)")
        }
        currentTCB = SNPTCBVersion(rawValue: try c.readUInt64("CURRENT_TCB"))
        platformInfo = PlatformInfo(rawValue: try c.readUInt64("PLATFORM_INFO"))
        signerInfo = try SignerInfo(rawValue: try c.readUInt32("SIGNER_INFO"))
        try c.skipZeros(4, "reserved 0x04C")
        reportData = try c.read(64, "REPORT_DATA")
        measurement = try c.read(48, "MEASUREMENT")
        hostData = try c.read(32, "HOST_DATA")
        idKeyDigest = try c.read(48, "ID_KEY_DIGEST")
        authorKeyDigest = try c.read(48, "AUTHOR_KEY_DIGEST")
        reportID = try c.read(32, "REPORT_ID")
        reportIDMA = try c.read(32, "REPORT_ID_MA")
        reportedTCB = SNPTCBVersion(rawValue: try c.readUInt64("REPORTED_TCB"))
        if version >= 3 {
            cpuidFamily = try c.readUInt8("CPUID_FAM_ID")
            cpuidModel = try c.readUInt8("CPUID_MOD_ID")
            cpuidStepping = try c.readUInt8("CPUID_STEP")
            try c.skipZeros(0x1A0 - 0x18B, "reserved 0x18B-0x19F")
        } else {
            try c.skipZeros(0x1A0 - 0x188, "reserved 0x188-0x19F (version 2)")
        }
        chipID = try c.read(64, "CHIP_ID")
        committedTCB = SNPTCBVersion(rawValue: try c.readUInt64("COMMITTED_TCB"))
        currentBuild = try c.readUInt8("CURRENT_BUILD")
        currentMinor = try c.readUInt8("CURRENT_MINOR")
        currentMajor = try c.readUInt8("CURRENT_MAJOR")
        try c.skipZeros(1, "reserved 0x1EB")
        committedBuild = try c.readUInt8("COMMITTED_BUILD")
        committedMinor = try c.readUInt8("COMMITTED_MINOR")
        committedMajor = try c.readUInt8("COMMITTED_MAJOR")
        try c.skipZeros(1, "reserved 0x1EF")
        launchTCB = SNPTCBVersion(rawValue: try c.readUInt64("LAUNCH_TCB"))
        if version >= 5 {
            launchMitigationVector = try c.readUInt64("LAUNCH_MIT_VECTOR")
            currentMitigationVector = try c.readUInt64("CURRENT_MIT_VECTOR")
        } else {
            try c.skipZeros(16, "reserved 0x1F8-0x207 (before version 5)")
        }
        try c.skipZeros(SNPReport.signedSize - 0x208, "reserved 0x208-0x29F")
        signature = try c.read(0x200, "SIGNATURE")
        // ECDSA P-384 signature layout: R 72 bytes, S 72 bytes, then reserved.
        guard signature[144...].allSatisfy({ $0 == 0 }) else {
            throw AttestationError(.reservedValue, "SIGNATURE bytes 0x330-0x49F are reserved and must be zero")
        }
    }

    /// The 0x4A0 report bytes.
    public func serialized() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(SNPReport.size)
        AttestationBytes.appendLittleEndian(UInt64(version), byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(UInt64(guestSVN), byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(policy.rawValue, byteCount: 8, to: &out)
        AttestationBytes.appendFixed(familyID, size: 16, to: &out)
        AttestationBytes.appendFixed(imageID, size: 16, to: &out)
        AttestationBytes.appendLittleEndian(UInt64(vmpl), byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(UInt64(signatureAlgorithm), byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(currentTCB.rawValue, byteCount: 8, to: &out)
        AttestationBytes.appendLittleEndian(platformInfo.rawValue, byteCount: 8, to: &out)
        AttestationBytes.appendLittleEndian(UInt64(signerInfo.rawValue), byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(0, byteCount: 4, to: &out)
        AttestationBytes.appendFixed(reportData, size: 64, to: &out)
        AttestationBytes.appendFixed(measurement, size: 48, to: &out)
        AttestationBytes.appendFixed(hostData, size: 32, to: &out)
        AttestationBytes.appendFixed(idKeyDigest, size: 48, to: &out)
        AttestationBytes.appendFixed(authorKeyDigest, size: 48, to: &out)
        AttestationBytes.appendFixed(reportID, size: 32, to: &out)
        AttestationBytes.appendFixed(reportIDMA, size: 32, to: &out)
        AttestationBytes.appendLittleEndian(reportedTCB.rawValue, byteCount: 8, to: &out)
        if version >= 3 {
            out.append(contentsOf: [cpuidFamily, cpuidModel, cpuidStepping])
        } else {
            out.append(contentsOf: [0, 0, 0])
        }
        out.append(contentsOf: [UInt8](repeating: 0, count: 0x1A0 - 0x18B))
        AttestationBytes.appendFixed(chipID, size: 64, to: &out)
        AttestationBytes.appendLittleEndian(committedTCB.rawValue, byteCount: 8, to: &out)
        out.append(contentsOf: [currentBuild, currentMinor, currentMajor, 0])
        out.append(contentsOf: [committedBuild, committedMinor, committedMajor, 0])
        AttestationBytes.appendLittleEndian(launchTCB.rawValue, byteCount: 8, to: &out)
        AttestationBytes.appendLittleEndian(version >= 5 ? launchMitigationVector : 0, byteCount: 8, to: &out)
        AttestationBytes.appendLittleEndian(version >= 5 ? currentMitigationVector : 0, byteCount: 8, to: &out)
        out.append(contentsOf: [UInt8](repeating: 0, count: SNPReport.signedSize - 0x208))
        AttestationBytes.appendFixed(signature, size: 0x200, to: &out)
        return out
    }

    /// The product line named by the CPUID fields (version 3 and later), or nil.
    public var productFromCPUID: SNPProduct? {
        guard version >= 3 else { return nil }
        return SNPProduct(cpuidFamily: cpuidFamily, model: cpuidModel)
    }

    /// CPUID(1).EAX rebuilt from the family/model/stepping bytes, as go-sev-guest's `cpuid1eax_fms` field holds it.
    public var cpuid1EAX: UInt32 {
        guard version >= 3 else { return 0 }
        let baseFamily: UInt32 = cpuidFamily >= 0xF ? 0xF : UInt32(cpuidFamily)
        let extendedFamily: UInt32 = cpuidFamily >= 0xF ? UInt32(cpuidFamily) - 0xF : 0
        return extendedFamily << 20 | UInt32(cpuidModel >> 4) << 16 | baseFamily << 8 | UInt32(cpuidModel & 0xF) << 4
            | UInt32(cpuidStepping & 0xF)
    }

    /// Sets family/model/stepping from a CPUID(1).EAX value.
    public mutating func setCPUID1EAX(_ eax: UInt32) {
        let baseFamily = UInt8(truncatingIfNeeded: eax >> 8 & 0xF)
        let extendedFamily = UInt8(truncatingIfNeeded: eax >> 20 & 0xFF)
        cpuidFamily = baseFamily == 0xF ? baseFamily &+ extendedFamily : baseFamily
        cpuidModel = UInt8(truncatingIfNeeded: (eax >> 16 & 0xF) << 4 | eax >> 4 & 0xF)
        cpuidStepping = UInt8(truncatingIfNeeded: eax & 0xF)
    }
}
