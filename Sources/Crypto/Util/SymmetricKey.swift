// SPDX-License-Identifier: Apache-2.0
// SymmetricKey: key bytes for HMAC, HKDF and the AEADs, in swift-crypto's shape.

/// A symmetric key. Equality is constant-time.
///
/// Swift copies values freely, so zeroisation is best effort only: the storage is cleared when the last
/// reference goes away (STYLE.md §8.4 rule 12).
public struct SymmetricKey: Sendable, Equatable {
    @usableFromInline let storage: Storage

    /// A key holding a copy of `data`.
    public init<D: Collection<UInt8>>(data: D) {
        storage = Storage(Array(data))
    }

    /// A fresh random key of `size`.
    /// - Precondition: the system random source works (a broken `getrandom` is unrecoverable here; use
    ///   `init(size:using:)` to handle the error).
    public init(size: SymmetricKeySize) {
        do {
            storage = Storage(try SystemRandom.bytes(count: size.bitCount / 8))
        } catch {
            fatalError("SymmetricKey(size:): the system random source failed")  // not input-dependent
        }
    }

    /// A fresh random key of `size` from `random`.
    public init(size: SymmetricKeySize, using random: inout some RandomSource) throws(CryptoError) {
        storage = Storage(try random.bytes(count: size.bitCount / 8))
    }

    /// Key length in bits.
    public var bitCount: Int { storage.bytes.count * 8 }

    /// Gives temporary access to the key bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.bytes.withUnsafeBytes(body)
    }

    /// A copy of the key bytes (for encoders and KATs; prefer `withUnsafeBytes`).
    public var bytes: [UInt8] { storage.bytes }

    public static func == (lhs: SymmetricKey, rhs: SymmetricKey) -> Bool {
        ConstantTime.equals(lhs.storage.bytes, rhs.storage.bytes)
    }

    @usableFromInline
    final class Storage: @unchecked Sendable {  // immutable after init; deinit only clears
        @usableFromInline var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        deinit {
            for i in bytes.indices { bytes[i] = 0 }
        }
    }
}

/// Standard symmetric key sizes.
public struct SymmetricKeySize: Sendable, Hashable {
    /// Size in bits.
    public let bitCount: Int
    public init(bitCount: Int) {
        precondition(bitCount > 0 && bitCount % 8 == 0, "SymmetricKeySize: bitCount must be a positive multiple of 8")
        self.bitCount = bitCount
    }
    public static let bits128 = SymmetricKeySize(bitCount: 128)
    public static let bits192 = SymmetricKeySize(bitCount: 192)
    public static let bits256 = SymmetricKeySize(bitCount: 256)
}
