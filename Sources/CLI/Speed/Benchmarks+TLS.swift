// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for full in-process TLS 1.3 handshakes (client and server in one process).

import ContrastCrypto
import ContrastTLS

/// One full handshake: fresh client and server connections, ECDHE on `group`, ECDSA certificate on the same curve.
private func handshakeBenchmark(name: String, summary: String, p384: Bool) -> Benchmark {
    Benchmark(name: name, summary: summary, variants: [
        Benchmark.Variant(operation: "handshake", bytes: 0) {
            var rng = SystemRandom()
            let key: ECDSASigningKey = p384
                ? ECDSASigningKey(p384: try P384.Signing.PrivateKey(using: &rng))
                : ECDSASigningKey(p256: try P256.Signing.PrivateKey(using: &rng))
            let publicKey = try key.publicKey
            var server = TLSConfiguration.server(chain: [[0x30, 0x00]], key: key)
            server.groups = [p384 ? .secp384r1 : .secp256r1]
            server.cipherSuites = [p384 ? .aes256GCMSHA384 : .aes128GCMSHA256]
            var client = TLSConfiguration.client(serverName: "bench") { _ throws(TLSError) in publicKey }
            client.groups = server.groups
            client.cipherSuites = server.cipherSuites
            return {
                guard var c = try? TLSConnection(client: client, random: SystemRandom()) else { return 0 }
                var s = TLSConnection(server: server, random: SystemRandom())
                for _ in 0..<4 {
                    let toServer = c.takeOutgoing()
                    if !toServer.isEmpty { try? s.receive(toServer) }
                    let toClient = s.takeOutgoing()
                    if !toClient.isEmpty { try? c.receive(toClient) }
                }
                return c.isHandshakeComplete && s.isHandshakeComplete ? 1 : 0
            }
        }
    ])
}

let tlsBenchmarks: [Benchmark] = [
    handshakeBenchmark(
        name: "tls13-handshake-p384",
        summary: "TLS 1.3 full handshake in-process: secp384r1 ECDHE, P-384 ECDSA certificate, AES-256-GCM",
        p384: true),
    handshakeBenchmark(
        name: "tls13-handshake-p256",
        summary: "TLS 1.3 full handshake in-process: secp256r1 ECDHE, P-256 ECDSA certificate, AES-128-GCM",
        p384: false),
]
