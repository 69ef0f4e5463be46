// SPDX-License-Identifier: Apache-2.0
// Name constraints in path validation (RFC 5280 §4.2.1.10, §6.1.3 (b)–(c), §6.1.4 (g)): dNSName, iPAddress,
// rfc822Name, uniformResourceIdentifier and directoryName subtrees; other forms are refused when constrained.

/// Name constraints of every CA apply to the subject and subject alternative names of the certificates below
/// it (self-issued intermediates excepted, §6.1.4). Within one name form a name must lie in no excluded subtree
/// and, when the CA permits any subtree of that form, in at least one permitted subtree.
public struct NameConstraintsPolicy: VerifierPolicy {
    public var name: String { "NameConstraints" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [.X509ExtensionID.nameConstraints] }

    public init() {}

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for ca in 1..<max(1, chain.count) {
            let nc: NameConstraints?
            do { nc = try chain[ca].extensions.nameConstraints } catch {
                out.append(failure("malformed name constraints: \(error.reason)", ca, in: chain))
                continue
            }
            guard let nc else { continue }
            for i in 0..<ca {
                // RFC 5280 §6.1.4 (b): self-issued intermediates are exempt, the leaf never is.
                if i > 0 && chain[i].isSelfIssued { continue }
                let names: [GeneralName]
                do { names = try NameConstraintsPolicy.constrainedNames(of: chain[i]) } catch {
                    out.append(failure("malformed subject alternative names: \(error.reason)", i, in: chain))
                    continue
                }
                for name in names {
                    if let reason = NameConstraintsPolicy.violation(name, nc) {
                        out.append(failure("\(reason) (constraint of certificate \(ca))", i, in: chain))
                    }
                }
            }
        }
        return out
    }

    /// The names §6.1.3 (b)–(c) check: the subject DN (when not empty), every SAN, and — when there is no
    /// SAN extension — the subject's emailAddress attributes as rfc822Names (§4.2.1.10).
    static func constrainedNames(of cert: Certificate) throws(ASN1Error) -> [GeneralName] {
        var names: [GeneralName] = []
        if !cert.subject.rdns.isEmpty { names.append(.directoryName(cert.subject)) }
        if let san = try cert.extensions.subjectAlternativeNames {
            names += san.names
        } else {
            for a in cert.subject.attributes where a.type == .NameAttribute.emailAddress {
                if let s = a.stringValue { names.append(.email(s)) }
            }
        }
        return names
    }

    /// Why `name` breaks `nc`, or nil.
    static func violation(_ name: GeneralName, _ nc: NameConstraints) -> String? {
        let kind = Form(name)
        let excluded = nc.excluded.filter { Form($0) == kind }
        let permitted = nc.permitted.filter { Form($0) == kind }
        guard kind.isSupported else {
            // §4.2.1.10: a constrained name form that cannot be processed must not be accepted.
            return excluded.isEmpty && permitted.isEmpty ? nil : "\(name): name constraints of this form are not supported"
        }
        for base in excluded {
            switch within(name, base) {
            case .yes: return "\(name) is in the excluded subtree \(base)"
            case .unknown: return "\(name) cannot be checked against the excluded subtree \(base)"
            case .no: continue
            }
        }
        if !permitted.isEmpty && !permitted.contains(where: { within(name, $0) == .yes }) {
            return "\(name) is outside the permitted subtrees"
        }
        return nil
    }

    /// The name form (GeneralName choice) of a name or subtree base.
    enum Form: Equatable {
        case dns, ip, email, uri, directory, registeredID
        case other(UInt8)

        init(_ n: GeneralName) {
            switch n {
            case .dnsName: self = .dns
            case .ipAddress: self = .ip
            case .email: self = .email
            case .uri: self = .uri
            case .directoryName: self = .directory
            case .registeredID: self = .registeredID
            case .other(let raw): self = .other(raw.encodedBytes.first ?? 0)
            }
        }

        var isSupported: Bool {
            switch self {
            case .dns, .ip, .email, .uri, .directory: return true
            case .registeredID, .other: return false
            }
        }
    }

    enum Match { case yes, no, unknown }

    static func within(_ name: GeneralName, _ base: GeneralName) -> Match {
        switch (name, base) {
        case (.dnsName(let n), .dnsName(let b)):
            return dnsWithin(n, b) ? .yes : .no
        case (.ipAddress(let ip), .ipAddress(let net)):
            guard net.count == ip.count * 2 else { return .no }
            for k in 0..<ip.count where ip[k] & net[ip.count + k] != net[k] & net[ip.count + k] { return .no }
            return .yes
        case (.email(let n), .email(let b)):
            return emailWithin(n, b)
        case (.uri(let n), .uri(let b)):
            guard let host = uriHost(n) else { return .unknown }
            return hostWithin(host, b) ? .yes : .no
        case (.directoryName(let n), .directoryName(let b)):
            return directoryWithin(n, b) ? .yes : .no
        default:
            return .no
        }
    }

    /// dNSName: the name, or any name made by adding labels on the left, of the constraint (a leading dot on
    /// the constraint is tolerated and means the same).
    static func dnsWithin(_ name: String, _ base: String) -> Bool {
        let n = name.lowercased()
        var b = base.lowercased()
        if b.isEmpty { return true }
        if b.hasPrefix(".") { b.removeFirst() }
        return n == b || n.hasSuffix("." + b)
    }

    /// rfc822Name (§4.2.1.10): `user@host` is one mailbox, `host` every mailbox at that host, `.domain` every
    /// mailbox at a host below that domain. Domain parts compare case-insensitively, the local part exactly.
    static func emailWithin(_ name: String, _ base: String) -> Match {
        guard let at = name.lastIndex(of: "@") else { return .unknown }
        let local = name[..<at]
        let host = name[name.index(after: at)...].lowercased()
        if let bat = base.lastIndex(of: "@") {
            return local == base[..<bat] && host == base[base.index(after: bat)...].lowercased() ? .yes : .no
        }
        return hostWithin(host, base) ? .yes : .no
    }

    /// The host rule shared by rfc822Name and URI: `.domain` matches hosts below it, `host` only itself.
    static func hostWithin(_ host: String, _ base: String) -> Bool {
        let h = host.lowercased()
        let b = base.lowercased()
        if b.hasPrefix(".") { return h.hasSuffix(b) && h.count > b.count }
        return h == b
    }

    /// The host of `scheme://[userinfo@]host[:port]/...`; nil when there is none or it is an IP literal
    /// (URI constraints are defined for fully qualified domain names only, §4.2.1.10).
    static func uriHost(_ uri: String) -> String? {
        guard let schemeEnd = uri.firstRange(of: "://") else { return nil }
        var authority = uri[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard !authority.hasPrefix("[") else { return nil }
        if let colon = authority.firstIndex(of: ":") { authority = authority[..<colon] }
        guard !authority.isEmpty, ServerIdentityPolicy.parseIP(String(authority)) == nil else { return nil }
        return String(authority)
    }

    /// directoryName: the constraint's RDNs are the first RDNs of the name (§4.2.1.10), RDNs compared as sets
    /// of attributes with RFC 5280 §7.1 string matching.
    static func directoryWithin(_ name: DistinguishedName, _ base: DistinguishedName) -> Bool {
        guard base.rdns.count <= name.rdns.count else { return false }
        for (b, n) in zip(base.rdns, name.rdns) {
            guard b.attributes.count == n.attributes.count,
                b.attributes.allSatisfy({ ba in n.attributes.contains { attributeMatches($0, ba) } })
            else { return false }
        }
        return true
    }

    /// Same type and value: identical encodings, or string values equal after §7.1's preparation (case
    /// folded, leading/trailing spaces removed, inner runs of spaces collapsed).
    static func attributeMatches(_ a: AttributeTypeAndValue, _ b: AttributeTypeAndValue) -> Bool {
        guard a.type == b.type else { return false }
        if a.value == b.value { return true }
        guard let x = a.stringValue, let y = b.stringValue else { return false }
        return prepared(x) == prepared(y)
    }

    static func prepared(_ s: String) -> String {
        s.lowercased().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
