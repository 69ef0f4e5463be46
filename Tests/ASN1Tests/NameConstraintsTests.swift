// SPDX-License-Identifier: Apache-2.0
// Name constraints in the verifier (RFC 5280 §4.2.1.10): directoryName, rfc822Name, URI, IP and unsupported
// forms, each with a passing and a failing case.

import ContrastASN1
import TestSupport
import Testing

@Suite("Name constraints")
struct NameConstraintsTests {
    let rootKey = StubSigner(61)
    let leafKey = StubSigner(62)

    /// Root "O=Test, CN=Root" carrying `nc`; a leaf with `subject` (default "O=Test, CN=leaf") and `san` below it.
    func verify(_ nc: NameConstraints, subject: DistinguishedName? = nil, san: [GeneralName] = []) throws -> VerificationResult {
        let root = try TestPKI.make("Root", key: rootKey, extra: [nc.makeExtension(critical: true)])
        let leaf = try CertificateBuilder(
            serialNumber: ASN1Integer(2), issuer: root.subject, subject: subject ?? TestPKI.name("leaf"),
            notValidBefore: testNow.adding(seconds: -60), notValidAfter: testNow.adding(seconds: 60),
            publicKeyInfo: leafKey.publicKeyInfo,
            extensions: san.isEmpty ? [] : [SubjectAlternativeNames(san).makeExtension()]
        ).sign(with: rootKey)
        return TestPKI.verifier(roots: [root], extra: [NameConstraintsPolicy()])
            .validate(leaf: leaf, intermediates: CertificateStore(), at: testNow)
    }

    func dn(_ attributes: [(ASN1ObjectIdentifier, String)]) throws -> DistinguishedName { try DistinguishedName(attributes) }

    func reasons(_ r: VerificationResult) -> [String] {
        if case .invalid(let f) = r { return f.map(\.reason) }
        return []
    }

    @Test("directoryName permitted subtree: the subject must start with the constraint's RDNs")
    func directoryPermitted() throws {
        let org = try dn([(.NameAttribute.organizationName, "Test")])
        #expect(try verify(NameConstraints(permitted: [.directoryName(org)], excluded: [])).isValid)
        // RFC 5280 §7.1 matching: case and inner/outer spaces do not matter.
        let spaced = try dn([(.NameAttribute.organizationName, "  tEST ")])
        #expect(try verify(NameConstraints(permitted: [.directoryName(spaced)], excluded: [])).isValid)

        let other = try dn([(.NameAttribute.organizationName, "Other")])
        let r = try verify(NameConstraints(permitted: [.directoryName(other)], excluded: []))
        #expect(!r.isValid && reasons(r).contains { $0.contains("outside the permitted subtrees") })
        // A longer constraint than the name, and a constraint that is not a prefix, do not match.
        let longer = try dn([(.NameAttribute.organizationName, "Test"), (.NameAttribute.commonName, "leaf"),
                             (.NameAttribute.organizationalUnitName, "x")])
        #expect(try !verify(NameConstraints(permitted: [.directoryName(longer)], excluded: [])).isValid)
        let notPrefix = try dn([(.NameAttribute.commonName, "leaf")])
        #expect(try !verify(NameConstraints(permitted: [.directoryName(notPrefix)], excluded: [])).isValid)
        // A SAN directoryName is constrained as well as the subject.
        let r2 = try verify(NameConstraints(permitted: [.directoryName(org)], excluded: []), san: [.directoryName(other), .dnsName("a.b")])
        #expect(!r2.isValid)
    }

    @Test("directoryName excluded subtree: a name below it fails, a sibling passes")
    func directoryExcluded() throws {
        let exact = try dn([(.NameAttribute.organizationName, "Test"), (.NameAttribute.commonName, "leaf")])
        let r = try verify(NameConstraints(permitted: [], excluded: [.directoryName(exact)]))
        #expect(!r.isValid && reasons(r).contains { $0.contains("excluded subtree") })
        let sibling = try dn([(.NameAttribute.organizationName, "Test"), (.NameAttribute.commonName, "other")])
        #expect(try verify(NameConstraints(permitted: [], excluded: [.directoryName(sibling)])).isValid)
        // Constraints of another form leave directory names alone.
        #expect(try verify(NameConstraints(permitted: [.dnsName("example.com")], excluded: [])).isValid)
    }

    @Test("rfc822Name: mailbox, host and domain constraints; subject emailAddress when there is no SAN")
    func email() throws {
        let host = NameConstraints(permitted: [.email("example.com")], excluded: [])
        #expect(try verify(host, san: [.email("a@example.com")]).isValid)
        #expect(try verify(host, san: [.email("a@EXAMPLE.com")]).isValid)
        #expect(try !verify(host, san: [.email("a@sub.example.com")]).isValid)
        let domain = NameConstraints(permitted: [], excluded: [.email(".example.com")])
        #expect(try !verify(domain, san: [.email("a@sub.example.com")]).isValid)
        #expect(try verify(domain, san: [.email("a@example.com")]).isValid)
        let mailbox = NameConstraints(permitted: [.email("root@example.com")], excluded: [])
        #expect(try verify(mailbox, san: [.email("root@example.com")]).isValid)
        #expect(try !verify(mailbox, san: [.email("Root@example.com")]).isValid)
        // No SAN: the subject's emailAddress attribute is checked instead (§4.2.1.10).
        let withMail = try dn([(.NameAttribute.commonName, "leaf"), (.NameAttribute.emailAddress, "x@example.org")])
        #expect(try !verify(host, subject: withMail).isValid)
        let okMail = try dn([(.NameAttribute.commonName, "leaf"), (.NameAttribute.emailAddress, "x@example.com")])
        #expect(try verify(host, subject: okMail).isValid)
    }

    @Test("URI: the host must match; URIs without a domain host fail a URI constraint")
    func uri() throws {
        let nc = NameConstraints(permitted: [.uri(".example.com")], excluded: [.uri("bad.example.com")])
        #expect(try verify(nc, san: [.uri("https://user@a.example.com:8443/path?q")]).isValid)
        #expect(try !verify(nc, san: [.uri("https://example.com/")]).isValid)
        #expect(try !verify(nc, san: [.uri("https://bad.example.com/")]).isValid)
        #expect(try !verify(nc, san: [.uri("urn:example:a")]).isValid)
        #expect(try !verify(nc, san: [.uri("https://10.0.0.1/")]).isValid)
    }

    @Test("IP: address within the netmask passes, outside fails")
    func ip() throws {
        let nc = NameConstraints(permitted: [.ipAddress([10, 0, 0, 0, 255, 0, 0, 0])], excluded: [])
        #expect(try verify(nc, san: [.ipAddress([10, 1, 2, 3])]).isValid)
        #expect(try !verify(nc, san: [.ipAddress([11, 1, 2, 3])]).isValid)
        // An IPv6 address is not within an IPv4 subtree.
        #expect(try !verify(nc, san: [.ipAddress([UInt8](repeating: 0, count: 16))]).isValid)
    }

    @Test("constrained name forms the verifier cannot process are refused, unconstrained ones pass")
    func unsupportedForms() throws {
        let nc = NameConstraints(permitted: [.registeredID("1.2.3.4")], excluded: [])
        let r = try verify(nc, san: [.registeredID("1.2.3.4")])
        #expect(!r.isValid && reasons(r).contains { $0.contains("not supported") })
        #expect(try verify(NameConstraints(permitted: [.dnsName("example.com")], excluded: []), san: [.registeredID("1.2.3.4")]).isValid)
    }
}
