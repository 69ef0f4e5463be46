// SPDX-License-Identifier: Apache-2.0
// SHA-512 (FIPS 180-4 §6.4): streaming and one-shot.

import ContrastSHA2Blocks

/// The SHA-512 hash function (64-byte digest, 128-byte blocks).
///
/// - CT: time depends only on the message length; message bytes do not leak.
public struct SHA512: HashFunction {
    public typealias Digest = SHA512Digest

    @usableFromInline var core: SHA512Core

    public static var blockByteCount: Int { 128 }
    public static var byteCount: Int { 64 }

    /// A fresh state with the initial hash value of FIPS 180-4 §5.3.5.
    @inlinable
    public init() {
        core = SHA512Core(state: SHA512CoreState(
            0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
            0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA512Digest {
        SHA512Digest(storage: core.finalize(count: 64))
    }
}
