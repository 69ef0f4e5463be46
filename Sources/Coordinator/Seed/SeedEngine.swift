// SPDX-License-Identifier: Apache-2.0
// The seed engine: HKDF-SHA256 derivations from the secret seed and salt (spec/upstream.md §5.1–5.2, upstream internal/seedengine).

import ContrastCrypto

/// Why a seed engine could not be built or a secret not derived.
public enum SeedEngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The salt is not 32 bytes.
    case invalidSaltLength(Int)
    /// The seed is shorter than 32 bytes or longer than HKDF-SHA256 can expand to (8160 bytes).
    case invalidSeedLength(Int)
    /// A workload secret was requested for an empty workload secret ID.
    case emptyWorkloadSecretID
    /// A derived P-384 scalar fell outside [1, n−1] (keygen has no retry for P-384).
    case keyDerivationFailed

    public var description: String {
        switch self {
        case .invalidSaltLength(let n): return "salt must be 32 bytes, got \(n)"
        case .invalidSeedLength(let n): return "seed must be at least 32 bytes (and at most 8160), got \(n)"
        case .emptyWorkloadSecretID: return "workload secret ID must not be empty"
        case .keyDerivationFailed: return "derived key is out of range"
        }
    }
}

/// Derives every secret of a deployment from the seed (64 random bytes on first SetManifest) and the salt
/// (32 random bytes), with HKDF-SHA256 (RFC 5869), salt = the salt, output length = the length of the
/// input key material (spec/upstream.md §5.2):
///
/// | secret | IKM | info |
/// |---|---|---|
/// | pod state seed | seed | `POD STATE SECRET` |
/// | history seed | seed | `HISTORY SECRET` (derived, unused upstream) |
/// | transaction signing seed | seed | `TRANSACTION SIGNING SECRET` → P-384 key signing `transitions/latest` |
/// | root CA seed | seed | `ROOT CA SEED` → P-384 root CA key |
/// | workload secret | pod state seed | `WORKLOAD SECRET ID: <id>` |
///
/// - CT: derivations run in time that depends only on the seed length and the (public) labels and IDs.
public struct SeedEngine: Sendable {
    /// Size of a fresh seed (upstream `constants.SecretSeedSize`).
    public static let seedSize = 64
    /// Size of the salt (upstream `constants.SecretSeedSaltSize`).
    public static let saltSize = 32

    /// The salt the engine was built with (not secret: it is returned in seed-share documents).
    public let salt: [UInt8]
    /// HKDF(seed, `POD STATE SECRET`): parent of workload secrets.
    package let podStateSeed: [UInt8]
    /// HKDF(seed, `HISTORY SECRET`).
    package let historySeed: [UInt8]
    /// HKDF(seed, `TRANSACTION SIGNING SECRET`).
    package let transactionSigningSeed: [UInt8]
    /// HKDF(seed, `ROOT CA SEED`).
    package let rootCASeed: [UInt8]

    /// Builds the engine. SeedEngine.New upstream: salt exactly 32 bytes, seed at least 32 bytes.
    /// - Throws: `SeedEngineError.invalidSaltLength` / `.invalidSeedLength`.
    public init(seed: [UInt8], salt: [UInt8]) throws(SeedEngineError) {
        guard salt.count == SeedEngine.saltSize else { throw .invalidSaltLength(salt.count) }
        // RFC 5869 §2.3: output ≤ 255·HashLen; the output length here is the seed length.
        guard seed.count >= 32, seed.count <= HKDF<SHA256>.maximumOutputByteCount else {
            throw .invalidSeedLength(seed.count)
        }
        self.salt = salt
        podStateSeed = SeedEngine.derive(seed, salt, "POD STATE SECRET")
        historySeed = SeedEngine.derive(seed, salt, "HISTORY SECRET")
        transactionSigningSeed = SeedEngine.derive(seed, salt, "TRANSACTION SIGNING SECRET")
        rootCASeed = SeedEngine.derive(seed, salt, "ROOT CA SEED")
    }

    /// HKDF-SHA256(ikm, salt, info) with output length len(ikm).
    static func derive(_ ikm: [UInt8], _ salt: [UInt8], _ info: String) -> [UInt8] {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: ikm), salt: salt, info: Array(info.utf8),
            outputByteCount: ikm.count
        ).bytes
    }

    /// The workload secret for `workloadSecretID`: HKDF(podStateSeed, `WORKLOAD SECRET ID: <id>`), as long as
    /// the seed (64 bytes for a real deployment).
    /// - Throws: `SeedEngineError.emptyWorkloadSecretID` for an empty ID.
    public func workloadSecret(id workloadSecretID: String) throws(SeedEngineError) -> [UInt8] {
        guard !workloadSecretID.isEmpty else { throw .emptyWorkloadSecretID }
        return SeedEngine.derive(podStateSeed, salt, "WORKLOAD SECRET ID: " + workloadSecretID)
    }

    /// The transit-engine key for a workload secret ID and key version: the first 32 bytes of the workload
    /// secret for `"<version>_<name>"` (spec/upstream.md §2.7).
    public func transitKey(name: String, version: UInt32) throws(SeedEngineError) -> [UInt8] {
        Array(try workloadSecret(id: "\(version)_\(name)").prefix(32))
    }

    /// The root CA private scalar (48 bytes, big-endian): keygen ECDSA(P-384, rootCASeed).
    public func rootCAPrivateScalar() throws(SeedEngineError) -> [UInt8] {
        do { return try DeterministicP384Scalar.derive(from: rootCASeed) } catch { throw .keyDerivationFailed }
    }

    /// The transaction signing private scalar (48 bytes, big-endian): keygen ECDSA(P-384, transactionSigningSeed).
    public func transactionSigningPrivateScalar() throws(SeedEngineError) -> [UInt8] {
        do { return try DeterministicP384Scalar.derive(from: transactionSigningSeed) } catch {
            throw .keyDerivationFailed
        }
    }
}
