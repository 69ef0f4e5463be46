// SPDX-License-Identifier: Apache-2.0
// RFC 8448 §5 (HelloRetryRequest) reproduced by our client and our server with real X25519, P-256 ECDH and
// RSA-PSS: the trace's private keys and randoms are injected; every message each side sends, every traffic key
// it installs and the exporter secret are checked.

import ContrastASN1
import ContrastCrypto
import ContrastTLS
import Testing
import TestSupport

/// A key share from a fixed private key with real key agreement (the trace's ephemeral keys).
struct FixedShare: KeyShareSecret {
    let group: NamedGroup
    let publicKey: [UInt8]
    let agree: @Sendable ([UInt8]) throws(CryptoError) -> SharedSecret

    static func x25519(_ privateKey: [UInt8]) throws -> FixedShare {
        let k = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey)
        return FixedShare(group: .x25519, publicKey: k.publicKey.rawRepresentation) { peer throws(CryptoError) in
            try k.sharedSecretFromKeyAgreement(with: try Curve25519.KeyAgreement.PublicKey(rawRepresentation: peer))
        }
    }

    static func p256(_ privateKey: [UInt8]) throws -> FixedShare {
        let k = try P256.KeyAgreement.PrivateKey(rawRepresentation: privateKey)
        return FixedShare(group: .secp256r1, publicKey: k.publicKey.x963Representation) { peer throws(CryptoError) in
            try k.sharedSecretFromKeyAgreement(with: try P256.KeyAgreement.PublicKey(x963Representation: peer))
        }
    }

    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8] {
        do { return try agree(peerKeyExchange).bytes } catch { throw .peerMisbehaved(.illegalParameter("peer share")) }
    }
}

@Suite("RFC 8448 §5 HelloRetryRequest reproduction")
struct RFC8448RetryTests {
    static func helloExtensions(_ bytes: [UInt8]) throws -> [ContrastTLS.Extension] {
        guard case .clientHello(let h) = try HandshakeMessage.decode(bytes) else { throw VectorError.missing("ClientHello") }
        return h.extensions
    }

    /// The trace's traffic keys as (key, iv): each side's handshake and application write keys.
    struct TraceKeys {
        let serverHandshake, serverApplication, clientHandshake, clientApplication: ([UInt8], [UInt8])
        let exporterMaster: [UInt8]

        init(_ s: [RFC8448Step]) throws {
            func keyAndIV(_ actor: String, _ caption: String) throws -> ([UInt8], [UInt8]) {
                let step = try RFC8448.step(s, actor, caption)
                return (try step.hex("key expanded"), try step.hex("iv expanded"))
            }
            serverHandshake = try keyAndIV("server", "derive write traffic keys for handshake data")
            serverApplication = try keyAndIV("server", "derive write traffic keys for application data")
            clientHandshake = try keyAndIV("server", "derive read traffic keys for handshake data")
            clientApplication = try keyAndIV("client", "derive write traffic keys for application data")
            exporterMaster = try RFC8448.step(s, "server", "derive secret \"tls13 exp master\"").hex("expanded")
        }
    }

    /// The messages of §5, by sender and occurrence.
    static func message(_ s: [RFC8448Step], _ actor: String, _ name: String, _ occurrence: Int = 0) throws -> [UInt8] {
        let steps = s.filter { $0.actor == actor && $0.caption.hasPrefix("construct a") && $0.fields[name] != nil }
        guard occurrence < steps.count else { throw VectorError.missing("\(actor) \(name) #\(occurrence)") }
        return try steps[occurrence].hex(name)
    }

    @Test(
        "Server: HelloRetryRequest, ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished and keys match §5",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func server() throws {
        let s = try RFC8448.section("HelloRetryRequest")
        let ch1 = try Self.message(s, "client", "ClientHello"), ch2 = try Self.message(s, "client", "ClientHello", 1)
        let hrr = try Self.message(s, "server", "ServerHello"), sh = try Self.message(s, "server", "ServerHello", 1)
        let ee = try Self.message(s, "server", "EncryptedExtensions")
        let certificate = try Self.message(s, "server", "Certificate")
        let certificateVerify = try Self.message(s, "server", "CertificateVerify")
        let serverFinished = try Self.message(s, "server", "Finished")
        let clientFinished = try Self.message(s, "client", "Finished")
        let serverKey = try RFC8448.step(s, "server", "create an ephemeral P-256 key pair")
        let p256 = try FixedShare.p256(try serverKey.hex("private key"))
        #expect(p256.publicKey == (try serverKey.hex("public key")))

        // RFC 8446 §4.4.1: after a HelloRetryRequest the transcript starts with message_hash(ClientHello1).
        let messageHash = [0xFE, 0, 0, 32] + TLSHash.sha256.digest(ch1)
        let th = TLSHash.sha256.digest(messageHash + hrr + ch2 + sh + ee + certificate)
        let content = [UInt8](repeating: 0x20, count: 64) + Array("TLS 1.3, server CertificateVerify".utf8) + [0] + th
        let cert = try VectorLocator.readShared("tls/rfc8448/rfc8448_server_cert.der")
        let signer = ReplaySigner(signature: Array(certificateVerify[8...]), expectedContent: content)

        var config = TLSConfiguration(
            cipherSuites: [
                TestCrypto.suite(.aes128GCMSHA256), TestCrypto.suite(.chacha20Poly1305SHA256),
                TestCrypto.suite(.aes256GCMSHA384),
            ],
            groups: [KeyExchangeGroup(group: .secp256r1) { _ throws(TLSError) in p256 }],  // no x25519: retry
            signatureSchemes: [.rsaPSSRSAESHA256, .ecdsaSecp256r1SHA256])
        config.selectCertificate = { _ throws(TLSError) in CertifiedKey(chain: [cert], key: signer) }
        // Random draws: our 32-byte cookie (replaced below by the trace's), then the ServerHello random.
        var server = ServerMachine(
            configuration: config, random: ScriptedRandom(bytes: [UInt8](repeating: 0, count: 32) + Array(sh[6..<38])))
        // The trace's server sends its own cookie (and supported_groups, record_size_limit, an empty server_name in
        // EncryptedExtensions): injected after checking the part we choose ourselves, the group we ask for.
        guard case .serverHello(let rfcHRR) = try HandshakeMessage.decode(hrr),
            case .encryptedExtensions(let rfcEE) = try HandshakeMessage.decode(ee)
        else { throw VectorError.missing("HelloRetryRequest / EncryptedExtensions") }
        server.helloRetryRequestHook = { h in
            #expect(h.extensions.first(.keyShare) == rfcHRR.extensions.first(.keyShare), "HelloRetryRequest key_share")
            #expect(h.extensions.first(.cookie) != nil, "we send a cookie of our own")
            h.extensions = rfcHRR.extensions
        }
        server.encryptedExtensionsHook = { $0 = rfcEE }

        #expect(RFC8448HandshakeTests.sent(try server.handle(try HandshakeMessage.decode(ch1), raw: ch1)) == [hrr])
        let actions = try server.handle(try HandshakeMessage.decode(ch2), raw: ch2)
        let out = RFC8448HandshakeTests.sent(actions)
        #expect(out.count == 5)
        #expect(out.first == sh, "ServerHello")
        #expect(out.dropFirst().first == ee, "EncryptedExtensions")
        #expect(out.dropFirst(2).first == certificate, "Certificate")
        #expect(out.dropFirst(3).first == certificateVerify, "CertificateVerify")
        #expect(out.last == serverFinished, "server Finished")
        let k = try TraceKeys(s)
        let writes = RFC8448HandshakeTests.keys(actions, write: true)
        #expect(writes.map(\.0) == [k.serverHandshake.0, k.serverApplication.0])
        #expect(writes.map(\.1) == [k.serverHandshake.1, k.serverApplication.1])
        let reads = RFC8448HandshakeTests.keys(actions, write: false)
        #expect(reads.map(\.0) == [k.clientHandshake.0] && reads.map(\.1) == [k.clientHandshake.1])

        let done = try server.handle(try HandshakeMessage.decode(clientFinished), raw: clientFinished)
        #expect(RFC8448HandshakeTests.keys(done, write: false).map(\.0) == [k.clientApplication.0])
        guard case .complete(let summary)? = done.last else {
            Issue.record("no completion")
            return
        }
        #expect(summary.usedHelloRetryRequest && summary.group == .secp256r1)
        #expect(summary.exporter.secretBytes == k.exporterMaster)
    }

    @Test(
        "Server: a second ClientHello without the trace's cookie is refused",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func serverChecksInjectedCookie() throws {
        let s = try RFC8448.section("HelloRetryRequest")
        let ch1 = try Self.message(s, "client", "ClientHello")
        let hrr = try Self.message(s, "server", "ServerHello")
        guard case .serverHello(let rfcHRR) = try HandshakeMessage.decode(hrr),
            case .clientHello(var ch2) = try HandshakeMessage.decode(try Self.message(s, "client", "ClientHello", 1))
        else { throw VectorError.missing("HelloRetryRequest / ClientHello") }
        let p256 = try FixedShare.p256(try RFC8448.step(s, "server", "create an ephemeral P-256 key pair").hex("private key"))
        let config = TLSConfiguration(
            cipherSuites: [TestCrypto.suite(.aes128GCMSHA256)],
            groups: [KeyExchangeGroup(group: .secp256r1) { _ throws(TLSError) in p256 }],
            signatureSchemes: [.rsaPSSRSAESHA256])
        var server = ServerMachine(configuration: config, random: ScriptedRandom(bytes: [UInt8](repeating: 7, count: 64)))
        server.helloRetryRequestHook = { $0.extensions = rfcHRR.extensions }
        _ = try server.handle(try HandshakeMessage.decode(ch1), raw: ch1)
        // The echoed cookie has its last bit flipped: the server must notice (it checks against what it sent).
        // Nothing else is wrong with this ClientHello, so the cookie is the only possible reason to refuse it.
        guard let i = ch2.extensions.firstIndex(where: { $0.type == .cookie }) else { throw VectorError.missing("cookie") }
        let cookie = try TLSExtensions.readCookie(ch2.extensions[i])
        ch2.extensions[i] = TLSExtensions.cookie(Array(cookie.dropLast()) + [cookie.last.map { $0 ^ 1 } ?? 0])
        let raw = HandshakeMessage.clientHello(ch2).encode()
        #expect(throws: TLSError.peerMisbehaved(.illegalParameter("cookie"))) {
            _ = try server.handle(.clientHello(ch2), raw: raw)
        }
    }

    @Test(
        "Client: both ClientHellos, the handshake and application keys and the client Finished match §5",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func client() throws {
        let s = try RFC8448.section("HelloRetryRequest")
        func message(_ actor: String, _ name: String, _ occurrence: Int = 0) throws -> [UInt8] {
            try Self.message(s, actor, name, occurrence)
        }
        let ch1 = try message("client", "ClientHello"), ch2 = try message("client", "ClientHello", 1)
        let hrr = try message("server", "ServerHello"), sh = try message("server", "ServerHello", 1)
        let serverFlight = try ["EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"].map {
            try message("server", $0)
        }
        let clientFinished = try message("client", "Finished")
        let x25519 = try FixedShare.x25519(try RFC8448.step(s, "client", "create an ephemeral x25519 key pair").hex("private key"))
        let p256 = try FixedShare.p256(try RFC8448.step(s, "client", "create an ephemeral P-256 key pair").hex("private key"))
        // Our public keys from the trace's private keys are the trace's public keys (real X25519 and P-256).
        #expect(x25519.publicKey == (try RFC8448.step(s, "client", "create an ephemeral x25519 key pair").hex("public key")))
        #expect(p256.publicKey == (try RFC8448.step(s, "client", "create an ephemeral P-256 key pair").hex("public key")))

        var config = TLSConfiguration(
            cipherSuites: [  // the trace's order
                TestCrypto.suite(.aes128GCMSHA256), TestCrypto.suite(.chacha20Poly1305SHA256),
                TestCrypto.suite(.aes256GCMSHA384),
            ], groups: [
                KeyExchangeGroup(group: .x25519) { _ throws(TLSError) in x25519 },
                KeyExchangeGroup(group: .secp256r1) { _ throws(TLSError) in p256 },
            ], signatureSchemes: [.rsaPSSRSAESHA256, .ecdsaSecp256r1SHA256])
        config.middleboxCompatibility = false  // the trace's ClientHello has an empty legacy_session_id
        config.serverName = "server"
        // The trace's server key is RSA-1024, below what TLSPublicKeys accepts from real peers: verify the
        // CertificateVerify with it directly (real RSA-PSS over the real transcript).
        config.verifyPeer = { context throws(TLSError) in
            guard let der = context.chain.first, let cert = try? Certificate(derEncoded: der),
                case .rsa(let n, let e) = cert.publicKeyInfo.publicKey, let key = try? RSA.Signing.PublicKey(n: n, e: e)
            else { throw .badCertificate("trace certificate") }
            return RSAPublicKey(key)
        }
        var client = ClientMachine(configuration: config, random: ScriptedRandom(bytes: Array(ch1[6..<38])))
        // The trace's client sends more extensions than we do (renegotiation_info, PSK modes, record_size_limit,
        // FFDHE groups, padding) in its own order: its lists are injected after checking that the parts we
        // compute ourselves — the key shares and the echoed cookie — are exactly the trace's.
        let ext1 = try Self.helloExtensions(ch1), ext2 = try Self.helloExtensions(ch2)
        client.clientHelloHook = { ch in
            #expect(ch.extensions.first(.keyShare) == ext1.first(.keyShare), "ClientHello 1 key_share")
            ch.extensions = ext1
        }
        client.retryClientHelloHook = { ch in
            #expect(ch.extensions.first(.keyShare) == ext2.first(.keyShare), "ClientHello 2 key_share (P-256)")
            #expect(ch.extensions.first(.cookie) == ext2.first(.cookie), "ClientHello 2 cookie echo")
            ch.extensions = ext2
        }
        #expect(RFC8448HandshakeTests.sent(try client.start()) == [ch1], "ClientHello 1")
        let retry = try client.handle(try HandshakeMessage.decode(hrr), raw: hrr)
        #expect(RFC8448HandshakeTests.sent(retry) == [ch2], "ClientHello 2")

        var actions: [HandshakeAction] = []
        for m in [sh] + serverFlight { actions += try client.handle(try HandshakeMessage.decode(m), raw: m) }
        #expect(RFC8448HandshakeTests.sent(actions) == [clientFinished], "client Finished")
        let k = try TraceKeys(s)
        let reads = RFC8448HandshakeTests.keys(actions, write: false)
        #expect(reads.map(\.0) == [k.serverHandshake.0, k.serverApplication.0])
        #expect(reads.map(\.1) == [k.serverHandshake.1, k.serverApplication.1])
        let writes = RFC8448HandshakeTests.keys(actions, write: true)
        #expect(writes.map(\.0) == [k.clientHandshake.0, k.clientApplication.0])
        #expect(writes.map(\.1) == [k.clientHandshake.1, k.clientApplication.1])
        guard case .complete(let summary)? = actions.last else {
            Issue.record("no completion")
            return
        }
        #expect(summary.usedHelloRetryRequest && summary.group == .secp256r1)
        #expect(summary.peerSignatureScheme == .rsaPSSRSAESHA256)
        #expect(summary.exporter.secretBytes == k.exporterMaster)
    }
}
