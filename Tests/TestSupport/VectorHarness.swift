// SPDX-License-Identifier: Apache-2.0
// Runs every case of a vector file, asserts the count, and labels every failure with file and case id.

import Testing

/// Counts executed cases and records failures with their labels.
public struct VectorTally {
    public let file: String
    public private(set) var executed = 0
    public private(set) var failures = 0

    public init(file: String) { self.file = file }

    /// Records one executed case; `ok == false` records an issue naming `label`.
    public mutating func check(
        _ ok: Bool, _ label: @autoclosure () -> String, _ detail: @autoclosure () -> String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        executed += 1
        if !ok {
            failures += 1
            let d = detail()
            Issue.record("\(label())\(d.isEmpty ? "" : ": " + d)", sourceLocation: sourceLocation)
        }
    }

    /// Asserts that exactly `expected` cases ran.
    public func expectCount(_ expected: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(executed == expected, "\(file): ran \(executed) cases, expected \(expected)", sourceLocation: sourceLocation)
    }
}

/// Runs every case of a Wycheproof file.
///
/// `body` returns whether the implementation accepted the case (a MAC matched, a signature verified, a
/// decryption succeeded and produced the expected output). A thrown error counts as "rejected" and is
/// shown in the failure message. Acceptable cases are decided by `policy`. Asserts the executed count equals
/// both the file's `numberOfTests` and `expectedCount` (so that a truncated or swapped file fails).
public func runWycheproof(
    _ name: String, expectedCount: Int, policy: AcceptablePolicy = .reject,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (WycheproofCase) throws -> Bool
) throws {
    let file = try WycheproofFile.load(name)
    #expect(file.numberOfTests == expectedCount, "\(name): numberOfTests \(file.numberOfTests), test expects \(expectedCount)",
        sourceLocation: sourceLocation)
    var tally = VectorTally(file: name)
    for c in file.cases {
        let want = policy.expectsAccept(c)
        var got = false
        var thrown = ""
        do { got = try body(c) } catch { thrown = " (threw \(error))" }
        tally.check(got == want, c.label, "expected \(want ? "accept" : "reject"), got \(got ? "accept" : "reject")\(thrown) [\(c.result.rawValue) \(c.flags.joined(separator: ","))]",
            sourceLocation: sourceLocation)
    }
    tally.expectCount(expectedCount, sourceLocation: sourceLocation)
}
