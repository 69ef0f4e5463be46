// SPDX-License-Identifier: Apache-2.0
// The DER coding protocols (wire types conform; semantic types do not, STYLE.md §8.2).

/// A type decodable from one DER node.
public protocol DERParseable: Sendable {
    /// Decodes from a parsed node.
    init(derEncoded node: ASN1Node) throws(ASN1Error)
}

/// A type that writes itself as DER.
public protocol DERSerializable: Sendable {
    /// Appends the encoding.
    func serialize(into coder: inout DER.Serializer)
}

/// A type with a universal tag that can also be implicitly tagged (`[n] IMPLICIT T`).
public protocol DERImplicitlyTaggable: DERParseable, DERSerializable {
    /// The tag used when not tagged implicitly.
    static var defaultIdentifier: ASN1Identifier { get }
    /// Decodes a node that carries `identifier` instead of the default tag.
    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error)
    /// Encodes with `identifier` instead of the default tag.
    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier)
}

extension DERImplicitlyTaggable {
    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        try self.init(derEncoded: node, withIdentifier: Self.defaultIdentifier)
    }

    public func serialize(into coder: inout DER.Serializer) {
        serialize(into: &coder, withIdentifier: Self.defaultIdentifier)
    }

    /// Decodes a complete DER encoding (no trailing bytes).
    public init(derEncoded bytes: [UInt8]) throws(ASN1Error) {
        try self.init(derEncoded: try DER.parse(bytes))
    }

    /// The DER encoding.
    public var derEncoded: [UInt8] {
        var coder = DER.Serializer()
        serialize(into: &coder)
        return coder.serializedBytes
    }
}

extension DERParseable {
    /// Decodes a complete DER encoding (no trailing bytes).
    public init(derEncoded bytes: ArraySlice<UInt8>) throws(ASN1Error) {
        try self.init(derEncoded: try DER.parse(bytes))
    }
}

extension DERSerializable {
    /// The DER encoding of this value.
    public func derBytes() -> [UInt8] {
        var coder = DER.Serializer()
        serialize(into: &coder)
        return coder.serializedBytes
    }
}

/// Any single DER value kept verbatim (an `ANY` field or an unknown element).
public struct ASN1Any: DERParseable, DERSerializable, Hashable {
    /// The complete TLV.
    public let encodedBytes: [UInt8]

    public init(derEncoded node: ASN1Node) throws(ASN1Error) { encodedBytes = Array(node.encodedBytes) }

    /// Wraps an already-encoded value, checking that it is one DER value.
    public init(encoded: [UInt8]) throws(ASN1Error) {
        _ = try DER.parse(encoded)
        encodedBytes = encoded
    }

    /// Wraps the encoding of a serialisable value.
    public init(_ value: some DERSerializable) { encodedBytes = value.derBytes() }

    public func serialize(into coder: inout DER.Serializer) { coder.serializeRawBytes(encodedBytes) }

    /// The parsed node.
    public func node() throws(ASN1Error) -> ASN1Node { try DER.parse(encodedBytes) }
}
