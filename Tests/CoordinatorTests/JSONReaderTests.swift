// SPDX-License-Identifier: Apache-2.0
// The strict JSON reader (RFC 8259) and the Go-compatible writer.

import ContrastCoordinator
import Testing

@Suite("JSON reader and writer")
struct JSONReaderTests {
    private func parse(_ s: String, _ limits: JSONLimits = JSONLimits()) -> JSONValue? {
        try? JSONReader.parse(Array(s.utf8), limits: limits)
    }

    @Test("accepts RFC 8259 documents")
    func accepts() throws {
        #expect(parse("{\"a\": [1, -0, 2.5e-3, true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\"]}") != nil)
        #expect(parse(" 12 ") == .number("12"))
        #expect(parse("\"\\/\"") == .string("/"))
        let v = try #require(parse("{\"b\":1,\"a\":2}"))
        #expect(v.objectValue?.keys == ["b", "a"])
        #expect(v["a"]?.uint64Value == 2)
        #expect(parse("18446744073709551615")?.uint64Value == UInt64.max)
    }

    @Test("rejects everything outside RFC 8259", arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "1e", "+1", "-", "NaN", "tru", "nul", "'a'",
        "\"\\x\"", "\"a\tb\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "{a:1}", "[1 2]", "1 2",
        "\u{FEFF}{}", "// c\n{}", "{\"a\":1}x",
    ])
    func rejects(doc: String) {
        #expect(parse(doc) == nil, "should reject \(doc)")
    }

    @Test("rejects invalid UTF-8 inside strings")
    func invalidUTF8() {
        #expect((try? JSONReader.parse([0x22, 0xC0, 0xAF, 0x22])) == nil)
        #expect((try? JSONReader.parse([0x22, 0xED, 0xA0, 0x80, 0x22])) == nil)
        #expect((try? JSONReader.parse([0x22, 0xC3, 0xA9, 0x22])) == .string("é"))
    }

    @Test("rejects duplicate keys with the offset of the second")
    func duplicateKeys() {
        do {
            _ = try JSONReader.parse(Array("{\"a\":1,\"a\":2}".utf8))
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.reason == "duplicate key \"a\"")
            #expect(error.offset == 7)
        }
    }

    @Test("depth and size limits are errors, not traps")
    func limits() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(parse(deep) == nil)
        #expect(parse("[[[1]]]", JSONLimits(maxBytes: 100, maxDepth: 3)) != nil)
        #expect(parse("[[[[1]]]]", JSONLimits(maxBytes: 100, maxDepth: 3)) == nil)
        #expect(parse("[1,2,3]", JSONLimits(maxBytes: 6, maxDepth: 3)) == nil)
    }

    @Test("writer matches Go encoding/json (HTML-safe escapes, MarshalIndent layout)")
    func writer() {
        let v = JSONValue.object(JSONObject(pairs: [
            ("SeedShares", .array([.object(JSONObject(pairs: [("PublicKey", .string("ab")), ("EncryptedSeed", .string("q+/="))]))])),
            ("salt", .string("<&>\u{2028}\n\u{01}")),
            ("empty", .array([])),
        ]))
        let expected = """
            {
              "SeedShares": [
                {
                  "PublicKey": "ab",
                  "EncryptedSeed": "q+/="
                }
              ],
              "salt": "\\u003c\\u0026\\u003e\\u2028\\n\\u0001",
              "empty": []
            }
            """
        #expect(String(decoding: JSONWriter.indented(v), as: UTF8.self) == expected)
        #expect(String(decoding: JSONWriter.compact(v), as: UTF8.self).hasPrefix("{\"SeedShares\":[{\"PublicKey\":\"ab\""))
        #expect(parse(String(decoding: JSONWriter.compact(v), as: UTF8.self)) == v)
    }
}
