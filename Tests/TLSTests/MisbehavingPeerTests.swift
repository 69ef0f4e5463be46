// SPDX-License-Identifier: Apache-2.0
// Scripted misbehaving peers: each case ends with the right alert and a typed error, no trap, no hang.

import ContrastTLS
import Testing
import TestSupport

@Suite("TLS misbehaving peers")
struct MisbehavingPeerTests {
    /// Runs a handshake where the server's outgoing handshake messages pass through `tamper`; returns the
    /// client's error and the alert the server received.
    static func tamperedServer(
        _ tamper: @escaping (inout [UInt8]) -> Void
    ) throws -> (client: TLSError?, server: TLSError?) {
        var (c, s) = try Loopback.pair()
        s.outgoingHandshakeHook = tamper
        Loopback.run(&c, &s)
        return (c.error, s.error)
    }

    @Test("Wrong message order (EncryptedExtensions missing): unexpected_message")
    func missingEncryptedExtensions() throws {
        let (c, s) = try Self.tamperedServer { m in if m.first == HandshakeType.encryptedExtensions.rawValue { m = [] } }
        #expect(c == .peerMisbehaved(.unexpectedMessage(expected: "EncryptedExtensions", got: .certificate)))
        #expect(s == .alertReceived(.unexpectedMessage))
    }

    @Test("Bad Finished: decrypt_error")
    func badFinished() throws {
        let (c, s) = try Self.tamperedServer { m in if m.first == HandshakeType.finished.rawValue { m[m.count - 1] ^= 1 } }
        #expect(c == .peerMisbehaved(.badFinished))
        #expect(s == .alertReceived(.decryptError))
    }

    @Test("Bad CertificateVerify: decrypt_error")
    func badCertificateVerify() throws {
        let (c, s) = try Self.tamperedServer { m in
            if m.first == HandshakeType.certificateVerify.rawValue { m[m.count - 1] ^= 0x80 }
        }
        #expect(c == .peerMisbehaved(.badSignature))
        #expect(s == .alertReceived(.decryptError))
    }

    @Test("ServerHello with a cipher suite the client did not offer: illegal_parameter")
    func unofferedSuite() throws {
        let (c, s) = try Self.tamperedServer { m in
            // ServerHello body: version(2) random(32) sid(1+32) suite(2) -> suite at offset 4+2+32+1+32.
            if m.first == HandshakeType.serverHello.rawValue { m[4 + 2 + 32 + 1 + 32 + 1] = 0x05 }
        }
        #expect(c == .peerMisbehaved(.illegalParameter("cipher suite not offered")))
        #expect(s == .alertReceived(.illegalParameter))
    }

    @Test("ServerHello answering a group the client sent no share for: illegal_parameter")
    func unofferedGroup() throws {
        let (c, _) = try Self.tamperedServer { m in
            guard m.first == HandshakeType.serverHello.rawValue else { return }
            // key_share is the first extension: type(2) length(2) group(2).
            let ext = 4 + 2 + 32 + 1 + 32 + 2 + 1 + 2
            m[ext + 4] = 0x00
            m[ext + 5] = 0x18  // secp384r1: in supported_groups, but no share sent
        }
        #expect(c == .peerMisbehaved(.illegalParameter("key share for a group not offered")))
    }

    @Test("Server that does not speak TLS 1.3 (no supported_versions): protocol_version")
    func noSupportedVersions() throws {
        let (c, s) = try Self.tamperedServer { m in
            guard m.first == HandshakeType.serverHello.rawValue else { return }
            // Rename supported_versions (last extension, 6 bytes from the end) to an unknown type.
            m[m.count - 6] = 0xFF
            m[m.count - 5] = 0xFF
        }
        #expect(c == .peerIncompatible(.noTLS13))
        #expect(s == .alertReceived(.protocolVersion))
    }

    @Test("Oversized record: record_overflow alert")
    func oversizedRecord() throws {
        var s = TLSConnection(server: TestCrypto.serverConfiguration(), random: DeterministicRandom(seed: 3))
        #expect(throws: TLSError.invalidMessage(.recordOverflow)) {
            try s.receive([22, 3, 3, 0x40, 0x01] + [UInt8](repeating: 0, count: 0x4001))
        }
        #expect(s.takeOutgoing() == [21, 3, 3, 0, 2, 2, AlertDescription.recordOverflow.rawValue])
    }

    @Test("Truncated record at end of stream: typed error, no hang")
    func truncatedRecord() throws {
        var (c, s) = try Loopback.pair()
        let hello = c.takeOutgoing()
        try s.receive(hello.prefix(hello.count - 10))
        #expect(s.isHandshakeComplete == false)
        #expect(throws: TLSError.invalidMessage(.truncated)) { try s.receiveEndOfStream() }
        #expect(s.takeOutgoing() == [21, 3, 3, 0, 2, 2, AlertDescription.decodeError.rawValue])
    }

    @Test("A handshake message cut short inside its record, then another record type: unexpected_message")
    func handshakeInterleaved() throws {
        var (c, s) = try Loopback.pair()
        let hello = c.takeOutgoing()
        // First 20 bytes of the ClientHello as a complete record, then an alert record.
        let part = Array(hello[5..<25])
        #expect(throws: TLSError.self) {
            try s.receive([22, 3, 1, 0, UInt8(part.count)] + part + [21, 3, 3, 0, 2, 1, 0])
        }
        #expect(s.error == .peerMisbehaved(.unexpectedRecord(.alert)))
    }

    @Test("Handshake bytes coalesced across the key change after ServerHello: unexpected_message")
    func spanKeyChange() throws {
        var (c, s) = try Loopback.pair()
        try s.receive(c.takeOutgoing())
        let flight = s.takeOutgoing()
        // The first record is the plaintext ServerHello; append a fake message to it and fix the length.
        let length = Int(flight[3]) << 8 | Int(flight[4])
        var shRecord = Array(flight[0..<5 + length]) + [8, 0, 0, 2, 0, 0]
        shRecord[3] = UInt8((length + 6) >> 8)
        shRecord[4] = UInt8((length + 6) & 0xFF)
        #expect(throws: TLSError.peerMisbehaved(.handshakeAcrossKeyChange)) { try c.receive(shRecord) }
        #expect(c.takeOutgoing().count > 0)  // the alert (encrypted under the new handshake keys)
    }

    @Test("Garbage after close_notify: unexpected_message")
    func garbageAfterClose() throws {
        var (c, s) = try Loopback.pair()
        Loopback.run(&c, &s)
        c.close()
        try s.receive(c.takeOutgoing())
        #expect(s.peerClosed)
        #expect(throws: TLSError.peerMisbehaved(.dataAfterCloseNotify)) { try s.receive([23, 3, 3, 0, 1, 0]) }
    }

    @Test("Application data before the handshake completes: unexpected_message")
    func earlyApplicationData() throws {
        var s = TLSConnection(server: TestCrypto.serverConfiguration(), random: DeterministicRandom(seed: 3))
        #expect(throws: TLSError.peerMisbehaved(.unexpectedRecord(.applicationData))) {
            try s.receive([23, 3, 3, 0, 17] + [UInt8](repeating: 0, count: 17))
        }
        #expect(s.takeOutgoing() == [21, 3, 3, 0, 2, 2, AlertDescription.unexpectedMessage.rawValue])
    }

    @Test("A second ClientHello in place of Finished: unexpected_message")
    func secondClientHello() throws {
        var (c, s) = try Loopback.pair()
        let hello = c.takeOutgoing()
        let first = Array(hello[5...])  // one record holding the ClientHello
        try s.receive(hello)
        c.outgoingHandshakeHook = { m in if m.first == HandshakeType.finished.rawValue { m = first } }
        Loopback.run(&c, &s)
        #expect(s.error == .peerMisbehaved(.unexpectedMessage(expected: "Finished", got: .clientHello)))
        #expect(c.error == .alertReceived(.unexpectedMessage))
    }

    @Test("Random garbage never traps: every prefix of a mangled flight ends in an error or waits")
    func fuzzish() throws {
        var rng = DeterministicRandom(seed: 77)
        for _ in 0..<200 {
            var (c, s) = try Loopback.pair()
            var hello = c.takeOutgoing()
            let flips = Int(rng.next() % 4) + 1
            for _ in 0..<flips {
                let i = Int(rng.next() % UInt64(hello.count))
                hello[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
            do {
                try s.receive(hello)
                Loopback.run(&c, &s)
            } catch {}
        }
    }
}
