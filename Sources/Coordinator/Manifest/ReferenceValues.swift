// SPDX-License-Identifier: Apache-2.0
// Manifest `ReferenceValues`: SNP and TDX entries with the baseline and the newer optional fields (spec/upstream.md §3).

/// `ReferenceValues`: a workload's report is accepted if it matches ANY entry (upstream-ux.md §1.5.1).
public struct ReferenceValues: Sendable, Equatable {
    /// `snp` entries, in document order.
    public var snp: [SNPReferenceValues]
    /// `tdx` entries, in document order.
    public var tdx: [TDXReferenceValues]

    public init(snp: [SNPReferenceValues] = [], tdx: [TDXReferenceValues] = []) {
        self.snp = snp
        self.tdx = tdx
    }
}

/// `MinimumTCB`: minimum security version numbers (each 0–255). Upstream uses `*SVN` pointers, so an absent
/// value is distinguishable from 0 and is a validation error of its own.
public struct SNPTCB: Sendable, Equatable {
    public var bootloaderVersion: UInt8?
    public var teeVersion: UInt8?
    public var snpVersion: UInt8?
    public var microcodeVersion: UInt8?
    /// `FMCVersion` (Turin); optional, never required.
    public var fmcVersion: UInt8?
    /// Member names that were written as JSON `null` (reported as `missing (null)` rather than `missing`).
    public var nullMembers: Set<String> = []

    public init(
        bootloaderVersion: UInt8? = nil, teeVersion: UInt8? = nil, snpVersion: UInt8? = nil,
        microcodeVersion: UInt8? = nil, fmcVersion: UInt8? = nil
    ) {
        self.bootloaderVersion = bootloaderVersion
        self.teeVersion = teeVersion
        self.snpVersion = snpVersion
        self.microcodeVersion = microcodeVersion
        self.fmcVersion = fmcVersion
    }
}

/// `GuestPolicy`: go-sev-guest `abi.SnpPolicy` as JSON (field names verbatim).
public struct SNPGuestPolicy: Sendable, Equatable {
    public var abiMinor: UInt8 = 0
    public var abiMajor: UInt8 = 0
    public var smt = false
    public var migrateMA = false
    public var debug = false
    public var singleSocket = false
    public var cxlAllowed = false
    public var memAES256XTS = false
    public var raplDis = false
    public var cipherTextHidingDRAM = false
    public var pageSwapDisable = false
    public init() {}
}

/// `PlatformInfo`: go-sev-guest `abi.SnpPlatformInfo` as JSON (field names verbatim).
public struct SNPPlatformInfo: Sendable, Equatable {
    public var smtEnabled = false
    public var tsmeEnabled = false
    public var eccEnabled = false
    public var raplDisabled = false
    public var ciphertextHidingDRAMEnabled = false
    public var aliasCheckComplete = false
    public var tioEnabled = false
    public init() {}
}

/// One `ReferenceValues.snp[]` entry (upstream `SNPReferenceValues`). Hex strings are kept as written;
/// validation checks their lengths, and consumers decode them.
public struct SNPReferenceValues: Sendable, Equatable {
    /// `Platform` (newer), e.g. `Metal-QEMU-SNP`.
    public var platform: String?
    /// `ProductName`: `Milan` or `Genoa`.
    public var productName: String?
    /// `TrustedMeasurement`: 48-byte launch digest as 96 hex characters.
    public var trustedMeasurement: String?
    public var minimumTCB = SNPTCB()
    /// True if `MinimumTCB` was present at all.
    public var hasMinimumTCB = false
    public var guestPolicy = SNPGuestPolicy()
    public var platformInfo = SNPPlatformInfo()
    /// `MinimumMitigationVector` (uint64).
    public var minimumMitigationVector: UInt64 = 0
    /// `AllowedChipIDs`: 64-byte chip IDs as hex; empty means any chip.
    public var allowedChipIDs: [String] = []
    /// `CPUs` (informative; the measurement already covers the vCPU count).
    public var cpus: UInt64 = 0
    /// `APEIP` (NEW 2026): AP reset EIP, 4 bytes as hex; enables the vCPU-iterative measurement.
    public var apEIP: String?
    public init() {}
}

/// One `ReferenceValues.tdx[]` entry (upstream `TDXReferenceValues`, both schema generations).
public struct TDXReferenceValues: Sendable, Equatable {
    /// Which generation of the TDX schema the entry uses; decides which validation rules apply.
    public enum Generation: Sendable, Equatable {
        /// Older: `Rtrms` (sic), `MinimumQeSvn`, `MinimumPceSvn`, `MinimumTeeTcbSvn`, `TdAttributes` present.
        case legacy
        /// Newer: `Rtmrs`, `Platform`, `MinTCBEvaluationDataNumber`, `AllowedPIIDs`, platform booleans.
        case current
    }

    public var generation: Generation = .current
    public var platform: String?
    public var minTCBEvaluationDataNumber: Int64?
    /// `MrTd`: 48 bytes hex.
    public var mrTd: String?
    /// `MrSeam`: 48 bytes hex.
    public var mrSeam: String?
    /// `Rtmrs` (or legacy `Rtrms`): exactly four 48-byte values as hex.
    public var rtmrs: [String] = []
    /// The JSON key the RTMRs were read from (`Rtmrs` or `Rtrms`), for error paths.
    public var rtmrsKey = "Rtmrs"
    /// `Xfam`: 8 bytes hex.
    public var xfam: String?
    /// `AllowedPIIDs`: 16-byte platform instance IDs as hex.
    public var allowedPIIDs: [String] = []
    public var memoryIntegrity = false
    public var smtDisabled = false
    public var staticPlatform = false
    public var cpus: UInt64 = 0
    /// Legacy `MinimumQeSvn` (uint16, required in the legacy schema).
    public var minimumQeSvn: UInt16?
    /// Legacy `MinimumPceSvn` (uint16, required in the legacy schema).
    public var minimumPceSvn: UInt16?
    /// Legacy `MinimumTeeTcbSvn`: 16 bytes hex.
    public var minimumTeeTcbSvn: String?
    /// Legacy `TdAttributes`: 8 bytes hex (newer schema fixes it to SEPT_VE_DISABLE).
    public var tdAttributes: String?
    public init() {}
}
