// SPDX-License-Identifier: Apache-2.0
// Key exchange, signing and peer-key interfaces the handshake uses (RFC 8446 §4.2.8, §4.4.3).

import ContrastCrypto

/// An ephemeral key pair for one group (RFC 8446 §4.2.8). The private half never leaves the value.
public protocol KeyShareSecret: Sendable {
    var group: NamedGroup { get }
    /// The key_exchange bytes we send (X25519: 32 bytes; NIST curves: uncompressed SEC 1 point).
    var publicKey: [UInt8] { get }
    /// The shared secret with the peer's key_exchange bytes (RFC 8446 §7.4.1: x-coordinate for NIST curves),
    /// throwing `.peerMisbehaved(.illegalParameter)` for invalid peer keys and an all-zero X25519 result.
    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8]
}

/// A key-exchange group we can generate shares for.
public struct KeyExchangeGroup: Sendable {
    public let group: NamedGroup
    public let generate: @Sendable (inout any RandomSource) throws(TLSError) -> any KeyShareSecret

    public init(
        group: NamedGroup, generate: @escaping @Sendable (inout any RandomSource) throws(TLSError) -> any KeyShareSecret
    ) {
        self.group = group
        self.generate = generate
    }
}

/// A private key we sign CertificateVerify with.
public protocol TLSSigningKey: Sendable {
    /// Schemes this key can produce, in our preference order.
    var signatureSchemes: [SignatureScheme] { get }
    func sign(_ message: [UInt8], scheme: SignatureScheme, random: inout any RandomSource) throws(TLSError) -> [UInt8]
}

/// The peer's end-entity public key, as the certificate verifier hands it back.
public protocol TLSPublicKey: Sendable {
    /// Schemes this key can verify.
    var signatureSchemes: [SignatureScheme] { get }
    /// VARTIME: public inputs only.
    func isValidSignature(_ signature: [UInt8], scheme: SignatureScheme, message: [UInt8]) -> Bool
}

/// A certificate chain (DER, end-entity first) with its private key.
public struct CertifiedKey: Sendable {
    public var chain: [[UInt8]]
    public var key: any TLSSigningKey
    public init(chain: [[UInt8]], key: any TLSSigningKey) {
        self.chain = chain
        self.key = key
    }
}

/// What a certificate verifier sees: the chain and the handshake context it was presented in.
public struct PeerCertificateContext: Sendable {
    /// DER certificates, end-entity first.
    public var chain: [[UInt8]]
    /// True when we are the client verifying the server.
    public var verifyingServer: Bool
    /// The server name the client asked for (SNI), if any.
    public var serverName: String?
    /// The negotiated ALPN protocol, if any.
    public var applicationProtocol: [UInt8]?
    /// The ALPN list the client offered (server side; carries aTLS nonces).
    public var offeredApplicationProtocols: [[UInt8]]
    /// DNs from the CertificateRequest's certificate_authorities (client side) or those we sent (server side).
    public var certificateAuthorities: [[UInt8]]

    public init(
        chain: [[UInt8]], verifyingServer: Bool, serverName: String?, applicationProtocol: [UInt8]?,
        offeredApplicationProtocols: [[UInt8]], certificateAuthorities: [[UInt8]]
    ) {
        self.chain = chain
        self.verifyingServer = verifyingServer
        self.serverName = serverName
        self.applicationProtocol = applicationProtocol
        self.offeredApplicationProtocols = offeredApplicationProtocols
        self.certificateAuthorities = certificateAuthorities
    }
}

/// Verifies a peer chain and returns the end-entity key, or throws `.badCertificate(reason)`.
public typealias CertificateVerifier = @Sendable (PeerCertificateContext) throws(TLSError) -> any TLSPublicKey

/// What the server saw in the ClientHello, for certificate selection and the hooks.
public struct ClientHelloInfo: Sendable {
    public var serverName: String?
    public var applicationProtocols: [[UInt8]]
    public var signatureSchemes: [SignatureScheme]
    public var cipherSuites: [CipherSuite]
    public var groups: [NamedGroup]
}

/// What the client saw in a CertificateRequest, for client-certificate selection.
public struct CertificateRequestInfo: Sendable {
    public var certificateAuthorities: [[UInt8]]
    public var signatureSchemes: [SignatureScheme]
    public var applicationProtocol: [UInt8]?
}
