// SPDX-License-Identifier: Apache-2.0
// Server handshake states (RFC 8446 §A.2, STYLE.md §8.5).

import ContrastCrypto

enum ServerState {
    case expectClientHello(ServerRetry?)
    case expectCertificate(ServerHandshaking)
    case expectCertificateVerify(ServerHandshaking, any TLSPublicKey, CertificateChainVerified)
    case expectFinished(ServerHandshaking)
    case connected(ApplicationSecrets)
    case failed(TLSError)
}

/// What a server remembers between its HelloRetryRequest and the second ClientHello (RFC 8446 §4.1.4).
struct ServerRetry {
    var transcript: Transcript
    var parameters: CipherSuiteParameters
    var group: NamedGroup
    var cookie: [UInt8]?
    var firstHello: ClientHello
}

/// After the server's flight: secrets to check the client's Finished and to finish the handshake.
struct ServerHandshaking {
    var parameters: CipherSuiteParameters
    var group: NamedGroup
    var transcript: Transcript
    var clientHandshakeTrafficSecret: [UInt8]
    var clientApplicationTrafficSecret: [UInt8]
    var serverApplicationTrafficSecret: [UInt8]
    var exporter: ExporterSecret
    var applicationProtocol: [UInt8]?
    var offeredApplicationProtocols: [[UInt8]]
    var serverName: String?
    var certificateAuthorities: [[UInt8]]
    var peerChain: [[UInt8]] = []
    var peerScheme: SignatureScheme?
    var usedHelloRetryRequest: Bool
}
