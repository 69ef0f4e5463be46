// SPDX-License-Identifier: Apache-2.0
// Encrypting the seed to every seed-share owner and decrypting one's own share (spec/upstream.md §5.5, upstream internal/manifest/crypto.go).

import ContrastASN1
import ContrastCrypto

/// RSAES-OAEP (RFC 8017 §7.1) with SHA-256 for the label hash and MGF1, label `seedshare`; plaintext = the seed.
public enum SeedShares {
    /// The OAEP label (ASCII `seedshare`).
    public static let label = Array("seedshare".utf8)

    /// Parses a `SeedshareOwnerPubKeys` entry as upstream's `ParseSeedShareOwnerKey` does: hex, then PKCS#1
    /// `RSAPublicKey` DER. A hex SubjectPublicKeyInfo (what upstream's CLI writes for a `PUBLIC KEY` PEM holding
    /// an SPKI) is rejected here exactly as upstream rejects it ("parsing from PKCS1").
    /// - Throws: `SeedShareError.invalidOwnerKey` (index 0; `encrypt` fills in the real index). Keys below
    ///   2048 bits are refused by ContrastCrypto's RSA (upstream's Go accepts ≥ 1024).
    public static func ownerKey(hex: String) throws(SeedShareError) -> RSA.Encryption.PublicKey {
        guard let der = try? [UInt8](hexString: hex) else { throw .invalidOwnerKey(index: 0, reason: "parsing from hex") }
        let parts: (modulus: [UInt8], publicExponent: [UInt8])
        do { parts = try ManifestPublicKey.parsePKCS1RSA(der) } catch {
            throw .invalidOwnerKey(index: 0, reason: "parsing from PKCS1: \(error.reason)")
        }
        do { return try RSA.Encryption.PublicKey(n: parts.modulus, e: parts.publicExponent) } catch {
            throw .invalidOwnerKey(index: 0, reason: "unusable RSA key (\(error))")
        }
    }

    /// The manifest entry for a public key: lower-case hex of its PKCS#1 DER (upstream `MarshalSeedShareOwnerKey`).
    public static func ownerKeyHex(_ key: RSA.Encryption.PublicKey) -> String {
        ManifestPublicKey.pkcs1RSA(modulus: key.n, publicExponent: key.e).hexString
    }

    /// The manifest entry for a PEM key file (upstream `ExtractSeedshareOwnerPublicKey`, used by
    /// `--add-seedshare-owner-key`): a `PUBLIC KEY` block is hex-encoded as it is; an `RSA PRIVATE KEY` block
    /// gives the hex PKCS#1 DER of its public key.
    /// - Throws: `SeedShareError.invalidOwnerKey` for other blocks or an unparseable private key.
    public static func ownerKeyHex(pem: String) throws(SeedShareError) -> String {
        guard let doc = try? PEMDocument(pemString: pem) else { throw .invalidOwnerKey(index: 0, reason: "no PEM block found") }
        switch doc.type {
        case "PUBLIC KEY":
            return doc.derBytes.hexString
        case "RSA PRIVATE KEY":
            guard let key = try? PKCS1RSAPrivateKey(derEncoded: doc.derBytes[...]) else {
                throw .invalidOwnerKey(index: 0, reason: "parsing seedshare owner key")
            }
            return key.publicKeyDER.hexString
        default:
            throw .invalidOwnerKey(index: 0, reason: "unsupported PEM block type: \(doc.type)")
        }
    }

    /// Encrypts `seed` to every owner (upstream `EncryptSeedShares`), in manifest order; each share carries the
    /// owner's hex string exactly as given.
    /// - Throws: `SeedShareError.invalidOwnerKey` naming the index of a bad key (InvalidArgument upstream),
    ///   `.encryptionFailed` when the seed is too long for a key or the random source fails.
    /// - CT: OAEP encoding and the public-key operation do not depend on the seed's value.
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

    /// Decrypts one share with `key` (upstream `DecryptSeedShare`, which does not look at `PublicKey`).
    /// - Throws: `SeedShareError.decryptionFailed` for a wrong key, wrong label or tampered ciphertext (never
    ///   saying which).
    /// - CT: ContrastCrypto's constant-time OAEP decode; failures are not distinguished.
    public static func decrypt(share: SeedShare, with key: RSA.Encryption.PrivateKey) throws(SeedShareError) -> [UInt8] {
        do { return try key.decrypt(share.encryptedSeed, padding: .oaepSHA256, label: label) } catch { throw .decryptionFailed }
    }

    /// The recovering side (`contrast recover`): picks the share whose `PublicKey` is the hex PKCS#1 DER of
    /// `key`'s public key, decrypts it and checks the lengths the seed engine needs (seed 32…8160 bytes,
    /// salt 32 bytes; SeedEngine.New upstream).
    /// - Returns: `(seed, salt)` for `Recover`.
    /// - Throws: `.noShareForKey`, `.decryptionFailed`, `.invalidSeed`.
    public static func decrypt(document: SeedShareDocument, with key: RSA.Encryption.PrivateKey) throws(SeedShareError)
        -> (seed: [UInt8], salt: [UInt8])
    {
        guard let share = document.share(forPublicKeyHex: ownerKeyHex(key.publicKey)) else { throw .noShareForKey }
        let seed = try decrypt(share: share, with: key)
        // The lengths of seed and salt are public (the salt is plaintext; the seed length is the share's).
        guard seed.count >= 32, seed.count <= HKDF<SHA256>.maximumOutputByteCount else {
            throw .invalidSeed("seed is \(seed.count) bytes, need 32 to 8160")
        }
        guard document.salt.count == SeedEngine.saltSize else {
            throw .invalidSeed("salt is \(document.salt.count) bytes, need \(SeedEngine.saltSize)")
        }
        return (seed, document.salt)
    }
}
