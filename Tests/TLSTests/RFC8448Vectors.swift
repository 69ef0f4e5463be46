// SPDX-License-Identifier: Apache-2.0
// Reader for the machine-readable RFC 8448 traces (shared vectors tls/rfc8448/rfc8448_vectors.json).

import TestSupport

/// One step of an RFC 8448 trace: who acts, the RFC caption, and its hex fields by name.
struct RFC8448Step {
    let actor: String
    let caption: String
    let fields: [String: [UInt8]]

    func hex(_ name: String) throws -> [UInt8] {
        guard let v = fields[name] else { throw VectorError.missing("field '\(name)' in step '\(caption)'") }
        return v
    }
}

enum RFC8448 {
    static let path = "tls/rfc8448/rfc8448_vectors.json"

    /// The steps of the section whose title is `title` ("Simple 1-RTT Handshake", "HelloRetryRequest", ...).
    static func section(_ title: String) throws -> [RFC8448Step] {
        let json = try JSONValue.parse(try VectorLocator.readShared(path))
        guard let sections = json["sections"]?.array,
            let section = sections.first(where: { $0["title"]?.string == title }),
            let steps = section["steps"]?.array
        else { throw VectorError.missing("section '\(title)' in \(path)") }
        return try steps.map { s in
            var fields: [String: [UInt8]] = [:]
            for f in s["fields"]?.array ?? [] {
                guard let name = f["name"]?.string, let hex = f["hex"]?.string else { continue }
                fields[name] = try Hex.decode(hex)
            }
            return RFC8448Step(actor: s["actor"]?.string ?? "", caption: s["step"]?.string ?? "", fields: fields)
        }
    }

    /// The `occurrence`-th (0-based) step of `actor` whose caption starts with `prefix`.
    static func step(
        _ steps: [RFC8448Step], _ actor: String, _ prefix: String, occurrence: Int = 0
    ) throws -> RFC8448Step {
        let matches = steps.filter { $0.actor == actor && $0.caption.hasPrefix(prefix) && !$0.fields.isEmpty }
        guard occurrence < matches.count else { throw VectorError.missing("\(actor) step '\(prefix)' #\(occurrence)") }
        return matches[occurrence]
    }
}
