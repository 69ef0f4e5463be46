// SPDX-License-Identifier: Apache-2.0
// Wycheproof testvectors_v1 reader: every case is run, counted, and labelled with file and tcId.

/// Expected outcome of a Wycheproof case.
public enum WycheproofResult: String, Sendable {
    case valid, invalid, acceptable
}

/// One Wycheproof test case with its group.
public struct WycheproofCase: Sendable {
    public let file: String
    public let tcId: Int
    public let comment: String
    public let result: WycheproofResult
    public let flags: [String]
    /// The case object itself.
    public let json: JSONValue
    /// The enclosing test group (keys, sizes, parameters).
    public let group: JSONValue

    /// `file tcId N (comment)`: put this in every failure message.
    public var label: String { "\(file) tcId \(tcId) (\(comment))" }

    /// Hex field of the case (falls back to the group), decoded.
    public func hex(_ key: String) throws -> [UInt8] {
        guard let s = (json[key] ?? group[key])?.string else {
            throw VectorError.malformed(file: file, reason: "tcId \(tcId): no hex field \(key)")
        }
        return try Hex.decode(s)
    }

    /// String field of the case (falls back to the group).
    public func string(_ key: String) -> String? { (json[key] ?? group[key])?.string }

    /// Integer field of the case (falls back to the group).
    public func int(_ key: String) -> Int? { (json[key] ?? group[key])?.int }
}

/// A loaded Wycheproof file.
public struct WycheproofFile: Sendable {
    public let name: String
    public let algorithm: String
    public let numberOfTests: Int
    public let cases: [WycheproofCase]

    /// Loads `wycheproof/testvectors_v1/<name>` and flattens its groups into cases.
    /// - Throws: when the file is absent or its case count disagrees with `numberOfTests`.
    public static func load(_ name: String) throws -> WycheproofFile {
        let json = try JSONValue.parse(try VectorLocator.readShared("wycheproof/testvectors_v1/" + name))
        guard let n = json["numberOfTests"]?.int, let groups = json["testGroups"]?.array else {
            throw VectorError.malformed(file: name, reason: "no numberOfTests/testGroups")
        }
        var cases = [WycheproofCase]()
        for g in groups {
            for t in g["tests"]?.array ?? [] {
                guard let id = t["tcId"]?.int, let r = t["result"]?.string.flatMap(WycheproofResult.init) else {
                    throw VectorError.malformed(file: name, reason: "case without tcId/result")
                }
                let flags = t["flags"]?.array?.compactMap(\.string) ?? []
                cases.append(
                    WycheproofCase(
                        file: name, tcId: id, comment: t["comment"]?.string ?? "", result: r, flags: flags, json: t,
                        group: g))
            }
        }
        guard cases.count == n else {
            throw VectorError.malformed(file: name, reason: "numberOfTests \(n) but \(cases.count) cases")
        }
        return WycheproofFile(name: name, algorithm: json["algorithm"]?.string ?? "", numberOfTests: n, cases: cases)
    }
}

/// How a test treats Wycheproof's `acceptable` cases: an explicit, per-file decision (STYLE.md §8.7 rule 3).
public struct AcceptablePolicy: Sendable {
    let accept: @Sendable (WycheproofCase) -> Bool

    /// Accept an `acceptable` case iff `decide` says so.
    public init(_ decide: @escaping @Sendable (WycheproofCase) -> Bool) { accept = decide }

    /// Every acceptable case must be accepted.
    public static let accept = AcceptablePolicy { _ in true }
    /// Every acceptable case must be rejected.
    public static let reject = AcceptablePolicy { _ in false }
    /// Reject acceptable cases that carry any of `flags`, accept the others.
    public static func reject(ifFlags flags: Set<String>) -> AcceptablePolicy {
        AcceptablePolicy { c in c.flags.allSatisfy { !flags.contains($0) } }
    }

    /// Whether the implementation should accept this case.
    public func expectsAccept(_ c: WycheproofCase) -> Bool {
        switch c.result {
        case .valid: return true
        case .invalid: return false
        case .acceptable: return accept(c)
        }
    }
}
