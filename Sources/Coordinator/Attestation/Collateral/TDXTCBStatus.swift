// SPDX-License-Identifier: Apache-2.0
// TCB status values of Intel TCB Info and QE Identity (Intel PCS API v4, "tcbStatus"), ordered by severity.

import ContrastASN1
import ContrastCrypto

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

/// Field readers shared by the TCB Info and QE Identity parsers; every failure names the JSON path.
enum CollateralJSON {
    static func object(_ v: JSONValue?, _ path: String) throws(AttestationError) -> JSONValue {
        guard let v, v.objectValue != nil else { throw AttestationError(.malformed, "\(path) is missing or not an object") }
        return v
    }

    static func string(_ v: JSONValue?, _ path: String) throws(AttestationError) -> String {
        guard let s = v?.stringValue else { throw AttestationError(.malformed, "\(path) is missing or not a string") }
        return s
    }

    static func int(_ v: JSONValue?, _ path: String) throws(AttestationError) -> Int {
        guard let n = v?.int64Value, n >= 0, n <= Int64(UInt32.max) else {
            throw AttestationError(.malformed, "\(path) is missing or not a non-negative integer")
        }
        return Int(n)
    }

    static func array(_ v: JSONValue?, _ path: String) throws(AttestationError) -> [JSONValue] {
        guard let a = v?.arrayValue else { throw AttestationError(.malformed, "\(path) is missing or not an array") }
        return a
    }

    static func hex(_ v: JSONValue?, _ path: String, count: Int) throws(AttestationError) -> [UInt8] {
        let s = try string(v, path)
        guard let b = try? [UInt8](hexString: s), b.count == count else {
            throw AttestationError(.malformed, "\(path) must be \(count) bytes of hex")
        }
        return b
    }

    static func time(_ v: JSONValue?, _ path: String) throws(AttestationError) -> ASN1Time {
        let s = try string(v, path)
        guard let t = try? ASN1Time(rfc3339: s) else { throw AttestationError(.malformed, "\(path) is not an RFC 3339 time") }
        return t
    }

    static func status(_ v: JSONValue?, _ path: String) throws(AttestationError) -> TDXTCBStatus {
        let s = try string(v, path)
        guard let st = TDXTCBStatus(rawValue: s) else { throw AttestationError(.malformed, "\(path) has unknown status \"\(s)\"") }
        return st
    }

    static func isvLevels(_ v: JSONValue?, _ path: String) throws(AttestationError) -> [TDXISVTCBLevel] {
        var out: [TDXISVTCBLevel] = []
        for (i, l) in try array(v, path).enumerated() {
            let p = "\(path)[\(i)]"
            out.append(
                TDXISVTCBLevel(
                    isvSVN: try int(try object(l["tcb"], "\(p).tcb")["isvsvn"], "\(p).tcb.isvsvn"),
                    tcbDate: try string(l["tcbDate"], "\(p).tcbDate"), status: try status(l["tcbStatus"], "\(p).tcbStatus"),
                    advisoryIDs: (l["advisoryIDs"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }
        return out
    }

    /// Parses `document`, returning the parsed value and the raw bytes of member `key` plus the signature.
    static func signedBody(_ document: [UInt8], key: String) throws(AttestationError) -> (JSONValue, [UInt8], [UInt8]) {
        let root: JSONValue
        do { root = try JSONReader.parse(document, limits: JSONLimits(maxBytes: 1 << 20, maxDepth: 16)) } catch {
            throw AttestationError(.malformed, "not JSON: \(error)")
        }
        guard let raw = JSONRawMember.value(of: key, in: document) else {
            throw AttestationError(.malformed, "no \"\(key)\" member (written without escapes) in the response")
        }
        let sigHex = try string(root["signature"], "signature")
        guard let sig = try? [UInt8](hexString: sigHex), sig.count == 64 else {
            throw AttestationError(.malformed, "signature must be 64 bytes of hex (ECDSA P-256 r ‖ s)")
        }
        return (try object(root[key], key), Array(raw), sig)
    }
}
