// SPDX-License-Identifier: Apache-2.0
// The exact bytes of one member value of a top-level JSON object (RFC 8259 §4): Intel signs the `tcbInfo` /
// `enclaveIdentity` value as received, so it must be verified over those bytes, never a re-encoding.

enum JSONRawMember {
    /// The bytes of the value of member `key` in the top-level object `document`, or nil when there is none.
    /// The caller has already checked `document` with `JSONReader` (valid JSON, unique keys); a key written with
    /// escapes is not found here, so such a document is rejected rather than verified over other bytes.
    static func value(of key: String, in document: [UInt8]) -> ArraySlice<UInt8>? {
        var i = 0
        skipWhitespace(document, &i)
        guard i < document.count, document[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        let wanted = Array(key.utf8)
        while i < document.count {
            skipWhitespace(document, &i)
            guard i < document.count, document[i] == UInt8(ascii: "\"") else { return nil }
            let keyStart = i + 1
            guard skipString(document, &i) else { return nil }
            let name = document[keyStart..<(i - 1)]
            skipWhitespace(document, &i)
            guard i < document.count, document[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipWhitespace(document, &i)
            let valueStart = i
            guard skipValue(document, &i) else { return nil }
            if name.elementsEqual(wanted) { return document[valueStart..<i] }
            skipWhitespace(document, &i)
            guard i < document.count, document[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        return nil
    }

    private static func skipWhitespace(_ b: [UInt8], _ i: inout Int) {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    /// Skips a string starting at its opening quote; `i` ends after the closing quote.
    private static func skipString(_ b: [UInt8], _ i: inout Int) -> Bool {
        i += 1
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""):
                i += 1
                return true
            default: i += 1
            }
        }
        return false
    }

    /// Skips one value (already validated JSON): strings, nested objects/arrays, or a scalar token.
    private static func skipValue(_ b: [UInt8], _ i: inout Int) -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case UInt8(ascii: "\""): return skipString(b, &i)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard skipString(b, &i) else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return true
                    }
                default: break
                }
                i += 1
            }
            return false
        default:
            let start = i
            while i < b.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 }
            return i > start
        }
    }
}
