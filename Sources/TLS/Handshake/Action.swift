// SPDX-License-Identifier: Apache-2.0
// HandshakeAction and HandshakeSummary: what the sans-IO machines ask the connection to do (STYLE.md §8.5).

/// One step the connection carries out, in order.
public enum HandshakeAction: Sendable {
    /// Send this encoded handshake message under the current write keys.
    case send([UInt8])
    /// Send the middlebox-compatibility ChangeCipherSpec record (RFC 8446 §D.4).
    case sendChangeCipherSpec
    /// From now on, decrypt with these keys.
    case installReadKeys(RecordProtection)
    /// From now on, encrypt with these keys.
    case installWriteKeys(RecordProtection)
    /// The handshake is complete; application data may flow.
    case complete(HandshakeSummary)
}

/// The negotiated parameters of a finished handshake.
public struct HandshakeSummary: Sendable {
    public var cipherSuite: CipherSuite
    public var group: NamedGroup
    public var applicationProtocol: [UInt8]?
    public var serverName: String?
    /// The peer's certificate chain (empty when a client sent none).
    public var peerChain: [[UInt8]]
    /// Scheme of the peer's CertificateVerify, if there was one.
    public var peerSignatureScheme: SignatureScheme?
    /// True when a HelloRetryRequest was part of the handshake.
    public var usedHelloRetryRequest: Bool
    /// For TLS-Exporter (RFC 8446 §7.5).
    public var exporter: ExporterSecret
}
