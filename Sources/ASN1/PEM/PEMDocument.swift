// SPDX-License-Identifier: Apache-2.0
// PEM (RFC 7468): one or many labelled base64 blocks, matching labels, strict base64 (RFC 4648 §4).

/// One `-----BEGIN <label>-----` … `-----END <label>-----` block.
public struct PEMDocument: Hashable, Sendable {
    /// The label, e.g. `CERTIFICATE`.
    public let type: String
    /// The decoded bytes.
    public let derBytes: [UInt8]

    public init(type: String, derBytes: [UInt8]) {
        self.type = type
        self.derBytes = derBytes
    }

    /// Parses a text holding exactly one block (explanatory text around it is allowed, RFC 7468 §5.2).
    /// - Throws: `.invalidPEM` when there is not exactly one block.
    public init(pemString: String) throws(ASN1Error) {
        let all = try PEMDocument.parseMultiple(pemString)
        guard all.count == 1 else { throw ASN1Error(.invalidPEM, "expected one PEM block, found \(all.count)") }
        self = all[0]
    }

    /// Parses every block in `text`, in order.
    /// - Throws: `.invalidPEM` for unmatched BEGIN/END lines, mismatched labels, headers, or bad base64.
    public static func parseMultiple(_ text: String) throws(ASN1Error) -> [PEMDocument] {
        var out: [PEMDocument] = []
        var label: String? = nil
        var body = ""
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            if let begin = PEMDocument.boundary(line, "BEGIN") {
                guard label == nil else { throw ASN1Error(.invalidPEM, "BEGIN \(begin) inside an open block") }
                label = begin
                body = ""
            } else if let end = PEMDocument.boundary(line, "END") {
                guard let open = label else { throw ASN1Error(.invalidPEM, "END \(end) without BEGIN") }
                guard open == end else { throw ASN1Error(.invalidPEM, "BEGIN \(open) closed by END \(end)") }
                out.append(PEMDocument(type: open, derBytes: try Base64.decode(body)))
                label = nil
            } else if label != nil {
                guard !line.contains(":") else { throw ASN1Error(.invalidPEM, "PEM headers are not supported") }
                body += line
            }
        }
        guard label == nil else { throw ASN1Error(.invalidPEM, "PEM block \(label ?? "") has no END line") }
        return out
    }

    private static func boundary(_ line: Substring, _ word: String) -> String? {
        let prefix = "-----\(word) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count >= prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }

    /// The textual form with 64-character lines (RFC 7468 §2).
    public var pemString: String {
        let encoded = Base64.encode(derBytes)
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN \(type)-----\n" + lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
            + "-----END \(type)-----\n"
    }
}

/// Base64 (RFC 4648 §4) with strict decoding: alphabet only, padding only at the end, zero unused bits.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes with padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes, ignoring nothing: whitespace is the caller's business.
    /// - Throws: `.invalidPEM` for characters outside the alphabet, wrong length or padding, non-zero unused bits.
    public static func decode(_ text: String) throws(ASN1Error) -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { throw ASN1Error(.invalidPEM, "base64 length is not a multiple of 4") }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var i = 0
        while i < chars.count {
            var v: UInt32 = 0
            var pad = 0
            for j in 0..<4 {
                let c = chars[i + j]
                let d: UInt32
                switch c {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt32(c - UInt8(ascii: "A"))
                case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt32(c - UInt8(ascii: "a")) + 26
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0")) + 52
                case UInt8(ascii: "+"): d = 62
                case UInt8(ascii: "/"): d = 63
                case UInt8(ascii: "="):
                    guard i + 4 == chars.count, j >= 2 else {
                        throw ASN1Error(.invalidPEM, "base64 padding in the middle")
                    }
                    pad += 1
                    d = 0
                default: throw ASN1Error(.invalidPEM, "character 0x\(String(c, radix: 16)) is not base64")
                }
                if pad > 0 && c != UInt8(ascii: "=") { throw ASN1Error(.invalidPEM, "base64 data after padding") }
                v = v << 6 | d
            }
            if pad == 2 && v & 0xFFFF != 0 || pad == 1 && v & 0xFF != 0 {
                throw ASN1Error(.invalidPEM, "base64 unused bits are not zero")
            }
            out.append(UInt8(v >> 16))
            if pad < 2 { out.append(UInt8(v >> 8 & 0xFF)) }
            if pad < 1 { out.append(UInt8(v & 0xFF)) }
            i += 4
        }
        return out
    }
}
