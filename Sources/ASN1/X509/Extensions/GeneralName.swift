// SPDX-License-Identifier: Apache-2.0
// GeneralName (RFC 5280 §4.2.1.6) and the subject alternative name extension.

/// One `GeneralName` choice.
public enum GeneralName: DERParseable, DERSerializable, Hashable, CustomStringConvertible {
    /// `[1] IMPLICIT IA5String`.
    case email(String)
    /// `[2] IMPLICIT IA5String`.
    case dnsName(String)
    /// `[4] EXPLICIT Name`.
    case directoryName(DistinguishedName)
    /// `[6] IMPLICIT IA5String`.
    case uri(String)
    /// `[7] IMPLICIT OCTET STRING`: 4 or 16 bytes (8 or 32 with a mask in name constraints).
    case ipAddress([UInt8])
    /// `[8] IMPLICIT OBJECT IDENTIFIER`.
    case registeredID(ASN1ObjectIdentifier)
    /// `otherName [0]`, `x400Address [3]`, `ediPartyName [5]`: kept as encoded.
    case other(ASN1Any)

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        guard node.identifier.tagClass == .contextSpecific else {
            throw ASN1Error(.unexpectedTag, "GeneralName must be context-specific, found \(node.identifier)")
        }
        switch node.identifier.tagNumber {
        case 1: self = .email(try GeneralName.ia5(node))
        case 2: self = .dnsName(try GeneralName.ia5(node))
        case 6: self = .uri(try GeneralName.ia5(node))
        case 4:
            self = .directoryName(
                try DER.explicitlyTagged(node, tagNumber: 4) {
                    (n: ASN1Node) throws(ASN1Error) -> DistinguishedName in try DistinguishedName(derEncoded: n)
                })
        case 7:
            self = .ipAddress(try ASN1OctetString(derEncoded: node, withIdentifier: node.identifier).bytes)
        case 8:
            self = .registeredID(try ASN1ObjectIdentifier(derEncoded: node, withIdentifier: node.identifier))
        case 0:
            // AnotherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
            try DER.sequence(node, identifier: .contextSpecific(0)) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
                _ = try ASN1ObjectIdentifier(derEncoded: try DER.required(&it, "otherName type-id"))
                _ = try DER.explicitlyTagged(try DER.required(&it, "otherName value"), tagNumber: 0) {
                    (n: ASN1Node) throws(ASN1Error) -> ASN1Node in n
                }
            }
            self = .other(try ASN1Any(derEncoded: node))
        case 3, 5:
            guard node.isConstructed else { throw ASN1Error(.unexpectedTag, "GeneralName [\(node.identifier.tagNumber)] must be constructed") }
            self = .other(try ASN1Any(derEncoded: node))
        default:
            throw ASN1Error(.unexpectedTag, "unknown GeneralName \(node.identifier)")
        }
    }

    private static func ia5(_ node: ASN1Node) throws(ASN1Error) -> String {
        try ASN1String(derEncoded: node, withIdentifier: node.identifier, kind: .ia5).description
    }

    public func serialize(into coder: inout DER.Serializer) {
        switch self {
        case .email(let s): coder.appendPrimitiveNode(identifier: .contextSpecific(1)) { $0.append(contentsOf: Array(s.utf8)) }
        case .dnsName(let s): coder.appendPrimitiveNode(identifier: .contextSpecific(2)) { $0.append(contentsOf: Array(s.utf8)) }
        case .uri(let s): coder.appendPrimitiveNode(identifier: .contextSpecific(6)) { $0.append(contentsOf: Array(s.utf8)) }
        case .directoryName(let n): coder.serialize(n, explicitlyTaggedWithTagNumber: 4)
        case .ipAddress(let b): coder.appendPrimitiveNode(identifier: .contextSpecific(7)) { $0.append(contentsOf: b) }
        case .registeredID(let o): o.serialize(into: &coder, withIdentifier: .contextSpecific(8))
        case .other(let raw): coder.serialize(raw)
        }
    }

    /// `openssl x509 -text` form (`DNS:example.com`, `IP Address:10.0.0.1`).
    public var description: String {
        switch self {
        case .email(let s): return "email:\(s)"
        case .dnsName(let s): return "DNS:\(s)"
        case .uri(let s): return "URI:\(s)"
        case .directoryName(let n): return "DirName:\(n.description.replacingSpacedSeparators())"
        case .ipAddress(let b): return "IP Address:\(GeneralName.formatIP(b))"
        case .registeredID(let o): return "Registered ID:\(o)"
        case .other(let raw):
            return raw.encodedBytes.first.map { $0 & 0x1F == 0 ? "othername:<unsupported>" : "<unsupported>" } ?? ""
        }
    }

    /// Dotted IPv4, or IPv6 as eight groups (with `/mask` when 8 or 32 bytes).
    public static func formatIP(_ b: [UInt8]) -> String {
        switch b.count {
        case 4: return b.map { String($0) }.joined(separator: ".")
        case 8: return formatIP(Array(b[0..<4])) + "/" + formatIP(Array(b[4..<8]))
        case 16:
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(b[$0]) << 8 | UInt16(b[$0 + 1]), radix: 16).uppercased() }
                .joined(separator: ":")
        case 32: return formatIP(Array(b[0..<16])) + "/" + formatIP(Array(b[16..<32]))
        default: return "<invalid>"
        }
    }
}

extension String {
    /// `C = US, O = X` → `/C=US/O=X` (how OpenSSL shows a DirName inside a GeneralName).
    func replacingSpacedSeparators() -> String {
        "/" + split(separator: ",").map { $0.trimmingSpaces().replacing(" = ", with: "=") }.joined(separator: "/")
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(drop(while: { $0 == " " })) }
}

/// Subject alternative names (RFC 5280 §4.2.1.6).
public struct SubjectAlternativeNames: CertificateExtension, Hashable, CustomStringConvertible {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.subjectAlternativeName }
    public let names: [GeneralName]

    public init(_ names: [GeneralName]) { self.names = names }

    /// `SEQUENCE SIZE (1..MAX) OF GeneralName`; IP addresses must be 4 or 16 bytes.
    public init(_ e: Extension) throws(ASN1Error) {
        names = try DER.sequence(of: GeneralName.self, try e.valueNode())
        guard !names.isEmpty else { throw ASN1Error(.invalidFieldCount, "empty SubjectAltName") }
        for case .ipAddress(let ip) in names where ip.count != 4 && ip.count != 16 {
            throw ASN1Error(.invalidValue, "SAN IP address has \(ip.count) bytes")
        }
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        var coder = DER.Serializer()
        coder.serializeSequenceOf(names)
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }

    public var dnsNames: [String] { names.compactMap { if case .dnsName(let s) = $0 { return s } else { return nil } } }
    public var ipAddresses: [[UInt8]] { names.compactMap { if case .ipAddress(let b) = $0 { return b } else { return nil } } }
    public var uris: [String] { names.compactMap { if case .uri(let s) = $0 { return s } else { return nil } } }

    public var description: String { names.map(\.description).joined(separator: ", ") }
}
