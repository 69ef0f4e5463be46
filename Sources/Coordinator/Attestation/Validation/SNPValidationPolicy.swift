// SPDX-License-Identifier: Apache-2.0
// What one SNP reference-value entry requires of a report: go-sev-guest `validate.Options` as Contrast fills them
// (upstream.md §8.3). Plain values: the lead maps manifest `ReferenceValues.snp[i]` onto this type.

/// One entry's expectations. Nil / empty members are not checked, except where documented.
public struct SNPValidationPolicy: Hashable, Sendable {
    /// Path used in messages, e.g. `ReferenceValues.snp[0]`.
    public var name: String
    /// `TrustedMeasurement`: the 48-byte launch digest the report's MEASUREMENT must equal.
    public var trustedMeasurement: [UInt8]?
    /// `GuestPolicy`: the most the report's policy may allow (MigrateMA, Debug, SMT, CXL) and what it must require
    /// (SingleSocket, MemAES256XTS, RAPLDis, CipherTextHidingDRAM, PageSwapDisable); ABI version is a minimum.
    public var guestPolicy: SNPReport.GuestPolicy?
    /// The VMPL the report must come from (Contrast: 0).
    public var vmpl: UInt32? = 0
    /// `MinimumTCB` applied to REPORTED_TCB.
    public var minimumTCB: SNPTCBVersion.Minimum?
    /// `MinimumTCB` applied to LAUNCH_TCB (Contrast sets both from the manifest's MinimumTCB).
    public var minimumLaunchTCB: SNPTCBVersion.Minimum?
    /// Allow COMMITTED_TCB < CURRENT_TCB (provisional firmware). Contrast: true. When false they must be equal.
    public var permitProvisionalFirmware = true
    /// `PlatformInfo`: features the platform may have enabled (SMT, TSME, TIO) and must have enabled (ECC,
    /// RAPL disabled, ciphertext hiding, alias check). Nil: not checked.
    public var platformInfo: SNPReport.PlatformInfo?
    /// `AllowedChipIDs` (64 bytes each); empty: any chip.
    public var allowedChipIDs: [[UInt8]] = []
    /// The REPORT_DATA expected (aTLS: SHA-512(SPKI ‖ nonce)).
    public var reportData: [UInt8]?
    /// The HOST_DATA expected (CLI side: the Coordinator policy hash).
    public var hostData: [UInt8]?
    /// `TrustedIDKeyHashes`: ID_KEY_DIGEST must be one of these (Contrast derives one per entry from the ID block,
    /// `SNPIDBlock.idKeyDigest`). Empty: not checked.
    public var trustedIDKeyDigests: [[UInt8]] = []
    /// `MinimumMitigationVector` applied to LAUNCH_MIT_VECTOR and CURRENT_MIT_VECTOR: every bit set here must be set
    /// in the report. Zero: not checked.
    public var minimumMitigationVector: UInt64 = 0
    /// Minimum firmware build (CURRENT_BUILD and COMMITTED_BUILD). Zero: not checked.
    public var minimumBuild: UInt8 = 0
    /// Minimum firmware version as major << 8 | minor (current and committed). Zero: not checked.
    public var minimumVersion: UInt16 = 0
    /// Minimum GUEST_SVN. Zero: not checked.
    public var minimumGuestSVN: UInt32 = 0
    /// `ProductName`: the product line the evidence must come from. Nil: any.
    public var productLine: SNPProduct?

    public init(name: String) { self.name = name }
}

/// Facts about the report's signer, taken from the verified VCEK/VLEK certificate (AMD extensions 1.3.6.1.4.1.3704.1.*).
public struct SNPSignerFacts: Hashable, Sendable {
    /// VCEK or VLEK.
    public var kind: SNPReport.SigningKey
    /// The TCB the certificate was issued for (blSPL, teeSPL, snpSPL, ucodeSPL, and fmcSPL on Turin).
    public var tcb: SNPTCBVersion.Components
    /// HWID extension (64 bytes on Milan/Genoa, 8 on Turin; nil for VLEK).
    public var hardwareID: [UInt8]?
    /// The product line of the chain.
    public var product: SNPProduct
    /// Whether an ARK-signed CRL was checked (false: none was at hand; see `SNPVerifier.requireCRL`).
    public var revocationChecked = false

    public init(kind: SNPReport.SigningKey, tcb: SNPTCBVersion.Components, hardwareID: [UInt8]?, product: SNPProduct) {
        self.kind = kind
        self.tcb = tcb
        self.hardwareID = hardwareID
        self.product = product
    }
}
