// SPDX-License-Identifier: Apache-2.0
// ServerMachine: the TLS 1.3 server handshake as a sans-IO state machine (RFC 8446 §4, §A.2).

import ContrastCrypto

/// Drives one server handshake: each `handle(_:raw:)` consumes one handshake message and returns actions.
public struct ServerMachine {
    var state: ServerState = .expectClientHello(nil)
    let config: TLSConfiguration
    var random: any RandomSource
    /// Test hook: edits EncryptedExtensions before encoding (RFC 8448 reproduction).
    package var encryptedExtensionsHook: (@Sendable (inout EncryptedExtensions) -> Void)?
    /// Test hook: edits a HelloRetryRequest before encoding (RFC 8448 §5 reproduction: the trace's cookie).
    /// The cookie the second ClientHello must echo is read back from the edited message.
    package var helloRetryRequestHook: (@Sendable (inout ServerHello) -> Void)?

    public init(configuration: TLSConfiguration, random: any RandomSource) {
        self.config = configuration
        self.random = random
    }

    public var isConnected: Bool {
        if case .connected = state { return true }
        return false
    }

    public mutating func handle(_ message: HandshakeMessage, raw: [UInt8]) throws(TLSError) -> [HandshakeAction] {
        let current = state
        state = .failed(.internal("re-entered"))
        do {
            return try step(current, message, raw)
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private func unexpected(_ expected: String, _ got: HandshakeMessage) -> TLSError {
        .peerMisbehaved(.unexpectedMessage(expected: expected, got: got.type))
    }

    private mutating func step(
        _ current: ServerState, _ message: HandshakeMessage, _ raw: [UInt8]
    ) throws(TLSError) -> [HandshakeAction] {
        switch current {
        case .expectClientHello(let retry):
            guard case .clientHello(let ch) = message else { throw unexpected("ClientHello", message) }
            return try processClientHello(ch, raw, retry)
        case .expectCertificate(var h):
            guard case .certificate(let cert) = message else { throw unexpected("Certificate", message) }
            // RFC 8446 §4.4.2: the context echoes the CertificateRequest's (empty here).
            guard cert.context.isEmpty else { throw .peerMisbehaved(.illegalParameter("Certificate context")) }
            if cert.entries.isEmpty {
                // RFC 8446 §4.4.2.4: no certificate when one is required is certificate_required.
                guard config.clientAuthentication != .require else { throw .peerIncompatible(.certificateRequired) }
                h.transcript.add(raw)
                state = .expectFinished(h)
                return []
            }
            let chain = cert.entries.map(\.data)
            let context = PeerCertificateContext(
                chain: chain, verifyingServer: false, serverName: h.serverName,
                applicationProtocol: h.applicationProtocol, offeredApplicationProtocols: h.offeredApplicationProtocols,
                certificateAuthorities: h.certificateAuthorities)
            let (key, proof) = try HandshakeChecks.verifyChain(context, verifier: config.verifyPeer)
            h.peerChain = chain
            h.transcript.add(raw)
            state = .expectCertificateVerify(h, key, proof)
            return []
        case .expectCertificateVerify(var h, let key, let proof):
            guard case .certificateVerify(let cv) = message else { throw unexpected("CertificateVerify", message) }
            _ = try HandshakeChecks.verifySignature(
                cv, key: key, offered: config.signatureSchemes, transcriptHash: h.transcript.currentHash(),
                signerIsServer: false, proof)
            h.peerScheme = cv.scheme
            h.transcript.add(raw)
            state = .expectFinished(h)
            return []
        case .expectFinished(let h):
            guard case .finished(let fin) = message else { throw unexpected("Finished", message) }
            _ = try HandshakeChecks.verifyFinished(
                fin, hash: h.parameters.hash, baseKey: h.clientHandshakeTrafficSecret,
                transcriptHash: h.transcript.currentHash())
            let read = try RecordProtection(secret: h.clientApplicationTrafficSecret, parameters: h.parameters)
            state = .connected(
                ApplicationSecrets(
                    parameters: h.parameters, readSecret: h.clientApplicationTrafficSecret,
                    writeSecret: h.serverApplicationTrafficSecret))
            return [
                .installReadKeys(read),
                .complete(
                    HandshakeSummary(
                        cipherSuite: h.parameters.suite, group: h.group, applicationProtocol: h.applicationProtocol,
                        serverName: h.serverName, peerChain: h.peerChain, peerSignatureScheme: h.peerScheme,
                        usedHelloRetryRequest: h.usedHelloRetryRequest, exporter: h.exporter)),
            ]
        case .connected(var app):
            // RFC 8446 §4.6: the only post-handshake message a client sends us is KeyUpdate.
            guard case .keyUpdate(let ku) = message else { throw unexpected("KeyUpdate", message) }
            let actions = try KeyUpdateHandler.receive(ku, &app)
            state = .connected(app)
            return actions
        case .failed(let e):
            throw e
        }
    }

    private mutating func processClientHello(
        _ ch: ClientHello, _ raw: [UInt8], _ retry: ServerRetry?
    ) throws(TLSError) -> [HandshakeAction] {
        // RFC 8446 §4.2.1: without supported_versions containing TLS 1.3 we cannot talk (protocol_version).
        guard let sv = ch.extensions.first(.supportedVersions),
            try TLSExtensions.readSupportedVersionsClient(sv).contains(.tls13)
        else { throw .peerIncompatible(.noTLS13) }
        // RFC 8446 §4.1.2: legacy_compression_methods must be exactly one zero byte.
        guard ch.legacyCompressionMethods == [0] else { throw .peerMisbehaved(.illegalParameter("compression")) }
        // RFC 8446 §4.2.11: pre_shared_key, if present, must be last (we ignore PSKs otherwise).
        if let i = ch.extensions.firstIndex(where: { $0.type == .preSharedKey }), i != ch.extensions.count - 1 {
            throw .peerMisbehaved(.illegalParameter("pre_shared_key not last"))
        }
        // RFC 8446 §9.2: key_share and supported_groups are mandatory with (EC)DHE.
        guard let ksExt = ch.extensions.first(.keyShare) else { throw .peerMisbehaved(.missingExtension(.keyShare)) }
        guard let sgExt = ch.extensions.first(.supportedGroups) else {
            throw .peerMisbehaved(.missingExtension(.supportedGroups))
        }
        guard let saExt = ch.extensions.first(.signatureAlgorithms) else {
            throw .peerMisbehaved(.missingExtension(.signatureAlgorithms))
        }
        let shares = try TLSExtensions.readKeyShareClient(ksExt)
        let clientGroups = try TLSExtensions.readSupportedGroups(sgExt)
        let clientSchemes = try TLSExtensions.readSignatureAlgorithms(saExt)
        var serverName: String?
        if let sni = ch.extensions.first(.serverName) { serverName = try TLSExtensions.readServerName(sni) }
        var offeredALPN: [[UInt8]] = []
        if let a = ch.extensions.first(.applicationLayerProtocolNegotiation) { offeredALPN = try TLSExtensions.readALPN(a) }

        // Cipher suite: our preference among those offered.
        guard let params = config.cipherSuites.first(where: { ch.cipherSuites.contains($0.suite) }) else {
            throw .peerIncompatible(.noCommonCipherSuite)
        }
        // Group: our preference among the client's shares; otherwise ask for one (HelloRetryRequest).
        let chosen: (KeyExchangeGroup, KeyShareEntry)?
        if let retry {
            // RFC 8446 §4.1.2: the second ClientHello carries exactly one share, for the group we asked for,
            // the same suite choice and our cookie.
            guard shares.count == 1, shares[0].group == retry.group,
                let kx = config.groups.first(where: { $0.group == retry.group })
            else { throw .peerMisbehaved(.illegalParameter("key share after HelloRetryRequest")) }
            guard params.suite == retry.parameters.suite else {
                throw .peerMisbehaved(.illegalParameter("cipher suites changed after HelloRetryRequest"))
            }
            guard ch.legacySessionID == retry.firstHello.legacySessionID else {
                throw .peerMisbehaved(.illegalParameter("legacy_session_id changed after HelloRetryRequest"))
            }
            if let cookie = retry.cookie {
                guard let c = ch.extensions.first(.cookie), try TLSExtensions.readCookie(c) == cookie else {
                    throw .peerMisbehaved(.illegalParameter("cookie"))
                }
            }
            chosen = (kx, shares[0])
        } else {
            var found: (KeyExchangeGroup, KeyShareEntry)?
            for g in config.groups {
                if let s = shares.first(where: { $0.group == g.group }), clientGroups.contains(g.group) {
                    found = (g, s)
                    break
                }
            }
            chosen = found
        }
        guard let (kx, clientShare) = chosen else {
            guard retry == nil, let g = config.groups.first(where: { clientGroups.contains($0.group) }) else {
                throw .peerIncompatible(.noCommonGroup)
            }
            return try sendHelloRetryRequest(ch, raw, params, g.group)
        }

        var transcript = retry?.transcript ?? Transcript()
        if retry == nil { transcript.start(hash: params.hash) }
        transcript.add(raw)

        let info = ClientHelloInfo(
            serverName: serverName, applicationProtocols: offeredALPN, signatureSchemes: clientSchemes,
            cipherSuites: ch.cipherSuites, groups: clientGroups)
        guard let select = config.selectCertificate else { throw .internal("server has no certificate") }
        let certified = try select(info)
        guard let scheme = certified.key.signatureSchemes.first(where: { clientSchemes.contains($0) }) else {
            throw .peerIncompatible(.noCommonSignatureScheme)
        }
        var alpn: [UInt8]?
        if !offeredALPN.isEmpty {
            if let pick = config.selectApplicationProtocol {
                alpn = pick(offeredALPN)
            } else if !config.applicationProtocols.isEmpty {
                alpn = config.applicationProtocols.first { offeredALPN.contains($0) }
                // RFC 7301 §3.2: no overlap is no_application_protocol.
                guard alpn != nil else { throw .peerIncompatible(.noApplicationProtocol) }
            }
        }

        let mine: any KeyShareSecret
        do { mine = try kx.generate(&random) } catch { throw error }
        let shared = try mine.sharedSecret(peerKeyExchange: clientShare.keyExchange)
        let serverRandom: [UInt8]
        do { serverRandom = try random.bytes(count: 32) } catch { throw .internal("random source failed") }
        let sh = ServerHello(
            random: serverRandom, legacySessionIDEcho: ch.legacySessionID, cipherSuite: params.suite,
            extensions: [
                TLSExtensions.keyShareServer(KeyShareEntry(group: kx.group, keyExchange: mine.publicKey)),
                TLSExtensions.supportedVersionsServer(.tls13),
            ])
        let shBytes = HandshakeMessage.serverHello(sh).encode()
        transcript.add(shBytes)
        var actions: [HandshakeAction] = [.send(shBytes)]
        // RFC 8446 §D.4: CCS after the first server flight message when the client sent a session ID.
        if retry == nil && !ch.legacySessionID.isEmpty { actions.append(.sendChangeCipherSpec) }

        let hs = EarlySecret(hash: params.hash).handshakeSecret(sharedSecret: shared)
        let th = transcript.currentHash()
        let cHS = hs.clientHandshakeTrafficSecret(transcriptHash: th)
        let sHS = hs.serverHandshakeTrafficSecret(transcriptHash: th)
        actions.append(.installWriteKeys(try RecordProtection(secret: sHS, parameters: params)))

        var eeExtensions: [Extension] = []
        if serverName != nil { eeExtensions.append(TLSExtensions.serverNameAck) }
        if let alpn { eeExtensions.append(TLSExtensions.alpn([alpn])) }
        var ee = EncryptedExtensions(extensions: eeExtensions)
        encryptedExtensionsHook?(&ee)
        var flight: [HandshakeMessage] = [.encryptedExtensions(ee)]
        var cas: [[UInt8]] = []
        if config.clientAuthentication != .none {
            var ext = [TLSExtensions.signatureAlgorithms(config.signatureSchemes)]
            cas = config.certificateAuthorities?(info) ?? []
            if !cas.isEmpty { ext.append(TLSExtensions.certificateAuthorities(cas)) }
            flight.append(.certificateRequest(CertificateRequest(extensions: ext)))
        }
        flight.append(.certificate(CertificateMessage(entries: certified.chain.map { CertificateEntry(data: $0) })))
        for m in flight {
            let b = m.encode()
            transcript.add(b)
            actions.append(.send(b))
        }
        let content = HandshakeChecks.signedContent(transcriptHash: transcript.currentHash(), server: true)
        let signature = try certified.key.sign(content, scheme: scheme, random: &random)
        let cv = HandshakeMessage.certificateVerify(CertificateVerify(scheme: scheme, signature: signature)).encode()
        transcript.add(cv)
        actions.append(.send(cv))
        let verify = TrafficSecret.verifyData(params.hash, baseKey: sHS, transcriptHash: transcript.currentHash())
        let fin = HandshakeMessage.finished(Finished(verifyData: verify)).encode()
        transcript.add(fin)
        actions.append(.send(fin))

        let thFinished = transcript.currentHash()
        let master = hs.masterSecret()
        let cApp = master.clientApplicationTrafficSecret(transcriptHash: thFinished)
        let sApp = master.serverApplicationTrafficSecret(transcriptHash: thFinished)
        actions.append(.installWriteKeys(try RecordProtection(secret: sApp, parameters: params)))
        actions.append(.installReadKeys(try RecordProtection(secret: cHS, parameters: params)))
        let h = ServerHandshaking(
            parameters: params, group: kx.group, transcript: transcript, clientHandshakeTrafficSecret: cHS,
            clientApplicationTrafficSecret: cApp, serverApplicationTrafficSecret: sApp,
            exporter: master.exporterMasterSecret(transcriptHash: thFinished), applicationProtocol: alpn,
            offeredApplicationProtocols: offeredALPN, serverName: serverName, certificateAuthorities: cas,
            usedHelloRetryRequest: retry != nil)
        state = config.clientAuthentication == .none ? .expectFinished(h) : .expectCertificate(h)
        return actions
    }

    private mutating func sendHelloRetryRequest(
        _ ch: ClientHello, _ raw: [UInt8], _ params: CipherSuiteParameters, _ group: NamedGroup
    ) throws(TLSError) -> [HandshakeAction] {
        var transcript = Transcript()
        transcript.start(hash: params.hash)
        transcript.add(raw)
        transcript.rollUpForHelloRetryRequest()
        var ext = [TLSExtensions.supportedVersionsServer(.tls13), TLSExtensions.keyShareHelloRetry(group)]
        var cookie: [UInt8]?
        if config.helloRetryCookie {
            do { cookie = try random.bytes(count: 32) } catch { throw .internal("random source failed") }
            ext.append(TLSExtensions.cookie(cookie ?? []))
        }
        var hrr = ServerHello(
            random: ServerHello.helloRetryRequestRandom, legacySessionIDEcho: ch.legacySessionID,
            cipherSuite: params.suite, extensions: ext)
        if let hook = helloRetryRequestHook {
            hook(&hrr)
            cookie = nil
            if let e = hrr.extensions.first(.cookie) { cookie = try TLSExtensions.readCookie(e) }
        }
        let bytes = HandshakeMessage.serverHello(hrr).encode()
        transcript.add(bytes)
        state = .expectClientHello(
            ServerRetry(transcript: transcript, parameters: params, group: group, cookie: cookie, firstHello: ch))
        var actions: [HandshakeAction] = [.send(bytes)]
        if !ch.legacySessionID.isEmpty { actions.append(.sendChangeCipherSpec) }
        return actions
    }
}

extension ServerMachine {
    /// A KeyUpdate from us (connected state only).
    mutating func sendKeyUpdate(requestPeer: Bool) throws(TLSError) -> [HandshakeAction] {
        guard case .connected(var app) = state else { throw .internal("KeyUpdate before the handshake completed") }
        let actions = try KeyUpdateHandler.send(requestPeer: requestPeer, &app)
        state = .connected(app)
        return actions
    }
}
