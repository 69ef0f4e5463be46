// SPDX-License-Identifier: Apache-2.0
// P-256 ECDSA (FIPS 186-5 §6.4, SHA-256, RFC 6979 nonces) and ECDH (SEC 1 v2 §3.3.1) keys in swift-crypto's shape.

/// NIST P-256 (secp256r1).
public enum P256 {
    /// ECDSA with P-256.
    public enum Signing {}
    /// ECDH with P-256.
    public enum KeyAgreement {}
}

extension P256.Signing {
    /// An ECDSA signature r ‖ s (IEEE P1363 form, 32 + 32 bytes).
    public struct ECDSASignature: Sendable, Hashable {
        /// r ‖ s.
        public let rawRepresentation: [UInt8]

        /// Wraps r ‖ s. Ranges are checked at verification.
        /// - Throws: `invalidLength` unless 64 bytes.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            let bytes = Array(rawRepresentation)
            guard bytes.count == 2 * P256Curve.byteCount else { throw .invalidLength }
            self.rawRepresentation = bytes
        }
    }

    /// A P-256 ECDSA private key.
    public struct PrivateKey: Sendable {
        package let core: ECPrivateKeyCore<P256Curve>

        /// A fresh random key from the system CSPRNG.
        public init() throws(CryptoError) {
            var random = SystemRandom()
            core = try ECPrivateKeyCore(using: &random)
        }

        /// A fresh random key from `random`.
        public init(using random: inout some RandomSource) throws(CryptoError) {
            core = try ECPrivateKeyCore(using: &random)
        }

        /// The key with scalar d (32 big-endian bytes, 1 ≤ d ≤ n−1).
        /// - Throws: `invalidLength`, `invalidScalar`.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPrivateKeyCore(rawRepresentation: rawRepresentation)
        }

        /// The scalar d, 32 big-endian bytes.
        public var rawRepresentation: [UInt8] { core.scalar }

        /// The matching public key.
        public var publicKey: PublicKey { PublicKey(core: core.publicKey) }

        /// Signs SHA-256(data) with a deterministic RFC 6979 nonce.
        public func signature(for data: some Collection<UInt8>) -> ECDSASignature {
            signature(forDigest: SHA256.hash(data: data).bytes)
        }

        /// Signs a precomputed digest of any length (bits2int truncation, FIPS 186-5 §6.4.1), RFC 6979 nonce
        /// with HMAC-SHA-256.
        /// - CT: the key and nonce do not leak; time depends on the digest length only.
        public func signature(forDigest digest: some Collection<UInt8>) -> ECDSASignature {
            ECDSASignature(
                unchecked: ECDSA<P256Curve>.sign(d: core.scalar, digest: Array(digest), nonceHash: SHA256.self, extra: []))
        }

        /// Signs SHA-256(data) with an RFC 6979 §3.6 nonce hedged with 32 bytes from `random`.
        public func signature(for data: some Collection<UInt8>, hedgedWith random: inout some RandomSource)
            throws(CryptoError) -> ECDSASignature
        {
            let extra = try random.bytes(count: P256Curve.byteCount)
            return ECDSASignature(
                unchecked: ECDSA<P256Curve>.sign(
                    d: core.scalar, digest: SHA256.hash(data: data).bytes, nonceHash: SHA256.self, extra: extra))
        }

        /// RFC 6979 signing with the nonce HMAC over `H` (for the RFC's test vectors with other hashes).
        package func signature<H: HashFunction>(forDigest digest: [UInt8], nonceHash: H.Type) -> ECDSASignature {
            ECDSASignature(unchecked: ECDSA<P256Curve>.sign(d: core.scalar, digest: digest, nonceHash: H.self, extra: []))
        }
    }

    /// A P-256 ECDSA public key.
    public struct PublicKey: Sendable {
        package let core: ECPublicKeyCore<P256Curve>

        package init(core: ECPublicKeyCore<P256Curve>) {
            self.core = core
        }

        /// Decodes x ‖ y (64 bytes) and validates the point.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPublicKeyCore(rawRepresentation: rawRepresentation)
        }

        /// Decodes 0x04 ‖ x ‖ y and validates the point.
        public init(x963Representation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPublicKeyCore(x963Representation: x963Representation)
        }

        /// Decodes 0x02/0x03 ‖ x, computing y with a square root.
        public init(compressedRepresentation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPublicKeyCore(compressedRepresentation: compressedRepresentation)
        }

        /// x ‖ y.
        public var rawRepresentation: [UInt8] { core.rawRepresentation }
        /// 0x04 ‖ x ‖ y.
        public var x963Representation: [UInt8] { core.x963Representation }
        /// 0x02/0x03 ‖ x.
        public var compressedRepresentation: [UInt8] { core.compressedRepresentation }

        /// Whether `signature` is valid for SHA-256(data).
        public func isValidSignature(_ signature: ECDSASignature, for data: some Collection<UInt8>) -> Bool {
            isValidSignature(signature, forDigest: SHA256.hash(data: data).bytes)
        }

        /// Whether `signature` is valid for a precomputed digest of any length (FIPS 186-5 §6.4.2).
        /// VARTIME: public inputs only.
        public func isValidSignature(_ signature: ECDSASignature, forDigest digest: some Collection<UInt8>) -> Bool {
            ECDSA<P256Curve>.verifyVarTime(
                signature: signature.rawRepresentation, digest: Array(digest), q: core.point)
        }

        /// Recovers the public key from a signature and digest (SEC 1 v2 §4.1.6).
        /// - Parameter recoveryID: 2·j + parity(y(R)) with j ∈ {0, 1} selecting x(R) = r + j·n.
        /// - Throws: `invalidParameter` if no key corresponds to this id.
        public init(
            recoveringFrom signature: ECDSASignature, forDigest digest: some Collection<UInt8>, recoveryID: Int
        ) throws(CryptoError) {
            guard
                let point = ECDSA<P256Curve>.recoverVarTime(
                    signature: signature.rawRepresentation, digest: Array(digest), recoveryID: recoveryID)
            else { throw .invalidParameter }
            core = ECPublicKeyCore(point: point)
        }

        /// The candidates for recovery ids 0 and 1 (both parities of R with x(R) = r), as used for SEV-SNP
        /// ID-key digests (upstream spec §8.4), in that order; ids without a key are left out.
        public static func recoveryCandidates(for signature: ECDSASignature, forDigest digest: some Collection<UInt8>)
            -> [PublicKey]
        {
            let d = Array(digest)
            return (0...1).compactMap { id in
                try? PublicKey(recoveringFrom: signature, forDigest: d, recoveryID: id)
            }
        }
    }
}

extension P256.Signing.ECDSASignature {
    init(unchecked bytes: [UInt8]) {
        rawRepresentation = bytes
    }
}

extension P256.KeyAgreement {
    /// A P-256 ECDH private key.
    public struct PrivateKey: Sendable {
        package let core: ECPrivateKeyCore<P256Curve>

        /// A fresh random key from the system CSPRNG.
        public init() throws(CryptoError) {
            var random = SystemRandom()
            core = try ECPrivateKeyCore(using: &random)
        }

        /// A fresh random key from `random`.
        public init(using random: inout some RandomSource) throws(CryptoError) {
            core = try ECPrivateKeyCore(using: &random)
        }

        /// The key with scalar d (32 big-endian bytes, 1 ≤ d ≤ n−1).
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPrivateKeyCore(rawRepresentation: rawRepresentation)
        }

        /// The scalar d.
        public var rawRepresentation: [UInt8] { core.scalar }

        /// The matching public key.
        public var publicKey: PublicKey { PublicKey(core: core.publicKey) }

        /// ECDH: the x-coordinate of d·Q (SEC 1 v2 §3.3.1). The peer key was validated when decoded.
        /// - CT: the private scalar does not leak.
        public func sharedSecretFromKeyAgreement(with publicKey: PublicKey) throws(CryptoError) -> SharedSecret {
            SharedSecret(bytes: try core.sharedSecret(with: publicKey.core))
        }
    }

    /// A P-256 ECDH public key (always a validated curve point).
    public struct PublicKey: Sendable {
        package let core: ECPublicKeyCore<P256Curve>

        package init(core: ECPublicKeyCore<P256Curve>) {
            self.core = core
        }

        /// Decodes x ‖ y and validates the point.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPublicKeyCore(rawRepresentation: rawRepresentation)
        }

        /// Decodes 0x04 ‖ x ‖ y and validates the point.
        public init(x963Representation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPublicKeyCore(x963Representation: x963Representation)
        }

        /// Decodes 0x02/0x03 ‖ x.
        public init(compressedRepresentation: some Collection<UInt8>) throws(CryptoError) {
            core = try ECPublicKeyCore(compressedRepresentation: compressedRepresentation)
        }

        /// x ‖ y.
        public var rawRepresentation: [UInt8] { core.rawRepresentation }
        /// 0x04 ‖ x ‖ y.
        public var x963Representation: [UInt8] { core.x963Representation }
        /// 0x02/0x03 ‖ x.
        public var compressedRepresentation: [UInt8] { core.compressedRepresentation }
    }
}
