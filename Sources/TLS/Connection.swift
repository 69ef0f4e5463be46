// SPDX-License-Identifier: Apache-2.0
// TLSConnection: the sans-IO engine around a handshake machine (RFC 8446 §5, §6; STYLE.md §8.5).

import ContrastCrypto

/// One TLS 1.3 connection without I/O: feed received bytes with `receive`, send what `takeOutgoing`
/// returns, read plaintext with `readApplicationData`, write with `write`. Handshake messages may arrive
/// fragmented across records or coalesced in one; both are reassembled here. The first error is sticky:
/// the matching alert (derived from the error in one place, `TLSError.alert`) is queued for sending.
public struct TLSConnection {
    enum Machine {
        case client(ClientMachine)
        case server(ServerMachine)
    }

    var machine: Machine
    var records = RecordLayer()
    var handshakeBuffer: [UInt8] = []
    var pendingHandshake: [UInt8] = []
    var outgoing: [UInt8] = []
    var plaintext: [UInt8] = []
    var sentAnyRecord = false
    var emptyRecords = 0
    var changeCipherSpecs = 0
    /// Test hook: rewrites each outgoing handshake message after it entered our transcript (scripted peers).
    package var outgoingHandshakeHook: ((inout [UInt8]) -> Void)?

    /// Set once the handshake completed.
    public private(set) var summary: HandshakeSummary?
    /// The error that ended the connection, if any.
    public private(set) var error: TLSError?
    /// True after the peer's close_notify.
    public private(set) var peerClosed = false
    /// True after we sent close_notify.
    public private(set) var closed = false
    /// Upper bound on received-but-unread application data (bounded buffers, DESIGN.md §7).
    public var maxBufferedPlaintext = 1 << 20

    /// A client connection; the ClientHello is ready in `takeOutgoing()` right away.
    public init(client configuration: TLSConfiguration, random: any RandomSource) throws(TLSError) {
        try self.init(client: ClientMachine(configuration: configuration, random: random))
    }

    /// A client connection over a prepared machine (tests set hooks on it).
    package init(client: ClientMachine) throws(TLSError) {
        var m = client
        let actions = try m.start()
        machine = .client(m)
        try apply(actions)
    }

    /// A server connection waiting for a ClientHello.
    public init(server configuration: TLSConfiguration, random: any RandomSource) {
        machine = .server(ServerMachine(configuration: configuration, random: random))
    }

    package init(server: ServerMachine) {
        machine = .server(server)
    }

    public var isHandshakeComplete: Bool { summary != nil }

    /// Bytes to send to the peer (drains the buffer).
    public mutating func takeOutgoing() -> [UInt8] {
        defer { outgoing = [] }
        return outgoing
    }

    /// True when there are bytes to send.
    public var hasOutgoing: Bool { !outgoing.isEmpty }

    /// Received application data (drains the buffer).
    public mutating func readApplicationData() -> [UInt8] {
        defer { plaintext = [] }
        return plaintext
    }

    /// Processes bytes from the peer. On error the connection is failed for good and an alert is queued.
    public mutating func receive<C: Collection<UInt8>>(_ bytes: C) throws(TLSError) {
        if let error { throw error }
        // RFC 8446 §6.1: after close_notify the peer sends nothing more.
        if peerClosed && !bytes.isEmpty { throw fail(.peerMisbehaved(.dataAfterCloseNotify)) }
        records.feed(bytes)
        do {
            while let record = try records.nextRecord() {
                try process(record)
            }
        } catch {
            throw fail(error)
        }
    }

    /// The transport reached end of stream. Without the peer's close_notify that is a truncation
    /// (RFC 8446 §6.1), reported as an error; after close_notify it is the normal end.
    public mutating func receiveEndOfStream() throws(TLSError) {
        if let error { throw error }
        guard peerClosed else { throw fail(.invalidMessage(.truncated)) }
    }

    /// Encrypts application data for sending.
    public mutating func write(_ data: [UInt8]) throws(TLSError) {
        if let error { throw error }
        guard summary != nil else { throw .internal("write before the handshake completed") }
        guard !closed else { throw .closed }
        outgoing += try records.seal(type: .applicationData, content: data)
    }

    /// Sends close_notify (RFC 8446 §6.1). Further writes fail.
    public mutating func close() {
        guard !closed, error == nil else { return }
        closed = true
        if let bytes = try? records.seal(type: .alert, content: [1, AlertDescription.closeNotify.rawValue]) {
            outgoing += bytes
        }
    }

    /// Sends a KeyUpdate, optionally asking the peer to update too (RFC 8446 §4.6.3).
    public mutating func updateKeys(requestPeerUpdate: Bool) throws(TLSError) {
        if let error { throw error }
        guard summary != nil, !closed else { throw .internal("KeyUpdate outside an open connection") }
        let actions: [HandshakeAction]
        switch machine {
        case .client(var m):
            actions = try m.sendKeyUpdate(requestPeer: requestPeerUpdate)
            machine = .client(m)
        case .server(var m):
            actions = try m.sendKeyUpdate(requestPeer: requestPeerUpdate)
            machine = .server(m)
        }
        try apply(actions)
    }

    /// TLS-Exporter (RFC 8446 §7.5).
    public func exportKeyingMaterial(label: String, context: [UInt8], length: Int) throws(TLSError) -> [UInt8] {
        guard let summary else { throw .internal("exporter before the handshake completed") }
        return try summary.exporter.export(label: label, context: context, length: length)
    }

    private mutating func fail(_ e: TLSError) -> TLSError {
        if error == nil {
            error = e
            if let alert = e.alert, let bytes = try? records.seal(type: .alert, content: [2, alert.rawValue]) {
                outgoing += bytes
            }
        }
        return error ?? e
    }

    private mutating func process(_ record: Record) throws(TLSError) {
        // RFC 8446 §6.1: nothing may follow close_notify.
        guard !peerClosed else { throw .peerMisbehaved(.dataAfterCloseNotify) }
        // RFC 8446 §5.1: handshake messages may not be interleaved with other record types.
        if record.type != .handshake && !handshakeBuffer.isEmpty {
            throw .peerMisbehaved(.unexpectedRecord(record.type))
        }
        switch record.type {
        case .changeCipherSpec:
            // RFC 8446 §5: a single-byte 0x01 unprotected CCS is dropped during the handshake; anything else,
            // or one after the handshake, is unexpected_message. We bound how many we tolerate.
            changeCipherSpecs += 1
            guard !record.wasProtected, summary == nil, record.content == [1], changeCipherSpecs <= 2 else {
                throw .peerMisbehaved(.unexpectedRecord(.changeCipherSpec))
            }
        case .alert:
            // RFC 8446 §6: an alert is two bytes; plaintext alerts only while keys may still be out of sync.
            guard record.content.count == 2 else { throw .invalidMessage(.badLength) }
            guard record.wasProtected || summary == nil else { throw .peerMisbehaved(.unexpectedRecord(.alert)) }
            let description = AlertDescription(rawValue: record.content[1])
            if description == .closeNotify && summary != nil {
                peerClosed = true
                return
            }
            // RFC 8446 §6.2: any other alert (and close_notify mid-handshake) ends the connection; no reply.
            error = .alertReceived(description)
            throw .alertReceived(description)
        case .handshake:
            guard !record.content.isEmpty else { throw .invalidMessage(.badLength) }
            handshakeBuffer += record.content
            try drainHandshakeMessages()
        case .applicationData:
            guard summary != nil else { throw .peerMisbehaved(.unexpectedRecord(.applicationData)) }
            if record.content.isEmpty {
                emptyRecords += 1
                guard emptyRecords <= 32 else { throw .peerMisbehaved(.tooManyEmptyRecords) }
                return
            }
            emptyRecords = 0
            guard plaintext.count + record.content.count <= maxBufferedPlaintext else {
                throw .internal("application data buffer full")
            }
            plaintext += record.content
        default:
            throw .peerMisbehaved(.unexpectedRecord(record.type))
        }
    }

    private mutating func drainHandshakeMessages() throws(TLSError) {
        while handshakeBuffer.count >= 4 {
            let length = Int(handshakeBuffer[1]) << 16 | Int(handshakeBuffer[2]) << 8 | Int(handshakeBuffer[3])
            guard length <= HandshakeMessage.maximumBodyLength else { throw .invalidMessage(.messageTooLarge) }
            guard handshakeBuffer.count >= 4 + length else { return }
            let raw = Array(handshakeBuffer[0..<4 + length])
            handshakeBuffer.removeFirst(4 + length)
            let message = try HandshakeMessage.decode(raw)
            let actions: [HandshakeAction]
            switch machine {
            case .client(var m):
                actions = try m.handle(message, raw: raw)
                machine = .client(m)
            case .server(var m):
                actions = try m.handle(message, raw: raw)
                machine = .server(m)
            }
            let keysChanged = actions.contains { if case .installReadKeys = $0 { return true } else { return false } }
            // RFC 8446 §5.1: handshake messages must not span a key change.
            if keysChanged && !handshakeBuffer.isEmpty { throw .peerMisbehaved(.handshakeAcrossKeyChange) }
            try apply(actions)
        }
    }

    private mutating func flushHandshake() throws(TLSError) {
        guard !pendingHandshake.isEmpty else { return }
        // RFC 8446 §5.1: 0x0301 is customary in the record carrying the first ClientHello.
        let version: UInt16 = sentAnyRecord ? 0x0303 : 0x0301
        outgoing += try records.seal(type: .handshake, content: pendingHandshake, legacyVersion: version)
        pendingHandshake = []
        sentAnyRecord = true
    }

    private mutating func apply(_ actions: [HandshakeAction]) throws(TLSError) {
        for action in actions {
            switch action {
            case .send(var bytes):
                outgoingHandshakeHook?(&bytes)
                pendingHandshake += bytes
            case .sendChangeCipherSpec:
                try flushHandshake()
                outgoing += [ContentType.changeCipherSpec.rawValue, 3, 3, 0, 1, 1]
                sentAnyRecord = true
            case .installWriteKeys(let p):
                try flushHandshake()
                records.writeProtection = p
            case .installReadKeys(let p):
                records.readProtection = p
            case .complete(let s):
                summary = s
            }
        }
        try flushHandshake()
    }
}
