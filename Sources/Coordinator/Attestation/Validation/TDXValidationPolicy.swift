// SPDX-License-Identifier: Apache-2.0
// What one TDX reference-value entry requires of a quote: go-tdx-guest `validate.Options` as Contrast fills them
// (upstream.md §8.5). Plain values: the lead maps manifest `ReferenceValues.tdx[i]` onto this type.

/// One entry's expectations. Nil / empty members are not checked.
public struct TDXValidationPolicy: Hashable, Sendable {
    /// Intel's Quoting Enclave vendor ID.
    public static let intelQEVendorID: [UInt8] = [
        0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
    ]

    /// Path used in messages, e.g. `ReferenceValues.tdx[0]`.
    public var name: String
    /// `QeVendorID` (Contrast: Intel's).
    public var qeVendorID: [UInt8]? = TDXValidationPolicy.intelQEVendorID
    /// `MrSeam` (48 bytes).
    public var mrSeam: [UInt8]?
    /// `TdAttributes` (8 bytes).
    public var tdAttributes: [UInt8]?
    /// `Xfam` (8 bytes).
    public var xfam: [UInt8]?
    /// `MrTd` (48 bytes).
    public var mrTD: [UInt8]?
    /// `Rtmrs`: RTMR0–3 (48 bytes each); nil entries are not checked.
    public var rtmrs: [[UInt8]?]?
    /// MR_CONFIG_ID (CLI side: the Coordinator policy hash padded with zeros to 48 bytes).
    public var mrConfigID: [UInt8]?
    /// The REPORT_DATA expected (aTLS: SHA-512(SPKI ‖ nonce)).
    public var reportData: [UInt8]?
    /// Legacy `MinimumQeSvn` (header QE SVN).
    public var minimumQESVN: UInt16?
    /// Legacy `MinimumPceSvn` (header PCE SVN).
    public var minimumPCESVN: UInt16?
    /// Legacy `MinimumTeeTcbSvn` (16 bytes, compared byte-wise).
    public var minimumTeeTCBSVN: [UInt8]?
    /// `AllowedPIIDs`: platform instance IDs (16 bytes) from the PCK certificate; empty: any.
    public var allowedPIIDs: [[UInt8]] = []
    /// `StaticPlatform`: the PCK certificate must not mark the platform dynamic.
    public var requireStaticPlatform = false
    /// `SMTDisabled`: the PCK certificate must state SMT is disabled.
    public var requireSMTDisabled = false
    /// `MinTCBEvaluationDataNumber`: the TCB Info collateral must be at least this evaluation.
    public var minimumTCBEvaluationDataNumber: Int?
    /// TCB statuses accepted from the collateral check (go-tdx-guest accepts only UpToDate).
    public var acceptedTCBStatuses: Set<TDXTCBStatus> = [.upToDate]
    /// Whether facts without a collateral check are rejected (upstream always checks collateral).
    public var requireCollateral = false

    public init(name: String) { self.name = name }
}

/// Facts about the quote's platform from the verified PCK certificate and collateral.
public struct TDXPlatformFacts: Hashable, Sendable {
    /// PIID from the PCK certificate's SGX extension (16 bytes), if present.
    public var platformInstanceID: [UInt8]?
    /// PCK certificate Configuration: dynamicPlatform (nil: not stated).
    public var dynamicPlatform: Bool?
    /// PCK certificate Configuration: SMTEnabled (nil: not stated).
    public var smtEnabled: Bool?
    /// `tcbEvaluationDataNumber` of the TCB Info used, if collateral was checked.
    public var tcbEvaluationDataNumber: Int?
    /// The TCB status from the collateral check (nil: no collateral was checked).
    public var tcb: TDXTCBAssessment?

    public init(platformInstanceID: [UInt8]? = nil, dynamicPlatform: Bool? = nil, smtEnabled: Bool? = nil, tcbEvaluationDataNumber: Int? = nil) {
        self.platformInstanceID = platformInstanceID
        self.dynamicPlatform = dynamicPlatform
        self.smtEnabled = smtEnabled
        self.tcbEvaluationDataNumber = tcbEvaluationDataNumber
    }
}
