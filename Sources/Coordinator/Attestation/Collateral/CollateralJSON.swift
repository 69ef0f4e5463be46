// SPDX-License-Identifier: Apache-2.0
// Field readers for Intel PCS JSON collateral (TCB Info, QE Identity): typed values or an error naming the JSON path.

import ContrastASN1
import ContrastCrypto

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
