// SPDX-License-Identifier: Apache-2.0
// Classifying manifest SANs into DNS names, IP addresses and URIs as upstream's CA does (spec/upstream.md §3, §5.4).

/// The SANs of a policy entry split by kind, in input order within each kind.
public struct ClassifiedSANs: Sendable, Equatable {
    public var dnsNames: [String] = []
    /// 4 bytes for IPv4 (also IPv4-mapped IPv6, as Go's x509 writes `To4()` when it is non-nil), else 16.
    public var ipAddresses: [[UInt8]] = []
    public var uris: [String] = []
    public init() {}
}

/// Upstream: a SAN that parses as an IP (`net.ParseIP`) is an IP SAN; else one that parses as a URL with a
/// scheme (`url.Parse`, scheme non-empty) is a URI SAN; everything else is a DNS name.
public enum SubjectAltNames {
    public static func classify(_ sans: [String]) -> ClassifiedSANs {
        var out = ClassifiedSANs()
        for san in sans {
            if let ip = parseIP(san) {
                out.ipAddresses.append(ip)
            } else if hasURLScheme(san) {
                out.uris.append(san)
            } else {
                out.dnsNames.append(san)
            }
        }
        return out
    }

    /// Go `net.ParseIP`: dotted-decimal IPv4 (no leading zeros) or RFC 4291 text IPv6 (with an optional
    /// trailing dotted IPv4). IPv4 and IPv4-mapped addresses come back as 4 bytes.
    public static func parseIP(_ s: String) -> [UInt8]? {
        if let v4 = parseIPv4(Substring(s)) { return v4 }
        guard let v6 = parseIPv6(s) else { return nil }
        if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xFF && v6[11] == 0xFF { return Array(v6[12...]) }
        return v6
    }

    static func parseIPv4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            guard p.count == 1 || p.first != "0" else { return nil }  // Go ≥ 1.17 rejects leading zeros
            guard let v = Int(p), v <= 255 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    static func parseIPv6(_ s: String) -> [UInt8]? {
        guard s.contains(":") else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var text = Substring(s)
        var trailingV4: [UInt8]?
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseIPv4(text[text.index(after: lastColon)...]) else { return nil }
            trailingV4 = v4
            text = text[...lastColon]
            if text.hasSuffix("::") == false { text = text.dropLast() }
        }
        if text.hasPrefix("::") {
            sawGap = true
            text = text.dropFirst(2)
        } else if text.hasPrefix(":") {
            return nil
        }
        if let range = text.firstRange(of: "::") {
            guard !sawGap else { return nil }
            sawGap = true
            guard let h = groups(text[..<range.lowerBound]), let t = groups(text[range.upperBound...]) else { return nil }
            head = h
            tail = t
        } else if sawGap {
            guard let t = groups(text) else { return nil }
            tail = t
        } else {
            guard let h = groups(text) else { return nil }
            head = h
        }
        let needed = trailingV4 == nil ? 8 : 6
        let count = head.count + tail.count
        if sawGap {
            guard count < needed else { return nil }
        } else {
            guard count == needed else { return nil }
        }
        let words = head + [UInt16](repeating: 0, count: needed - count) + tail
        var out = words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if let trailingV4 { out += trailingV4 }
        return out
    }

    private static func groups(_ s: Substring) -> [UInt16]? {
        if s.isEmpty { return [] }
        var out: [UInt16] = []
        for g in s.split(separator: ":", omittingEmptySubsequences: false) {
            guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
            out.append(v)
        }
        return out
    }

    /// Go `url.Parse(s)` succeeds with a non-empty scheme: `[A-Za-z][A-Za-z0-9+.-]*:` prefix, and the rest
    /// has no spaces, control characters or malformed `%` escapes.
    static func hasURLScheme(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let isAlpha = { (c: UInt8) in (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        guard isAlpha(bytes[0]) else { return false }
        for c in bytes[1..<colon] {
            guard isAlpha(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else {
                return false
            }
        }
        var i = colon + 1
        while i < bytes.count {
            let c = bytes[i]
            if c < 0x21 || c == 0x7F { return false }
            if c == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) else { return false }
                i += 3
                continue
            }
            i += 1
        }
        return true
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
}
