// SPDX-License-Identifier: Apache-2.0
// Errors of certificate building and signing (parse errors are ASN1Error; verification returns results).

/// A certificate could not be built or signed.
public struct X509Error: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }
        /// The signer failed (key or randomness problem).
        public static let signingFailed = Code("signingFailed")
        /// A builder input is not representable (name, time, extension).
        public static let invalidInput = Code("invalidInput")
        /// The result did not parse back (a bug guard).
        public static let encodingFailed = Code("encodingFailed")
    }

    public let code: Code
    public let reason: String

    @inline(never)
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (a: X509Error, b: X509Error) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }
    public var description: String { "\(code): \(reason)" }
}
