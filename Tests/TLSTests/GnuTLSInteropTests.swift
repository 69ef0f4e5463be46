// SPDX-License-Identifier: Apache-2.0
// Interop with GnuTLS: our client against `gnutls-serv --http`, our server against `gnutls-cli`, every suite x group.

import ContrastCrypto
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
    func ourClient() throws {
        let server = try pki.make("gnutls-server", curve: "P-384")
        for (suite, cipher) in Self.suites {
            for (group, groupName) in Self.groups {
                let port = PeerProcess.freePort()
                let process = try PeerProcess(
                    Subprocess.which("gnutls-serv") ?? "gnutls-serv",
                    ["--http", "--port", "\(port)", "--x509certfile", server.cert, "--x509keyfile", server.key,
                        "--priority", Self.priority(cipher, groupName)],
                    logPath: "\(dir)/gnutls-serv-\(port).log")
                defer { process.stop() }
                try #require(PeerProcess.waitForListener(port: port), "gnutls-serv did not start: \(process.log)")
                var config = TLSConfiguration.client(serverName: "localhost", verifier: CertificateVerifiers.acceptAnyLeaf)
                config.cipherSuites = [suite]
                config.groups = [group]
                do {
                    let client = try TLSClientSocket(host: "127.0.0.1", port: port, configuration: config)
                    #expect(client.summary?.cipherSuite == suite.suite && client.summary?.group == group.group)
                    try client.write(Array("GET / HTTP/1.0\r\n\r\n".utf8))
                    let reply = String(decoding: try client.read(), as: UTF8.self)
                    #expect(reply.contains("HTTP/1.0 200"), "\(cipher) \(groupName): \(reply.prefix(100))")
                    client.close()
                } catch {
                    Issue.record("\(cipher) \(groupName): \(error); gnutls-serv said: \(process.log)")
                }
            }
        }
    }

    @Test("gnutls-cli against our server: every suite x every group, P-256 certificate")
    func ourServer() throws {
        let mine = try pki.make("ours-for-gnutls", curve: "P-256")
        let key = try TLSPrivateKeys.signingKey(pem: try OpenSSLPKI.text(mine.key))
        let chain = try TLSPublicKeys.certificates(pem: try OpenSSLPKI.text(mine.cert))
        for (_, cipher) in Self.suites {
            for (_, groupName) in Self.groups {
                let listener = try Socket.listen(port: 0, host: "127.0.0.1")
                let tls = TLSServer(listener: listener, configuration: TLSConfiguration.server(chain: chain, key: key))
                let port = tls.port
                let thread = BackgroundThread {
                    try? tls.run { session, _ in
                        session.output = Array("HTTP/1.0 200 ok\r\n\r\n".utf8)
                        session.shouldClose = true
                    }
                }
                let r = try Subprocess.run(
                    Subprocess.which("gnutls-cli") ?? "gnutls-cli",
                    ["--port", "\(port)", "--insecure", "--priority", Self.priority(cipher, groupName), "127.0.0.1"],
                    stdin: Array("GET / HTTP/1.0\r\n\r\n".utf8))
                tls.stop()
                thread.join()
                #expect(tls.handshakes.load(ordering: .relaxed) == 1, "\(cipher) \(groupName): \((r.stdout + r.stderr).suffix(600))")
                #expect(r.stdout.contains("TLS1.3"), "\(cipher) \(groupName)")
            }
        }
    }
}
