// SPDX-License-Identifier: Apache-2.0
// Outcomes of validating evidence against reference values: every failed check of every entry, in words a user
// can act on (DESIGN.md §8.6; upstream users' most common complaint is unreadable attestation errors).

/// One failed check.
public struct ValidationFailure: Hashable, Sendable, CustomStringConvertible {
    /// Stable identifier of the rule (`measurement`, `minimum-tcb`, …) for tests and metrics.
    public let rule: String
    /// The reference value the check used, as a path into the manifest (`ReferenceValues.snp[0].MinimumTCB`).
    public let field: String
    /// What was wrong and what it was compared with.
    public let message: String

    public init(rule: String, field: String, message: String) {
        self.rule = rule
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

/// The failures of one reference-value entry.
public struct EntryRejection: Hashable, Sendable, CustomStringConvertible {
    /// The entry's path (`ReferenceValues.snp[1]`).
    public let entry: String
    public let failures: [ValidationFailure]

    public init(entry: String, failures: [ValidationFailure]) {
        self.entry = entry
        self.failures = failures
    }

    public var description: String {
        "\(entry): " + failures.map(\.message).joined(separator: "; ")
    }
}

/// The result of validating against a list of reference-value entries: accepted by the first entry that matches
/// in full, or rejected with the failures of every entry.
public enum EvidenceValidationResult: Hashable, Sendable, CustomStringConvertible {
    /// Index of the entry that accepted the evidence.
    case accepted(entry: Int)
    /// Every entry with every check it failed. Empty when there were no entries at all.
    case rejected([EntryRejection])

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    /// All failures of all entries (empty when accepted).
    public var failures: [ValidationFailure] {
        guard case .rejected(let entries) = self else { return [] }
        return entries.flatMap(\.failures)
    }

    public var description: String {
        switch self {
        case .accepted(let i): return "accepted by reference-value entry \(i)"
        case .rejected(let entries):
            guard !entries.isEmpty else { return "rejected: no reference values to compare with" }
            return "rejected by every reference-value entry:\n" + entries.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
