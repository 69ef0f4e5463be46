// SPDX-License-Identifier: Apache-2.0
// Name constraints (RFC 5280 §4.2.1.10), CRL distribution points (§4.2.1.13), certificate policies (§4.2.1.4),
// authority information access (§4.2.2.1).

/// Permitted and excluded subtrees.
public struct NameConstraints: CertificateExtension, Hashable {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.nameConstraints }
    public let permitted: [GeneralName]
    public let excluded: [GeneralName]

    public init(permitted: [GeneralName], excluded: [GeneralName]) {
        self.permitted = permitted
        self.excluded = excluded
    }

    public init(_ e: Extension) throws(ASN1Error) {
        (permitted, excluded) = try DER.sequence(try e.valueNode()) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> ([GeneralName], [GeneralName]) in
            let p = try DER.optional(&it, identifier: .contextSpecific(0)).map {
                (n: ASN1Node) throws(ASN1Error) -> [GeneralName] in try NameConstraints.subtrees(n, tag: 0)
            }
            let x = try DER.optional(&it, identifier: .contextSpecific(1)).map {
                (n: ASN1Node) throws(ASN1Error) -> [GeneralName] in try NameConstraints.subtrees(n, tag: 1)
            }
            guard p != nil || x != nil else { throw ASN1Error(.invalidFieldCount, "empty NameConstraints") }
            return (p ?? [], x ?? [])
        }
    }

    /// `GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }`;
    /// RFC 5280 requires minimum 0 and no maximum. IP constraints are address + contiguous mask.
    private static func subtrees(_ node: ASN1Node, tag: UInt) throws(ASN1Error) -> [GeneralName] {
        try DER.sequence(node, identifier: .contextSpecific(tag)) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> [GeneralName] in
            var out: [GeneralName] = []
            while let sub = it.next() {
                out.append(
                    try DER.sequence(sub) { (s: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> GeneralName in
                        let base = try GeneralName(derEncoded: try DER.required(&s, "base"))
                        _ = try DER.decodeDefault(&s, identifier: .contextSpecific(0), defaultValue: 0)
                        guard DER.optional(&s, identifier: .contextSpecific(1)) == nil else {
                            throw ASN1Error(.invalidValue, "GeneralSubtree maximum is not allowed (RFC 5280 §4.2.1.10)")
                        }
                        if case .ipAddress(let b) = base { try NameConstraints.checkNetmask(b) }
                        return base
                    })
            }
            guard !out.isEmpty else { throw ASN1Error(.invalidFieldCount, "empty GeneralSubtrees") }
            return out
        }
    }

    private static func checkNetmask(_ b: [UInt8]) throws(ASN1Error) {
        guard b.count == 8 || b.count == 32 else {
            throw ASN1Error(.invalidValue, "IP name constraint must be 8 or 32 bytes, has \(b.count)")
        }
        var seenZero = false
        for byte in b[(b.count / 2)...] {
            for i in 0..<8 {
                let one = byte & (0x80 >> UInt8(i)) != 0
                if one && seenZero { throw ASN1Error(.invalidValue, "IP name constraint netmask is not contiguous") }
                if !one { seenZero = true }
            }
        }
    }

    public func makeExtension(critical: Bool = true) -> Extension {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) { c in
            for (tag, list) in [(UInt(0), permitted), (1, excluded)] where !list.isEmpty {
                c.appendConstructedNode(identifier: .contextSpecific(tag)) { s in
                    for n in list { s.appendConstructedNode(identifier: .sequence) { $0.serialize(n) } }
                }
            }
        }
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }
}

/// Where CRLs are published (the `fullName` names of each distribution point).
public struct CRLDistributionPoints: CertificateExtension, Hashable {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.crlDistributionPoints }
    /// Full names of every distribution point, in order (points given by RDN or with only cRLIssuer are
    /// represented by an empty list).
    public let points: [[GeneralName]]

    public init(uris: [String]) { points = uris.map { [.uri($0)] } }

    public init(_ e: Extension) throws(ASN1Error) {
        var out: [[GeneralName]] = []
        let root = try e.valueNode()
        try DER.sequence(root) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
            while let dp = it.next() {
                out.append(
                    try DER.sequence(dp) { (d: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> [GeneralName] in
                        var names: [GeneralName] = []
                        if let dpn = DER.optional(&d, identifier: .contextSpecific(0)) {
                            names = try DER.explicitlyTagged(dpn, tagNumber: 0) {
                                (n: ASN1Node) throws(ASN1Error) -> [GeneralName] in
                                if n.identifier == .contextSpecific(0) {
                                    return try DER.sequence(of: GeneralName.self, identifier: .contextSpecific(0), n)
                                }
                                _ = try DER.set(of: AttributeTypeAndValue.self, identifier: .contextSpecific(1), n)
                                return []
                            }
                        }
                        _ = try DER.optionalImplicitlyTagged(&d, tag: .contextSpecific(1), as: ASN1BitString.self)
                        if let issuer = DER.optional(&d, identifier: .contextSpecific(2)) {
                            _ = try DER.sequence(of: GeneralName.self, identifier: .contextSpecific(2), issuer)
                        }
                        return names
                    })
            }
        }
        guard !out.isEmpty else { throw ASN1Error(.invalidFieldCount, "empty CRLDistributionPoints") }
        points = out
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) { c in
            for names in points {
                c.appendConstructedNode(identifier: .sequence) { d in
                    d.appendConstructedNode(identifier: .contextSpecific(0)) {
                        $0.serializeSequenceOf(names, identifier: .contextSpecific(0))
                    }
                }
            }
        }
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }
}

/// Certificate policies: each policy OID with its CPS URIs (other qualifiers are kept only as count).
public struct CertificatePolicies: CertificateExtension, Hashable {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.certificatePolicies }

    /// One `PolicyInformation`.
    public struct Policy: Hashable, Sendable {
        public let identifier: ASN1ObjectIdentifier
        public let cpsURIs: [String]
        public let otherQualifiers: Int
    }

    public let policies: [Policy]

    public init(_ e: Extension) throws(ASN1Error) {
        let cps: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.2.1"
        var out: [Policy] = []
        try DER.sequence(try e.valueNode()) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
            while let p = it.next() {
                out.append(
                    try DER.sequence(p) { (q: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> Policy in
                        let id = try ASN1ObjectIdentifier(derEncoded: try DER.required(&q, "policyIdentifier"))
                        var uris: [String] = []
                        var others = 0
                        if let quals = q.next() {
                            try DER.sequence(quals) { (qi: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
                                while let info = qi.next() {
                                    try DER.sequence(info) { (f: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
                                        let qid = try ASN1ObjectIdentifier(derEncoded: try DER.required(&f, "qualifierId"))
                                        let value = try DER.required(&f, "qualifier")
                                        if qid == cps, let s = try? ASN1String(derEncoded: value) {
                                            uris.append(s.description)
                                        } else {
                                            others += 1
                                        }
                                    }
                                }
                            }
                        }
                        return Policy(identifier: id, cpsURIs: uris, otherQualifiers: others)
                    })
            }
        }
        guard !out.isEmpty else { throw ASN1Error(.invalidFieldCount, "empty CertificatePolicies") }
        policies = out
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) { c in
            for p in policies { c.appendConstructedNode(identifier: .sequence) { $0.serialize(p.identifier) } }
        }
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }
}

/// Authority information access: (method, location) pairs such as OCSP and CA Issuers URIs.
public struct AuthorityInformationAccess: CertificateExtension, Hashable {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.authorityInformationAccess }
    public let descriptions: [(method: ASN1ObjectIdentifier, location: GeneralName)]

    public init(_ e: Extension) throws(ASN1Error) {
        var out: [(ASN1ObjectIdentifier, GeneralName)] = []
        try DER.sequence(try e.valueNode()) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
            while let ad = it.next() {
                out.append(
                    try DER.sequence(ad) {
                        (a: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1ObjectIdentifier, GeneralName) in
                        (try ASN1ObjectIdentifier(derEncoded: try DER.required(&a, "accessMethod")),
                         try GeneralName(derEncoded: try DER.required(&a, "accessLocation")))
                    })
            }
        }
        descriptions = out
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) { c in
            for d in descriptions {
                c.appendConstructedNode(identifier: .sequence) {
                    $0.serialize(d.method)
                    $0.serialize(d.location)
                }
            }
        }
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }

    public static func == (a: Self, b: Self) -> Bool { a.makeExtension() == b.makeExtension() }
    public func hash(into h: inout Hasher) { h.combine(makeExtension()) }
}
