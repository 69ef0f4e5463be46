// SPDX-License-Identifier: Apache-2.0
// Extension and Extensions (RFC 5280 §4.1, §4.2): opaque wire values, no duplicates, typed views on demand.

/// One `Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`.
public struct Extension: DERParseable, DERSerializable, Hashable {
    public let oid: ASN1ObjectIdentifier
    public let critical: Bool
    /// The contents of extnValue (itself normally a DER value).
    public let value: [UInt8]

    public init(oid: ASN1ObjectIdentifier, critical: Bool, value: [UInt8]) {
        self.oid = oid
        self.critical = critical
        self.value = value
    }

    /// An extension whose value is the DER of `value`.
    public init(oid: ASN1ObjectIdentifier, critical: Bool = false, encoding value: some DERSerializable) {
        self.init(oid: oid, critical: critical, value: value.derBytes())
    }

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        (oid, critical, value) = try DER.sequence(node) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1ObjectIdentifier, Bool, [UInt8]) in
            let oid = try ASN1ObjectIdentifier(derEncoded: try DER.required(&it, "extnID"))
            let critical = try DER.decodeDefault(&it, defaultValue: false)
            let value = try ASN1OctetString(derEncoded: try DER.required(&it, "extnValue")).bytes
            return (oid, critical, value)
        }
    }

    public func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(oid)
            if critical { $0.serialize(true) }
            $0.serialize(ASN1OctetString(value))
        }
    }

    /// The extension value parsed as one DER value.
    public func valueNode() throws(ASN1Error) -> ASN1Node { try DER.parse(value) }
}

/// The extensions of a certificate or CRL, in order, with unique OIDs.
public struct Extensions: Sequence, Hashable, Sendable, DERParseable, DERSerializable {
    public let all: [Extension]

    /// Wraps a list.
    /// - Throws: `.duplicateExtension` when an OID appears twice (RFC 5280 §4.2).
    public init(_ extensions: [Extension]) throws(ASN1Error) {
        var seen = Set<ASN1ObjectIdentifier>()
        for e in extensions {
            guard seen.insert(e.oid).inserted else {
                throw ASN1Error(.duplicateExtension, "extension \(e.oid) appears more than once")
            }
        }
        all = extensions
    }

    /// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`.
    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        let list = try DER.sequence(of: Extension.self, node)
        guard !list.isEmpty else { throw ASN1Error(.invalidFieldCount, "Extensions must not be empty") }
        try self.init(list)
    }

    public func serialize(into coder: inout DER.Serializer) { coder.serializeSequenceOf(all) }

    public func makeIterator() -> IndexingIterator<[Extension]> { all.makeIterator() }
    public var isEmpty: Bool { all.isEmpty }

    /// The extension with `oid`, if present.
    public subscript(oid oid: ASN1ObjectIdentifier) -> Extension? { all.first { $0.oid == oid } }

    public var basicConstraints: BasicConstraints? { get throws(ASN1Error) { try decode(BasicConstraints.self) } }
    public var keyUsage: KeyUsage? { get throws(ASN1Error) { try decode(KeyUsage.self) } }
    public var extendedKeyUsage: ExtendedKeyUsage? { get throws(ASN1Error) { try decode(ExtendedKeyUsage.self) } }
    public var subjectAlternativeNames: SubjectAlternativeNames? {
        get throws(ASN1Error) { try decode(SubjectAlternativeNames.self) }
    }
    public var subjectKeyIdentifier: SubjectKeyIdentifier? {
        get throws(ASN1Error) { try decode(SubjectKeyIdentifier.self) }
    }
    public var authorityKeyIdentifier: AuthorityKeyIdentifier? {
        get throws(ASN1Error) { try decode(AuthorityKeyIdentifier.self) }
    }
    public var nameConstraints: NameConstraints? { get throws(ASN1Error) { try decode(NameConstraints.self) } }
    public var crlDistributionPoints: CRLDistributionPoints? {
        get throws(ASN1Error) { try decode(CRLDistributionPoints.self) }
    }
    public var certificatePolicies: CertificatePolicies? {
        get throws(ASN1Error) { try decode(CertificatePolicies.self) }
    }

    /// Decodes the extension a semantic type describes, if present.
    public func decode<T: CertificateExtension>(_ type: T.Type) throws(ASN1Error) -> T? {
        guard let e = self[oid: T.oid] else { return nil }
        return try T(e)
    }
}

/// A typed view of one extension (the semantic type; the wire form lives inside it).
public protocol CertificateExtension: Sendable {
    /// The extension OID.
    static var oid: ASN1ObjectIdentifier { get }
    /// Decodes from the wire extension.
    init(_ extension: Extension) throws(ASN1Error)
    /// Encodes as a wire extension.
    func makeExtension(critical: Bool) -> Extension
}
