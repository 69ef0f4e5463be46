// SPDX-License-Identifier: Apache-2.0
// Name / RDNSequence (RFC 5280 §4.1.2.4): ordered RDNs of type-value pairs, compared by their DER bytes.

/// One `AttributeTypeAndValue`.
public struct AttributeTypeAndValue: DERParseable, DERSerializable, Hashable {
    public let type: ASN1ObjectIdentifier
    /// The value as encoded (usually a string type).
    public let value: ASN1Any

    public init(type: ASN1ObjectIdentifier, value: ASN1Any) {
        self.type = type
        self.value = value
    }

    /// A string attribute; countryName, serialNumber and emailAddress use their RFC 5280 string types.
    public init(type: ASN1ObjectIdentifier, utf8 text: String) throws(ASN1Error) {
        let kind: ASN1String.Kind
        switch type {
        case .NameAttribute.countryName, .NameAttribute.serialNumber: kind = .printable
        case .NameAttribute.emailAddress, .NameAttribute.domainComponent: kind = .ia5
        default: kind = .utf8
        }
        self.init(type: type, value: ASN1Any(try ASN1String(text, kind: kind)))
    }

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        (type, value) = try DER.sequence(node) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1ObjectIdentifier, ASN1Any) in
            (try ASN1ObjectIdentifier(derEncoded: try DER.required(&it, "attribute type")),
             try ASN1Any(derEncoded: try DER.required(&it, "attribute value")))
        }
    }

    public func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(type)
            $0.serialize(value)
        }
    }

    /// The value as text, when it is a string type.
    public var stringValue: String? {
        guard let node = try? value.node(), let s = try? ASN1String(derEncoded: node) else { return nil }
        return s.description
    }

    /// The text, or `#` and the hex of the encoding for non-string values (RFC 4514 §2.4).
    public var displayValue: String {
        stringValue ?? "#" + value.encodedBytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Short name as OpenSSL prints it (`CN`, `O`, …) or the dotted OID.
    public var shortName: String {
        switch type {
        case .NameAttribute.commonName: return "CN"
        case .NameAttribute.countryName: return "C"
        case .NameAttribute.localityName: return "L"
        case .NameAttribute.stateOrProvinceName: return "ST"
        case .NameAttribute.organizationName: return "O"
        case .NameAttribute.organizationalUnitName: return "OU"
        case .NameAttribute.emailAddress: return "emailAddress"
        case .NameAttribute.serialNumber: return "serialNumber"
        case .NameAttribute.domainComponent: return "DC"
        case .NameAttribute.userID: return "UID"
        case .NameAttribute.streetAddress: return "street"
        case .NameAttribute.title: return "title"
        case .NameAttribute.surname: return "SN"
        case .NameAttribute.givenName: return "GN"
        default: return type.description
        }
    }
}

/// A `RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue`.
public struct RelativeDistinguishedName: DERParseable, DERSerializable, Hashable {
    public let attributes: [AttributeTypeAndValue]

    public init(_ attributes: [AttributeTypeAndValue]) { self.attributes = attributes }

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        attributes = try DER.set(of: AttributeTypeAndValue.self, node)
        guard !attributes.isEmpty else { throw ASN1Error(.invalidFieldCount, "empty RDN") }
    }

    public func serialize(into coder: inout DER.Serializer) { coder.serializeSetOf(attributes) }
}

/// A distinguished name.
public struct DistinguishedName: DERImplicitlyTaggable, Hashable, CustomStringConvertible {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public let rdns: [RelativeDistinguishedName]

    public init(_ rdns: [RelativeDistinguishedName]) { self.rdns = rdns }

    /// A name with one attribute per RDN, in the order given.
    public init(_ attributes: [(ASN1ObjectIdentifier, String)]) throws(ASN1Error) {
        var rdns: [RelativeDistinguishedName] = []
        for (type, text) in attributes {
            rdns.append(RelativeDistinguishedName([try AttributeTypeAndValue(type: type, utf8: text)]))
        }
        self.rdns = rdns
    }

    /// `CN=<commonName>`.
    public init(commonName: String) throws(ASN1Error) {
        try self.init([(.NameAttribute.commonName, commonName)])
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        rdns = try DER.sequence(of: RelativeDistinguishedName.self, identifier: identifier, node)
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.serializeSequenceOf(rdns, identifier: identifier)
    }

    /// Every attribute in order.
    public var attributes: [AttributeTypeAndValue] { rdns.flatMap { $0.attributes } }

    /// The first common name.
    public var commonName: String? {
        attributes.first(where: { $0.type == .NameAttribute.commonName })?.stringValue
    }

    /// `C = US, O = Example, CN = Root`, as `openssl x509 -text` prints names.
    public var description: String {
        rdns.map { rdn in
            rdn.attributes.map { "\($0.shortName) = \($0.displayValue)" }.joined(separator: " + ")
        }.joined(separator: ", ")
    }
}
