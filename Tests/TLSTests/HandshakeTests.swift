// SPDX-License-Identifier: Apache-2.0
// Client <-> server handshakes in memory: suites, groups, HRR, client auth, ALPN, CA hooks, exporters,
// KeyUpdate, close_notify, fragmented and coalesced handshake messages (stand-in key exchange/signatures).

import ContrastTLS
import Testing
import TestSupport

@Suite("TLS handshake (in-memory)")
struct HandshakeTests {
    static func complete(_ c: inout TLSConnection, _ s: inout TLSConnection, chunk: Int = 0) throws {
        if let e = Loopback.run(&c, &s, chunk: chunk) { Issue.record("handshake failed: \(e)") }
        try #require(c.isHandshakeComplete && s.isHandshakeComplete)
    }

    @Test("Every suite completes; data flows both ways; exporters agree", arguments: [
        CipherSuite.aes128GCMSHA256, .aes256GCMSHA384, .chacha20Poly1305SHA256,
    ])
    func everySuite(_ suite: CipherSuite) throws {
        var cc = TestCrypto.clientConfiguration()
        cc.cipherSuites = [TestCrypto.suite(suite)]
        var (c, s) = try Loopback.pair(client: cc)
        try Self.complete(&c, &s)
        #expect(c.summary?.cipherSuite == suite && s.summary?.cipherSuite == suite)
        #expect(c.summary?.group == .x25519 && c.summary?.usedHelloRetryRequest == false)
        #expect(c.summary?.peerChain == [Array("CERT:server".utf8)])
        #expect(s.summary?.serverName == "localhost")
        try c.write(Array("ping".utf8))
        Loopback.run(&c, &s)
        #expect(s.readApplicationData() == Array("ping".utf8))
        let big = (0..<50000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try s.write(big)
        Loopback.run(&c, &s)
        #expect(c.readApplicationData() == big)
        let a = try c.exportKeyingMaterial(label: "EXPORTER-x", context: [1], length: 32)
        let b = try s.exportKeyingMaterial(label: "EXPORTER-x", context: [1], length: 32)
        #expect(a == b)
    }

    @Test("Handshake survives one-byte reads (messages fragmented across reads and records)")
    func byteByByte() throws {
        var (c, s) = try Loopback.pair()
        try Self.complete(&c, &s, chunk: 1)
    }

    @Test("HelloRetryRequest when the client's share is for a group the server lacks, with cookie")
    func helloRetry() throws {
        var cc = TestCrypto.clientConfiguration()
        cc.groups = [.x25519, .secp384r1].map(TestCrypto.group)
        var sc = TestCrypto.serverConfiguration()
        sc.groups = [.secp384r1].map(TestCrypto.group)
        var (c, s) = try Loopback.pair(client: cc, server: sc)
        try Self.complete(&c, &s)
        #expect(c.summary?.usedHelloRetryRequest == true && s.summary?.usedHelloRetryRequest == true)
        #expect(c.summary?.group == .secp384r1)
        try c.write([1, 2, 3])
        Loopback.run(&c, &s)
        #expect(s.readApplicationData() == [1, 2, 3])
    }

    @Test("No common group fails with handshake_failure on both sides")
    func noCommonGroup() throws {
        var cc = TestCrypto.clientConfiguration()
        cc.groups = [.x25519].map(TestCrypto.group)
        var sc = TestCrypto.serverConfiguration()
        sc.groups = [.secp384r1].map(TestCrypto.group)
        var (c, s) = try Loopback.pair(client: cc, server: sc)
        let e = Loopback.run(&c, &s)
        #expect(e == .peerIncompatible(.noCommonGroup))
        #expect(c.error == .alertReceived(.handshakeFailure))
    }

    @Test("No common cipher suite fails with handshake_failure")
    func noCommonSuite() throws {
        var cc = TestCrypto.clientConfiguration()
        cc.cipherSuites = [TestCrypto.suite(.chacha20Poly1305SHA256)]
        var sc = TestCrypto.serverConfiguration()
        sc.cipherSuites = [TestCrypto.suite(.aes128GCMSHA256)]
        var (c, s) = try Loopback.pair(client: cc, server: sc)
        #expect(Loopback.run(&c, &s) == .peerIncompatible(.noCommonCipherSuite))
        #expect(c.error == .alertReceived(.handshakeFailure))
    }

    @Test("Client authentication required: certificate, CA names and ALPN reach the hooks")
    func clientAuthRequired() throws {
        let serverSaw = Recorder()
        let clientSaw = Recorder()
        var sc = TestCrypto.serverConfiguration()
        sc.clientAuthentication = .require
        sc.verifyPeer = TestCrypto.verifier(trusting: ["client"], seen: serverSaw)
        sc.certificateAuthorities = { info in [[0x30, 0x03, 0x31, 0x01, 0x00] + (info.applicationProtocols.first ?? [])] }
        sc.applicationProtocols = [Array("h2".utf8)]
        var cc = TestCrypto.clientConfiguration()
        cc.verifyPeer = TestCrypto.verifier(trusting: ["server"], seen: clientSaw)
        cc.applicationProtocols = [Array("nonce-1234".utf8), Array("h2".utf8)]
        let clientKey = FakeSigningKey(name: "client")
        cc.selectClientCertificate = { info in
            info.certificateAuthorities.isEmpty ? nil : CertifiedKey(chain: [clientKey.certificate], key: clientKey)
        }
        var (c, s) = try Loopback.pair(client: cc, server: sc)
        try Self.complete(&c, &s)
        #expect(s.summary?.peerChain == [clientKey.certificate])
        #expect(s.summary?.peerSignatureScheme == .ecdsaSecp384r1SHA384)
        #expect(c.summary?.applicationProtocol == Array("h2".utf8))
        #expect(serverSaw.contexts.first?.offeredApplicationProtocols.first == Array("nonce-1234".utf8))
        #expect(clientSaw.contexts.isEmpty == false)
        #expect(serverSaw.contexts.first?.certificateAuthorities.first == [0x30, 0x03, 0x31, 0x01, 0x00] + Array("nonce-1234".utf8))
    }

    @Test("Client authentication required but no certificate: certificate_required")
    func clientAuthMissing() throws {
        var sc = TestCrypto.serverConfiguration()
        sc.clientAuthentication = .require
        sc.verifyPeer = TestCrypto.verifier(trusting: ["client"])
        var (c, s) = try Loopback.pair(server: sc)
        #expect(Loopback.run(&c, &s) == .peerIncompatible(.certificateRequired))
        #expect(c.error == .alertReceived(.certificateRequired))
    }

    @Test("Client authentication requested: an empty certificate is accepted")
    func clientAuthOptional() throws {
        var sc = TestCrypto.serverConfiguration()
        sc.clientAuthentication = .request
        var (c, s) = try Loopback.pair(server: sc)
        try Self.complete(&c, &s)
        #expect(s.summary?.peerChain == [])
    }

    @Test("An untrusted server certificate fails with bad_certificate")
    func untrusted() throws {
        var (c, s) = try Loopback.pair(client: TestCrypto.clientConfiguration(trusting: ["someone else"]))
        #expect(Loopback.run(&c, &s) == .badCertificate("untrusted test certificate"))
        #expect(s.error == .alertReceived(.badCertificate))
    }

    @Test("ALPN without overlap fails with no_application_protocol")
    func alpnMismatch() throws {
        var sc = TestCrypto.serverConfiguration()
        sc.applicationProtocols = [Array("h2".utf8)]
        var cc = TestCrypto.clientConfiguration()
        cc.applicationProtocols = [Array("http/1.1".utf8)]
        var (c, s) = try Loopback.pair(client: cc, server: sc)
        #expect(Loopback.run(&c, &s) == .peerIncompatible(.noApplicationProtocol))
        #expect(c.error == .alertReceived(.noApplicationProtocol))
    }

    @Test("KeyUpdate in both directions, with and without update_requested")
    func keyUpdate() throws {
        var (c, s) = try Loopback.pair()
        try Self.complete(&c, &s)
        try c.updateKeys(requestPeerUpdate: true)
        try c.write([1])
        Loopback.run(&c, &s)
        #expect(s.readApplicationData() == [1])
        try s.write([2])
        Loopback.run(&c, &s)
        #expect(c.readApplicationData() == [2])
        try s.updateKeys(requestPeerUpdate: false)
        try s.write([3])
        try c.write([4])
        Loopback.run(&c, &s)
        #expect(c.readApplicationData() == [3] && s.readApplicationData() == [4])
        #expect(c.error == nil && s.error == nil)
    }

    @Test("close_notify ends the stream cleanly; end of stream without it is truncation")
    func closeNotify() throws {
        var (c, s) = try Loopback.pair()
        try Self.complete(&c, &s)
        try c.write([9])
        c.close()
        Loopback.run(&c, &s)
        #expect(s.readApplicationData() == [9] && s.peerClosed)
        try s.receiveEndOfStream()
        #expect(throws: TLSError.closed) { try c.write([1]) }
        var (c2, s2) = try Loopback.pair()
        try Self.complete(&c2, &s2)
        #expect(throws: TLSError.invalidMessage(.truncated)) { try s2.receiveEndOfStream() }
    }
}
