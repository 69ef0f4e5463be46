// SPDX-License-Identifier: Apache-2.0
// The error thrown by every DER, PEM and X.509 decoder in ContrastASN1: an open code plus a human reason.

/// A decoding failure. Equality and hashing use `code` only, so tests can assert the kind of failure while the
/// `reason` carries the detail for people (STYLE.md §8.3, the shape of swift-asn1's `ASN1Error`).
public struct ASN1Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure: an open set so that new kinds never break a `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// Stable name of the code (used in `expect.json` files and in CLI output).
        public let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input ends before the encoding does.
        public static let truncated = Code("truncated")
        /// A length field is malformed, too large, or not minimal (X.690 §10.1).
        public static let invalidLength = Code("invalidLength")
        /// The indefinite length form, forbidden in DER (X.690 §10.1).
        public static let indefiniteLength = Code("indefiniteLength")
        /// Bytes after the end of the outermost value.
        public static let trailingBytes = Code("trailingBytes")
        /// Nesting deeper than `DER.maximumDepth`.
        public static let tooDeep = Code("tooDeep")
        /// A tag is malformed or not the expected one.
        public static let unexpectedTag = Code("unexpectedTag")
        /// A constructed value has more, fewer or other children than its type allows.
        public static let invalidFieldCount = Code("invalidFieldCount")
        /// An INTEGER is empty or not minimally encoded, or out of the allowed range (X.690 §8.3.2).
        public static let invalidInteger = Code("invalidInteger")
        /// A BOOLEAN is not 0x00 or 0xFF (X.690 §11.1).
        public static let invalidBoolean = Code("invalidBoolean")
        /// A BIT STRING has a bad padding count or non-zero padding bits (X.690 §11.2).
        public static let invalidBitString = Code("invalidBitString")
        /// An OBJECT IDENTIFIER is empty or has non-minimal arcs (X.690 §8.19).
        public static let invalidObjectIdentifier = Code("invalidObjectIdentifier")
        /// A string holds characters its type does not allow.
        public static let invalidString = Code("invalidString")
        /// A UTCTime or GeneralizedTime is not in the one DER form (X.690 §11.7, §11.8; RFC 5280 §4.1.2.5).
        public static let invalidTime = Code("invalidTime")
        /// A DEFAULT field is encoded with its default value (X.690 §11.5).
        public static let defaultValueEncoded = Code("defaultValueEncoded")
        /// A SET OF is not sorted (X.690 §11.6).
        public static let unsortedSet = Code("unsortedSet")
        /// PEM framing, label or base64 is malformed (RFC 7468).
        public static let invalidPEM = Code("invalidPEM")
        /// A value is well-formed DER but not allowed by the profile (X.509, PKCS, SEC 1).
        public static let invalidValue = Code("invalidValue")
        /// An algorithm, curve or version is not supported.
        public static let unsupported = Code("unsupported")
        /// The same extension appears twice (RFC 5280 §4.2).
        public static let duplicateExtension = Code("duplicateExtension")
    }

    /// The kind of failure.
    public let code: Code
    /// What exactly was wrong, for people.
    public let reason: String
    /// Where the error was raised.
    public let location: String

    /// Creates an error.
    @inline(never)
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: ASN1Error, rhs: ASN1Error) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    public var description: String { "\(code): \(reason)" }
}
