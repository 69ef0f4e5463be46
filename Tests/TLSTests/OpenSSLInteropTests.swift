// SPDX-License-Identifier: Apache-2.0
// Interop with OpenSSL: our client against `openssl s_server`, our server against `openssl s_client`, for every
// suite and group, HelloRetryRequest, client authentication (required and optional), ALPN, P-256, P-384 and RSA
// certificates.

#if canImport(Glibc)
import Glibc
#endif
import ContrastASN1
import ContrastCrypto
import ContrastTLS
import Testing
import TestSupport

/// Enabled only when the `openssl` binary is installed (CI installs it).
@Suite("TLS interop with OpenSSL", .serialized, .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed"))
struct OpenSSLInteropTests {
    static let suites: [(CipherSuiteParameters, String)] = [
        (.aes128GCMSHA256, "TLS_AES_128_GCM_SHA256"), (.aes256GCMSHA384, "TLS_AES_256_GCM_SHA384"),
        (.chacha20Poly1305SHA256, "TLS_CHACHA20_POLY1305_SHA256"),
    ]
    static let groups: [(KeyExchangeGroup, String)] = [(.x25519, "X25519"), (.secp256r1, "P-256"), (.secp384r1, "P-384")]

    let openssl = Subprocess.which("openssl") ?? "openssl"
    let dir = PeerProcess.scratchDirectory()

    /// Runs `openssl s_server -www` with `extra` arguments and returns our client's summary and the HTTP reply.
    func ourClient(
        certCurve: String, extra: [String], onFailure: ((any Error) -> Void)? = nil,
        configure: (inout TLSConfiguration) throws -> Void
    ) throws -> (HandshakeSummary?, String) {
        let pki = OpenSSLPKI(openssl: openssl, dir: dir)
        let server = try pki.make("server-\(certCurve)", curve: certCurve)
        let port = PeerProcess.freePort()
        let process = try PeerProcess(openssl, [
            "s_server", "-accept", "\(port)", "-tls1_3", "-cert", server.cert, "-key", server.key, "-www",
        ] + extra, logPath: "\(dir)/s_server-\(port).log")
        defer { process.stop() }
        // The readiness probe is one TCP connect without TLS; s_server logs it and keeps serving.
        try #require(PeerProcess.waitForListener(port: port), "s_server did not start: \(process.log)")
        var config = TLSConfiguration.client(serverName: "localhost", verifier: CertificateVerifiers.acceptAnyLeaf)
        try configure(&config)
        let client: TLSClientSocket
        do {
            client = try TLSClientSocket(host: "127.0.0.1", port: port, configuration: config)
        } catch {
            if let onFailure { onFailure(error) } else {
                Issue.record("handshake with s_server \(extra) failed: \(error); s_server said: \(process.log)")
            }
            return (nil, "")
        }
        try client.write(Array("GET / HTTP/1.0\r\n\r\n".utf8))
        var reply: [UInt8] = []
        while reply.count < 1 << 20 {
            let chunk = try client.read()
            if chunk.isEmpty { break }
            reply += chunk
        }
        client.close()
        return (client.summary, String(decoding: reply, as: UTF8.self))
    }

    @Test("Our client against s_server: every suite x every group, P-384 certificate")
    func clientSuitesAndGroups() throws {
        for (suite, suiteName) in Self.suites {
            for (group, groupName) in Self.groups {
                let (summary, reply) = try ourClient(
                    certCurve: "P-384", extra: ["-ciphersuites", suiteName, "-groups", groupName]
                ) { c in
                    c.cipherSuites = [suite]
                    c.groups = [group]
                }
                #expect(summary?.cipherSuite == suite.suite, "\(suiteName) \(groupName)")
                #expect(summary?.group == group.group, "\(suiteName) \(groupName)")
                #expect(reply.contains(suiteName), "\(suiteName) \(groupName): reply does not name the suite")
            }
        }
    }

    @Test("Our client against s_server: P-256 certificate, HelloRetryRequest, ALPN")
    func clientHRRAndALPN() throws {
        let (summary, _) = try ourClient(certCurve: "P-256", extra: ["-groups", "P-384", "-alpn", "h2,x-contrast"]) { c in
            c.groups = [.secp256r1, .secp384r1]  // share for P-256 only: the server asks for P-384
            c.applicationProtocols = [Array("x-contrast".utf8)]
        }
        #expect(summary?.usedHelloRetryRequest == true)
        #expect(summary?.group == .secp384r1)
        #expect(summary?.applicationProtocol == Array("x-contrast".utf8))
        #expect(summary?.peerSignatureScheme == .ecdsaSecp256r1SHA256)
    }

    @Test("Our client against s_server -Verify (client certificate required)")
    func clientAuth() throws {
        let pki = OpenSSLPKI(openssl: openssl, dir: dir)
        let me = try pki.make("client", curve: "P-256")
        let (summary, reply) = try ourClient(certCurve: "P-384", extra: ["-Verify", "1", "-CAfile", me.cert]) { c in
            let key = try TLSPrivateKeys.signingKey(pem: try OpenSSLPKI.text(me.key))
            let chain = try TLSPublicKeys.certificates(pem: try OpenSSLPKI.text(me.cert))
            c.selectClientCertificate = { _ in CertifiedKey(chain: chain, key: key) }
        }
        #expect(summary != nil)
        #expect(reply.contains("200 ok"), "reply: \(reply.prefix(200))")
    }

    @Test("Our client against s_server with an RSA-2048 certificate: each rsa_pss_rsae scheme verifies")
    func clientRSAPSS() throws {
        for scheme in [SignatureScheme.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512] {
            let (summary, reply) = try ourClient(certCurve: "RSA-2048", extra: []) { c in c.signatureSchemes = [scheme] }
            #expect(summary?.peerSignatureScheme == scheme)
            #expect(reply.contains("200 ok"), "\(scheme): \(reply.prefix(200))")
        }
    }

    @Test("s_client against our server with an RSA-2048 certificate and key (rsa_pss_rsae CertificateVerify)")
    func serverRSA() throws {
        let (out, handshakes) = try ourServer(certCurve: "RSA-2048", clientArgs: ["-sigalgs", "rsa_pss_rsae_sha384"]) { _ in }
        #expect(handshakes == 1, "\(out.suffix(800))")
        #expect(out.contains("rsa_pss_rsae_sha384") || out.contains("RSA-PSS"), "\(out.suffix(800))")
    }

    /// The X.509 verifier over s_server's self-signed certificate (SAN DNS:localhost), trusted as the root.
    func x509Client(trusting rootName: String?, identity: String?) throws -> (HandshakeSummary?, String?) {
        var failure: String? = nil
        let (summary, _) = try ourClient(certCurve: "P-256", extra: [], onFailure: { failure = "\($0)" }) { c in
            // ourClient has just written server-P-256.crt; an unrelated certificate stands for a wrong root.
            let pki = OpenSSLPKI(openssl: openssl, dir: dir)
            let path = try rootName.map { try pki.make($0, curve: "P-256").cert } ?? "\(dir)/server-P-256.crt"
            let root = try Certificate(pemEncoded: try OpenSSLPKI.text(path))
            c.verifyPeer = CertificateVerifiers.x509(roots: [root], identity: identity) {
                ASN1Time(secondsSinceEpoch: Int64(time(nil)))
            }
        }
        return (summary, failure)
    }

    @Test("Our client verifies s_server's certificate by X.509 path validation: trusted root and right name pass")
    func clientX509Trusted() throws {
        let (summary, failure) = try x509Client(trusting: nil, identity: nil)  // SNI "localhost" is the name
        #expect(summary != nil && failure == nil, "\(failure ?? "")")
    }

    @Test("X.509 verification refuses an untrusted root and a name the certificate does not carry")
    func clientX509Refused() throws {
        let (s1, f1) = try x509Client(trusting: "unrelated-root", identity: nil)
        #expect(s1 == nil)
        #expect(f1?.contains("no path to a trust anchor") == true, "\(f1 ?? "accepted")")
        let (s2, f2) = try x509Client(trusting: nil, identity: "example.com")
        #expect(s2 == nil)
        #expect(f2?.contains("no DNS SAN matches example.com") == true, "\(f2 ?? "accepted")")
    }

    /// Runs our server and `openssl s_client` against it; returns s_client's output and our summary.
    func ourServer(
        certCurve: String, clientArgs: [String], configure: (inout TLSConfiguration) throws -> Void
    ) throws -> (String, Int) {
        let pki = OpenSSLPKI(openssl: openssl, dir: dir)
        let server = try pki.make("ours-\(certCurve)", curve: certCurve)
        let key = try TLSPrivateKeys.signingKey(pem: try OpenSSLPKI.text(server.key))
        let chain = try TLSPublicKeys.certificates(pem: try OpenSSLPKI.text(server.cert))
        var config = TLSConfiguration.server(chain: chain, key: key)
        try configure(&config)
        let listener = try Socket.listen(port: 0, host: "127.0.0.1")
        let tls = TLSServer(listener: listener, configuration: config)
        let port = tls.port
        let thread = BackgroundThread {
            try? tls.run { session, data in
                session.output = Array(
                    "HTTP/1.0 200 ok\r\n\r\ncipher \(session.summary.cipherSuite)\nclient certificates \(session.summary.peerChain.count)\n".utf8)
                session.shouldClose = true
                _ = data
            }
        }
        defer {
            tls.stop()
            thread.join()
        }
        let r = try Subprocess.run(openssl, [
            "s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3", "-ign_eof", "-servername", "localhost",
        ] + clientArgs, stdin: Array("GET / HTTP/1.0\r\n\r\n".utf8))
        return (r.stdout + r.stderr, tls.handshakes.load(ordering: .relaxed))
    }

    @Test("s_client against our server: every suite x every group, P-384 certificate")
    func serverSuitesAndGroups() throws {
        for (_, suiteName) in Self.suites {
            for (_, groupName) in Self.groups {
                let (out, handshakes) = try ourServer(
                    certCurve: "P-384", clientArgs: ["-ciphersuites", suiteName, "-groups", groupName]) { _ in }
                #expect(handshakes == 1, "\(suiteName) \(groupName): \(out.suffix(600))")
                #expect(out.contains("cipher \(suiteName)"), "\(suiteName) \(groupName)")
                #expect(out.contains("TLSv1.3"), "\(suiteName) \(groupName)")
            }
        }
    }

    @Test("s_client against our server: P-256 certificate, HelloRetryRequest, ALPN, client certificate")
    func serverHRRClientAuthALPN() throws {
        let pki = OpenSSLPKI(openssl: openssl, dir: dir)
        let client = try pki.make("their-client", curve: "P-384")
        let (out, handshakes) = try ourServer(
            certCurve: "P-256",
            clientArgs: ["-groups", "P-256:P-384", "-alpn", "x-contrast", "-cert", client.cert, "-key", client.key]
        ) { c in
            c.groups = [.secp384r1]  // s_client sends a P-256 share first: HelloRetryRequest
            c.applicationProtocols = [Array("x-contrast".utf8)]
            c.clientAuthentication = .require
            c.verifyPeer = CertificateVerifiers.acceptAnyLeaf
        }
        #expect(handshakes == 1, "\(out.suffix(800))")
        #expect(out.contains("ALPN protocol: x-contrast"), "\(out.suffix(800))")
        #expect(out.contains("P-384") || out.contains("secp384r1"), "\(out.suffix(800))")
    }

    @Test("Optional client certificate (request): s_client with and without one against our server")
    func serverOptionalClientAuth() throws {
        let pki = OpenSSLPKI(openssl: openssl, dir: dir)
        let client = try pki.make("their-optional-client", curve: "P-256")
        for (args, count) in [([String](), 0), (["-cert", client.cert, "-key", client.key], 1)] {
            let (out, handshakes) = try ourServer(certCurve: "P-384", clientArgs: args) { c in
                c.clientAuthentication = .request
                c.verifyPeer = CertificateVerifiers.acceptAnyLeaf
            }
            #expect(handshakes == 1, "\(out.suffix(600))")
            #expect(out.contains("client certificates \(count)"), "\(args): \(out.suffix(600))")
        }
    }

    @Test("Optional client certificate: our client against s_server -verify, with and without a certificate")
    func clientOptionalClientAuth() throws {
        let pki = OpenSSLPKI(openssl: openssl, dir: dir)
        let me = try pki.make("optional-client", curve: "P-384")
        for offer in [false, true] {
            let (summary, reply) = try ourClient(certCurve: "P-256", extra: ["-verify", "1"]) { c in
                guard offer else { return }
                let key = try TLSPrivateKeys.signingKey(pem: try OpenSSLPKI.text(me.key))
                let chain = try TLSPublicKeys.certificates(pem: try OpenSSLPKI.text(me.cert))
                c.selectClientCertificate = { _ in CertifiedKey(chain: chain, key: key) }
            }
            #expect(summary != nil, "offer \(offer)")
            #expect(reply.contains("200 ok"), "offer \(offer): \(reply.prefix(200))")
            // s_server -www describes the peer: our certificate when we offered one, none otherwise.
            if offer {
                #expect(reply.contains("Subject: CN=optional-client"), "s_server did not receive our certificate")
            } else {
                #expect(reply.contains("no client certificate available"), "\(reply.suffix(300))")
            }
        }
    }

    @Test("s_client without a certificate against our server requiring one: certificate_required")
    func serverRequiresCertificate() throws {
        let (out, handshakes) = try ourServer(certCurve: "P-384", clientArgs: []) { c in
            c.clientAuthentication = .require
            c.verifyPeer = CertificateVerifiers.acceptAnyLeaf
        }
        #expect(handshakes == 0)
        #expect(out.contains("certificate required"), "\(out.suffix(600))")
    }
}
