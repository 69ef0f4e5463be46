// SPDX-License-Identifier: Apache-2.0
// SHA-256 (FIPS 180-4 §6.2): streaming and one-shot.

import ContrastSHA2Blocks

/// The SHA-256 hash function (32-byte digest, 64-byte blocks).
///
/// - CT: time depends only on the message length; message bytes do not leak.
public struct SHA256: HashFunction {
    public typealias Digest = SHA256Digest

    @usableFromInline var core: SHA256Core

    public static var blockByteCount: Int { 64 }
    public static var byteCount: Int { 32 }

    /// A fresh state with the initial hash value of FIPS 180-4 §5.3.3.
    @inlinable
    public init() {
        core = SHA256Core(state: SHA256CoreState(
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA256Digest {
        SHA256Digest(storage: core.finalize(count: 32))
    }
}
