// SPDX-License-Identifier: Apache-2.0
// Seed-derived P-384 keys against upstream's SEC 1 DER vectors; transaction signatures on the history; owner keys (2026 scheme).

#if canImport(Glibc)
import Glibc
#endif
import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import TestSupport
import Testing

private func hex(_ s: String) -> [UInt8] { (try? [UInt8](hexString: s)) ?? [] }

@Suite("Seed keys, transaction signatures, owner keys")
struct SeedKeysTests {
    @Test("root CA and transaction keys reproduce upstream's SEC 1 DER byte for byte")
    func sec1Vectors() throws {
        let v = SeedEngineTests.keyVectors[0]
        let engine = try SeedEngine(seed: hex(v.seed), salt: hex(v.salt))
        #expect(try engine.rootCAKey().sec1DERRepresentation.hexString == v.rootCAKeyDER)
        #expect(try engine.transactionSigningKey().key.sec1DERRepresentation.hexString == v.transactionKeyDER)
        let parsed = try P384.Signing.PrivateKey(derRepresentation: hex(v.rootCAKeyDER ?? ""))
        #expect(parsed.rawRepresentation == (try engine.rootCAKey()).rawRepresentation)
        var tampered = hex(v.rootCAKeyDER ?? "")
        tampered[tampered.count - 1] ^= 1
        #expect(throws: CryptoError.self) { try P384.Signing.PrivateKey(derRepresentation: tampered) }
    }

    @Test("ECDSA-Sig-Value DER round trip and strictness")
    func signatureDER() throws {
        let raw = [UInt8](repeating: 0, count: 47) + [0x80] + [0x01] + [UInt8](repeating: 0xFF, count: 47)
        let der = try P384.Signing.ECDSASignature(rawRepresentation: raw).derRepresentation
        #expect(der.hexString.hasPrefix("3036020200800230"))
        #expect(try P384.Signing.ECDSASignature(derRepresentation: der).rawRepresentation == raw)
        #expect(throws: CryptoError.self) { try P384.Signing.ECDSASignature(derRepresentation: der + [0]) }
        #expect(throws: CryptoError.self) { try P384.Signing.ECDSASignature(derRepresentation: [0x30, 0x06, 0x02, 0x02, 0x00, 0x01, 0x02, 0x00]) }
        // The transaction key's signatures on `latest` are this DER form, and a one-bit change is refused.
        let engine = try SeedEngine(seed: [UInt8](repeating: 3, count: 64), salt: [UInt8](repeating: 4, count: 32))
        let key = try engine.transactionSigningKey()
        let th = [UInt8](repeating: 0x42, count: 32)
        var sig = try key.signTransitionHash(th)
        #expect(key.publicKey.isValidTransitionSignature(sig, for: th))
        #expect(try P384.Signing.ECDSASignature(derRepresentation: sig).derRepresentation == sig)
        sig[sig.count - 1] ^= 1
        #expect(!key.publicKey.isValidTransitionSignature(sig, for: th))
    }

    @Test("the history signs latest with the transaction key and rejects a foreign key")
    func historyWithTransactionKey() throws {
        let engine = try SeedEngine(seed: [UInt8](repeating: 3, count: 64), salt: [UInt8](repeating: 4, count: 32))
        let key = try engine.transactionSigningKey()
        let history = History(store: MemoryStore())
        let mh = try history.setManifest(Array("{}".utf8))
        let th = try history.setTransition(try Transition(manifestHash: mh, previousTransitionHash: Transition.rootHash))
        try history.setLatest(old: nil, transitionHash: th, signer: key)
        #expect(try history.getLatest(verifier: key.publicKey).transitionHash == th)
        let other = try SeedEngine(seed: [UInt8](repeating: 5, count: 64), salt: [UInt8](repeating: 4, count: 32)).transactionSigningKey()
        #expect(throws: StoreError.self) { try history.getLatest(verifier: other.publicKey) }
    }

    @Test("owner signature (2026): sign and verify against WorkloadOwnerPubKeys; digests are hex SHA-256 of SPKI")
    func ownerSignature() throws {
        let owner = try P384.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 47) + [7])
        let spkiHex = owner.publicKey.derRepresentation.hexString
        let th = try Transition(manifestHash: [UInt8](repeating: 1, count: 32), previousTransitionHash: Transition.rootHash).hash
        let sig = WorkloadOwnerKey.sign(transitionHash: th, with: owner)
        #expect(WorkloadOwnerKey.verify(signature: sig, transitionHash: th, ownerPublicKeysHex: [ManifestFixtures.ecSPKIHex, spkiHex]))
        #expect(!WorkloadOwnerKey.verify(signature: sig, transitionHash: th, ownerPublicKeysHex: [ManifestFixtures.ecSPKIHex]))
        #expect(!WorkloadOwnerKey.verify(signature: sig, transitionHash: [UInt8](repeating: 9, count: 32), ownerPublicKeysHex: [spkiHex]))
        let digest = WorkloadOwnerKey.digest(of: owner.publicKey)
        #expect(digest == SHA256.hash(data: owner.publicKey.derRepresentation).hexString)
        #expect(WorkloadOwnerKey.isAuthorized(publicKeyDER: owner.publicKey.derRepresentation, digests: [digest.uppercased()]))
        #expect(!WorkloadOwnerKey.isAuthorized(publicKeyDER: owner.publicKey.derRepresentation, digests: []))
    }

    // Interop: enabled only when `openssl` is on PATH.
    @Test("owner signature interop with openssl pkeyutl, both directions", .enabled(if: Subprocess.which("openssl") != nil, "openssl not on PATH"))
    func opensslInterop() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        let dir = temporaryDirectory("owner")
        defer { removeTree(dir) }
        #expect(try Subprocess.run(openssl, ["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", dir + "/k.pem"]).status == 0)
        #expect(try Subprocess.run(openssl, ["ec", "-in", dir + "/k.pem", "-outform", "DER", "-out", dir + "/k.der"]).status == 0)
        #expect(try Subprocess.run(openssl, ["ec", "-in", dir + "/k.pem", "-pubout", "-outform", "DER", "-out", dir + "/pub.der"]).status == 0)
        #expect(try Subprocess.run(openssl, ["ec", "-in", dir + "/k.pem", "-pubout", "-out", dir + "/pub.pem"]).status == 0)
        let key = try P384.Signing.PrivateKey(derRepresentation: try VectorLocator.read(dir + "/k.der"))
        let pubDER = try VectorLocator.read(dir + "/pub.der")
        #expect(pubDER == key.publicKey.derRepresentation)
        let th = [UInt8](repeating: 0xAB, count: 32)
        let digest = WorkloadOwnerKey.signedDigest(transitionHash: th)
        try writeFile(dir + "/digest.bin", digest)
        // ours → openssl
        try writeFile(dir + "/ours.sig", WorkloadOwnerKey.sign(transitionHash: th, with: key))
        let v = try Subprocess.run(openssl, ["pkeyutl", "-verify", "-pubin", "-inkey", dir + "/pub.pem", "-in", dir + "/digest.bin", "-sigfile", dir + "/ours.sig"])
        #expect(v.status == 0, "\(v.stdout) \(v.stderr)")
        // openssl → ours
        #expect(try Subprocess.run(openssl, ["pkeyutl", "-sign", "-inkey", dir + "/k.pem", "-in", dir + "/digest.bin", "-out", dir + "/theirs.sig"]).status == 0)
        let theirs = try VectorLocator.read(dir + "/theirs.sig")
        #expect(WorkloadOwnerKey.verify(signature: theirs, transitionHash: th, ownerPublicKeysHex: [pubDER.hexString]))
    }
}

/// Writes bytes to a file (tests only).
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    guard let f = fopen(path, "wb") else { throw StoreError.io(operation: "fopen", path: path, errno: errno) }
    defer { fclose(f) }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
}
