// SPDX-License-Identifier: Apache-2.0
// Extensions: the generic extension list and the typed bodies we use (RFC 8446 §4.2, RFC 6066 §3, RFC 7301 §3.1).

/// One extension as it appears on the wire. Typed bodies are read and written by the `TLSExtensions`
/// helpers below; unknown extensions keep their bytes so that they round-trip.
public struct Extension: Hashable, Sendable {
    public var type: ExtensionType
    public var data: [UInt8]
    public init(type: ExtensionType, data: [UInt8]) {
        self.type = type
        self.data = data
    }
}

/// A key share (RFC 8446 §4.2.8).
public struct KeyShareEntry: Hashable, Sendable {
    public var group: NamedGroup
    public var keyExchange: [UInt8]
    public init(group: NamedGroup, keyExchange: [UInt8]) {
        self.group = group
        self.keyExchange = keyExchange
    }
}

extension Array where Element == Extension {
    /// The extension of `type`, if present.
    public func first(_ type: ExtensionType) -> Extension? { first { $0.type == type } }

    /// Reads an `Extension extensions<0..2^16-1>` list. RFC 8446 §4.2: there MUST NOT be more than one
    /// extension of the same type.
    static func decode(from r: inout ByteReader) throws(TLSError) -> [Extension] {
        var body = try r.readSubReader(lengthBytes: 2)
        var out: [Extension] = []
        var seen = Set<UInt16>()
        while !body.isAtEnd {
            let type = ExtensionType(rawValue: try body.readU16())
            let data = try body.readVector(lengthBytes: 2)
            guard seen.insert(type.rawValue).inserted else { throw .invalidMessage(.duplicateExtension(type)) }
            out.append(Extension(type: type, data: data))
        }
        return out
    }

    func encode(into w: inout ByteWriter) {
        w.lengthPrefixed(2) { w in
            for e in self {
                w.writeU16(e.type.rawValue)
                w.writeVector(2, e.data)
            }
        }
    }
}

/// Builders and readers of typed extension bodies.
public enum TLSExtensions {
    // MARK: builders

    public static func supportedVersionsClient(_ versions: [ProtocolVersion]) -> Extension {
        var w = ByteWriter()
        w.lengthPrefixed(1) { w in for v in versions { w.writeU16(v.rawValue) } }
        return Extension(type: .supportedVersions, data: w.bytes)
    }

    public static func supportedVersionsServer(_ version: ProtocolVersion) -> Extension {
        var w = ByteWriter()
        w.writeU16(version.rawValue)
        return Extension(type: .supportedVersions, data: w.bytes)
    }

    public static func supportedGroups(_ groups: [NamedGroup]) -> Extension {
        Extension(type: .supportedGroups, data: u16List(groups.map(\.rawValue)))
    }

    public static func signatureAlgorithms(_ schemes: [SignatureScheme], cert: Bool = false) -> Extension {
        Extension(type: cert ? .signatureAlgorithmsCert : .signatureAlgorithms, data: u16List(schemes.map(\.rawValue)))
    }

    public static func keyShareClient(_ shares: [KeyShareEntry]) -> Extension {
        var w = ByteWriter()
        w.lengthPrefixed(2) { w in for s in shares { writeShare(s, &w) } }
        return Extension(type: .keyShare, data: w.bytes)
    }

    public static func keyShareServer(_ share: KeyShareEntry) -> Extension {
        var w = ByteWriter()
        writeShare(share, &w)
        return Extension(type: .keyShare, data: w.bytes)
    }

    public static func keyShareHelloRetry(_ group: NamedGroup) -> Extension {
        var w = ByteWriter()
        w.writeU16(group.rawValue)
        return Extension(type: .keyShare, data: w.bytes)
    }

    /// server_name with one host_name entry (RFC 6066 §3).
    public static func serverName(_ host: String) -> Extension {
        var w = ByteWriter()
        w.lengthPrefixed(2) { w in
            w.writeU8(0)  // host_name
            w.writeVector(2, Array(host.utf8))
        }
        return Extension(type: .serverName, data: w.bytes)
    }

    /// The empty server_name a server returns when it used the name (RFC 6066 §3).
    public static var serverNameAck: Extension { Extension(type: .serverName, data: []) }

    public static func alpn(_ protocols: [[UInt8]]) -> Extension {
        var w = ByteWriter()
        w.lengthPrefixed(2) { w in for p in protocols { w.writeVector(1, p) } }
        return Extension(type: .applicationLayerProtocolNegotiation, data: w.bytes)
    }

    /// certificate_authorities: DER distinguished names (RFC 8446 §4.2.4).
    public static func certificateAuthorities(_ names: [[UInt8]]) -> Extension {
        var w = ByteWriter()
        w.lengthPrefixed(2) { w in for n in names { w.writeVector(2, n) } }
        return Extension(type: .certificateAuthorities, data: w.bytes)
    }

    public static func cookie(_ cookie: [UInt8]) -> Extension {
        var w = ByteWriter()
        w.writeVector(2, cookie)
        return Extension(type: .cookie, data: w.bytes)
    }

    // MARK: readers (each consumes the whole body: trailing bytes are a decode_error)

    public static func readSupportedVersionsClient(_ e: Extension) throws(TLSError) -> [ProtocolVersion] {
        var r = ByteReader(e.data)
        var list = try r.readSubReader(lengthBytes: 1)
        try r.expectEnd()
        guard list.remaining >= 2, list.remaining % 2 == 0 else { throw .invalidMessage(.badLength) }
        var out: [ProtocolVersion] = []
        while !list.isAtEnd { out.append(ProtocolVersion(rawValue: try list.readU16())) }
        return out
    }

    public static func readSupportedVersionsServer(_ e: Extension) throws(TLSError) -> ProtocolVersion {
        var r = ByteReader(e.data)
        let v = ProtocolVersion(rawValue: try r.readU16())
        try r.expectEnd()
        return v
    }

    public static func readSupportedGroups(_ e: Extension) throws(TLSError) -> [NamedGroup] {
        try readU16List(e.data).map(NamedGroup.init(rawValue:))
    }

    public static func readSignatureAlgorithms(_ e: Extension) throws(TLSError) -> [SignatureScheme] {
        try readU16List(e.data).map(SignatureScheme.init(rawValue:))
    }

    public static func readKeyShareClient(_ e: Extension) throws(TLSError) -> [KeyShareEntry] {
        var r = ByteReader(e.data)
        var list = try r.readSubReader(lengthBytes: 2)
        try r.expectEnd()
        var out: [KeyShareEntry] = []
        while !list.isAtEnd {
            let s = try readShare(&list)
            // RFC 8446 §4.2.8: clients MUST NOT offer multiple KeyShareEntry values for the same group.
            guard !out.contains(where: { $0.group == s.group }) else {
                throw .peerMisbehaved(.illegalParameter("two key shares for \(s.group)"))
            }
            out.append(s)
        }
        return out
    }

    public static func readKeyShareServer(_ e: Extension) throws(TLSError) -> KeyShareEntry {
        var r = ByteReader(e.data)
        let s = try readShare(&r)
        try r.expectEnd()
        return s
    }

    public static func readKeyShareHelloRetry(_ e: Extension) throws(TLSError) -> NamedGroup {
        var r = ByteReader(e.data)
        let g = NamedGroup(rawValue: try r.readU16())
        try r.expectEnd()
        return g
    }

    /// The first host_name in a server_name extension, or nil for the empty acknowledgement.
    public static func readServerName(_ e: Extension) throws(TLSError) -> String? {
        if e.data.isEmpty { return nil }
        var r = ByteReader(e.data)
        var list = try r.readSubReader(lengthBytes: 2)
        try r.expectEnd()
        guard !list.isAtEnd else { throw .invalidMessage(.emptyVector) }
        var host: String?
        while !list.isAtEnd {
            let type = try list.readU8()
            let name = try list.readVector(lengthBytes: 2)
            guard type == 0, host == nil else { continue }
            guard !name.isEmpty, let s = String(validating: name, as: UTF8.self) else {
                throw .invalidMessage(.badValue("server_name"))
            }
            host = s
        }
        return host
    }

    public static func readALPN(_ e: Extension) throws(TLSError) -> [[UInt8]] {
        var r = ByteReader(e.data)
        var list = try r.readSubReader(lengthBytes: 2)
        try r.expectEnd()
        guard !list.isAtEnd else { throw .invalidMessage(.emptyVector) }
        var out: [[UInt8]] = []
        while !list.isAtEnd {
            let p = try list.readVector(lengthBytes: 1)
            guard !p.isEmpty else { throw .invalidMessage(.emptyVector) }  // RFC 7301 §3.1: ProtocolName<1..2^8-1>
            out.append(p)
        }
        return out
    }

    public static func readCertificateAuthorities(_ e: Extension) throws(TLSError) -> [[UInt8]] {
        var r = ByteReader(e.data)
        var list = try r.readSubReader(lengthBytes: 2)
        try r.expectEnd()
        guard !list.isAtEnd else { throw .invalidMessage(.emptyVector) }
        var out: [[UInt8]] = []
        while !list.isAtEnd {
            let n = try list.readVector(lengthBytes: 2)
            guard !n.isEmpty else { throw .invalidMessage(.emptyVector) }  // DistinguishedName<1..2^16-1>
            out.append(n)
        }
        return out
    }

    public static func readCookie(_ e: Extension) throws(TLSError) -> [UInt8] {
        var r = ByteReader(e.data)
        let c = try r.readVector(lengthBytes: 2)
        try r.expectEnd()
        guard !c.isEmpty else { throw .invalidMessage(.emptyVector) }
        return c
    }

    // MARK: helpers

    static func u16List(_ values: [UInt16]) -> [UInt8] {
        var w = ByteWriter()
        w.lengthPrefixed(2) { w in for v in values { w.writeU16(v) } }
        return w.bytes
    }

    static func readU16List(_ data: [UInt8]) throws(TLSError) -> [UInt16] {
        var r = ByteReader(data)
        var list = try r.readSubReader(lengthBytes: 2)
        try r.expectEnd()
        guard list.remaining >= 2, list.remaining % 2 == 0 else { throw .invalidMessage(.badLength) }
        var out: [UInt16] = []
        while !list.isAtEnd { out.append(try list.readU16()) }
        return out
    }

    static func writeShare(_ s: KeyShareEntry, _ w: inout ByteWriter) {
        w.writeU16(s.group.rawValue)
        w.writeVector(2, s.keyExchange)
    }

    static func readShare(_ r: inout ByteReader) throws(TLSError) -> KeyShareEntry {
        let g = NamedGroup(rawValue: try r.readU16())
        let k = try r.readVector(lengthBytes: 2)
        guard !k.isEmpty else { throw .invalidMessage(.emptyVector) }  // key_exchange<1..2^16-1>
        return KeyShareEntry(group: g, keyExchange: k)
    }
}
