// SPDX-License-Identifier: Apache-2.0
// RecordLayer: record framing, size limits and per-direction protection (RFC 8446 §5.1, §5.2).

/// A record as read from the peer: its (inner) content type, content, and whether it was protected.
public struct Record: Hashable, Sendable {
    public var type: ContentType
    public var content: [UInt8]
    public var wasProtected: Bool

    public init(type: ContentType, content: [UInt8], wasProtected: Bool) {
        self.type = type
        self.content = content
        self.wasProtected = wasProtected
    }
}

/// Deframes incoming bytes into records and frames outgoing content. Sans-IO: callers feed bytes in and
/// take bytes out. The read buffer is bounded: at most one maximal record (plus header) is buffered.
public struct RecordLayer: Sendable {
    /// RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14.
    public static let maxPlaintext = 1 << 14
    /// RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256.
    public static let maxCiphertext = (1 << 14) + 256
    static let headerLength = 5

    var buffer: [UInt8] = []
    var start = 0
    public var readProtection: RecordProtection?
    public var writeProtection: RecordProtection?
    /// Zero padding added to every protected record we send (hides lengths; RFC 8446 §5.4).
    public var paddingLength = 0

    public init() {}

    /// Bytes buffered but not yet returned as records.
    public var bufferedCount: Int { buffer.count - start }

    /// Appends bytes received from the peer.
    public mutating func feed<C: Collection<UInt8>>(_ bytes: C) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete record, or nil when more bytes are needed.
    public mutating func nextRecord() throws(TLSError) -> Record? {
        guard bufferedCount >= Self.headerLength else { return nil }
        let type = ContentType(rawValue: buffer[start])
        // RFC 8446 §5.1: legacy_record_version is 0x0303, or 0x0301 in an initial ClientHello; we check only the
        // major byte, as deployed stacks do, to reject non-TLS traffic early.
        guard buffer[start + 1] == 0x03 else { throw .invalidMessage(.badValue("record version")) }
        let length = Int(buffer[start + 3]) << 8 | Int(buffer[start + 4])
        let limit = type == .applicationData && readProtection != nil ? Self.maxCiphertext : Self.maxPlaintext
        guard length <= limit else { throw .invalidMessage(.recordOverflow) }
        guard bufferedCount >= Self.headerLength + length else { return nil }
        let header = Array(buffer[start..<start + Self.headerLength])
        let fragment = Array(buffer[start + Self.headerLength..<start + Self.headerLength + length])
        start += Self.headerLength + length
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }

        switch type {
        case .applicationData:
            guard var protection = readProtection else { throw .peerMisbehaved(.unexpectedRecord(type)) }
            let (inner, content) = try protection.open(header: header, fragment: fragment)
            readProtection = protection
            return Record(type: inner, content: content, wasProtected: true)
        case .handshake, .alert, .changeCipherSpec:
            // RFC 8446 §5: once keys are in use, handshake records must be protected. Plaintext alerts stay
            // readable (a peer that failed before installing keys still tells us why) and ChangeCipherSpec is
            // judged by the connection (RFC 8446 §5: dropped during the handshake only).
            if type == .handshake && readProtection != nil { throw .peerMisbehaved(.unexpectedRecord(type)) }
            // RFC 8446 §5.1: zero-length fragments of handshake or alert type are forbidden.
            if type != .changeCipherSpec && fragment.isEmpty { throw .invalidMessage(.badLength) }
            return Record(type: type, content: fragment, wasProtected: false)
        default:
            throw .peerMisbehaved(.unexpectedRecord(type))
        }
    }

    /// Frames `content` as records of `type`, fragmenting at 2^14 bytes, protected if write keys are installed.
    /// `legacyVersion` is the version byte pair of unprotected records (0x0301 is customary for a first ClientHello).
    public mutating func seal(
        type: ContentType, content: [UInt8], legacyVersion: UInt16 = 0x0303
    ) throws(TLSError) -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        let padding = writeProtection == nil ? 0 : max(0, min(paddingLength, 255))
        repeat {
            let end = min(offset + Self.maxPlaintext - padding, content.count)
            let chunk = Array(content[offset..<end])
            if var protection = writeProtection {
                out += try protection.seal(type: type, content: chunk, padding: padding)
                writeProtection = protection
            } else {
                // RFC 8446 §5.1: legacy_record_version 0x0303 for all records but an initial ClientHello.
                out += [type.rawValue, UInt8(truncatingIfNeeded: legacyVersion >> 8), UInt8(truncatingIfNeeded: legacyVersion),
                    UInt8(truncatingIfNeeded: chunk.count >> 8),
                    UInt8(truncatingIfNeeded: chunk.count)]
                out += chunk
            }
            offset = end
        } while offset < content.count
        return out
    }
}
