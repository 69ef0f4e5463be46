// SPDX-License-Identifier: Apache-2.0
// TLS server identity (RFC 6125 §6.4: SAN dNSName, leftmost-label wildcard; iPAddress exact).

/// The leaf's subject alternative names match a DNS name or an IP address (no common-name fallback).
public struct ServerIdentityPolicy: VerifierPolicy {
    public enum Identity: Sendable {
        case dns(String)
        case ip([UInt8])
    }

    public let identity: Identity
    public var name: String { "ServerIdentity" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [.X509ExtensionID.subjectAlternativeName] }

    public init(_ identity: Identity) { self.identity = identity }

    /// A DNS name, or an IP address when `name` parses as one.
    public init(name: String) {
        if let ip = ServerIdentityPolicy.parseIP(name) { identity = .ip(ip) } else { identity = .dns(name) }
    }

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        guard let leaf = chain.first else { return [] }
        let san: SubjectAlternativeNames?
        do { san = try leaf.extensions.subjectAlternativeNames } catch {
            return [failure("malformed subject alternative names: \(error.reason)", 0, in: chain)]
        }
        guard let san else { return [failure("leaf has no subject alternative names", 0, in: chain)] }
        switch identity {
        case .dns(let host):
            if san.dnsNames.contains(where: { ServerIdentityPolicy.matches(pattern: $0, host: host) }) { return [] }
            return [failure("no DNS SAN matches \(host) (have: \(san.dnsNames.joined(separator: ", ")))", 0, in: chain)]
        case .ip(let ip):
            if san.ipAddresses.contains(ip) { return [] }
            return [failure("no IP SAN matches \(GeneralName.formatIP(ip))", 0, in: chain)]
        }
    }

    /// Case-insensitive match; `*` only as the whole leftmost label, never matching across dots or a bare suffix.
    public static func matches(pattern: String, host: String) -> Bool {
        let p = pattern.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        var h = host.lowercased()
        if h.hasSuffix(".") { h.removeLast() }
        let hl = h.split(separator: ".", omittingEmptySubsequences: false)
        guard p.count == hl.count, !p.contains(where: \.isEmpty), !hl.contains(where: \.isEmpty) else { return false }
        for (i, (a, b)) in zip(p, hl).enumerated() {
            if a == "*" && i == 0 && p.count >= 3 { continue }
            if a != b { return false }
        }
        return true
    }

    /// Dotted IPv4 or full/compressed IPv6 into 4 or 16 bytes.
    public static func parseIP(_ s: String) -> [UInt8]? {
        let v4 = s.split(separator: ".", omittingEmptySubsequences: false)
        if v4.count == 4 {
            var out: [UInt8] = []
            for p in v4 {
                guard !p.isEmpty, p.count <= 3, let v = UInt8(p) else { return nil }
                out.append(v)
            }
            return out
        }
        guard s.contains(":") else { return nil }
        let halves = s.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ t: String) -> [UInt16]? {
            if t.isEmpty { return [] }
            var g: [UInt16] = []
            for p in t.split(separator: ":", omittingEmptySubsequences: false) {
                guard !p.isEmpty, p.count <= 4, let v = UInt16(p, radix: 16) else { return nil }
                g.append(v)
            }
            return g
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let fill = 8 - head.count - tail.count
        guard (halves.count == 2 && fill >= 1) || (halves.count == 1 && fill == 0) else { return nil }
        let all = head + [UInt16](repeating: 0, count: halves.count == 2 ? fill : 0) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

extension String {
    func components(separatedBy sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: sep) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
