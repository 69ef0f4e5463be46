// SPDX-License-Identifier: Apache-2.0
// The `HashFunction` and `Digest` protocols (swift-crypto's shape) for the FIPS 180-4 SHA-2 family.

/// The output of a hash function: a fixed-size byte string.
///
/// Equality is constant-time in the digest bytes (digests are often compared against secrets, e.g. MACs
/// built from them), so `==` never exits early.
public protocol Digest: Hashable, Sendable, Sequence where Element == UInt8 {
    /// Length of the digest in bytes.
    static var byteCount: Int { get }
    /// Gives temporary access to the digest bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Digest {
    /// A copy of the digest bytes.
    @inlinable
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lower-case hex of the digest.
    public var hexString: String { bytes.hexString }
}

/// A streaming cryptographic hash function (FIPS 180-4 §6).
///
/// Use either the one-shot `hash(data:)` or `init()`, any number of `update` calls and one `finalize()`.
/// `finalize()` does not consume the value: a copy of the state may be finalised while the original
/// continues (HMAC and the TLS transcript rely on this).
public protocol HashFunction: Sendable {
    /// The digest type this function produces.
    associatedtype Digest: ContrastCrypto.Digest
    /// Size of one compression-function block in bytes (64 for SHA-224/256, 128 for SHA-384/512).
    static var blockByteCount: Int { get }
    /// Digest size in bytes.
    static var byteCount: Int { get }
    /// A fresh hash state.
    init()
    /// Absorbs the bytes of `bufferPointer`.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)
    /// Returns the digest of everything absorbed so far, leaving `self` unchanged.
    func finalize() -> Digest
}

extension HashFunction {
    /// Absorbs `data`. Contiguous collections (`[UInt8]`, `ArraySlice`, `UnsafeBufferPointer`) are read in
    /// place; others are copied once.
    @inlinable
    public mutating func update(data: some Collection<UInt8>) {
        let done: Void? = data.withContiguousStorageIfAvailable { buffer in
            self.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(data).withUnsafeBytes { self.update(bufferPointer: $0) }
        }
    }

    /// The digest of `data` in one call.
    @inlinable
    public static func hash(data: some Collection<UInt8>) -> Digest {
        var h = Self()
        h.update(data: data)
        return h.finalize()
    }

    /// The digest of the bytes of `bufferPointer` in one call.
    @inlinable
    public static func hash(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        var h = Self()
        h.update(bufferPointer: bufferPointer)
        return h.finalize()
    }
}
