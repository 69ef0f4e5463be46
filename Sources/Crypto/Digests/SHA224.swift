// SPDX-License-Identifier: Apache-2.0
// SHA-224 (FIPS 180-4 §6.3): streaming and one-shot.

import ContrastSHA2Blocks

/// The SHA-224 hash function (28-byte digest, 64-byte blocks).
///
/// - CT: time depends only on the message length; message bytes do not leak.
public struct SHA224: HashFunction {
    public typealias Digest = SHA224Digest

    @usableFromInline var core: SHA256Core

    public static var blockByteCount: Int { 64 }
    public static var byteCount: Int { 28 }

    /// A fresh state with the initial hash value of FIPS 180-4 §5.3.2.
    @inlinable
    public init() {
        core = SHA256Core(state: SHA256CoreState(
            0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
            0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA224Digest {
        SHA224Digest(storage: core.finalize(count: 28))
    }
}
