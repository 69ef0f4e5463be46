// SPDX-License-Identifier: Apache-2.0
// The socket driver and blocking client over loopback TCP (stand-in crypto; interop tests use real crypto).

import ContrastTLS
import Testing
import TestSupport

@Suite("TLS over sockets")
struct SocketTests {
    @Test("Server loop and blocking client: handshake, echo, close_notify, connection bound, deadline")
    func echo() throws {
        let listener = try Socket.listen(port: 0, host: "127.0.0.1")
        var limits = TLSServerLimits()
        limits.maxConnections = 4
        limits.handshakeTimeoutMilliseconds = 300
        let server = TLSServer(listener: listener, configuration: TestCrypto.serverConfiguration(), limits: limits)
        let port = server.port
        let thread = BackgroundThread {
            try? server.run { session, data in
                session.output = Array("echo:".utf8) + data
                if data == Array("bye".utf8) { session.shouldClose = true }
            }
        }
        defer {
            server.stop()
            thread.join()
        }
        let client = try TLSClientSocket(
            host: "127.0.0.1", port: port, configuration: TestCrypto.clientConfiguration(),
            random: DeterministicRandom(seed: 5), timeoutMilliseconds: 5000)
        #expect(client.summary?.cipherSuite == .aes128GCMSHA256)
        try client.write(Array("hello".utf8))
        #expect(try client.read() == Array("echo:hello".utf8))
        try client.write(Array("bye".utf8))
        #expect(try client.read() == Array("echo:bye".utf8))
        #expect(try client.read() == [])  // server's close_notify
        client.close()

        // A silent connection is dropped at the handshake deadline.
        let idle = try Socket.connect(host: "127.0.0.1", port: port, timeoutMilliseconds: 1000)
        var waited = 0
        while server.failures.load(ordering: .relaxed) == 0 && waited < 50 {
            usleepMilliseconds(20)
            waited += 1
        }
        #expect(server.failures.load(ordering: .relaxed) >= 1)
        idle.close()
        #expect(server.handshakes.load(ordering: .relaxed) == 1)
    }
}

import Glibc

func usleepMilliseconds(_ ms: Int) { usleep(UInt32(ms * 1000)) }
