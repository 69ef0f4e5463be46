// SPDX-License-Identifier: Apache-2.0
// Interop with GnuTLS: our client against `gnutls-serv --http`, our server against `gnutls-cli`, every suite x group.

import ContrastCrypto
import Synchronization
import ContrastTLS
import Testing
import TestSupport

/// Enabled only when gnutls-bin is installed (`apt-get install -y gnutls-bin`; CI installs it).
@Suite(
    "TLS interop with GnuTLS", .serialized,
    .enabled(if: Subprocess.which("gnutls-serv") != nil && Subprocess.which("openssl") != nil,
        "gnutls-bin (gnutls-serv, gnutls-cli) or openssl (used to make certificates) not installed"))
struct GnuTLSInteropTests {
    static let suites: [(CipherSuiteParameters, String)] = [
        (.aes128GCMSHA256, "AES-128-GCM"), (.aes256GCMSHA384, "AES-256-GCM"),
        (.chacha20Poly1305SHA256, "CHACHA20-POLY1305"),
    ]
    static let groups: [(KeyExchangeGroup, String)] = [
        (.x25519, "X25519"), (.secp256r1, "SECP256R1"), (.secp384r1, "SECP384R1"),
    ]

    let dir = PeerProcess.scratchDirectory()
    var pki: OpenSSLPKI { OpenSSLPKI(openssl: Subprocess.which("openssl") ?? "openssl", dir: dir) }

    static func priority(_ cipher: String, _ group: String) -> String {
        "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+\(cipher):-GROUP-ALL:+GROUP-\(group)"
    }

    @Test("Our client against gnutls-serv: every suite x every group, P-384 certificate")
    func ourClientSuitesAndGroups() throws {
        let server = try pki.make("gnutls-server", curve: "P-384")
        for (suite, cipher) in Self.suites {
            for (group, groupName) in Self.groups {
                let (summary, reply) = try ourClient(cert: server, priority: Self.priority(cipher, groupName), extra: []) {
                    $0.cipherSuites = [suite]
                    $0.groups = [group]
                }
                #expect(summary?.cipherSuite == suite.suite && summary?.group == group.group, "\(cipher) \(groupName)")
                #expect(reply.contains("HTTP/1.0 200"), "\(cipher) \(groupName): \(reply.prefix(100))")
            }
        }
    }

    /// Runs `gnutls-serv --http` with `cert` and `extra` arguments and connects our client to it.
    /// Returns the handshake summary and the HTTP reply, or records the failure with the server's log.
    func ourClient(
        cert: (cert: String, key: String), priority: String, extra: [String],
        configure: (inout TLSConfiguration) throws -> Void
    ) throws -> (HandshakeSummary?, String) {
        let port = PeerProcess.freePort()
        let process = try PeerProcess(
            Subprocess.which("gnutls-serv") ?? "gnutls-serv",
            ["--http", "--port", "\(port)", "--x509certfile", cert.cert, "--x509keyfile", cert.key, "--priority", priority]
                + extra,
            logPath: "\(dir)/gnutls-serv-\(port).log")
        defer { process.stop() }
        try #require(PeerProcess.waitForListener(port: port), "gnutls-serv did not start: \(process.log)")
        var config = TLSConfiguration.client(serverName: "localhost", verifier: CertificateVerifiers.acceptAnyLeaf)
        try configure(&config)
        do {
            let client = try TLSClientSocket(host: "127.0.0.1", port: port, configuration: config)
            try client.write(Array("GET / HTTP/1.0\r\n\r\n".utf8))
            let reply = String(decoding: try client.read(), as: UTF8.self)
            client.close()
            return (client.summary, reply)
        } catch {
            Issue.record("\(error); gnutls-serv said: \(process.log)")
            return (nil, "")
        }
    }

    @Test("Our client against gnutls-serv with an RSA-2048 certificate: each rsa_pss_rsae scheme verifies")
    func ourClientRSA() throws {
        let server = try pki.make("gnutls-server-rsa", curve: "RSA-2048")
        for scheme in [SignatureScheme.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512] {
            let (summary, reply) = try ourClient(cert: server, priority: "NORMAL:-VERS-ALL:+VERS-TLS1.3", extra: []) {
                $0.signatureSchemes = [scheme]
            }
            #expect(summary?.peerSignatureScheme == scheme, "\(scheme)")
            #expect(reply.contains("HTTP/1.0 200"), "\(scheme): \(reply.prefix(100))")
        }
    }

    @Test("Our client against gnutls-serv: HelloRetryRequest, ALPN, client certificate required")
    func ourClientHRRALPNClientAuth() throws {
        let server = try pki.make("gnutls-server-hrr", curve: "P-256")
        let me = try pki.make("our-client-for-gnutls", curve: "P-384")
        let (summary, reply) = try ourClient(
            cert: server, priority: Self.priority("AES-128-GCM", "SECP384R1"),
            extra: ["--alpn", "x-contrast", "--require-client-cert"]
        ) { c in
            c.groups = [.secp256r1, .secp384r1]  // share for P-256 only: the server asks for P-384
            c.applicationProtocols = [Array("h2".utf8), Array("x-contrast".utf8)]
            let key = try TLSPrivateKeys.signingKey(pem: try OpenSSLPKI.text(me.key))
            let chain = try TLSPublicKeys.certificates(pem: try OpenSSLPKI.text(me.cert))
            c.selectClientCertificate = { _ in CertifiedKey(chain: chain, key: key) }
        }
        #expect(summary?.usedHelloRetryRequest == true)
        #expect(summary?.group == .secp384r1)
        #expect(summary?.applicationProtocol == Array("x-contrast".utf8))
        #expect(reply.contains("HTTP/1.0 200"), "\(reply.prefix(100))")
        // gnutls-serv's page describes the session, including the client's certificate when one was sent.
        #expect(reply.contains("our-client-for-gnutls"), "the server did not see our certificate: \(reply.prefix(2000))")
    }

    /// Runs our server once with `configure`d settings and `chain`/`key`, then `gnutls-cli` with `args`
    /// against it. Returns gnutls-cli's output and the summaries of the handshakes our server completed.
    func ourServer(
        cert: (cert: String, key: String), args: [String], configure: (inout TLSConfiguration) -> Void = { _ in }
    ) throws -> (String, [HandshakeSummary]) {
        let key = try TLSPrivateKeys.signingKey(pem: try OpenSSLPKI.text(cert.key))
        let chain = try TLSPublicKeys.certificates(pem: try OpenSSLPKI.text(cert.cert))
        var config = TLSConfiguration.server(chain: chain, key: key)
        configure(&config)
        let listener = try Socket.listen(port: 0, host: "127.0.0.1")
        let tls = TLSServer(listener: listener, configuration: config)
        let port = tls.port
        let summaries = Mutex<[HandshakeSummary]>([])
        let thread = BackgroundThread {
            try? tls.run { session, _ in
                summaries.withLock { $0.append(session.summary) }
                session.output = Array("HTTP/1.0 200 ok\r\n\r\n".utf8)
                session.shouldClose = true
            }
        }
        let r = try Subprocess.run(
            Subprocess.which("gnutls-cli") ?? "gnutls-cli", ["--port", "\(port)", "--insecure"] + args + ["127.0.0.1"],
            stdin: Array("GET / HTTP/1.0\r\n\r\n".utf8))
        tls.stop()
        thread.join()
        return (r.stdout + r.stderr, summaries.withLock { $0 })
    }

    @Test("gnutls-cli against our server with an RSA-2048 certificate and key (rsa_pss_rsae CertificateVerify)")
    func ourServerRSA() throws {
        let mine = try pki.make("ours-for-gnutls-rsa", curve: "RSA-2048")
        for name in ["SHA256", "SHA384", "SHA512"] {
            let (out, summaries) = try ourServer(
                cert: mine, args: ["--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-\(name)"])
            #expect(summaries.count == 1, "\(name): \(out.suffix(600))")
            #expect(out.contains("RSA-PSS-RSAE-\(name)"), "\(name): \(out.suffix(600))")
        }
    }

    @Test("gnutls-cli against our server: HelloRetryRequest, ALPN, client certificate required")
    func ourServerHRRALPNClientAuth() throws {
        let mine = try pki.make("ours-for-gnutls-hrr", curve: "P-384")
        let theirs = try pki.make("gnutls-client", curve: "P-256")
        let (out, summaries) = try ourServer(
            cert: mine,
            args: [
                "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP256R1:+GROUP-SECP384R1",
                "--alpn", "x-contrast", "--x509certfile", theirs.cert, "--x509keyfile", theirs.key,
            ]
        ) { c in
            c.groups = [.secp384r1]  // gnutls-cli sends a P-256 share first: HelloRetryRequest
            c.applicationProtocols = [Array("x-contrast".utf8)]
            c.clientAuthentication = .require
            c.verifyPeer = CertificateVerifiers.acceptAnyLeaf
        }
        try #require(summaries.count == 1, "\(out.suffix(800))")
        #expect(summaries[0].usedHelloRetryRequest)
        #expect(summaries[0].group == .secp384r1)
        #expect(summaries[0].applicationProtocol == Array("x-contrast".utf8))
        #expect(summaries[0].peerChain.count == 1, "our server did not receive gnutls-cli's certificate")
        #expect(out.contains("x-contrast"), "\(out.suffix(800))")
    }

    @Test("gnutls-cli against our server: every suite x every group, P-256 certificate")
    func ourServerSuitesAndGroups() throws {
        let mine = try pki.make("ours-for-gnutls", curve: "P-256")
        for (_, cipher) in Self.suites {
            for (_, groupName) in Self.groups {
                let (out, summaries) = try ourServer(cert: mine, args: ["--priority", Self.priority(cipher, groupName)])
                #expect(summaries.count == 1, "\(cipher) \(groupName): \(out.suffix(600))")
                #expect(out.contains("TLS1.3"), "\(cipher) \(groupName)")
            }
        }
    }
}
