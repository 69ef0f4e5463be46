// SPDX-License-Identifier: Apache-2.0
// Manifest problems reported with JSON paths, as upstream's validationError prints them (spec/upstream.md §3.1).

/// One problem in a manifest, located by a JSON path such as `ReferenceValues.snp[0].MinimumTCB.SNPVersion`.
public struct ManifestIssue: Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is; callers branch on it (e.g. the CLI prints "Please fill in the reference
    /// values" for `.expectedMissing`).
    public enum Kind: Sendable, Equatable {
        /// The document is not JSON or not an object.
        case syntax
        /// A member has the wrong JSON type or an out-of-range number.
        case type
        /// A member the schema does not know (we reject them; see `ManifestSchema`).
        case unknownField
        /// A required member is absent or null.
        case missing
        /// A reference value the user is expected to fill in (upstream `ExpectedMissingReferenceValueError`).
        case expectedMissing
        /// A value breaks a validation rule.
        case invalid
    }

    /// JSON path of the offending member; empty for the document itself.
    public let path: String
    /// What is wrong, e.g. `missing` or `invalid length: 94 (expected 96)`.
    public let message: String
    /// Category of the problem.
    public let kind: Kind

    public init(path: String, message: String, kind: Kind) {
        self.path = path
        self.message = message
        self.kind = kind
    }

    /// `path: message`, the upstream format.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A manifest was rejected; `issues` lists every problem found, in document order.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found (never empty).
    public let issues: [ManifestIssue]

    public init(_ issues: [ManifestIssue]) { self.issues = issues }

    /// One issue per line, `path: message` (upstream joins errors with newlines the same way).
    public var description: String { issues.map(\.description).joined(separator: "\n") }

    /// True when every issue is a reference value the user still has to fill in (upstream
    /// `OnlyExpectedMissingReferenceValues`).
    public var onlyExpectedMissing: Bool { issues.allSatisfy { $0.kind == .expectedMissing } }
}

/// JSON path building, in upstream's spelling: `.Field`, `[3]`, `["key"]`.
enum JSONPath {
    static func member(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }
    static func index(_ base: String, _ i: Int) -> String { "\(base)[\(i)]" }
    static func mapKey(_ base: String, _ key: String) -> String {
        var quoted: [UInt8] = []
        JSONWriter.writeString(key, into: &quoted)
        return "\(base)[\(String(decoding: quoted, as: UTF8.self))]"
    }
}
