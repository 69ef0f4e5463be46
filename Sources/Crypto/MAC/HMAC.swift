// SPDX-License-Identifier: Apache-2.0
// HMAC (RFC 2104, FIPS 198-1) over any `HashFunction`, with precomputed inner and outer pad states.

/// A keyed-hash message authentication code (RFC 2104).
///
/// The key is absorbed once at `init`: the inner (`K0 ⊕ ipad`) and outer (`K0 ⊕ opad`) states are kept,
/// so copying an `HMAC` value and finalising it costs two block functions plus the message (the TLS key
/// schedule and HKDF-Expand reuse one keyed value many times).
///
/// - CT: time depends only on the key, message and hash lengths; key and message bytes do not leak.
public struct HMAC<H: HashFunction>: Sendable {
    @usableFromInline var inner: H
    @usableFromInline var outer: H

    /// A MAC keyed with `key`. Keys longer than the hash block are hashed first (RFC 2104 §2, FIPS 198-1 §4
    /// step 2); shorter keys are padded with zeros.
    @inlinable
    public init(key: SymmetricKey) {
        self = key.withUnsafeBytes { HMAC(keyBytes: $0) }
    }

    /// A MAC keyed with raw `keyBytes` (HKDF uses this to key with a PRK or salt without building a key).
    @inlinable
    package init(keyBytes key: UnsafeRawBufferPointer) {
        let blockSize = H.blockByteCount
        var pad = [UInt8](repeating: 0, count: blockSize)
        if key.count > blockSize {  // public: key length
            H.hash(bufferPointer: key).withUnsafeBytes { digest in
                for i in 0..<digest.count { pad[i] = digest[i] }
            }
        } else {
            for i in 0..<key.count { pad[i] = key[i] }
        }
        for i in 0..<blockSize { pad[i] ^= 0x36 }
        inner = H()
        inner.update(data: pad)
        for i in 0..<blockSize { pad[i] ^= 0x36 ^ 0x5c }
        outer = H()
        outer.update(data: pad)
        for i in 0..<blockSize { pad[i] = 0 }  // best-effort zeroisation of K0 ⊕ opad
    }

    /// Absorbs `data`.
    @inlinable
    public mutating func update(data: some Collection<UInt8>) {
        inner.update(data: data)
    }

    /// Absorbs the bytes of `bufferPointer`.
    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        inner.update(bufferPointer: bufferPointer)
    }

    /// The authentication code of everything absorbed so far; `self` is unchanged.
    @inlinable
    public func finalize() -> HashedAuthenticationCode<H> {
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return HashedAuthenticationCode(digest: outer.finalize())
    }

    /// The authentication code of `data` under `key`.
    @inlinable
    public static func authenticationCode(for data: some Collection<UInt8>, using key: SymmetricKey)
        -> HashedAuthenticationCode<H>
    {
        var mac = HMAC(key: key)
        mac.update(data: data)
        return mac.finalize()
    }

    /// Whether `code` is the full-length authentication code of `data` under `key`. A code of any other
    /// length is rejected (truncated tags are not accepted here).
    /// - CT: compares the whole code; which bytes differ does not leak. The code's length is public.
    @inlinable
    public static func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, authenticating data: some Collection<UInt8>, using key: SymmetricKey
    ) -> Bool {
        let expected = authenticationCode(for: data, using: key)
        return expected.withUnsafeBytes { constantTimeEquals($0, code) }
    }
}

/// The result of an HMAC computation. Equality is constant-time.
public struct HashedAuthenticationCode<H: HashFunction>: Hashable, Sendable, Sequence {
    @usableFromInline let digest: H.Digest

    @inlinable
    init(digest: H.Digest) { self.digest = digest }

    /// Length of the code in bytes (the hash's digest size).
    public static var byteCount: Int { H.Digest.byteCount }

    /// The length of this code in bytes.
    public var byteCount: Int { H.Digest.byteCount }

    /// Gives temporary access to the code bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try digest.withUnsafeBytes(body)
    }

    /// A copy of the code bytes.
    @inlinable
    public var bytes: [UInt8] { digest.withUnsafeBytes { Array($0) } }

    @inlinable
    public func makeIterator() -> H.Digest.Iterator { digest.makeIterator() }

    /// - CT: delegates to the digest's constant-time `==`.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.digest == rhs.digest }

    public func hash(into hasher: inout Hasher) { digest.hash(into: &hasher) }
}
