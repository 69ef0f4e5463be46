// SPDX-License-Identifier: Apache-2.0
// `contrast tls server|client`: a TLS 1.3 test server answering like `openssl s_server -www`, and a client that
// prints the negotiated parameters and the peer chain.

#if canImport(Glibc)
import Glibc
#endif
import ContrastASN1
import ContrastCrypto
import ContrastTLS

struct TLSCommand: Command {
    static let name = "tls"
    static let summary = "TLS 1.3 test server and client (like openssl s_server -www / s_client)."
    static let usage = """
        server --cert F --key F [--chain F] [--port N] [--client-auth none|request|require] [--ca F] [--alpn P]
               [--groups LIST]
               contrast tls client HOST:PORT [--servername N] [--ca F] [--alpn P] [--cert F --key F] [--groups LIST]
        """
    static let discussion = """
        server: listens on --port (default 4433) and answers every HTTP GET with a page listing the protocol,
        cipher suite, group, ALPN and the client's certificate, then closes (like `openssl s_server -www`).
        client: connects, completes the handshake, prints the negotiated parameters and the peer chain, and
        closes. With --ca the peer chain is path-validated (RFC 5280) against the roots in that file at the
        current time: the server's certificate must name --servername (or HOST) in a DNS or IP SAN and allow
        serverAuth, a client's must allow clientAuth; a failed check aborts the handshake with the reasons.
        Without --ca the chain is shown as received and nothing is verified (the output says so).
        """
    static let options: [OptionSpec] = [
        .value("cert", name: "FILE", help: "PEM certificate (server: ours; client: for client authentication)"),
        .value("key", name: "FILE", help: "PEM private key (EC P-256/P-384, or RSA 2048-4096 bits)"),
        .value("chain", name: "FILE", help: "PEM intermediate certificates to send after --cert"),
        .value("port", name: "N", help: "server: TCP port to listen on (default 4433)"),
        .value("client-auth", name: "MODE", help: "server: none, request or require (default none)"),
        .value("ca", name: "FILE", help: "PEM root certificates to verify the peer against (default: no verification)"),
        .value("alpn", name: "PROTO", help: "ALPN protocol to offer/accept (repeatable)"),
        .value("servername", name: "NAME", help: "client: SNI host name (default: HOST unless it is an address)"),
        .value(
            "groups", name: "LIST",
            help: "key exchange groups in preference order, from x25519, secp384r1 (P-384), secp256r1 (P-256);"
                + " default x25519,secp384r1,secp256r1"),
        .flag("help", help: "show this help"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitCode {
        guard let mode = args.positionals.first else { throw UsageError("tls needs 'server' or 'client'") }
        switch mode {
        case "server": return try runServer(args)
        case "client": return try runClient(args)
        default: throw UsageError("unknown tls mode '\(mode)' (expected server or client)")
        }
    }

    static func readText(_ path: String) throws -> String {
        guard let f = fopen(path, "rb") else { throw CommandFailure("cannot open \(path)") }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            out += buffer[0..<n]
            guard out.count <= 1 << 22 else { throw CommandFailure("\(path) is larger than 4 MiB") }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func loadCertifiedKey(_ args: ParsedArguments) throws -> CertifiedKey? {
        guard let certPath = args.value("cert") else {
            if args.value("key") != nil { throw UsageError("--key needs --cert") }
            return nil
        }
        guard let keyPath = args.value("key") else { throw UsageError("--cert needs --key") }
        var chain = try TLSPublicKeys.certificates(pem: try readText(certPath))
        if let chainPath = args.value("chain") { chain += try TLSPublicKeys.certificates(pem: try readText(chainPath)) }
        let key = try TLSPrivateKeys.signingKey(pem: try readText(keyPath))
        return CertifiedKey(chain: chain, key: key)
    }

    /// X.509 path validation against `--ca` at the current time, or (without `--ca`) the leaf key as received.
    static func verifier(_ args: ParsedArguments, identity: String?) throws -> CertificateVerifier {
        guard let caPath = args.value("ca") else { return CertificateVerifiers.acceptAnyLeaf }
        let roots: [Certificate]
        do { roots = try PEMDocument.parseMultiple(try readText(caPath)).filter { $0.type == "CERTIFICATE" }
            .map { doc throws(ASN1Error) in try Certificate(derEncoded: doc.derBytes) }
        } catch let error as ASN1Error { throw CommandFailure("\(caPath): \(error.reason)") }
        guard !roots.isEmpty else { throw CommandFailure("\(caPath): no CERTIFICATE block") }
        return CertificateVerifiers.x509(roots: roots, identity: identity) { CertCommand.now() }
    }

    /// `--groups a,b,c`, or nil for the default.
    static func groups(_ args: ParsedArguments) throws -> [KeyExchangeGroup]? {
        guard let list = args.value("groups") else { return nil }
        let groups = try list.split(separator: ",").map { name -> KeyExchangeGroup in
            switch name.lowercased() {
            case "x25519": return .x25519
            case "secp384r1", "p-384", "p384": return .secp384r1
            case "secp256r1", "p-256", "p256", "prime256v1": return .secp256r1
            default: throw UsageError("unknown group '\(name)' in --groups (known: x25519, secp384r1, secp256r1)")
            }
        }
        guard !groups.isEmpty else { throw UsageError("--groups needs at least one group") }
        return groups
    }

    static func describe(_ der: [UInt8]) -> String {
        guard let c = try? Certificate(derEncoded: der) else { return "(unparseable certificate, \(der.count) bytes)" }
        return "s:\(c.subject)\n     i:\(c.issuer)\n     key: \(c.publicKeyInfo.publicKey)"
    }

    static func report(_ s: HandshakeSummary, peer: String) -> String {
        var lines = [
            "Protocol    : TLSv1.3",
            "Cipher      : \(s.cipherSuite)",
            "Group       : \(s.group)\(s.usedHelloRetryRequest ? " (after HelloRetryRequest)" : "")",
            "ALPN        : \(s.applicationProtocol.map { String(decoding: $0, as: UTF8.self) } ?? "(none)")",
            "SNI         : \(s.serverName ?? "(none)")",
            "Peer signature: \(s.peerSignatureScheme.map { "\($0)" } ?? "(none)")",
            "\(peer) chain (\(s.peerChain.count)):",
        ]
        for (i, der) in s.peerChain.enumerated() { lines.append("  \(i) \(describe(der))") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func runServer(_ args: ParsedArguments) throws -> ExitCode {
        guard let certified = try loadCertifiedKey(args) else { throw UsageError("server needs --cert and --key") }
        let port = UInt16(args.value("port") ?? "4433") ?? 0
        guard port != 0 else { throw UsageError("--port must be 1-65535") }
        var config = TLSConfiguration.server(chain: certified.chain, key: certified.key)
        switch args.value("client-auth") ?? "none" {
        case "none": config.clientAuthentication = .none
        case "request": config.clientAuthentication = .request
        case "require": config.clientAuthentication = .require
        case let other: throw UsageError("--client-auth must be none, request or require, not '\(other)'")
        }
        config.verifyPeer = try verifier(args, identity: nil)
        config.groups = try groups(args) ?? config.groups
        config.applicationProtocols = args.allValues("alpn").map { Array($0.utf8) }
        let listener = try Socket.listen(port: port)
        let server = TLSServer(listener: listener, configuration: config)
        print("ACCEPT \(port)")
        try server.run(
            handler: { session, data in
                session.userBuffer += data
                let text = String(decoding: session.userBuffer, as: UTF8.self)
                guard text.contains("\r\n\r\n") || text.contains("\n\n") || session.userBuffer.count > 8192 else { return }
                let page = text.hasPrefix("GET ")
                    ? "HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\ncontrast tls server\n"
                        + report(session.summary, peer: "Client")
                    : "HTTP/1.0 400 bad request\r\n\r\n"
                session.output = Array(page.utf8)
                session.shouldClose = true
            },
            onError: { printErr("connection failed: \($0)") })
        return .success
    }

    static func runClient(_ args: ParsedArguments) throws -> ExitCode {
        guard args.positionals.count == 2 else { throw UsageError("client needs HOST:PORT") }
        let target = args.positionals[1]
        guard let colon = target.lastIndex(of: ":"), let port = UInt16(target[target.index(after: colon)...]) else {
            throw UsageError("expected HOST:PORT, got '\(target)'")
        }
        let host = String(target[..<colon]).trimmingBrackets()
        let isAddress = host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
        let serverName = args.value("servername") ?? (isAddress ? nil : host)
        var config = TLSConfiguration.client(
            serverName: serverName, verifier: try verifier(args, identity: serverName ?? host))
        config.applicationProtocols = args.allValues("alpn").map { Array($0.utf8) }
        config.groups = try groups(args) ?? config.groups
        if let certified = try loadCertifiedKey(args) { config.selectClientCertificate = { _ in certified } }
        let client: TLSClientSocket
        do { client = try TLSClientSocket(host: host, port: port, configuration: config) } catch {
            throw CommandFailure("TLS handshake with \(target) failed: \(error)")
        }
        if let s = client.summary { print(report(s, peer: "Server"), terminator: "") }
        print(args.value("ca").map { "Verification: OK (chain to a root in \($0), name \(serverName ?? host))" }
            ?? "Verification: not performed (the chain is shown as received; give --ca to verify)")
        client.close()
        return .success
    }
}

extension String {
    fileprivate func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
