// SPDX-License-Identifier: Apache-2.0
// Reader for NIST CAVP `.rsp` files and the RFC-derived `key = value` vector texts in ../shared/vectors/nist.

/// One test case of a CAVP-style file: its `[section]` parameters and its `key = value` fields in order.
public struct CAVPRecord: Sendable {
    /// The file this record came from (for failure messages).
    public let file: String
    /// Line number of the record's first field.
    public let line: Int
    /// Parameters of the enclosing `[...]` headers: `[L = 32]` gives `"L": "32"`; a header without `=`
    /// (`[P-256,SHA-256]`) is stored under `"section"`.
    public let parameters: [String: String]
    /// Fields in file order. Bare words (`FAIL`) appear with an empty value.
    public let fields: [(key: String, value: String)]

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    /// True if the record has a field or bare word `key`.
    public func has(_ key: String) -> Bool { fields.contains { $0.key == key } }

    /// The hex bytes of field `key`; an absent or empty field is an empty array only if it is present.
    public func hex(_ key: String) throws -> [UInt8] {
        guard let v = self[key] else { throw VectorError.malformed(file: file, reason: "line \(line): no field \(key)") }
        return try Hex.decode(v)
    }

    /// A label for failure messages: `file:line (Count = 3)`.
    public var label: String {
        let id = fields.first { ["COUNT", "Count", "Len"].contains($0.key) }.map { " (\($0.key) = \($0.value))" } ?? ""
        return "\(file):\(line)\(id)"
    }
}

/// Parses CAVP `.rsp` files and similar texts.
public enum CAVP {
    /// Reads `relative` under the shared vectors and splits it into records.
    ///
    /// A record starts at one of `startKeys` or when a key repeats inside the current record; blank lines and
    /// `#` comments are ignored, so formats that put a blank line after `COUNT` still group correctly.
    public static func records(
        _ relative: String, startKeys: Set<String> = ["COUNT", "Count", "Len"]
    ) throws -> [CAVPRecord] {
        // Some CAVP files use CRLF; Swift treats "\r\n" as one Character, so drop CR bytes before splitting.
        let text = String(decoding: try VectorLocator.readShared(relative).filter { $0 != 0x0D }, as: UTF8.self)
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        return parse(text, file: name, startKeys: startKeys)
    }

    /// Splits CAVP text into records (see `records(_:startKeys:)`).
    public static func parse(_ text: String, file: String, startKeys: Set<String> = ["COUNT", "Count", "Len"])
        -> [CAVPRecord]
    {
        var out = [CAVPRecord]()
        var params = [String: String]()
        var fields = [(key: String, value: String)]()
        var firstLine = 0
        var inHeader = false

        func flush() {
            if !fields.isEmpty { out.append(CAVPRecord(file: file, line: firstLine, parameters: params, fields: fields)) }
            fields = []
        }

        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                flush()
                if !inHeader { inHeader = true }
                let body = line.dropFirst().dropLast()
                if let eq = body.firstIndex(of: "=") {
                    params[body[..<eq].trimmingCharacters()] = body[body.index(after: eq)...].trimmingCharacters()
                } else {
                    params["section"] = String(body)
                }
                continue
            }
            inHeader = false
            let key: String
            let value: String
            if let eq = line.firstIndex(of: "=") {
                key = line[..<eq].trimmingCharacters()
                value = line[line.index(after: eq)...].trimmingCharacters()
            } else {
                key = line
                value = ""
            }
            if startKeys.contains(key) || fields.contains(where: { $0.key == key }) { flush() }
            if fields.isEmpty { firstLine = n + 1 }
            fields.append((key, value))
        }
        flush()
        return out
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
