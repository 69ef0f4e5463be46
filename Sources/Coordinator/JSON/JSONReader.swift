// SPDX-License-Identifier: Apache-2.0
// A strict JSON reader (RFC 8259) with size and depth limits and duplicate-key rejection.

// Why hand-written rather than FoundationEssentials' JSONDecoder: the manifest needs (1) JSON-path error
// messages that say *which* field is wrong, (2) the distinction between a missing member and one that is
// present (upstream's `*SVN` pointers make "missing" an error of its own), (3) rejection of duplicate keys
// (JSONDecoder silently keeps one of them, so two readers could disagree about what a hashed manifest
// says), and (4) numbers kept as written (uint64 mitigation vectors must not pass through Double). All four
// are awkward or impossible through Codable. The HTTP API bodies, which have none of these needs, may use
// JSONDecoder directly.

/// Limits applied while reading; exceeding one is an error, never a trap.
public struct JSONLimits: Sendable {
    /// Largest accepted document in bytes.
    public var maxBytes: Int
    /// Deepest accepted nesting of arrays and objects.
    public var maxDepth: Int

    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}

/// Reads JSON text. Accepts exactly RFC 8259 (no comments, no trailing commas, no leading zeros, no lone
/// surrogates, valid UTF-8 only, no byte-order mark) and rejects objects that repeat a key.
public enum JSONReader {
    /// Parses one complete JSON document (surrounding whitespace allowed, nothing else).
    /// - Throws: `JSONError` with the byte offset of the first problem.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else {
            throw JSONError("document of \(bytes.count) bytes exceeds the limit of \(limits.maxBytes)", at: 0)
        }
        var parser = Parser(bytes: bytes, maxDepth: limits.maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw JSONError("unexpected data after the document", at: parser.index) }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8 { index < bytes.count ? bytes[index] : 0 }

        // RFC 8259 §2: ws = *( %x20 / %x09 / %x0A / %x0D )
        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(JSONError) {
            guard !atEnd else { throw JSONError("unexpected end of input, expected \(what)", at: index) }
            guard bytes[index] == byte else { throw JSONError("expected \(what)", at: index) }
            index += 1
        }

        mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
            guard !atEnd else { throw JSONError("unexpected end of input, expected a value", at: index) }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try parseLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw JSONError("unexpected character, expected a value", at: index)
            }
        }

        mutating func parseLiteral(_ word: StaticString) throws(JSONError) {
            let start = index
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { throw JSONError("invalid literal", at: start) }
            let ok = word.withUTF8Buffer { w in
                var same = true
                for i in 0..<count where bytes[index + i] != w[i] { same = false }
                return same
            }
            guard ok else { throw JSONError("invalid literal", at: start) }
            index += count
        }

        mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
            guard depth <= maxDepth else { throw JSONError("nesting deeper than \(maxDepth)", at: index) }
            index += 1  // '{'
            var members: [JSONObject.Member] = []
            var seen = Set<String>()
            skipWhitespace()
            if current == UInt8(ascii: "}"), !atEnd {
                index += 1
                return .object(JSONObject(members))
            }
            while true {
                skipWhitespace()
                let keyOffset = index
                guard !atEnd, bytes[index] == UInt8(ascii: "\"") else {
                    throw JSONError(atEnd ? "unexpected end of input in object" : "expected a string key", at: index)
                }
                let key = try parseString()
                // RFC 8259 §4 says names SHOULD be unique; we require it so that every reader agrees.
                guard seen.insert(key).inserted else { throw JSONError("duplicate key \"\(key)\"", at: keyOffset) }
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':'")
                skipWhitespace()
                let value = try parseValue(depth: depth)
                members.append(JSONObject.Member(key: key, value: value))
                skipWhitespace()
                guard !atEnd else { throw JSONError("unexpected end of input in object", at: index) }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(JSONObject(members))
                }
                throw JSONError("expected ',' or '}'", at: index)
            }
        }

        mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
            guard depth <= maxDepth else { throw JSONError("nesting deeper than \(maxDepth)", at: index) }
            index += 1  // '['
            var items: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]"), !atEnd {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth))
                skipWhitespace()
                guard !atEnd else { throw JSONError("unexpected end of input in array", at: index) }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                throw JSONError("expected ',' or ']'", at: index)
            }
        }

        // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT )
        mutating func parseNumber() throws(JSONError) -> String {
            let start = index
            if current == UInt8(ascii: "-"), !atEnd { index += 1 }
            guard !atEnd, isDigit(bytes[index]) else { throw JSONError("invalid number", at: start) }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if !atEnd, isDigit(bytes[index]) { throw JSONError("leading zero in number", at: start) }
            } else {
                while !atEnd, isDigit(bytes[index]) { index += 1 }
            }
            if !atEnd, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard !atEnd, isDigit(bytes[index]) else { throw JSONError("invalid fraction", at: start) }
                while !atEnd, isDigit(bytes[index]) { index += 1 }
            }
            if !atEnd, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if !atEnd, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard !atEnd, isDigit(bytes[index]) else { throw JSONError("invalid exponent", at: start) }
                while !atEnd, isDigit(bytes[index]) { index += 1 }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        // RFC 8259 §7 strings, §8.1 UTF-8 only, §8.2 unpaired surrogates rejected.
        mutating func parseString() throws(JSONError) -> String {
            let start = index
            index += 1  // opening quote
            var out: [UInt8] = []
            var runStart = index
            while true {
                guard !atEnd else { throw JSONError("unterminated string", at: start) }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    break
                }
                if b < 0x20 { throw JSONError("unescaped control character in string", at: index) }
                if b != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                out.append(contentsOf: bytes[runStart..<index])
                let escapeAt = index
                index += 1
                guard !atEnd else { throw JSONError("unterminated escape", at: escapeAt) }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4(escapeAt)
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw JSONError("unpaired surrogate escape", at: escapeAt) }
                        index += 2
                        let low = try parseHex4(escapeAt)
                        guard low >= 0xDC00 && low < 0xE000 else { throw JSONError("unpaired surrogate escape", at: escapeAt) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw JSONError("unpaired surrogate escape", at: escapeAt)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw JSONError("invalid escape", at: escapeAt) }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw JSONError("invalid escape", at: escapeAt)
                }
                runStart = index
            }
            guard let s = String(validating: out, as: UTF8.self) else {
                throw JSONError("string is not valid UTF-8", at: start)
            }
            return s
        }

        mutating func parseHex4(_ escapeAt: Int) throws(JSONError) -> UInt32 {
            guard bytes.count - index >= 4 else { throw JSONError("truncated \\u escape", at: escapeAt) }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw JSONError("invalid \\u escape", at: escapeAt)
                }
                v = v << 4 | d
                index += 1
            }
            return v
        }
    }
}
