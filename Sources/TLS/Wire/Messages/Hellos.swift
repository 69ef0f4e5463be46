// SPDX-License-Identifier: Apache-2.0
// ClientHello and ServerHello (including HelloRetryRequest) bodies (RFC 8446 §4.1.2, §4.1.3, §4.1.4).

/// ClientHello (RFC 8446 §4.1.2).
public struct ClientHello: Hashable, Sendable {
    public var legacyVersion: ProtocolVersion = .tls12
    public var random: [UInt8]
    public var legacySessionID: [UInt8]
    public var cipherSuites: [CipherSuite]
    public var legacyCompressionMethods: [UInt8] = [0]
    public var extensions: [Extension]

    public init(random: [UInt8], legacySessionID: [UInt8], cipherSuites: [CipherSuite], extensions: [Extension]) {
        self.random = random
        self.legacySessionID = legacySessionID
        self.cipherSuites = cipherSuites
        self.extensions = extensions
    }

    func encodeBody(into w: inout ByteWriter) {
        w.writeU16(legacyVersion.rawValue)
        w.writeBytes(random)
        w.writeVector(1, legacySessionID)
        w.lengthPrefixed(2) { w in for s in cipherSuites { w.writeU16(s.rawValue) } }
        w.writeVector(1, legacyCompressionMethods)
        extensions.encode(into: &w)
    }

    static func decodeBody(_ r: inout ByteReader) throws(TLSError) -> ClientHello {
        let version = ProtocolVersion(rawValue: try r.readU16())
        let random = try r.readBytes(32)
        let sessionID = try r.readVector(lengthBytes: 1)
        guard sessionID.count <= 32 else { throw .invalidMessage(.badLength) }  // legacy_session_id<0..32>
        var suites = try r.readSubReader(lengthBytes: 2)
        guard suites.remaining >= 2, suites.remaining % 2 == 0 else { throw .invalidMessage(.badLength) }
        var cipherSuites: [CipherSuite] = []
        while !suites.isAtEnd { cipherSuites.append(CipherSuite(rawValue: try suites.readU16())) }
        let compression = try r.readVector(lengthBytes: 1)
        guard !compression.isEmpty else { throw .invalidMessage(.emptyVector) }
        // RFC 8446 §4.1.2: a ClientHello without extensions is a TLS 1.2-or-older hello; keep it parseable.
        let extensions: [Extension] = r.isAtEnd ? [] : try [Extension].decode(from: &r)
        var hello = ClientHello(
            random: random, legacySessionID: sessionID, cipherSuites: cipherSuites, extensions: extensions)
        hello.legacyVersion = version
        hello.legacyCompressionMethods = compression
        return hello
    }
}

/// ServerHello, or HelloRetryRequest when `random` is the special value (RFC 8446 §4.1.3).
public struct ServerHello: Hashable, Sendable {
    /// SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 §4.1.3).
    public static let helloRetryRequestRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    public var legacyVersion: ProtocolVersion = .tls12
    public var random: [UInt8]
    public var legacySessionIDEcho: [UInt8]
    public var cipherSuite: CipherSuite
    public var legacyCompressionMethod: UInt8 = 0
    public var extensions: [Extension]

    public init(random: [UInt8], legacySessionIDEcho: [UInt8], cipherSuite: CipherSuite, extensions: [Extension]) {
        self.random = random
        self.legacySessionIDEcho = legacySessionIDEcho
        self.cipherSuite = cipherSuite
        self.extensions = extensions
    }

    /// True for a HelloRetryRequest.
    public var isHelloRetryRequest: Bool { random == ServerHello.helloRetryRequestRandom }

    func encodeBody(into w: inout ByteWriter) {
        w.writeU16(legacyVersion.rawValue)
        w.writeBytes(random)
        w.writeVector(1, legacySessionIDEcho)
        w.writeU16(cipherSuite.rawValue)
        w.writeU8(legacyCompressionMethod)
        extensions.encode(into: &w)
    }

    static func decodeBody(_ r: inout ByteReader) throws(TLSError) -> ServerHello {
        let version = ProtocolVersion(rawValue: try r.readU16())
        let random = try r.readBytes(32)
        let sessionID = try r.readVector(lengthBytes: 1)
        guard sessionID.count <= 32 else { throw .invalidMessage(.badLength) }
        let suite = CipherSuite(rawValue: try r.readU16())
        let compression = try r.readU8()
        let extensions: [Extension] = r.isAtEnd ? [] : try [Extension].decode(from: &r)
        var hello = ServerHello(random: random, legacySessionIDEcho: sessionID, cipherSuite: suite, extensions: extensions)
        hello.legacyVersion = version
        hello.legacyCompressionMethod = compression
        return hello
    }
}
