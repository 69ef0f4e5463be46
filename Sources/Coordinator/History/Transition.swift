// SPDX-License-Identifier: Apache-2.0
// History value formats: 64-byte transitions and the signed `transitions/latest` pointer (spec/upstream.md §4).

import ContrastCrypto

/// One manifest transition: `ManifestHash(32) ‖ PreviousTransitionHash(32)`, stored under
/// `transitions/<hex SHA-256 of those 64 bytes>`. The first transition's previous hash is all zeros.
public struct Transition: Sendable, Equatable {
    /// SHA-256 of the manifest's raw bytes.
    public let manifestHash: [UInt8]
    /// Hash of the previous transition, or 32 zero bytes for the first.
    public let previousTransitionHash: [UInt8]

    /// The all-zero hash that roots every chain.
    public static let rootHash = [UInt8](repeating: 0, count: 32)

    /// - Throws: `StoreError.corrupt` unless both hashes are 32 bytes.
    public init(manifestHash: [UInt8], previousTransitionHash: [UInt8]) throws(StoreError) {
        guard manifestHash.count == 32, previousTransitionHash.count == 32 else {
            throw .corrupt(key: "transitions", reason: "transition hashes must be 32 bytes")
        }
        self.manifestHash = manifestHash
        self.previousTransitionHash = previousTransitionHash
    }

    /// Parses the 64-byte wire form.
    public init(bytes: [UInt8]) throws(StoreError) {
        guard bytes.count == 64 else { throw .corrupt(key: "transitions", reason: "transition is \(bytes.count) bytes, not 64") }
        try self.init(manifestHash: Array(bytes[0..<32]), previousTransitionHash: Array(bytes[32..<64]))
    }

    /// The 64-byte wire form.
    public var bytes: [UInt8] { manifestHash + previousTransitionHash }

    /// The transition hash: SHA-256 of the wire form (its store name and the value signed in `latest`).
    public var hash: [UInt8] { Array(SHA256.hash(data: bytes)) }
}

/// The `transitions/latest` value: `TransitionHash(32) ‖ signature`, where the signature is ECDSA-P384
/// ASN.1 DER by the seed-derived transaction signing key over the 32-byte transition hash used directly as
/// the digest (not an HMAC; spec/upstream.md §4).
public struct LatestTransition: Sendable, Equatable {
    public let transitionHash: [UInt8]
    public let signature: [UInt8]

    public init(transitionHash: [UInt8], signature: [UInt8]) {
        self.transitionHash = transitionHash
        self.signature = signature
    }

    /// Parses the stored form.
    /// - Throws: `StoreError.corrupt` if there is no signature after the 32-byte hash.
    public init(bytes: [UInt8]) throws(StoreError) {
        guard bytes.count > 32 else {
            throw .corrupt(key: History.latestKey, reason: "latest transition is \(bytes.count) bytes; no signature")
        }
        transitionHash = Array(bytes[0..<32])
        signature = Array(bytes[32...])
    }

    /// The stored form.
    public var bytes: [UInt8] { transitionHash + signature }

    /// SHA-256 of the stored form (upstream `LatestTransition.Digest()`; see spec/upstream.md §2.6 on which
    /// digest the attestation report binds).
    public var digest: [UInt8] { Array(SHA256.hash(data: bytes)) }
}

/// Signs transition hashes for `transitions/latest` (the seed-derived P-384 transaction signing key).
public protocol TransitionSigner: Sendable {
    /// ECDSA-P384 ASN.1 DER signature over `transitionHash` used directly as the 32-byte digest.
    func signTransitionHash(_ transitionHash: [UInt8]) throws(StoreError) -> [UInt8]
}

/// Verifies `transitions/latest` signatures (the transaction signing public key).
public protocol TransitionVerifier: Sendable {
    /// True if `signature` (DER) is valid for `transitionHash` used directly as the digest.
    func isValidTransitionSignature(_ signature: [UInt8], for transitionHash: [UInt8]) -> Bool
}
