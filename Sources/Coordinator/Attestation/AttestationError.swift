// SPDX-License-Identifier: Apache-2.0
// Parse and format errors of attestation evidence (SNP reports, TDX quotes, attestation documents; STYLE.md §8.3).

/// A piece of evidence could not be read: wrong size, reserved bits set, unknown algorithm, malformed encoding.
///
/// Policy outcomes (a signature that does not verify, a measurement that does not match) are never thrown as this
/// error; they are reported as values (`SNPVerificationResult`, `ValidationReport`).
/// `==` and hashing look at `code` only, so tests can compare against `AttestationError.Code` constants.
public struct AttestationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is (open struct so that new codes do not break switches elsewhere).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Input ended before a field was complete.
        public static let truncated = Code("truncated")
        /// A fixed-size structure had the wrong size.
        public static let invalidLength = Code("invalid length")
        /// A version field names a format this code does not read.
        public static let unsupportedVersion = Code("unsupported version")
        /// A signature or key algorithm field has a value that is not defined.
        public static let unknownAlgorithm = Code("unknown algorithm")
        /// A reserved bit or byte that must be zero (or one) has the wrong value.
        public static let reservedValue = Code("reserved value")
        /// A field holds a value the format does not allow.
        public static let invalidField = Code("invalid field")
        /// An encoding (protobuf, PEM, DER) is malformed.
        public static let malformed = Code("malformed")
    }

    public let code: Code
    /// Human-readable detail: names the field and, where useful, the offset.
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: AttestationError, rhs: AttestationError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    @inline(never)
    static func truncated(_ what: String, need: Int, have: Int) -> AttestationError {
        AttestationError(.truncated, "\(what): needs \(need) bytes, \(have) left")
    }
}
