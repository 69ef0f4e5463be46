// SPDX-License-Identifier: Apache-2.0
// Deterministic P-384 keys from a secret, as upstream Contrast's seed engine derives them (filippo.io/keygen
// ECDSA over HMAC_DRBG, SP 800-90A §10.1.2; spec upstream.md §5.2).

extension P384.Signing.PrivateKey {
    /// The P-384 key that upstream Contrast derives from `secret` (root CA and transaction-signing keys,
    /// spec upstream.md §5.2): HMAC_DRBG(HMAC-SHA-256, entropy = secret, personalization
    /// "det ECDSA key gen P-384") yields 48 bytes, read big-endian as d, which must satisfy 1 ≤ d ≤ n−1;
    /// there is no retry (as in filippo.io/keygen's ECDSA for P-384).
    /// - Throws: `invalidScalar` if the candidate is out of range (probability about 2^-190).
    /// - CT: the secret and the scalar do not leak.
    public init(derivingFrom secret: some Collection<UInt8>) throws(CryptoError) {
        // HMACDRBG (SP 800-90A §10.1.2) is the one DRBG of the module; no nonce, no additional input.
        var drbg = HMACDRBG<SHA256>(
            entropy: Array(secret), nonce: [UInt8](), personalization: Array("det ECDSA key gen P-384".utf8))
        try self.init(rawRepresentation: drbg.generate(count: 48))
    }
}
