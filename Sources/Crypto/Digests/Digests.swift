// SPDX-License-Identifier: Apache-2.0
// The digest value types of SHA-224, SHA-256, SHA-384 and SHA-512 (FIPS 180-4 §6); `==` is constant-time.

/// A SHA-224 digest (28 bytes).
public struct SHA224Digest: Digest {
    @usableFromInline let storage: DigestBytes

    @inlinable
    init(storage: DigestBytes) { self.storage = storage }

    public static var byteCount: Int { 28 }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(count: 28, body)
    }

    @inlinable
    public func makeIterator() -> DigestIterator { DigestIterator(storage: storage, count: 28) }

    /// - CT: compares all 28 bytes; their values do not leak.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage.constantTimeEquals(rhs.storage, count: 28) }

    public func hash(into hasher: inout Hasher) { storage.hash(into: &hasher, count: 28) }
}

/// A SHA-256 digest (32 bytes).
public struct SHA256Digest: Digest {
    @usableFromInline let storage: DigestBytes

    @inlinable
    init(storage: DigestBytes) { self.storage = storage }

    public static var byteCount: Int { 32 }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(count: 32, body)
    }

    @inlinable
    public func makeIterator() -> DigestIterator { DigestIterator(storage: storage, count: 32) }

    /// - CT: compares all 32 bytes; their values do not leak.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage.constantTimeEquals(rhs.storage, count: 32) }

    public func hash(into hasher: inout Hasher) { storage.hash(into: &hasher, count: 32) }
}

/// A SHA-384 digest (48 bytes).
public struct SHA384Digest: Digest {
    @usableFromInline let storage: DigestBytes

    @inlinable
    init(storage: DigestBytes) { self.storage = storage }

    public static var byteCount: Int { 48 }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(count: 48, body)
    }

    @inlinable
    public func makeIterator() -> DigestIterator { DigestIterator(storage: storage, count: 48) }

    /// - CT: compares all 48 bytes; their values do not leak.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage.constantTimeEquals(rhs.storage, count: 48) }

    public func hash(into hasher: inout Hasher) { storage.hash(into: &hasher, count: 48) }
}

/// A SHA-512 digest (64 bytes).
public struct SHA512Digest: Digest {
    @usableFromInline let storage: DigestBytes

    @inlinable
    init(storage: DigestBytes) { self.storage = storage }

    public static var byteCount: Int { 64 }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(count: 64, body)
    }

    @inlinable
    public func makeIterator() -> DigestIterator { DigestIterator(storage: storage, count: 64) }

    /// - CT: compares all 64 bytes; their values do not leak.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage.constantTimeEquals(rhs.storage, count: 64) }

    public func hash(into hasher: inout Hasher) { storage.hash(into: &hasher, count: 64) }
}
