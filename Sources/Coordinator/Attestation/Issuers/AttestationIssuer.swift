// SPDX-License-Identifier: Apache-2.0
// The issuer side of aTLS: something that produces an attestation document bound to given REPORT_DATA
// (upstream.md §7.2: REPORT_DATA = SHA-512(SPKI DER ‖ nonce)).

/// Produces attestation documents (the value of the aTLS certificate extension).
public protocol AttestationIssuer: Sendable {
    /// The aTLS extension OID of the documents (1.3.9901.2.1 SNP, 1.3.9901.2.2 TDX).
    var extensionOID: String { get }
    /// A document whose REPORT_DATA is `reportData` (64 bytes).
    func issue(reportData: [UInt8]) throws(IssuerError) -> [UInt8]
}

/// An issuer could not produce evidence (device missing, kernel error, malformed firmware output).
public struct IssuerError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
