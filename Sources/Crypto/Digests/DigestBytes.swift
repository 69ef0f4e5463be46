// SPDX-License-Identifier: Apache-2.0
// Fixed inline storage for digests (up to 64 bytes) so that finalising a hash never allocates.

/// Up to 64 digest bytes kept inline (no heap allocation). Only the first `count` bytes are meaningful;
/// the rest are zero.
@usableFromInline
package struct DigestBytes: Sendable {
    @usableFromInline
    package var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    @inlinable
    package init() {}

    /// Storage holding a copy of `bytes` (at most 64 bytes).
    @inlinable
    package init(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= 64, "DigestBytes: at most 64 bytes")  // callers pass digest-sized buffers
        Swift.withUnsafeMutableBytes(of: &words) { dst in
            UnsafeMutableRawBufferPointer(rebasing: dst[0..<bytes.count]).copyMemory(from: bytes)
        }
    }

    /// Gives access to the first `count` bytes.
    @inlinable
    package func withUnsafeBytes<R>(count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = words
        return try Swift.withUnsafeBytes(of: &copy) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Byte `index` (must be below 64).
    @inlinable
    package func byte(at index: Int) -> UInt8 {
        let word = index &>> 3
        let v: UInt64
        switch word {  // public: the index is a public position, not a secret
        case 0: v = words.0
        case 1: v = words.1
        case 2: v = words.2
        case 3: v = words.3
        case 4: v = words.4
        case 5: v = words.5
        case 6: v = words.6
        default: v = words.7
        }
        // Words are stored in memory order; on a little-endian host byte k of a word is bits 8k..8k+7.
        return UInt8(truncatingIfNeeded: UInt64(littleEndian: v) &>> (UInt64(index & 7) &* 8))
    }

    /// Constant-time equality of the first `count` bytes.
    /// - CT: time depends only on `count`; the byte values do not leak.
    @inlinable
    package func constantTimeEquals(_ other: DigestBytes, count: Int) -> Bool {
        withUnsafeBytes(count: count) { a in
            other.withUnsafeBytes(count: count) { b in ConstantTime.equals(a, b) }
        }
    }

    @inlinable
    package func hash(into hasher: inout Hasher, count: Int) {
        withUnsafeBytes(count: count) { hasher.combine(bytes: $0) }
    }
}

/// Iterates over the bytes of a digest or authentication code.
public struct DigestIterator: IteratorProtocol, Sendable {
    @usableFromInline let storage: DigestBytes
    @usableFromInline let count: Int
    @usableFromInline var index = 0

    @inlinable
    init(storage: DigestBytes, count: Int) {
        self.storage = storage
        self.count = count
    }

    @inlinable
    public mutating func next() -> UInt8? {
        guard index < count else { return nil }
        defer { index += 1 }
        return storage.byte(at: index)
    }
}
