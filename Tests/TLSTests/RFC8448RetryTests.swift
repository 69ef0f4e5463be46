// SPDX-License-Identifier: Apache-2.0
// RFC 8448 §5 (HelloRetryRequest) reproduced by our client with real X25519, P-256 ECDH and RSA-PSS: the
// trace's private keys and random are injected; ClientHellos, keys and the client Finished are checked.

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

    @Test(
        "Client: both ClientHellos, the handshake and application keys and the client Finished match §5",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func client() throws {
        let s = try RFC8448.section("HelloRetryRequest")
        func message(_ actor: String, _ name: String, _ occurrence: Int = 0) throws -> [UInt8] {
            let steps = s.filter { $0.actor == actor && $0.caption.hasPrefix("construct a") && $0.fields[name] != nil }
            guard occurrence < steps.count else { throw VectorError.missing("\(actor) \(name) #\(occurrence)") }
            return try steps[occurrence].hex(name)
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
        let serverHS = try RFC8448.step(s, "server", "derive write traffic keys for handshake data")
        let serverAP = try RFC8448.step(s, "server", "derive write traffic keys for application data")
        let clientHS = try RFC8448.step(s, "server", "derive read traffic keys for handshake data")
        let clientAP = try RFC8448.step(s, "client", "derive write traffic keys for application data")
        let reads = RFC8448HandshakeTests.keys(actions, write: false)
        #expect(reads.map(\.0) == [try serverHS.hex("key expanded"), try serverAP.hex("key expanded")])
        #expect(reads.map(\.1) == [try serverHS.hex("iv expanded"), try serverAP.hex("iv expanded")])
        let writes = RFC8448HandshakeTests.keys(actions, write: true)
        #expect(writes.map(\.0) == [try clientHS.hex("key expanded"), try clientAP.hex("key expanded")])
        #expect(writes.map(\.1) == [try clientHS.hex("iv expanded"), try clientAP.hex("iv expanded")])
        guard case .complete(let summary)? = actions.last else {
            Issue.record("no completion")
            return
        }
        #expect(summary.usedHelloRetryRequest && summary.group == .secp256r1)
        #expect(summary.peerSignatureScheme == .rsaPSSRSAESHA256)
        #expect(summary.exporter.secretBytes == (try RFC8448.step(s, "server", "derive secret \"tls13 exp master\"").hex("expanded")))
    }
}
