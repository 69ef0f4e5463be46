// SPDX-License-Identifier: Apache-2.0
// Encrypting the seed to every seed-share owner and decrypting one's own share (spec/upstream.md §5.5, upstream internal/manifest/crypto.go).

import ContrastCrypto

/// RSA-OAEP with SHA-256 (hash and MGF1) and the label `seedshare`, plaintext = the 64-byte seed.
public enum SeedShares {
    /// The OAEP label (ASCII `seedshare`).
    public static let label = Array("seedshare".utf8)

    /// Parses a `SeedshareOwnerPubKeys` entry: hex of PKCS#1 `RSAPublicKey` DER (upstream
    /// `ParseSeedShareOwnerKey`: hex, then `x509.ParsePKCS1PublicKey`).
    public static func ownerKey(hex: String) throws(SeedShareError) -> RSA.Encryption.PublicKey {
        guard let der = try? [UInt8](hexString: hex) else { throw .invalidOwnerKey(index: 0, reason: "parsing from hex") }
        let parts: RSAPublicKeyComponents
        do { parts = try PublicKeyDER.parsePKCS1RSAPublicKey(der) } catch {
            throw .invalidOwnerKey(index: 0, reason: "parsing from PKCS1: \(error)")
        }
        do { return try RSA.Encryption.PublicKey(n: parts.modulus, e: parts.publicExponent) } catch {
            throw .invalidOwnerKey(index: 0, reason: "unusable RSA key")
        }
    }

    /// The manifest entry for a public key: lower-case hex of its PKCS#1 DER (upstream `MarshalSeedShareOwnerKey`).
    public static func ownerKeyHex(_ key: RSA.Encryption.PublicKey) -> String {
        PublicKeyDER.encodePKCS1RSAPublicKey(modulus: key.n, publicExponent: key.e).hexString
    }

    /// Encrypts `seed` to every owner (upstream `EncryptSeedShares`); each share carries the owner's hex
    /// string exactly as given.
    /// - Throws: `SeedShareError.invalidOwnerKey` naming the index of a bad key (InvalidArgument upstream).
    public static func encrypt(seed: [UInt8], salt: [UInt8], ownerKeysHex: [String], random: inout some RandomSource)
        throws(SeedShareError) -> SeedShareDocument
    {
        var shares: [SeedShare] = []
        for (i, hex) in ownerKeysHex.enumerated() {
            let key: RSA.Encryption.PublicKey
            do { key = try ownerKey(hex: hex) } catch {
                if case .invalidOwnerKey(_, let reason) = error { throw .invalidOwnerKey(index: i, reason: reason) }
                throw error
            }
            do {
                let ct = try key.encrypt(seed, padding: .oaepSHA256, label: label, using: &random)
                shares.append(SeedShare(publicKey: hex, encryptedSeed: ct))
            } catch { throw .encryptionFailed }
        }
        return SeedShareDocument(seedShares: shares, salt: salt)
    }

    /// The recovering side: picks the share for `key` (by its PKCS#1 hex), decrypts it and checks the
    /// lengths the seed engine needs (seed ≥ 32 bytes, salt 32 bytes).
    /// - Returns: `(seed, salt)` for `Recover`.
    /// - CT: decryption is the RSA module's constant-time OAEP decode; failures are not distinguished.
    public static func decrypt(document: SeedShareDocument, with key: RSA.Encryption.PrivateKey) throws(SeedShareError)
        -> (seed: [UInt8], salt: [UInt8])
    {
        guard let share = document.share(forPublicKeyHex: ownerKeyHex(key.publicKey)) else { throw .noShareForKey }
        let seed: [UInt8]
        do { seed = try key.decrypt(share.encryptedSeed, padding: .oaepSHA256, label: label) } catch { throw .decryptionFailed }
        guard seed.count >= 32 else { throw .invalidSeed("seed is \(seed.count) bytes, need at least 32") }
        guard document.salt.count == SeedEngine.saltSize else { throw .invalidSeed("salt is \(document.salt.count) bytes, need 32") }
        return (seed, document.salt)
    }
}
