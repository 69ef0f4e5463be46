// SPDX-License-Identifier: Apache-2.0
// RFC 8448 §3 (simple 1-RTT) reproduced by our client and server machines with the trace's randoms and
// key shares injected: every handshake message we produce and every traffic key we install is checked.

import ContrastCrypto
import ContrastTLS
import Testing
import TestSupport

/// A RandomSource that plays back fixed bytes, then fails.
struct ScriptedRandom: RandomSource {
    var bytes: [UInt8]
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard bytes.count >= buffer.count else { throw .randomSourceFailure }
        for i in 0..<buffer.count { buffer[i] = bytes[i] }
        bytes.removeFirst(buffer.count)
    }
}

/// A key share with the trace's public key whose shared secret is the trace's (EC)DHE output for the trace's
/// peer key (X25519 itself is tested where it is implemented).
struct InjectedShare: KeyShareSecret {
    let group: NamedGroup
    let publicKey: [UInt8]
    let peer: [UInt8]
    let shared: [UInt8]
    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8] {
        guard peerKeyExchange == peer else { throw .peerMisbehaved(.illegalParameter("unexpected peer share")) }
        return shared
    }
}

/// Replays the trace's RSA-PSS CertificateVerify signature (PSS is randomised), after checking that we are
/// asked to sign exactly the content RFC 8446 §4.4.3 prescribes.
struct ReplaySigner: TLSSigningKey {
    let signature: [UInt8]
    let expectedContent: [UInt8]
    var signatureSchemes: [SignatureScheme] { [.rsaPSSRSAESHA256] }
    func sign(_ message: [UInt8], scheme: SignatureScheme, random: inout any RandomSource) throws(TLSError) -> [UInt8] {
        guard message == expectedContent, scheme == .rsaPSSRSAESHA256 else { throw .internal("unexpected content") }
        return signature
    }
}

/// Accepts exactly the trace's signature over exactly the expected content (RSA-PSS verification proper
/// belongs to ContrastCrypto's tests).
struct ReplayPublicKey: TLSPublicKey {
    let signature: [UInt8]
    let expectedContent: [UInt8]
    var signatureSchemes: [SignatureScheme] { [.rsaPSSRSAESHA256] }
    func isValidSignature(_ s: [UInt8], scheme: SignatureScheme, message: [UInt8]) -> Bool {
        s == signature && message == expectedContent && scheme == .rsaPSSRSAESHA256
    }
}

@Suite("RFC 8448 handshake reproduction")
struct RFC8448HandshakeTests {
    struct Trace {
        let clientHello, serverHello, encryptedExtensions, certificate, certificateVerify, serverFinished,
            clientFinished: [UInt8]
        let clientPrivate, clientPublic, serverPublic, sharedSecret, clientRandom, serverRandom: [UInt8]
        let serverHandshakeKey, serverHandshakeIV, clientHandshakeKey, clientHandshakeIV: [UInt8]
        let serverAppKey, serverAppIV, clientAppKey, clientAppIV, exporterMaster: [UInt8]
        let cvContent: [UInt8]

        init() throws {
            let s = try RFC8448.section("Simple 1-RTT Handshake")
            func msg(_ actor: String, _ name: String) throws -> [UInt8] {
                guard let step = s.first(where: { $0.actor == actor && $0.caption.hasPrefix("construct a") && $0.fields[name] != nil })
                else { throw VectorError.missing("\(actor) \(name)") }
                return try step.hex(name)
            }
            clientHello = try msg("client", "ClientHello")
            serverHello = try msg("server", "ServerHello")
            encryptedExtensions = try msg("server", "EncryptedExtensions")
            certificate = try msg("server", "Certificate")
            certificateVerify = try msg("server", "CertificateVerify")
            serverFinished = try msg("server", "Finished")
            clientFinished = try msg("client", "Finished")
            let ck = try RFC8448.step(s, "client", "create an ephemeral x25519 key pair")
            clientPrivate = try ck.hex("private key")
            clientPublic = try ck.hex("public key")
            serverPublic = try RFC8448.step(s, "server", "create an ephemeral x25519 key pair").hex("public key")
            sharedSecret = try RFC8448.step(s, "server", "extract secret \"handshake\"").hex("IKM")
            clientRandom = Array(clientHello[6..<38])
            serverRandom = Array(serverHello[6..<38])
            let shk = try RFC8448.step(s, "server", "derive write traffic keys for handshake data")
            serverHandshakeKey = try shk.hex("key expanded")
            serverHandshakeIV = try shk.hex("iv expanded")
            let chk = try RFC8448.step(s, "server", "derive read traffic keys for handshake data")
            clientHandshakeKey = try chk.hex("key expanded")
            clientHandshakeIV = try chk.hex("iv expanded")
            let sak = try RFC8448.step(s, "server", "derive write traffic keys for application data")
            serverAppKey = try sak.hex("key expanded")
            serverAppIV = try sak.hex("iv expanded")
            let cak = try RFC8448.step(s, "client", "derive write traffic keys for application data")
            clientAppKey = try cak.hex("key expanded")
            clientAppIV = try cak.hex("iv expanded")
            exporterMaster = try RFC8448.step(s, "server", "derive secret \"tls13 exp master\"").hex("expanded")
            let th = TLSHash.sha256.digest(clientHello + serverHello + encryptedExtensions + certificate)
            cvContent = [UInt8](repeating: 0x20, count: 64) + Array("TLS 1.3, server CertificateVerify".utf8) + [0] + th
        }

        var ourSignatureSchemes: [SignatureScheme] { [.rsaPSSRSAESHA256, .ecdsaSecp256r1SHA256] }

        func configuration() -> TLSConfiguration {
            TLSConfiguration(
                cipherSuites: [TestCrypto.suite(.aes128GCMSHA256), TestCrypto.suite(.chacha20Poly1305SHA256),
                    TestCrypto.suite(.aes256GCMSHA384)],
                groups: [], signatureSchemes: ourSignatureSchemes)
        }
    }

    static func sent(_ actions: [HandshakeAction]) -> [[UInt8]] {
        actions.compactMap { if case .send(let b) = $0 { return b } else { return nil } }
    }

    static func keys(_ actions: [HandshakeAction], write: Bool) -> [([UInt8], [UInt8])] {
        actions.compactMap { a -> ([UInt8], [UInt8])? in
            switch a {
            case .installWriteKeys(let p) where write: return ((p.aead as? FakeAEAD)?.key ?? [], p.iv)
            case .installReadKeys(let p) where !write: return ((p.aead as? FakeAEAD)?.key ?? [], p.iv)
            default: return nil
            }
        }
    }

    @Test(
        "Server: ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished and keys match §3",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func server() throws {
        let t = try Trace()
        var config = t.configuration()
        let share = InjectedShare(group: .x25519, publicKey: t.serverPublic, peer: t.clientPublic, shared: t.sharedSecret)
        config.groups = [KeyExchangeGroup(group: .x25519) { _ throws(TLSError) in share }]
        let cert = try VectorLocator.readShared("tls/rfc8448/rfc8448_server_cert.der")
        let signer = ReplaySigner(signature: Array(t.certificateVerify[8...]), expectedContent: t.cvContent)
        config.selectCertificate = { _ throws(TLSError) in CertifiedKey(chain: [cert], key: signer) }
        var server = ServerMachine(configuration: config, random: ScriptedRandom(bytes: t.serverRandom))
        // The trace's server sends supported_groups, record_size_limit and an empty server_name in EE.
        let rfcEE = try HandshakeMessage.decode(t.encryptedExtensions)
        server.encryptedExtensionsHook = { ee in if case .encryptedExtensions(let e) = rfcEE { ee = e } }

        let actions = try server.handle(try HandshakeMessage.decode(t.clientHello), raw: t.clientHello)
        let out = Self.sent(actions)
        #expect(out.count == 5)
        #expect(out.first == t.serverHello, "ServerHello")
        #expect(out.dropFirst().first == t.encryptedExtensions, "EncryptedExtensions")
        #expect(out.dropFirst(2).first == t.certificate, "Certificate")
        #expect(out.dropFirst(3).first == t.certificateVerify, "CertificateVerify")
        #expect(out.last == t.serverFinished, "server Finished")
        let writes = Self.keys(actions, write: true)
        #expect(writes.first?.0 == t.serverHandshakeKey && writes.first?.1 == t.serverHandshakeIV)
        #expect(writes.last?.0 == t.serverAppKey && writes.last?.1 == t.serverAppIV)
        let reads = Self.keys(actions, write: false)
        #expect(reads.first?.0 == t.clientHandshakeKey && reads.first?.1 == t.clientHandshakeIV)

        let done = try server.handle(try HandshakeMessage.decode(t.clientFinished), raw: t.clientFinished)
        #expect(Self.keys(done, write: false).first?.0 == t.clientAppKey)
        guard case .complete(let summary)? = done.last else {
            Issue.record("no completion")
            return
        }
        #expect(summary.exporter.secretBytes == t.exporterMaster)
        #expect(summary.serverName == "server")
    }

    @Test(
        "Client: ClientHello and client Finished match §3; keys and exporter secret match",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func client() throws {
        let t = try Trace()
        var config = t.configuration()
        config.middleboxCompatibility = false  // the trace's ClientHello has an empty legacy_session_id
        config.serverName = "server"
        let share = InjectedShare(group: .x25519, publicKey: t.clientPublic, peer: t.serverPublic, shared: t.sharedSecret)
        config.groups = [KeyExchangeGroup(group: .x25519) { _ throws(TLSError) in share }]
        let key = ReplayPublicKey(signature: Array(t.certificateVerify[8...]), expectedContent: t.cvContent)
        config.verifyPeer = { _ throws(TLSError) in key }
        var client = ClientMachine(configuration: config, random: ScriptedRandom(bytes: t.clientRandom))
        // The trace's client offers more than we do (renegotiation_info, session_ticket, PSK modes,
        // record_size_limit, FFDHE groups); its extension list is injected, the rest is ours.
        guard case .clientHello(let rfcHello) = try HandshakeMessage.decode(t.clientHello) else { return }
        client.clientHelloHook = { ch in ch.extensions = rfcHello.extensions }
        let first = try client.start()
        #expect(Self.sent(first) == [t.clientHello], "ClientHello")

        var actions: [HandshakeAction] = []
        for m in [t.serverHello, t.encryptedExtensions, t.certificate, t.certificateVerify, t.serverFinished] {
            actions += try client.handle(try HandshakeMessage.decode(m), raw: m)
        }
        #expect(Self.sent(actions) == [t.clientFinished], "client Finished")
        let reads = Self.keys(actions, write: false)
        #expect(reads.map(\.0) == [t.serverHandshakeKey, t.serverAppKey])
        let writes = Self.keys(actions, write: true)
        #expect(writes.map(\.0) == [t.clientHandshakeKey, t.clientAppKey])
        #expect(writes.map(\.1) == [t.clientHandshakeIV, t.clientAppIV])
        guard case .complete(let summary)? = actions.last else {
            Issue.record("no completion")
            return
        }
        #expect(summary.exporter.secretBytes == t.exporterMaster)
        #expect(summary.peerSignatureScheme == .rsaPSSRSAESHA256)
    }
}
