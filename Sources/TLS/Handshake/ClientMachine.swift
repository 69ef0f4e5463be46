// SPDX-License-Identifier: Apache-2.0
// ClientMachine: the TLS 1.3 client handshake as a sans-IO state machine (RFC 8446 §4, §A.1).

import ContrastCrypto

/// Drives one client handshake. `start()` yields the ClientHello; each `handle(_:raw:)` consumes one
/// handshake message and returns the actions to carry out. Errors make the machine `failed` for good.
public struct ClientMachine {
    var state: ClientState = .start
    let config: TLSConfiguration
    var random: any RandomSource
    /// Test hook: edits the ClientHello before it is encoded (RFC 8448 reproduction adds its extensions).
    package var clientHelloHook: (@Sendable (inout ClientHello) -> Void)?
    /// Test hook: edits the second ClientHello (after HelloRetryRequest) before it is encoded, e.g. to replay a
    /// trace's extension order and padding.
    package var retryClientHelloHook: (@Sendable (inout ClientHello) -> Void)?

    public init(configuration: TLSConfiguration, random: any RandomSource) {
        self.config = configuration
        self.random = random
    }

    public var isConnected: Bool {
        if case .connected = state { return true }
        return false
    }

    /// Builds and "sends" the first ClientHello.
    public mutating func start() throws(TLSError) -> [HandshakeAction] {
        guard case .start = state else { throw .internal("ClientMachine.start called twice") }
        do {
            let sessionID = config.middleboxCompatibility ? try random.bytes(count: 32) : []
            let clientRandom = try random.bytes(count: 32)
            var shares: [any KeyShareSecret] = []
            for g in config.groups.prefix(max(1, config.initialKeyShareCount)) {
                shares.append(try g.generate(&random))
            }
            var hello = ClientHello(
                random: clientRandom, legacySessionID: sessionID, cipherSuites: config.cipherSuites.map(\.suite),
                extensions: [])
            var ext: [Extension] = []
            if let name = config.serverName { ext.append(TLSExtensions.serverName(name)) }
            ext.append(TLSExtensions.supportedGroups(config.groups.map(\.group)))
            ext.append(TLSExtensions.keyShareClient(shares.map { KeyShareEntry(group: $0.group, keyExchange: $0.publicKey) }))
            ext.append(TLSExtensions.supportedVersionsClient([.tls13]))
            ext.append(TLSExtensions.signatureAlgorithms(config.signatureSchemes))
            if let certSchemes = config.certificateSignatureSchemes {
                ext.append(TLSExtensions.signatureAlgorithms(certSchemes, cert: true))
            }
            if !config.applicationProtocols.isEmpty { ext.append(TLSExtensions.alpn(config.applicationProtocols)) }
            hello.extensions = ext
            clientHelloHook?(&hello)
            let bytes = HandshakeMessage.clientHello(hello).encode()
            var transcript = Transcript()
            transcript.add(bytes)
            state = .expectServerHello(
                ClientExpectServerHello(clientHello: hello, shares: shares, transcript: transcript, retrySuite: nil))
            return [.send(bytes)]
        } catch let e as CryptoError {
            throw fail(.internal("random source: \(e)"))
        } catch {
            throw fail(error as? TLSError ?? .internal("\(error)"))
        }
    }

    /// Handles one handshake message; `raw` is its encoding (header included) for the transcript.
    public mutating func handle(_ message: HandshakeMessage, raw: [UInt8]) throws(TLSError) -> [HandshakeAction] {
        var current = ClientState.failed(.internal("re-entered"))
        swap(&current, &state)
        do {
            return try step(current, message, raw)
        } catch {
            throw fail(error)
        }
    }

    private mutating func fail(_ error: TLSError) -> TLSError {
        state = .failed(error)
        return error
    }

    private mutating func step(
        _ current: ClientState, _ message: HandshakeMessage, _ raw: [UInt8]
    ) throws(TLSError) -> [HandshakeAction] {
        switch current {
        case .expectServerHello(let s):
            guard case .serverHello(let sh) = message else { throw unexpected("ServerHello", message) }
            if sh.isHelloRetryRequest { return try processHelloRetryRequest(s, sh, raw) }
            return try processServerHello(s, sh, raw)
        case .expectEncryptedExtensions(var h):
            guard case .encryptedExtensions(let ee) = message else { throw unexpected("EncryptedExtensions", message) }
            try processEncryptedExtensions(&h, ee)
            h.transcript.add(raw)
            state = .expectCertificateOrRequest(h)
        return []
        case .expectCertificateOrRequest(var h):
            switch message {
            case .certificateRequest(let cr):
                // RFC 8446 §4.3.2: the context is empty in a handshake CertificateRequest; signature_algorithms
                // is mandatory.
                guard cr.context.isEmpty else { throw .peerMisbehaved(.illegalParameter("CertificateRequest context")) }
                guard cr.extensions.first(.signatureAlgorithms) != nil else {
                    throw .peerMisbehaved(.missingExtension(.signatureAlgorithms))
                }
                h.certificateRequest = cr
                h.transcript.add(raw)
                state = .expectCertificate(h)
        return []
            case .certificate(let cert):
                return try processServerCertificate(h, cert, raw)
            default:
                throw unexpected("Certificate or CertificateRequest", message)
            }
        case .expectCertificate(let h):
            guard case .certificate(let cert) = message else { throw unexpected("Certificate", message) }
            return try processServerCertificate(h, cert, raw)
        case .expectCertificateVerify(var h, let key, let chainProof):
            guard case .certificateVerify(let cv) = message else { throw unexpected("CertificateVerify", message) }
            let proof = try HandshakeChecks.verifySignature(
                cv, key: key, offered: config.signatureSchemes, transcriptHash: h.transcript.currentHash(),
                signerIsServer: true, chainProof)
            h.peerScheme = cv.scheme
            h.transcript.add(raw)
            state = .expectFinished(h, proof)
        return []
        case .expectFinished(let h, _):
            guard case .finished(let fin) = message else { throw unexpected("Finished", message) }
            return try processServerFinished(h, fin, raw)
        case .connected(var app):
            switch message {
            case .newSessionTicket:
                state = .connected(app)
                return []  // RFC 8446 §4.6.1: no resumption, tickets are ignored
            case .keyUpdate(let ku):
                let actions = try KeyUpdateHandler.receive(ku, &app)
                state = .connected(app)
        return actions
            default:
                throw unexpected("NewSessionTicket or KeyUpdate", message)
            }
        case .start:
            throw .internal("ClientMachine.handle before start")
        case .failed(let e):
            throw e
        }
    }

    private func unexpected(_ expected: String, _ got: HandshakeMessage) -> TLSError {
        .peerMisbehaved(.unexpectedMessage(expected: expected, got: got.type))
    }

    /// RFC 8446 §4.1.3 checks common to ServerHello and HelloRetryRequest.
    private func checkServerHelloCommon(_ s: ClientExpectServerHello, _ sh: ServerHello) throws(TLSError) {
        guard let v = sh.extensions.first(.supportedVersions) else { throw .peerIncompatible(.noTLS13) }
        guard try TLSExtensions.readSupportedVersionsServer(v) == .tls13 else {
            throw .peerMisbehaved(.illegalParameter("supported_versions"))
        }
        guard sh.legacyVersion == .tls12 else { throw .peerMisbehaved(.illegalParameter("legacy_version")) }
        // RFC 8446 §4.1.3: legacy_session_id_echo must match; compression must be 0.
        guard sh.legacySessionIDEcho == s.clientHello.legacySessionID else {
            throw .peerMisbehaved(.illegalParameter("legacy_session_id_echo"))
        }
        guard sh.legacyCompressionMethod == 0 else { throw .peerMisbehaved(.illegalParameter("compression")) }
        guard s.clientHello.cipherSuites.contains(sh.cipherSuite) else {
            throw .peerMisbehaved(.illegalParameter("cipher suite not offered"))
        }
        // RFC 8446 §4.1.4: a ServerHello after HRR must carry the HRR's suite.
        if let retry = s.retrySuite, retry != sh.cipherSuite {
            throw .peerMisbehaved(.illegalParameter("cipher suite changed after HelloRetryRequest"))
        }
        // RFC 8446 §4.2: only extensions we offered may come back (unsupported_extension otherwise).
        let allowed: Set<UInt16> = sh.isHelloRetryRequest
            ? [ExtensionType.supportedVersions.rawValue, ExtensionType.keyShare.rawValue, ExtensionType.cookie.rawValue]
            : [ExtensionType.supportedVersions.rawValue, ExtensionType.keyShare.rawValue]
        for e in sh.extensions where !allowed.contains(e.type.rawValue) {
            throw .invalidMessage(.illegalExtension(e.type))
        }
    }

    private func parameters(_ suite: CipherSuite) throws(TLSError) -> CipherSuiteParameters {
        guard let p = config.cipherSuites.first(where: { $0.suite == suite }) else {
            throw .peerMisbehaved(.illegalParameter("cipher suite not offered"))
        }
        return p
    }

    private mutating func processHelloRetryRequest(
        _ s: ClientExpectServerHello, _ hrr: ServerHello, _ raw: [UInt8]
    ) throws(TLSError) -> [HandshakeAction] {
        // RFC 8446 §4.1.4: a second HelloRetryRequest is unexpected_message.
        guard s.retrySuite == nil else { throw .peerMisbehaved(.secondHelloRetryRequest) }
        try checkServerHelloCommon(s, hrr)
        guard let ks = hrr.extensions.first(.keyShare) else { throw .peerMisbehaved(.missingExtension(.keyShare)) }
        let group = try TLSExtensions.readKeyShareHelloRetry(ks)
        // RFC 8446 §4.2.8: the group must be one we support and not one we already sent a share for.
        guard let kx = config.groups.first(where: { $0.group == group }),
            !s.shares.contains(where: { $0.group == group })
        else { throw .peerMisbehaved(.illegalParameter("HelloRetryRequest group \(group)")) }
        let params = try parameters(hrr.cipherSuite)
        var transcript = s.transcript
        transcript.start(hash: params.hash)
        transcript.rollUpForHelloRetryRequest()
        transcript.add(raw)
        let share: any KeyShareSecret
        do { share = try kx.generate(&random) } catch { throw error }
        var hello = s.clientHello
        var ext = hello.extensions.map { e -> Extension in
            e.type == .keyShare
                ? TLSExtensions.keyShareClient([KeyShareEntry(group: group, keyExchange: share.publicKey)]) : e
        }
        // RFC 8446 §4.2.2: echo the cookie.
        if let cookie = hrr.extensions.first(.cookie) {
            ext.append(TLSExtensions.cookie(try TLSExtensions.readCookie(cookie)))
        }
        hello.extensions = ext
        retryClientHelloHook?(&hello)
        let bytes = HandshakeMessage.clientHello(hello).encode()
        transcript.add(bytes)
        var actions: [HandshakeAction] = []
        if config.middleboxCompatibility { actions.append(.sendChangeCipherSpec) }
        actions.append(.send(bytes))
        let next = ClientExpectServerHello(
            clientHello: hello, shares: [share], transcript: transcript, retrySuite: hrr.cipherSuite)
        state = .expectServerHello(next)
        return actions
    }

    private mutating func processServerHello(
        _ s: ClientExpectServerHello, _ sh: ServerHello, _ raw: [UInt8]
    ) throws(TLSError) -> [HandshakeAction] {
        try checkServerHelloCommon(s, sh)
        guard let ksExt = sh.extensions.first(.keyShare) else { throw .peerMisbehaved(.missingExtension(.keyShare)) }
        let serverShare = try TLSExtensions.readKeyShareServer(ksExt)
        // RFC 8446 §4.2.8: the server's share must be for a group we sent a share for.
        guard let mine = s.shares.first(where: { $0.group == serverShare.group }) else {
            throw .peerMisbehaved(.illegalParameter("key share for a group not offered"))
        }
        let params = try parameters(sh.cipherSuite)
        let shared = try mine.sharedSecret(peerKeyExchange: serverShare.keyExchange)
        var transcript = s.transcript
        if s.retrySuite == nil { transcript.start(hash: params.hash) }
        transcript.add(raw)
        let hs = EarlySecret(hash: params.hash).handshakeSecret(sharedSecret: shared)
        let th = transcript.currentHash()
        let cSecret = hs.clientHandshakeTrafficSecret(transcriptHash: th)
        let sSecret = hs.serverHandshakeTrafficSecret(transcriptHash: th)
        let read = try RecordProtection(secret: sSecret, parameters: params)
        let write = try RecordProtection(secret: cSecret, parameters: params)
        var actions: [HandshakeAction] = [.installReadKeys(read)]
        // RFC 8446 §D.4: in compatibility mode the client sends its CCS before its second flight.
        if config.middleboxCompatibility && s.retrySuite == nil { actions.append(.sendChangeCipherSpec) }
        actions.append(.installWriteKeys(write))
        let h = ClientHandshaking(
            parameters: params, group: serverShare.group, transcript: transcript, handshakeSecret: StageCell(hs),
            clientHandshakeTrafficSecret: cSecret, serverHandshakeTrafficSecret: sSecret,
            usedHelloRetryRequest: s.retrySuite != nil)
        state = .expectEncryptedExtensions(h)
        return actions
    }

    private mutating func processEncryptedExtensions(_ h: inout ClientHandshaking, _ ee: EncryptedExtensions) throws(TLSError) {
        // RFC 8446 §4.3.1/§4.2: only extensions we offered and that belong in EncryptedExtensions.
        let allowed: Set<UInt16> = [
            ExtensionType.serverName.rawValue, ExtensionType.supportedGroups.rawValue,
            ExtensionType.applicationLayerProtocolNegotiation.rawValue, 28 /* record_size_limit */,
        ]
        for e in ee.extensions where !allowed.contains(e.type.rawValue) {
            throw .invalidMessage(.illegalExtension(e.type))
        }
        if let alpn = ee.extensions.first(.applicationLayerProtocolNegotiation) {
            let list = try TLSExtensions.readALPN(alpn)
            // RFC 7301 §3.1: exactly one protocol, one we offered.
            guard list.count == 1, config.applicationProtocols.contains(list[0]) else {
                throw .peerMisbehaved(.illegalParameter("ALPN selection"))
            }
            h.applicationProtocol = list[0]
        }
    }

    private mutating func processServerCertificate(
        _ handshaking: ClientHandshaking, _ cert: CertificateMessage, _ raw: [UInt8]
    ) throws(TLSError) -> [HandshakeAction] {
        var h = handshaking
        // RFC 8446 §4.4.2: context empty for the server; §4.4.2.4: an empty list is decode_error.
        guard cert.context.isEmpty else { throw .peerMisbehaved(.illegalParameter("Certificate context")) }
        guard !cert.entries.isEmpty else { throw .invalidMessage(.emptyVector) }
        var cas: [[UInt8]] = []
        if let ext = h.certificateRequest?.extensions.first(.certificateAuthorities) {
            cas = try TLSExtensions.readCertificateAuthorities(ext)
        }
        let chain = cert.entries.map(\.data)
        let context = PeerCertificateContext(
            chain: chain, verifyingServer: true, serverName: config.serverName,
            applicationProtocol: h.applicationProtocol, offeredApplicationProtocols: config.applicationProtocols,
            certificateAuthorities: cas)
        let (key, proof) = try HandshakeChecks.verifyChain(context, verifier: config.verifyPeer)
        h.peerChain = chain
        h.transcript.add(raw)
        state = .expectCertificateVerify(h, key, proof)
        return []
    }

    private mutating func processServerFinished(
        _ handshaking: ClientHandshaking, _ fin: Finished, _ raw: [UInt8]
    ) throws(TLSError) -> [HandshakeAction] {
        var h = handshaking
        let hash = h.parameters.hash
        _ = try HandshakeChecks.verifyFinished(
            fin, hash: hash, baseKey: h.serverHandshakeTrafficSecret, transcriptHash: h.transcript.currentHash())
        h.transcript.add(raw)
        let thServerFinished = h.transcript.currentHash()
        var actions: [HandshakeAction] = []
        // RFC 8446 §4.4.2: answer a CertificateRequest with Certificate (possibly empty) and CertificateVerify.
        if let cr = h.certificateRequest {
            var schemes: [SignatureScheme] = []
            if let sa = cr.extensions.first(.signatureAlgorithms) { schemes = try TLSExtensions.readSignatureAlgorithms(sa) }
            var cas: [[UInt8]] = []
            if let ca = cr.extensions.first(.certificateAuthorities) { cas = try TLSExtensions.readCertificateAuthorities(ca) }
            let info = CertificateRequestInfo(
                certificateAuthorities: cas, signatureSchemes: schemes, applicationProtocol: h.applicationProtocol)
            let certified = config.selectClientCertificate?(info)
            let certMsg = HandshakeMessage.certificate(
                CertificateMessage(context: cr.context, entries: (certified?.chain ?? []).map { CertificateEntry(data: $0) }))
            let certBytes = certMsg.encode()
            h.transcript.add(certBytes)
            actions.append(.send(certBytes))
            if let certified {
                guard let scheme = certified.key.signatureSchemes.first(where: { schemes.contains($0) }) else {
                    throw .peerIncompatible(.noCommonSignatureScheme)
                }
                let content = HandshakeChecks.signedContent(transcriptHash: h.transcript.currentHash(), server: false)
                let sig = try certified.key.sign(content, scheme: scheme, random: &random)
                let cvBytes = HandshakeMessage.certificateVerify(CertificateVerify(scheme: scheme, signature: sig)).encode()
                h.transcript.add(cvBytes)
                actions.append(.send(cvBytes))
            }
        }
        let verify = TrafficSecret.verifyData(
            hash, baseKey: h.clientHandshakeTrafficSecret, transcriptHash: h.transcript.currentHash())
        actions.append(.send(HandshakeMessage.finished(Finished(verifyData: verify)).encode()))
        let params = h.parameters
        let group = h.group
        let alpn = h.applicationProtocol
        let chain = h.peerChain
        let scheme = h.peerScheme
        let hrr = h.usedHelloRetryRequest
        let master = try h.handshakeSecret.take().masterSecret()
        let cApp = master.clientApplicationTrafficSecret(transcriptHash: thServerFinished)
        let sApp = master.serverApplicationTrafficSecret(transcriptHash: thServerFinished)
        let exporter = master.exporterMasterSecret(transcriptHash: thServerFinished)
        actions.insert(.installReadKeys(try RecordProtection(secret: sApp, parameters: params)), at: 0)
        actions.append(.installWriteKeys(try RecordProtection(secret: cApp, parameters: params)))
        actions.append(
            .complete(
                HandshakeSummary(
                    cipherSuite: params.suite, group: group, applicationProtocol: alpn, serverName: config.serverName,
                    peerChain: chain, peerSignatureScheme: scheme, usedHelloRetryRequest: hrr, exporter: exporter)))
        state = .connected(ApplicationSecrets(parameters: params, readSecret: sApp, writeSecret: cApp))
        return actions
    }
}

/// KeyUpdate handling shared by both roles (RFC 8446 §4.6.3).
enum KeyUpdateHandler {
    /// Installs the peer's next read key; if it asked, answers with KeyUpdate(update_not_requested) and
    /// moves our write key on.
    static func receive(_ ku: KeyUpdate, _ app: inout ApplicationSecrets) throws(TLSError) -> [HandshakeAction] {
        let hash = app.parameters.hash
        app.readSecret = TrafficSecret.next(hash, secret: app.readSecret)
        var actions: [HandshakeAction] = [.installReadKeys(try RecordProtection(secret: app.readSecret, parameters: app.parameters))]
        if ku.updateRequested {
            actions += try send(requestPeer: false, &app)
        }
        return actions
    }

    /// Sends a KeyUpdate and moves our write key on.
    static func send(requestPeer: Bool, _ app: inout ApplicationSecrets) throws(TLSError) -> [HandshakeAction] {
        app.writeSecret = TrafficSecret.next(app.parameters.hash, secret: app.writeSecret)
        return [
            .send(HandshakeMessage.keyUpdate(KeyUpdate(updateRequested: requestPeer)).encode()),
            .installWriteKeys(try RecordProtection(secret: app.writeSecret, parameters: app.parameters)),
        ]
    }
}

extension ClientMachine {
    /// A KeyUpdate from us (connected state only).
    mutating func sendKeyUpdate(requestPeer: Bool) throws(TLSError) -> [HandshakeAction] {
        guard case .connected(var app) = state else { throw .internal("KeyUpdate before the handshake completed") }
        let actions = try KeyUpdateHandler.send(requestPeer: requestPeer, &app)
        state = .connected(app)
        return actions
    }
}
