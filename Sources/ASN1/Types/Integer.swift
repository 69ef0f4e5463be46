// SPDX-License-Identifier: Apache-2.0
// INTEGER (X.690 §8.3): minimal two's complement, as raw bytes (serials, RSA moduli) and as Int.

/// An INTEGER of any size, kept as its minimal two's-complement content octets.
public struct ASN1Integer: DERImplicitlyTaggable, Hashable, CustomStringConvertible {
    public static var defaultIdentifier: ASN1Identifier { .integer }

    /// Minimal big-endian two's-complement octets (never empty).
    public let bytes: [UInt8]

    /// Decodes, rejecting empty and non-minimal encodings (X.690 §8.3.2).
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected INTEGER \(identifier), found \(node.identifier)")
        }
        let content = try node.primitiveContent()
        try ASN1Integer.checkMinimal(content)
        bytes = Array(content)
    }

    /// The value of a non-negative big-endian magnitude (leading zeros allowed; a 0x00 is added when the top
    /// bit is set).
    public init(unsignedBytes: some Collection<UInt8>) {
        var magnitude = Array(unsignedBytes.drop(while: { $0 == 0 }))
        if magnitude.isEmpty { magnitude = [0] } else if magnitude[0] & 0x80 != 0 { magnitude.insert(0, at: 0) }
        bytes = magnitude
    }

    /// The value of a machine integer.
    public init(_ value: Int) {
        var out: [UInt8] = []
        var v = value
        repeat {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        } while !(v == 0 && out[out.count - 1] & 0x80 == 0) && !(v == -1 && out[out.count - 1] & 0x80 != 0)
        bytes = out.reversed()
    }

    /// X.690 §8.3.2: at least one octet; the first nine bits are not all equal.
    static func checkMinimal(_ content: ArraySlice<UInt8>) throws(ASN1Error) {
        guard let first = content.first else { throw ASN1Error(.invalidInteger, "INTEGER has no content octets") }
        if content.count > 1 {
            let second = content[content.startIndex + 1]
            if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                throw ASN1Error(.invalidInteger, "INTEGER is not minimally encoded")
            }
        }
    }

    /// True for values below zero.
    public var isNegative: Bool { bytes[0] & 0x80 != 0 }

    /// True for zero.
    public var isZero: Bool { bytes == [0] }

    /// The magnitude of a non-negative value, without a leading 0x00.
    public var unsignedBytes: [UInt8] {
        bytes.count > 1 && bytes[0] == 0 ? Array(bytes.dropFirst()) : bytes
    }

    /// The value when it fits in `Int`.
    public var intValue: Int? {
        guard bytes.count <= 8 else { return nil }
        var v: Int = isNegative ? -1 : 0
        for b in bytes { v = (v << 8) | Int(b) }
        return v
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: bytes) }
    }

    /// Decimal when it fits in `Int`, else colon-separated hex like `openssl x509 -text`.
    public var description: String {
        if let v = intValue { return String(v) }
        return bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }
}

extension Int: DERImplicitlyTaggable {
    public static var defaultIdentifier: ASN1Identifier { .integer }

    /// Decodes an INTEGER that fits in `Int`.
    /// - Throws: `.invalidInteger` when non-minimal or too large.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        let integer = try ASN1Integer(derEncoded: node, withIdentifier: identifier)
        guard let v = integer.intValue else { throw ASN1Error(.invalidInteger, "INTEGER does not fit in 64 bits") }
        self = v
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        ASN1Integer(self).serialize(into: &coder, withIdentifier: identifier)
    }
}

extension Bool: DERImplicitlyTaggable {
    public static var defaultIdentifier: ASN1Identifier { .boolean }

    /// X.690 §11.1: FALSE is 0x00 and TRUE is 0xFF, nothing else.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected BOOLEAN \(identifier), found \(node.identifier)")
        }
        let content = try node.primitiveContent()
        guard content.count == 1 else { throw ASN1Error(.invalidBoolean, "BOOLEAN must have one content octet") }
        switch content[content.startIndex] {
        case 0x00: self = false
        case 0xFF: self = true
        default: throw ASN1Error(.invalidBoolean, "BOOLEAN octet must be 0x00 or 0xFF in DER")
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(self ? 0xFF : 0x00) }
    }
}

/// NULL (X.690 §8.8): no content octets.
public struct ASN1Null: DERImplicitlyTaggable, Hashable {
    public static var defaultIdentifier: ASN1Identifier { .null }

    public init() {}

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected NULL \(identifier), found \(node.identifier)")
        }
        guard try node.primitiveContent().isEmpty else { throw ASN1Error(.invalidLength, "NULL must be empty") }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) { _ in }
    }
}
