// SPDX-License-Identifier: Apache-2.0
// Seed shares (spec/upstream.md §5.5): RSA-OAEP-SHA256 with label "seedshare", owner-key parsing, picking and
// decrypting one's own share, typed rejections, and interop with `openssl pkeyutl` in both directions.

#if canImport(Glibc)
import Glibc
#endif
import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import TestSupport
import Testing

@Suite("Seed-share encryption")
struct SeedShareCryptoTests {
    let seed = (0..<64).map { UInt8($0) }
    let salt = [UInt8](repeating: 0x5A, count: 32)

    @Test("every owner gets a share that only its key opens; the share carries the manifest hex verbatim")
    func roundTrip() throws {
        let k1 = try SeedShareFixtures.key(SeedShareFixtures.pem1)
        let k2 = try SeedShareFixtures.key(SeedShareFixtures.pem2)
        let hex1 = SeedShares.ownerKeyHex(k1.publicKey)
        let hex2 = SeedShares.ownerKeyHex(k2.publicKey).uppercased()  // hex as the manifest has it, case and all
        var rng = DeterministicRandom(seed: 7)
        let doc = try SeedShares.encrypt(seed: seed, salt: salt, ownerKeysHex: [hex1, hex2], random: &rng)
        #expect(doc.seedShares.map(\.publicKey) == [hex1, hex2])
        #expect(doc.seedShares.allSatisfy { $0.encryptedSeed.count == 256 })
        #expect(doc.salt == salt)
        // Through the JSON file, as `contrast recover` reads it.
        let parsed = try SeedShareDocument(json: doc.jsonBytes)
        for key in [k1, k2] {
            let (s, t) = try SeedShares.decrypt(document: parsed, with: key)
            #expect(s == seed && t == salt)
        }
        // Each share is for its own key only.
        #expect(throws: SeedShareError.decryptionFailed) { try SeedShares.decrypt(share: doc.seedShares[0], with: k2) }
        #expect(try SeedShares.decrypt(share: doc.seedShares[1], with: k2) == seed)
    }

    @Test("no share for the key, wrong key, tampered share and wrong label are typed errors")
    func rejections() throws {
        let k1 = try SeedShareFixtures.key(SeedShareFixtures.pem1)
        let k2 = try SeedShareFixtures.key(SeedShareFixtures.pem2)
        var rng = DeterministicRandom(seed: 8)
        let doc = try SeedShares.encrypt(seed: seed, salt: salt, ownerKeysHex: [SeedShares.ownerKeyHex(k1.publicKey)], random: &rng)
        #expect(throws: SeedShareError.noShareForKey) { try SeedShares.decrypt(document: doc, with: k2) }

        // A share listed under k2's hex but encrypted to k1: k2 cannot open it.
        let misfiled = SeedShareDocument(
            seedShares: [SeedShare(publicKey: SeedShares.ownerKeyHex(k2.publicKey), encryptedSeed: doc.seedShares[0].encryptedSeed)],
            salt: salt)
        #expect(throws: SeedShareError.decryptionFailed) { try SeedShares.decrypt(document: misfiled, with: k2) }

        for index in [0, 100, 255] {
            var tampered = doc
            tampered.seedShares[0].encryptedSeed[index] ^= 0x01
            #expect(throws: SeedShareError.decryptionFailed, "byte \(index)") { try SeedShares.decrypt(document: tampered, with: k1) }
        }
        var truncated = doc
        truncated.seedShares[0].encryptedSeed.removeLast()
        #expect(throws: SeedShareError.decryptionFailed) { try SeedShares.decrypt(document: truncated, with: k1) }

        // The same seed under another label (upstream TestDecryptSeedShare_WrongLabel).
        let wrongLabel = try k1.publicKey.encrypt(seed, padding: .oaepSHA256, label: Array("this-label-is-wrong".utf8), using: &rng)
        #expect(throws: SeedShareError.decryptionFailed) {
            try SeedShares.decrypt(share: SeedShare(publicKey: "", encryptedSeed: wrongLabel), with: k1)
        }
    }

    @Test("decrypted seed and salt lengths are checked as SeedEngine.New does")
    func lengths() throws {
        let k1 = try SeedShareFixtures.key(SeedShareFixtures.pem1)
        let hex = SeedShares.ownerKeyHex(k1.publicKey)
        var rng = DeterministicRandom(seed: 9)
        let short = try SeedShares.encrypt(seed: [UInt8](repeating: 1, count: 31), salt: salt, ownerKeysHex: [hex], random: &rng)
        #expect(throws: SeedShareError.self) { try SeedShares.decrypt(document: short, with: k1) }
        let minimal = try SeedShares.encrypt(seed: [UInt8](repeating: 1, count: 32), salt: salt, ownerKeysHex: [hex], random: &rng)
        #expect(try SeedShares.decrypt(document: minimal, with: k1).seed.count == 32)
        let badSalt = try SeedShares.encrypt(seed: seed, salt: [UInt8](repeating: 0, count: 16), ownerKeysHex: [hex], random: &rng)
        #expect(throws: SeedShareError.invalidSeed("salt is 16 bytes, need 32")) { try SeedShares.decrypt(document: badSalt, with: k1) }
    }

    @Test("owner keys: hex PKCS#1 is accepted; bad hex, SPKI hex and small keys are rejected with the key's index")
    func ownerKeys() throws {
        let k1 = try SeedShareFixtures.key(SeedShareFixtures.pem1)
        let pkcs1Hex = SeedShares.ownerKeyHex(k1.publicKey)
        #expect(try SeedShares.ownerKey(hex: pkcs1Hex).n == k1.publicKey.n)
        let spkiHex = SubjectPublicKeyInfo(rsaModulus: k1.publicKey.n, publicExponent: k1.publicKey.e).derEncoded.hexString
        var rng = DeterministicRandom(seed: 10)
        func reason(_ keys: [String]) -> (Int, String)? {
            do {
                _ = try SeedShares.encrypt(seed: seed, salt: salt, ownerKeysHex: keys, random: &rng)
                return nil
            } catch {
                if case .invalidOwnerKey(let i, let why) = error { return (i, why) }
                return (-1, "\(error)")
            }
        }
        #expect(reason([pkcs1Hex, "zz"])?.0 == 1 && reason([pkcs1Hex, "zz"])?.1 == "parsing from hex")
        // Upstream's ParseSeedShareOwnerKey is x509.ParsePKCS1PublicKey only: an SPKI fails "parsing from PKCS1".
        #expect(reason([spkiHex])?.0 == 0 && reason([spkiHex])?.1.hasPrefix("parsing from PKCS1") == true)
        #expect(reason([pkcs1Hex + "00"])?.1.hasPrefix("parsing from PKCS1") == true)
        // A 1024-bit key parses as PKCS#1 but ContrastCrypto refuses to encrypt to it.
        let small = ManifestPublicKey.pkcs1RSA(modulus: [0xC1] + [UInt8](repeating: 0x01, count: 126) + [0x01], publicExponent: [1, 0, 1])
        #expect(reason([small.hexString])?.1.hasPrefix("unusable RSA key") == true)
        #expect(reason([])  == nil)
    }

    @Test("PEM key files become manifest entries as upstream's ExtractSeedshareOwnerPublicKey makes them")
    func pemEntries() throws {
        let k1 = try SeedShareFixtures.key(SeedShareFixtures.pem1)
        let pkcs1Hex = SeedShares.ownerKeyHex(k1.publicKey)
        #expect(try SeedShares.ownerKeyHex(pem: SeedShareFixtures.pem1) == pkcs1Hex)
        let wrapped = PEMDocument(type: "PUBLIC KEY", derBytes: try [UInt8](hexString: pkcs1Hex)).pemString
        #expect(try SeedShares.ownerKeyHex(pem: wrapped) == pkcs1Hex)
        let other = PEMDocument(type: "EC PRIVATE KEY", derBytes: [0x30, 0x00]).pemString
        #expect(throws: SeedShareError.self) { try SeedShares.ownerKeyHex(pem: other) }
        #expect(throws: SeedShareError.self) { try SeedShares.ownerKeyHex(pem: "no pem here") }
    }

    // Interop: enabled only when `openssl` is on PATH.
    @Test("openssl pkeyutl decrypts our shares and we decrypt openssl's (OAEP, SHA-256, label seedshare, RSA-4096)",
          .enabled(if: Subprocess.which("openssl") != nil, "openssl not on PATH"))
    func opensslInterop() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        let dir = temporaryDirectory("seedshare")
        defer { removeTree(dir) }
        let oaep = ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256",
                    "-pkeyopt", "rsa_oaep_label:736565647368617265"]
        #expect(String(decoding: SeedShares.label, as: UTF8.self) == "seedshare" && SeedShares.label.hexString == "736565647368617265")
        let gen = try Subprocess.run(openssl, ["genrsa", "-traditional", "-out", dir + "/owner.pem", "4096"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let pem = String(decoding: try VectorLocator.read(dir + "/owner.pem"), as: UTF8.self)
        let key = try SeedShareFixtures.key(pem)
        #expect(key.keySizeInBits == 4096)

        // ours → openssl
        var rng = SystemRandom()
        let doc = try SeedShares.encrypt(seed: seed, salt: salt, ownerKeysHex: [try SeedShares.ownerKeyHex(pem: pem)], random: &rng)
        try writeFile(dir + "/share.bin", doc.seedShares[0].encryptedSeed)
        let dec = try Subprocess.run(
            openssl, ["pkeyutl", "-decrypt", "-inkey", dir + "/owner.pem", "-in", dir + "/share.bin", "-out", dir + "/seed.bin"] + oaep)
        #expect(dec.status == 0, "\(dec.stderr)")
        #expect(try VectorLocator.read(dir + "/seed.bin") == seed)

        // openssl → ours
        try writeFile(dir + "/plain.bin", seed)
        let enc = try Subprocess.run(
            openssl, ["pkeyutl", "-encrypt", "-inkey", dir + "/owner.pem", "-in", dir + "/plain.bin", "-out", dir + "/theirs.bin"] + oaep)
        #expect(enc.status == 0, "\(enc.stderr)")
        let theirs = SeedShareDocument(
            seedShares: [SeedShare(publicKey: SeedShares.ownerKeyHex(key.publicKey), encryptedSeed: try VectorLocator.read(dir + "/theirs.bin"))],
            salt: salt)
        #expect(try SeedShares.decrypt(document: theirs, with: key).seed == seed)

        // openssl with another label: rejected.
        let other = try Subprocess.run(
            openssl, ["pkeyutl", "-encrypt", "-inkey", dir + "/owner.pem", "-in", dir + "/plain.bin", "-out", dir + "/other.bin",
                      "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_oaep_label:00"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(throws: SeedShareError.decryptionFailed) {
            try SeedShares.decrypt(share: SeedShare(publicKey: "", encryptedSeed: try VectorLocator.read(dir + "/other.bin")), with: key)
        }
    }
}
