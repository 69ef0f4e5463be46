// SPDX-License-Identifier: Apache-2.0
// Curve25519.KeyAgreement (X25519, RFC 7748 §6.1) in swift-crypto's shape.

/// Curve25519 namespaces (swift-crypto's shape). Only key agreement (X25519) is provided.
public enum Curve25519 {
    /// X25519 Diffie–Hellman (RFC 7748 §6.1).
    public enum KeyAgreement {
        /// An X25519 private key: 32 bytes, clamped at use (RFC 7748 §5).
        public struct PrivateKey: Sendable {
            @usableFromInline let key: SymmetricKey

            /// A fresh random key from the system random source.
            /// - Precondition: the system random source works (as `SymmetricKey(size:)`); use
            ///   `init(using:)` to handle the error.
            public init() {
                key = SymmetricKey(size: .bits256)
            }

            /// A fresh random key from `random`.
            public init(using random: inout some RandomSource) throws(CryptoError) {
                key = SymmetricKey(data: try random.bytes(count: 32))
            }

            /// A key from its 32 raw bytes (RFC 7748 §5; any 32 bytes are a valid key).
            /// - Throws: `CryptoError.invalidLength` unless exactly 32 bytes.
            public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
                guard rawRepresentation.count == 32 else { throw .invalidLength }  // public: length
                key = SymmetricKey(data: rawRepresentation)
            }

            /// The 32 raw key bytes, as given (unclamped).
            public var rawRepresentation: [UInt8] { key.bytes }

            /// The public key X25519(k, 9).
            public var publicKey: PublicKey {
                PublicKey(validated: X25519.scalarMultiply(scalar: key.bytes, u: X25519.basePoint))
            }

            /// X25519(k, peer) (RFC 7748 §6.1).
            /// - Throws: `CryptoError.invalidPoint` when the result is all zeros, i.e. the peer's key is a
            ///   small-order point (RFC 7748 §6.1 "check for the all-zero value", RFC 8446 §7.4.2).
            /// - CT: the ladder is constant-time; the all-zero check ORs every byte and only its outcome is
            ///   public.
            public func sharedSecretFromKeyAgreement(with publicKeyShare: PublicKey) throws(CryptoError) -> SharedSecret {
                var shared = X25519.scalarMultiply(scalar: key.bytes, u: publicKeyShare.rawRepresentation)
                var acc: UInt8 = 0
                for byte in shared { acc |= byte }
                guard ConstantTime.isZero(UInt64(acc)) == 0 else {  // public: rejection is the outcome
                    for i in shared.indices { shared[i] = 0 }
                    throw .invalidPoint
                }
                let secret = SharedSecret(bytes: shared)
                for i in shared.indices { shared[i] = 0 }
                return secret
            }
        }

        /// An X25519 public key: a 32-byte u-coordinate.
        public struct PublicKey: Sendable, Hashable {
            /// The 32 raw bytes.
            public let rawRepresentation: [UInt8]

            /// A public key from its 32 raw bytes. Every 32-byte string is accepted (RFC 7748 §5: the top
            /// bit is ignored and non-canonical values are reduced); small-order keys are caught when the
            /// shared secret comes out all zero.
            /// - Throws: `CryptoError.invalidLength` unless exactly 32 bytes.
            public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
                guard rawRepresentation.count == 32 else { throw .invalidLength }  // public: length
                self.rawRepresentation = Array(rawRepresentation)
            }

            init(validated bytes: [UInt8]) {
                rawRepresentation = bytes
            }
        }
    }
}
