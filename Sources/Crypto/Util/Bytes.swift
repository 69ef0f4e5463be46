// SPDX-License-Identifier: Apache-2.0
// Big- and little-endian loads and stores on byte arrays (no Foundation).

/// Fixed-width integer loads and stores. Callers check bounds; these are for hot loops.
public enum Bytes {
    /// Reads a big-endian `UInt32` at `offset`.
    @inlinable @inline(__always)
    public static func loadBigEndian32(_ p: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Reads a big-endian `UInt64` at `offset`.
    @inlinable @inline(__always)
    public static func loadBigEndian64(_ p: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Reads a little-endian `UInt32` at `offset`.
    @inlinable @inline(__always)
    public static func loadLittleEndian32(_ p: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Reads a little-endian `UInt64` at `offset`.
    @inlinable @inline(__always)
    public static func loadLittleEndian64(_ p: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Appends `value` big-endian.
    @inlinable
    public static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var v = value.bigEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }

    /// Appends `value` little-endian.
    @inlinable
    public static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }
}
