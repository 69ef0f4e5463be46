// SPDX-License-Identifier: Apache-2.0
// SharedSecret: the output of a key agreement (ECDH, X25519), with HKDF derivation (RFC 5869).

/// The raw result of a Diffie–Hellman key agreement. Not a key by itself: derive keys from it with
/// `hkdfDerivedSymmetricKey`. Equality is constant-time.
public struct SharedSecret: Sendable, Equatable {
    @usableFromInline let secret: SymmetricKey

    /// Wraps the agreed bytes (for the key-agreement implementations in this package).
    package init(bytes: [UInt8]) {
        secret = SymmetricKey(data: bytes)
    }

    /// Gives temporary access to the secret bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try secret.withUnsafeBytes(body)
    }

    /// A copy of the secret bytes (for the TLS key schedule and KATs; prefer `withUnsafeBytes`).
    public var bytes: [UInt8] { secret.bytes }

    /// Length of the secret in bytes.
    public var byteCount: Int { secret.bitCount / 8 }

    /// A key derived with HKDF (RFC 5869) from this secret as input key material.
    /// - Precondition: `outputByteCount <= 255 · H.byteCount` (see `HKDF`).
    @inlinable
    public func hkdfDerivedSymmetricKey<H: HashFunction>(
        using hashFunction: H.Type, salt: some Collection<UInt8>, sharedInfo: some Collection<UInt8>,
        outputByteCount: Int
    ) -> SymmetricKey {
        HKDF<H>.deriveKey(inputKeyMaterial: secret, salt: salt, info: sharedInfo, outputByteCount: outputByteCount)
    }

    /// - CT: compares all bytes; lengths are public.
    public static func == (lhs: SharedSecret, rhs: SharedSecret) -> Bool { lhs.secret == rhs.secret }
}
