// SPDX-License-Identifier: Apache-2.0
// The character string types X.509 names use (X.680 §41): UTF8, Printable, IA5, Teletex, BMP, Universal, Visible.

/// A character string of one of the universal string types, kept as its content octets.
public struct ASN1String: DERImplicitlyTaggable, Hashable, CustomStringConvertible {
    /// Which string type.
    public enum Kind: UInt, Sendable, CaseIterable {
        case utf8 = 12
        case numeric = 18
        case printable = 19
        case teletex = 20
        case ia5 = 22
        case visible = 26
        case universal = 28
        case bmp = 30

        /// The universal tag.
        public var identifier: ASN1Identifier { .init(tagWithNumber: rawValue, tagClass: .universal) }
    }

    public static var defaultIdentifier: ASN1Identifier { .utf8String }

    /// The string type.
    public let kind: Kind
    /// The content octets.
    public let bytes: [UInt8]

    /// Creates a string of `kind` from text, checking the character set.
    /// - Throws: `.invalidString` when `text` has characters the type does not allow.
    public init(_ text: String, kind: Kind = .utf8) throws(ASN1Error) {
        let encoded: [UInt8]
        switch kind {
        case .bmp:
            var out: [UInt8] = []
            for unit in text.utf16 { out.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
            encoded = out
        case .universal:
            var out: [UInt8] = []
            for s in text.unicodeScalars {
                let v = s.value
                out.append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
            }
            encoded = out
        default:
            encoded = Array(text.utf8)
        }
        try ASN1String.validate(encoded[...], kind: kind)
        self.kind = kind
        self.bytes = encoded
    }

    /// Decodes any of the string types.
    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        guard node.identifier.tagClass == .universal, let kind = Kind(rawValue: node.identifier.tagNumber) else {
            throw ASN1Error(.unexpectedTag, "expected a string type, found \(node.identifier)")
        }
        try self.init(derEncoded: node, withIdentifier: node.identifier, kind: kind)
    }

    /// Decodes a UTF8String carrying `identifier`.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        try self.init(derEncoded: node, withIdentifier: identifier, kind: .utf8)
    }

    /// Decodes a string of `kind` carrying `identifier` (e.g. `[2] IMPLICIT IA5String`).
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier, kind: Kind) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected string \(identifier), found \(node.identifier)")
        }
        let content = try node.primitiveContent()
        try ASN1String.validate(content, kind: kind)
        self.kind = kind
        self.bytes = Array(content)
    }

    static func validate(_ b: ArraySlice<UInt8>, kind: Kind) throws(ASN1Error) {
        switch kind {
        case .utf8:
            guard String(validating: b, as: UTF8.self) != nil else {
                throw ASN1Error(.invalidString, "UTF8String is not valid UTF-8")
            }
        case .printable:
            // X.680 §41.4 table 10.
            for c in b {
                let ok = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                    || " '()+,-./:=?".utf8.contains(c)
                guard ok else { throw ASN1Error(.invalidString, "PrintableString holds 0x\(String(c, radix: 16))") }
            }
        case .numeric:
            guard b.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 }) else {
                throw ASN1Error(.invalidString, "NumericString holds a non-digit")
            }
        case .ia5:
            guard b.allSatisfy({ $0 < 0x80 }) else { throw ASN1Error(.invalidString, "IA5String holds a non-ASCII octet") }
        case .visible:
            guard b.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw ASN1Error(.invalidString, "VisibleString holds a non-printable octet")
            }
        case .bmp:
            guard b.count % 2 == 0 else { throw ASN1Error(.invalidString, "BMPString has an odd length") }
        case .universal:
            guard b.count % 4 == 0 else { throw ASN1Error(.invalidString, "UniversalString length is not a multiple of 4") }
        case .teletex:
            break  // T.61 is not validated; it is shown as Latin-1.
        }
    }

    /// The text (BMP/Universal decoded; Teletex read as Latin-1; invalid code points replaced).
    public var description: String {
        switch kind {
        case .bmp:
            var units: [UInt16] = []
            var i = 0
            while i + 1 < bytes.count {
                units.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        case .universal:
            var s = ""
            var i = 0
            while i + 3 < bytes.count {
                let v = UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                s.unicodeScalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                i += 4
            }
            return s
        case .teletex:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: bytes) }
    }

    /// Writes with this string's own universal tag.
    public func serialize(into coder: inout DER.Serializer) {
        serialize(into: &coder, withIdentifier: kind.identifier)
    }
}
