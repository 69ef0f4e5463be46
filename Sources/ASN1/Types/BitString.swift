// SPDX-License-Identifier: Apache-2.0
// BIT STRING and OCTET STRING (X.690 §8.6, §8.7, §11.2): primitive only, zero padding bits.

/// A BIT STRING: content bytes plus the count of unused bits in the last byte.
public struct ASN1BitString: DERImplicitlyTaggable, Hashable {
    public static var defaultIdentifier: ASN1Identifier { .bitString }

    /// The bits, most significant first; unused trailing bits are zero.
    public let bytes: [UInt8]
    /// Unused bits in the last byte (0...7).
    public let paddingBits: Int

    /// Creates a bit string. Unused bits are cleared.
    public init(bytes: [UInt8], paddingBits: Int = 0) {
        var b = bytes
        let pad = bytes.isEmpty ? 0 : max(0, min(7, paddingBits))
        if pad > 0 { b[b.count - 1] &= ~UInt8((1 << pad) - 1) }
        self.bytes = b
        self.paddingBits = pad
    }

    /// X.690 §11.2: padding count ≤ 7, zero when empty, and the padding bits are zero.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected BIT STRING \(identifier), found \(node.identifier)")
        }
        let content = try node.primitiveContent()
        guard let pad = content.first else { throw ASN1Error(.invalidBitString, "BIT STRING has no padding octet") }
        guard pad <= 7 else { throw ASN1Error(.invalidBitString, "BIT STRING padding count \(pad) exceeds 7") }
        let data = content.dropFirst()
        if data.isEmpty && pad != 0 {
            throw ASN1Error(.invalidBitString, "empty BIT STRING must have zero padding")
        }
        if let last = data.last, last & UInt8((1 << pad) - 1) != 0 {
            throw ASN1Error(.invalidBitString, "BIT STRING padding bits are not zero")
        }
        bytes = Array(data)
        paddingBits = Int(pad)
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) {
            $0.append(UInt8(paddingBits))
            $0.append(contentsOf: bytes)
        }
    }

    /// Bit `i` counted from the most significant bit of the first byte (named-bit lists such as KeyUsage).
    public func bit(_ i: Int) -> Bool {
        let byte = i / 8
        guard i >= 0, byte < bytes.count, i < bytes.count * 8 - paddingBits else { return false }
        return bytes[byte] & (0x80 >> UInt8(i % 8)) != 0
    }

    /// A named-bit list with trailing zero bits removed (X.690 §11.2.2).
    public init(namedBits: [Int]) {
        guard let highest = namedBits.max() else {
            self.init(bytes: [], paddingBits: 0)
            return
        }
        var b = [UInt8](repeating: 0, count: highest / 8 + 1)
        for i in namedBits where i >= 0 { b[i / 8] |= 0x80 >> UInt8(i % 8) }
        self.init(bytes: b, paddingBits: 7 - highest % 8)
    }

    /// True when this named-bit list has no trailing zero bits, as DER requires (X.690 §11.2.2).
    public var isMinimalNamedBitList: Bool {
        guard let last = bytes.last else { return true }
        return last & (UInt8(1) << UInt8(paddingBits)) != 0
    }
}

/// An OCTET STRING.
public struct ASN1OctetString: DERImplicitlyTaggable, Hashable {
    public static var defaultIdentifier: ASN1Identifier { .octetString }

    /// The octets.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected OCTET STRING \(identifier), found \(node.identifier)")
        }
        bytes = Array(try node.primitiveContent())
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: bytes) }
    }
}
