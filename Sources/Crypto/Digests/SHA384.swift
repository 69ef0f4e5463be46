// SPDX-License-Identifier: Apache-2.0
// SHA-384 (FIPS 180-4 §6.5): streaming and one-shot.

import ContrastSHA2Blocks

/// The SHA-384 hash function (48-byte digest, 128-byte blocks).
///
/// - CT: time depends only on the message length; message bytes do not leak.
public struct SHA384: HashFunction {
    public typealias Digest = SHA384Digest

    @usableFromInline var core: SHA512Core

    public static var blockByteCount: Int { 128 }
    public static var byteCount: Int { 48 }

    /// A fresh state with the initial hash value of FIPS 180-4 §5.3.4.
    @inlinable
    public init() {
        core = SHA512Core(state: SHA512CoreState(
            0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
            0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA384Digest {
        SHA384Digest(storage: core.finalize(count: 48))
    }
}
