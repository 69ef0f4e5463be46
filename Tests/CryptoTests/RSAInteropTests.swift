// SPDX-License-Identifier: Apache-2.0
// RSA interop with the `openssl` command: key check, PSS signatures and OAEP in both directions.

#if canImport(Glibc)
import Glibc
#endif
import ContrastCrypto
import TestSupport
import Testing

/// Minimal DER for PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2), test-only: the real encoders are in ContrastASN1.
enum TestRSADER {
    static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var bytes = [UInt8]()
        var v = n
        while v > 0 {
            bytes.insert(UInt8(v & 0xFF), at: 0)
            v >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func integer(_ bigEndian: [UInt8]) -> [UInt8] {
        var v = Array(bigEndian.drop(while: { $0 == 0 }))
        if v.isEmpty || v[0] & 0x80 != 0 { v.insert(0, at: 0) }
        return [0x02] + length(v.count) + v
    }

    static func privateKey(_ c: RSA.PrivateKeyComponents) -> [UInt8] {
        let body = integer([0]) + [c.n, c.e, c.d, c.p, c.q, c.dP, c.dQ, c.qInv].flatMap(integer)
        return [0x30] + length(body.count) + body
    }
}

/// A scratch directory for files handed to `openssl`.
struct ScratchDirectory {
    let path: String

    init() {
        path = "/tmp/contrast-rsa-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(path, 0o700)
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let file = path + "/" + name
        if let f = fopen(file, "wb") {
            _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            fclose(f)
        }
        return file
    }

    func remove() {
        for name in ["key.der", "digest.bin", "sig.bin", "ct.bin", "pt.bin", "msg.bin"] { unlink(path + "/" + name) }
        rmdir(path)
    }
}

/// Enabled only when `openssl` is on PATH (the interop partner); otherwise the suite is reported as disabled.
@Suite("RSA interop with OpenSSL", .enabled(if: Subprocess.which("openssl") != nil, "openssl is not on PATH"))
struct RSAInteropTests {
    let openssl = Subprocess.which("openssl") ?? "openssl"

    @Test("OpenSSL accepts the generated key (rsa -check: p, q prime, d, CRT values)")
    func opensslChecksKey() throws {
        let key = try #require(rsaTestKey2048)
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let der = dir.write("key.der", TestRSADER.privateKey(key.components))
        let r = try Subprocess.run(openssl, ["rsa", "-in", der, "-inform", "DER", "-check", "-noout"])
        #expect(r.status == 0 && r.stdout.contains("RSA key ok"), "\(r.stdout) \(r.stderr)")
    }

    @Test("our PSS and PKCS#1 v1.5 signatures verify with openssl pkeyutl")
    func signaturesVerifyWithOpenSSL() throws {
        let key = try #require(rsaTestKey2048)
        var random = DeterministicRandom(seed: 3)
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let der = dir.write("key.der", TestRSADER.privateKey(key.components))
        let cases: [(RSA.HashAlgorithm, String, RSA.Signing.Padding, [String])] = [
            (.sha256, "sha256", .pss(), ["-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:32"]),
            (.sha384, "sha384", .amdSEVSNP, ["-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:48"]),
            (.sha512, "sha512", .pss(saltLength: 0), ["-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:0"]),
            (.sha256, "sha256", .pkcs1v1_5, ["-pkeyopt", "rsa_padding_mode:pkcs1"]),
        ]
        for (hash, name, padding, options) in cases {
            let digest = hash.hash(Array("interop \(name)".utf8))
            let sig = try key.signature(digest: digest, hash: hash, padding: padding, using: &random)
            let digestFile = dir.write("digest.bin", digest)
            let sigFile = dir.write("sig.bin", sig.rawRepresentation)
            let r = try Subprocess.run(
                openssl,
                ["pkeyutl", "-verify", "-inkey", der, "-keyform", "DER", "-in", digestFile, "-sigfile", sigFile,
                 "-pkeyopt", "digest:\(name)"] + options)
            #expect(r.status == 0 && r.stdout.contains("Verified Successfully"), "\(name): \(r.stdout) \(r.stderr)")
        }
    }

    @Test("OAEP-SHA256 ciphertexts decrypt across implementations in both directions")
    func oaepBothDirections() throws {
        let signingKey = try #require(rsaTestKey2048)
        let key = try rsaDecryptionKey(signingKey)
        var random = DeterministicRandom(seed: 4)
        let dir = ScratchDirectory()
        defer { dir.remove() }
        let der = dir.write("key.der", TestRSADER.privateKey(signingKey.components))
        let label = Array("seedshare".utf8)
        let options = [
            "-inkey", der, "-keyform", "DER", "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256",
            "-pkeyopt", "rsa_mgf1_md:sha256", "-pkeyopt", "rsa_oaep_label:" + label.hexString,
        ]
        let seed = random.bytes(64)
        // Ours → OpenSSL.
        let ct = try key.publicKey.encrypt(seed, label: label, using: &random)
        let ctFile = dir.write("ct.bin", ct)
        let out = dir.path + "/pt.bin"
        let r = try Subprocess.run(openssl, ["pkeyutl", "-decrypt", "-in", ctFile, "-out", out] + options)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try? VectorLocator.read(out)) == seed)
        // OpenSSL → ours.
        let msgFile = dir.write("msg.bin", seed)
        let r2 = try Subprocess.run(openssl, ["pkeyutl", "-encrypt", "-in", msgFile, "-out", ctFile] + options)
        #expect(r2.status == 0, "\(r2.stderr)")
        let theirs = try VectorLocator.read(ctFile)
        #expect(try key.decrypt(theirs, label: label, using: &random) == seed)
    }
}
