// SPDX-License-Identifier: Apache-2.0
// In-memory client <-> server plumbing for handshake tests.

import ContrastTLS
import TestSupport

enum Loopback {
    /// Shuttles bytes until neither side has anything to send. `chunk` > 0 delivers that many bytes at a time
    /// (fragmenting records across reads). Returns the first error either side hit.
    @discardableResult
    static func run(_ client: inout TLSConnection, _ server: inout TLSConnection, chunk: Int = 0) -> TLSError? {
        var rounds = 0
        while (client.hasOutgoing || server.hasOutgoing) && rounds < 100 {
            rounds += 1
            if let e = deliver(client.takeOutgoing(), to: &server, chunk: chunk) {
                // Let the alert reach the other side.
                _ = deliver(server.takeOutgoing(), to: &client, chunk: 0)
                return e
            }
            if let e = deliver(server.takeOutgoing(), to: &client, chunk: chunk) {
                _ = deliver(client.takeOutgoing(), to: &server, chunk: 0)
                return e
            }
        }
        return nil
    }

    static func deliver(_ bytes: [UInt8], to peer: inout TLSConnection, chunk: Int) -> TLSError? {
        guard !bytes.isEmpty else { return nil }
        let step = chunk > 0 ? chunk : bytes.count
        var i = 0
        while i < bytes.count {
            do { try peer.receive(bytes[i..<min(i + step, bytes.count)]) } catch { return error }
            i += step
        }
        return nil
    }

    static func pair(
        client: TLSConfiguration = TestCrypto.clientConfiguration(),
        server: TLSConfiguration = TestCrypto.serverConfiguration(), seed: UInt64 = 1
    ) throws -> (TLSConnection, TLSConnection) {
        let c = try TLSConnection(client: client, random: DeterministicRandom(seed: seed))
        let s = TLSConnection(server: server, random: DeterministicRandom(seed: seed &+ 1000))
        return (c, s)
    }
}
