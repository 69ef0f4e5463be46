// SPDX-License-Identifier: Apache-2.0
// Client handshake states: each holds only what is valid at its point (RFC 8446 §A.1, STYLE.md §8.5).

import ContrastCrypto

/// The client state machine's states. The key-schedule stage travels in a `StageCell`, which hands its
/// `~Copyable` stage out exactly once (a noncopyable state enum crashes the 6.3.1 compiler's SIL verifier).
enum ClientState {
    case start
    case expectServerHello(ClientExpectServerHello)
    case expectEncryptedExtensions(ClientHandshaking)
    case expectCertificateOrRequest(ClientHandshaking)
    case expectCertificate(ClientHandshaking)
    case expectCertificateVerify(ClientHandshaking, any TLSPublicKey, CertificateChainVerified)
    case expectFinished(ClientHandshaking, SignatureVerified)
    case connected(ApplicationSecrets)
    case failed(TLSError)
}

/// After sending ClientHello (once or twice).
struct ClientExpectServerHello {
    var clientHello: ClientHello
    var shares: [any KeyShareSecret]
    var transcript: Transcript
    /// Set after a HelloRetryRequest: the suite it fixed (RFC 8446 §4.1.4: ServerHello must match).
    var retrySuite: CipherSuite?
}

/// Between ServerHello and server Finished: the handshake secret and what we learned so far.
struct ClientHandshaking {
    var parameters: CipherSuiteParameters
    var group: NamedGroup
    var transcript: Transcript
    let handshakeSecret: StageCell<HandshakeSecret>
    let clientHandshakeTrafficSecret: [UInt8]
    let serverHandshakeTrafficSecret: [UInt8]
    var applicationProtocol: [UInt8]?
    var certificateRequest: CertificateRequest?
    var peerChain: [[UInt8]] = []
    var peerScheme: SignatureScheme?
    var usedHelloRetryRequest: Bool
}

/// Application traffic secrets after the handshake, for KeyUpdate (RFC 8446 §7.2).
struct ApplicationSecrets: Sendable {
    var parameters: CipherSuiteParameters
    var readSecret: [UInt8]
    var writeSecret: [UInt8]
}
