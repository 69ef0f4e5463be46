// SPDX-License-Identifier: Apache-2.0
// TLSConfiguration: what a client or server offers, accepts, and the hooks attested TLS needs.

import ContrastCrypto

/// Client authentication policy of a server.
public enum ClientAuthentication: Sendable, Hashable {
    case none
    /// Send a CertificateRequest; an empty client Certificate is accepted.
    case request
    /// Send a CertificateRequest; an empty client Certificate fails with certificate_required.
    case require
}

/// Configuration shared by both roles; role-specific fields are ignored by the other role.
public struct TLSConfiguration: Sendable {
    /// Cipher suites in preference order (RFC 8446 §9.1: AES-128-GCM is mandatory).
    public var cipherSuites: [CipherSuiteParameters]
    /// Key-exchange groups in preference order.
    public var groups: [KeyExchangeGroup]
    /// Signature schemes we accept in the peer's CertificateVerify, preference order.
    public var signatureSchemes: [SignatureScheme]
    /// Signature schemes we accept in certificates (signature_algorithms_cert); nil = same as above.
    public var certificateSignatureSchemes: [SignatureScheme]?
    /// ALPN protocols: the client's offer, or the server's supported list.
    public var applicationProtocols: [[UInt8]] = []
    /// Verifies the peer's chain (client: always; server: when a client certificate arrives).
    public var verifyPeer: CertificateVerifier?

    // Client side
    /// SNI host name.
    public var serverName: String?
    /// How many groups (from the front of `groups`) get a key share in the first ClientHello.
    public var initialKeyShareCount = 1
    /// Picks a client certificate for a CertificateRequest; nil or returning nil sends an empty Certificate.
    public var selectClientCertificate: (@Sendable (CertificateRequestInfo) -> CertifiedKey?)?
    /// Sends a 32-byte legacy_session_id and a ChangeCipherSpec (RFC 8446 §D.4 middlebox compatibility).
    public var middleboxCompatibility = true

    // Server side
    /// The server's certificate for this connection (SNI, ALPN available in the info).
    public var selectCertificate: (@Sendable (ClientHelloInfo) throws(TLSError) -> CertifiedKey)?
    /// Client authentication policy.
    public var clientAuthentication: ClientAuthentication = .none
    /// DNs to put in the CertificateRequest's certificate_authorities (aTLS puts a nonce here).
    public var certificateAuthorities: (@Sendable (ClientHelloInfo) -> [[UInt8]])?
    /// Chooses the ALPN protocol from the client's list; default: first of ours the client offers.
    public var selectApplicationProtocol: (@Sendable ([[UInt8]]) -> [UInt8]?)?
    /// Include a cookie extension in a HelloRetryRequest (RFC 8446 §4.2.2).
    public var helloRetryCookie = true

    public init(cipherSuites: [CipherSuiteParameters], groups: [KeyExchangeGroup], signatureSchemes: [SignatureScheme]) {
        self.cipherSuites = cipherSuites
        self.groups = groups
        self.signatureSchemes = signatureSchemes
    }
}
