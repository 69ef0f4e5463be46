// SPDX-License-Identifier: Apache-2.0
// TCB status values of Intel TCB Info and QE Identity (Intel PCS API v4, "tcbStatus"), ordered by severity.

/// The status Intel assigns to a TCB level.
public enum TDXTCBStatus: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case upToDate = "UpToDate"
    case swHardeningNeeded = "SWHardeningNeeded"
    case configurationNeeded = "ConfigurationNeeded"
    case configurationAndSWHardeningNeeded = "ConfigurationAndSWHardeningNeeded"
    case outOfDate = "OutOfDate"
    case outOfDateConfigurationNeeded = "OutOfDateConfigurationNeeded"
    case revoked = "Revoked"

    /// 0 = best; larger is worse.
    var severity: Int {
        switch self {
        case .upToDate: return 0
        case .swHardeningNeeded: return 1
        case .configurationNeeded: return 2
        case .configurationAndSWHardeningNeeded: return 3
        case .outOfDate: return 4
        case .outOfDateConfigurationNeeded: return 5
        case .revoked: return 6
        }
    }

    public static func < (a: TDXTCBStatus, b: TDXTCBStatus) -> Bool { a.severity < b.severity }

    public var description: String { rawValue }

    /// What a user can do about this status.
    public var advice: String {
        switch self {
        case .upToDate: return "nothing to do"
        case .swHardeningNeeded: return "the platform is patched, but software mitigations are needed for the listed advisories"
        case .configurationNeeded, .configurationAndSWHardeningNeeded:
            return "the platform needs a BIOS configuration change (and possibly software hardening) for the listed advisories"
        case .outOfDate, .outOfDateConfigurationNeeded:
            return "update the platform's microcode/BIOS and TDX module to the TCB level Intel lists as UpToDate"
        case .revoked: return "the platform's TCB is revoked; it cannot be trusted until its firmware is replaced"
        }
    }
}

/// One `tcbLevels` entry of a QE Identity or a TDX module identity: an ISV SVN and its status.
public struct TDXISVTCBLevel: Hashable, Sendable {
    public var isvSVN: Int
    public var tcbDate: String
    public var status: TDXTCBStatus
    public var advisoryIDs: [String]

    public init(isvSVN: Int, tcbDate: String, status: TDXTCBStatus, advisoryIDs: [String] = []) {
        self.isvSVN = isvSVN
        self.tcbDate = tcbDate
        self.status = status
        self.advisoryIDs = advisoryIDs
    }

    /// The first level (Intel lists them newest first) whose ISV SVN is at most `svn`.
    static func matching(_ levels: [TDXISVTCBLevel], svn: Int) -> TDXISVTCBLevel? {
        levels.first { $0.isvSVN <= svn }
    }
}
