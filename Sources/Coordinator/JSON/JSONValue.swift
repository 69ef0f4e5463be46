// SPDX-License-Identifier: Apache-2.0
// The JSON value model shared by the manifest parser and the HTTP API bodies (RFC 8259 §3).

/// A parsed JSON value. Objects keep their members in document order; numbers keep their source text so
/// that nothing is lost to floating point (upstream SVNs, uint64 mitigation vectors).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written (RFC 8259 §6 grammar, already checked).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the value's type for error messages (`string`, `number`, ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// The object, if this is an object.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    /// The boolean, if this is a boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// The value as an unsigned integer if it is a number written without fraction or exponent that fits.
    public var uint64Value: UInt64? {
        guard case .number(let text) = self else { return nil }
        return UInt64(text)
    }

    /// The value as a signed integer if it is a number written without fraction or exponent that fits.
    public var int64Value: Int64? {
        guard case .number(let text) = self else { return nil }
        return Int64(text)
    }

    /// Member `key` of an object; nil for absent members and for non-objects.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

/// A JSON object: members in document order, keys unique (the reader rejects duplicates).
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order.
    public let members: [Member]

    /// Creates an object; the caller guarantees unique keys.
    public init(_ members: [Member]) { self.members = members }

    /// Creates an object from key/value pairs in order.
    public init(pairs: [(String, JSONValue)]) { self.members = pairs.map { Member(key: $0.0, value: $0.1) } }

    /// The member named `key`, or nil.
    public subscript(key: String) -> JSONValue? {
        for m in members where m.key == key { return m.value }
        return nil
    }

    /// The member keys in document order.
    public var keys: [String] { members.map(\.key) }
}

/// Why a JSON document was rejected, with the byte offset where the reader stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. `duplicate key "Policies"`.
    public let reason: String
    /// Byte offset into the document.
    public let offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
