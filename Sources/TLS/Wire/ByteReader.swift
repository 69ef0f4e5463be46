// SPDX-License-Identifier: Apache-2.0
// ByteReader: bounds-checked big-endian reads of the TLS presentation language (RFC 8446 §3).

/// Reads integers and length-prefixed vectors from a byte slice. Every read checks the remaining length
/// and throws `.invalidMessage(.truncated)` instead of trapping; nothing here depends on secrets.
public struct ByteReader: Sendable {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var position: Int
    @usableFromInline let end: Int

    /// A reader over all of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
    }

    init(bytes: [UInt8], start: Int, end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    /// Bytes not yet read.
    public var remaining: Int { end - position }
    /// True when everything has been read.
    public var isAtEnd: Bool { position >= end }

    public mutating func readU8() throws(TLSError) -> UInt8 {
        guard remaining >= 1 else { throw .invalidMessage(.truncated) }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func readU16() throws(TLSError) -> UInt16 {
        guard remaining >= 2 else { throw .invalidMessage(.truncated) }
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    public mutating func readU24() throws(TLSError) -> Int {
        guard remaining >= 3 else { throw .invalidMessage(.truncated) }
        defer { position += 3 }
        return Int(bytes[position]) << 16 | Int(bytes[position + 1]) << 8 | Int(bytes[position + 2])
    }

    public mutating func readU32() throws(TLSError) -> UInt32 {
        let hi = UInt32(try readU16())
        let lo = UInt32(try readU16())
        return hi << 16 | lo
    }

    /// Reads exactly `count` bytes.
    public mutating func readBytes(_ count: Int) throws(TLSError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .invalidMessage(.truncated) }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Reads everything left.
    public mutating func readRest() -> [UInt8] {
        defer { position = end }
        return Array(bytes[position..<end])
    }

    /// Reads a vector with a 1-, 2- or 3-byte length prefix, returning its body bytes.
    public mutating func readVector(lengthBytes: Int) throws(TLSError) -> [UInt8] {
        try readBytes(try readLength(lengthBytes))
    }

    /// Reads a vector with a 1-, 2- or 3-byte length prefix, returning a reader over its body.
    public mutating func readSubReader(lengthBytes: Int) throws(TLSError) -> ByteReader {
        let n = try readLength(lengthBytes)
        guard remaining >= n else { throw .invalidMessage(.truncated) }
        defer { position += n }
        return ByteReader(bytes: bytes, start: position, end: position + n)
    }

    /// Throws `.trailingBytes` unless everything has been read (RFC 8446 §4: no trailing data in messages).
    public func expectEnd() throws(TLSError) {
        guard isAtEnd else { throw .invalidMessage(.trailingBytes) }
    }

    private mutating func readLength(_ lengthBytes: Int) throws(TLSError) -> Int {
        switch lengthBytes {
        case 1: return Int(try readU8())
        case 2: return Int(try readU16())
        case 3: return try readU24()
        default: throw .internal("ByteReader: length prefix of \(lengthBytes) bytes")
        }
    }
}
