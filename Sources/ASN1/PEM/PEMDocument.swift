// SPDX-License-Identifier: Apache-2.0
// PEM (RFC 7468): one or many labelled base64 blocks, matching labels, strict base64 (RFC 4648 §4) via
// ContrastCrypto's constant-time codec.

import ContrastCrypto

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
                out.append(PEMDocument(type: open, derBytes: try PEMDocument.decodeBody(body)))
                label = nil
            } else if label != nil {
                guard !line.contains(":") else { throw ASN1Error(.invalidPEM, "PEM headers are not supported") }
                body += line
            }
        }
        guard label == nil else { throw ASN1Error(.invalidPEM, "PEM block \(label ?? "") has no END line") }
        return out
    }

    /// The block's body through ContrastCrypto's strict constant-time base64 (the body may hold a private key).
    /// - CT: see `[UInt8](base64Encoded:)`; the error says only that the base64 is malformed.
    private static func decodeBody(_ body: String) throws(ASN1Error) -> [UInt8] {
        do { return try [UInt8](base64Encoded: body) } catch {
            throw ASN1Error(.invalidPEM, "PEM body is not strict base64 (RFC 4648 §4)")
        }
    }

    private static func boundary(_ line: Substring, _ word: String) -> String? {
        let prefix = "-----\(word) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count >= prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }

    /// The textual form with 64-character lines (RFC 7468 §2).
    public var pemString: String {
        let encoded = derBytes.base64EncodedString()
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
