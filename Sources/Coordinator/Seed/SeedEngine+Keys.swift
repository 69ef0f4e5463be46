// SPDX-License-Identifier: Apache-2.0
// The seed engine's P-384 keys and the transaction-signing signer/verifier for `transitions/latest` (spec/upstream.md §4, §5.2).

import ContrastASN1
import ContrastCrypto

extension SeedEngine {
    /// The root CA key: keygen ECDSA(P-384, HKDF(seed, `ROOT CA SEED`)).
    public func rootCAKey() throws(SeedEngineError) -> P384.Signing.PrivateKey {
        do { return try P384.Signing.PrivateKey(rawRepresentation: try rootCAPrivateScalar()) } catch { throw .keyDerivationFailed }
    }

    /// The transaction signing key: keygen ECDSA(P-384, HKDF(seed, `TRANSACTION SIGNING SECRET`)).
    public func transactionSigningKey() throws(SeedEngineError) -> TransactionSigningKey {
        do {
            return TransactionSigningKey(key: try P384.Signing.PrivateKey(rawRepresentation: try transactionSigningPrivateScalar()))
        } catch { throw .keyDerivationFailed }
    }
}

/// Signs `transitions/latest`: ECDSA-P384 over the 32-byte transition hash used directly as the digest,
/// DER-encoded, as Go's `ecdsa.SignASN1(rand, key, hash)` does (our nonces are RFC 6979, Go's are random;
/// both verify the same way).
public struct TransactionSigningKey: TransitionSigner, TransitionVerifier {
    public let key: P384.Signing.PrivateKey

    public init(key: P384.Signing.PrivateKey) { self.key = key }

    /// The verifying half.
    public var publicKey: TransactionVerifyingKey { TransactionVerifyingKey(key: key.publicKey) }

    public func signTransitionHash(_ transitionHash: [UInt8]) throws(StoreError) -> [UInt8] {
        key.signature(forDigest: transitionHash).derRepresentation
    }

    public func isValidTransitionSignature(_ signature: [UInt8], for transitionHash: [UInt8]) -> Bool {
        publicKey.isValidTransitionSignature(signature, for: transitionHash)
    }
}

/// Verifies `transitions/latest` signatures with the transaction signing public key.
public struct TransactionVerifyingKey: TransitionVerifier {
    public let key: P384.Signing.PublicKey

    public init(key: P384.Signing.PublicKey) { self.key = key }

    /// VARTIME: public inputs only.
    public func isValidTransitionSignature(_ signature: [UInt8], for transitionHash: [UInt8]) -> Bool {
        guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return key.isValidSignature(sig, forDigest: transitionHash)
    }
}
