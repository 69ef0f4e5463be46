// SPDX-License-Identifier: Apache-2.0
// Typed, path-aware reading of JSON objects for the manifest schema; collects issues instead of stopping at the first.

/// Reads the members of one JSON object, records what was consumed, and reports type errors and unknown
/// members with their JSON path. Go's encoding/json treats `null` like an absent member for every type the
/// manifest uses, so here too `null` yields nil; required members report `missing` for absent and
/// `missing (null)` for null so that the two stay distinguishable in messages.
struct ObjectDecoder {
    let path: String
    let object: JSONObject
    private(set) var consumed: Set<String> = []

    init(path: String, object: JSONObject) {
        self.path = path
        self.object = object
    }

    /// Opens `value` as an object at `path`, or records a type issue and returns nil.
    static func open(_ value: JSONValue, path: String, issues: inout [ManifestIssue]) -> ObjectDecoder? {
        guard case .object(let o) = value else {
            issues.append(ManifestIssue(path: path, message: "expected object, got \(value.typeName)", kind: .type))
            return nil
        }
        return ObjectDecoder(path: path, object: o)
    }

    func memberPath(_ key: String) -> String { JSONPath.member(path, key) }

    /// The raw member (nil for absent or null), marking it consumed.
    mutating func raw(_ key: String) -> JSONValue? {
        consumed.insert(key)
        guard let v = object[key] else { return nil }
        if case .null = v { return nil }
        return v
    }

    /// True if the member exists (even as null).
    func isPresent(_ key: String) -> Bool { object[key] != nil }

    /// Describes absence of a required member: `missing` or `missing (null)`.
    func missingMessage(_ key: String) -> String { object[key] == nil ? "missing" : "missing (null)" }

    mutating func string(_ key: String, _ issues: inout [ManifestIssue]) -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else {
            issues.append(ManifestIssue(path: memberPath(key), message: "expected string, got \(v.typeName)", kind: .type))
            return nil
        }
        return s
    }

    mutating func bool(_ key: String, _ issues: inout [ManifestIssue]) -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else {
            issues.append(ManifestIssue(path: memberPath(key), message: "expected boolean, got \(v.typeName)", kind: .type))
            return nil
        }
        return b
    }

    /// An integer in `range`. Fractions and exponents are rejected (Go would truncate 3.5 to 3 for SVNs; a
    /// fractional version number is a mistake worth reporting).
    mutating func unsigned(_ key: String, max: UInt64, _ issues: inout [ManifestIssue]) -> UInt64? {
        guard let v = raw(key) else { return nil }
        guard case .number(let text) = v else {
            issues.append(ManifestIssue(path: memberPath(key), message: "expected number, got \(v.typeName)", kind: .type))
            return nil
        }
        guard let n = UInt64(text), n <= max else {
            issues.append(
                ManifestIssue(path: memberPath(key), message: "value \(text) out of range 0...\(max)", kind: .type))
            return nil
        }
        return n
    }

    mutating func signed(_ key: String, _ issues: inout [ManifestIssue]) -> Int64? {
        guard let v = raw(key) else { return nil }
        guard case .number(let text) = v, let n = Int64(text) else {
            issues.append(ManifestIssue(path: memberPath(key), message: "expected integer, got \(v.typeName)", kind: .type))
            return nil
        }
        return n
    }

    /// An array of strings; nil if absent or null.
    mutating func strings(_ key: String, _ issues: inout [ManifestIssue]) -> [String]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let items) = v else {
            issues.append(ManifestIssue(path: memberPath(key), message: "expected array, got \(v.typeName)", kind: .type))
            return nil
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else {
                issues.append(
                    ManifestIssue(
                        path: JSONPath.index(memberPath(key), i), message: "expected string, got \(item.typeName)",
                        kind: .type))
                continue
            }
            out.append(s)
        }
        return out
    }

    /// Reports every member that was never read as an unknown field.
    func reportUnknown(_ issues: inout [ManifestIssue]) {
        for m in object.members where !consumed.contains(m.key) {
            issues.append(ManifestIssue(path: memberPath(m.key), message: "unknown field", kind: .unknownField))
        }
    }
}
