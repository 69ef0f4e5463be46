// SPDX-License-Identifier: Apache-2.0
// A bounds-checked forward reader over a byte array for the fixed-layout SNP and TDX structures.

/// Reads little-endian integers and byte runs from `bytes`, throwing `.truncated` instead of trapping.
/// Used by every attestation parser so that no input can index out of range.
struct AttestationByteCursor {
    let bytes: [UInt8]
    private(set) var offset: Int
    /// One past the last byte this cursor may read.
    let end: Int

    init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }

    /// The next `count` bytes; advances.
    mutating func read(_ count: Int, _ what: String) throws(AttestationError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw .truncated(what, need: count, have: remaining) }
        let out = Array(bytes[offset..<(offset + count)])
        offset += count
        return out
    }

    /// The next `count` bytes as a slice of the underlying array; advances.
    mutating func readSlice(_ count: Int, _ what: String) throws(AttestationError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .truncated(what, need: count, have: remaining) }
        let out = bytes[offset..<(offset + count)]
        offset += count
        return out
    }

    mutating func readUInt8(_ what: String) throws(AttestationError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated(what, need: 1, have: remaining) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16(_ what: String) throws(AttestationError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readLittleEndian(2, what))
    }

    mutating func readUInt32(_ what: String) throws(AttestationError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(4, what))
    }

    mutating func readUInt64(_ what: String) throws(AttestationError) -> UInt64 {
        try readLittleEndian(8, what)
    }

    /// Skips `count` bytes that must all be zero (reserved fields).
    mutating func skipZeros(_ count: Int, _ what: String) throws(AttestationError) {
        let start = offset
        let run = try readSlice(count, what)
        guard let i = run.firstIndex(where: { $0 != 0 }) else { return }
        throw AttestationError(.reservedValue, "\(what) must be zero, byte at offset 0x\(String(i, radix: 16)) is 0x\(String(run[i], radix: 16)) (reserved area starts at 0x\(String(start, radix: 16)))")
    }

    private mutating func readLittleEndian(_ n: Int, _ what: String) throws(AttestationError) -> UInt64 {
        guard remaining >= n else { throw .truncated(what, need: n, have: remaining) }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += n
        return v
    }
}

/// Little-endian appends for the serialisers.
enum AttestationBytes {
    static func appendLittleEndian(_ v: UInt64, byteCount: Int, to out: inout [UInt8]) {
        for i in 0..<byteCount { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    /// Appends `field`, zero-padded or cut to exactly `size` bytes (fixed-width fields of a wire structure).
    static func appendFixed(_ field: [UInt8], size: Int, to out: inout [UInt8]) {
        let n = Swift.min(field.count, size)
        out.append(contentsOf: field[0..<n])
        if n < size { out.append(contentsOf: [UInt8](repeating: 0, count: size - n)) }
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
