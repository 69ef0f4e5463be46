// CT-FILE
// SPDX-License-Identifier: Apache-2.0
// The P-384 private scalar derived from a secret as filippo.io/keygen's ECDSA(P-384, secret) does (spec/upstream.md §5.2).

import ContrastCrypto

/// filippo.io/keygen's deterministic ECDSA key generation for P-384, reduced to what upstream uses:
/// HMAC_DRBG (SP 800-90A §10.1.2, HMAC-SHA-256) instantiated with entropy = secret, no nonce, and
/// personalisation string `det ECDSA key gen P-384`; one 48-byte generate; the output read big-endian is
/// the scalar d, which must satisfy 1 ≤ d ≤ n − 1 (there is no retry for P-384, keygen returns an error).
///
/// SP 800-90A §10.1.2.2 instantiate → update(seed_material = entropy ‖ nonce ‖ personalisation):
///   K = 0x00…, V = 0x01…; K = HMAC(K, V ‖ 0x00 ‖ m); V = HMAC(K, V); K = HMAC(K, V ‖ 0x01 ‖ m); V = HMAC(K, V)
/// §10.1.2.5 generate (48 bytes): V = HMAC(K, V) → 32 bytes; V = HMAC(K, V) → first 16 bytes.
public enum DeterministicP384Scalar {
    static let personalization = Array("det ECDSA key gen P-384".utf8)

    /// P-384 group order n (FIPS 186-5 / SEC 2 §2.5.1), big-endian.
    static let order: [UInt8] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
        0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
    ]

    /// Derives the 48-byte big-endian scalar d from `secret`.
    /// - Throws: `CryptoError.invalidScalar` if d = 0 or d ≥ n (probability about 2^-190).
    /// - CT: time depends only on the length of `secret`; its value and d's do not leak (the range check
    ///   accumulates a mask and branches once, on the public success bit).
    public static func derive(from secret: [UInt8]) throws(CryptoError) -> [UInt8] {
        // One implementation of the derivation lives in ContrastCrypto (HMACDRBG + the P-384 range check).
        try P384.Signing.PrivateKey(derivingFrom: secret).rawRepresentation
    }
}
