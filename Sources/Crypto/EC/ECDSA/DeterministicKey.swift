// SPDX-License-Identifier: Apache-2.0
// Deterministic P-384 keys from a secret, as upstream Contrast's seed engine derives them (filippo.io/keygen
// ECDSA over HMAC_DRBG, SP 800-90A §10.1.2; spec upstream.md §5.2).

/// The HMAC_DRBG (SP 800-90A §10.1.2) instantiate + one generate, with HMAC-SHA-256, no nonce and no
/// prediction resistance: exactly what the key derivation consumes.
/// - CT: time depends only on the lengths.
struct KeyDerivationDRBG {
    private var k = [UInt8](repeating: 0x00, count: 32)
    private var v = [UInt8](repeating: 0x01, count: 32)

    private static func mac(_ key: [UInt8], _ parts: [UInt8]...) -> [UInt8] {
        var h = key.withUnsafeBytes { HMAC<SHA256>(keyBytes: $0) }
        for part in parts { h.update(data: part) }
        return h.finalize().bytes
    }

    /// HMAC_DRBG_Update (§10.1.2.2) with provided data.
    private mutating func update(_ data: [UInt8]) {
        k = Self.mac(k, v, [0x00], data)
        v = Self.mac(k, v)
        if !data.isEmpty {  // public: length
            k = Self.mac(k, v, [0x01], data)
            v = Self.mac(k, v)
        }
    }

    /// Instantiate (§10.1.2.3): seed material = entropy ‖ nonce ‖ personalization.
    init(entropy: [UInt8], personalization: [UInt8]) {
        update(entropy + personalization)
    }

    /// Generate (§10.1.2.5) without additional input: V = HMAC(K, V) blocks, then Update().
    mutating func generate(count: Int) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {  // public: length
            v = Self.mac(k, v)
            out += v
        }
        update([])
        return Array(out.prefix(count))
    }
}

extension P384.Signing.PrivateKey {
    /// The P-384 key that upstream Contrast derives from `secret` (root CA and transaction-signing keys,
    /// spec upstream.md §5.2): HMAC_DRBG(HMAC-SHA-256, entropy = secret, personalization
    /// "det ECDSA key gen P-384") yields 48 bytes, read big-endian as d, which must satisfy 1 ≤ d ≤ n−1;
    /// there is no retry (as in filippo.io/keygen's ECDSA for P-384).
    /// - Throws: `invalidScalar` if the candidate is out of range (probability about 2^-190).
    /// - CT: the secret and the scalar do not leak.
    public init(derivingFrom secret: some Collection<UInt8>) throws(CryptoError) {
        var drbg = KeyDerivationDRBG(entropy: Array(secret), personalization: Array("det ECDSA key gen P-384".utf8))
        try self.init(rawRepresentation: drbg.generate(count: 48))
    }
}
