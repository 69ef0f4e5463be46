// SPDX-License-Identifier: Apache-2.0
// ByteWriter: big-endian writes with length back-patching for TLS vectors (RFC 8446 §3.4).

/// Appends integers and vectors. `lengthPrefixed(_:_:)` reserves the prefix, runs the body and then writes
/// the body's length into the reserved bytes, so nested vectors need no precomputed sizes.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func writeU8(_ v: UInt8) { bytes.append(v) }

    public mutating func writeU16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    public mutating func writeU24(_ v: Int) {
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    public mutating func writeU32(_ v: UInt32) {
        writeU16(UInt16(truncatingIfNeeded: v >> 16))
        writeU16(UInt16(truncatingIfNeeded: v))
    }

    public mutating func writeBytes<C: Collection<UInt8>>(_ b: C) { bytes.append(contentsOf: b) }

    /// Writes a vector whose 1-, 2- or 3-byte length prefix is patched in after `body` ran.
    /// - Precondition: the body fits the prefix. Our encoders only write bodies bounded by the protocol's own
    ///   limits (at most 2^24-1 for handshake messages), so an overflow is a programming error.
    public mutating func lengthPrefixed(_ lengthBytes: Int, _ body: (inout ByteWriter) -> Void) {
        let start = bytes.count
        for _ in 0..<lengthBytes { bytes.append(0) }
        body(&self)
        let length = bytes.count - start - lengthBytes
        precondition(length < 1 << (8 * lengthBytes), "ByteWriter: vector of \(length) bytes overflows its prefix")
        for i in 0..<lengthBytes {
            bytes[start + i] = UInt8(truncatingIfNeeded: length >> (8 * (lengthBytes - 1 - i)))
        }
    }

    /// Writes `b` as a vector with a `lengthBytes`-byte prefix.
    public mutating func writeVector<C: Collection<UInt8>>(_ lengthBytes: Int, _ b: C) {
        lengthPrefixed(lengthBytes) { $0.writeBytes(b) }
    }
}
