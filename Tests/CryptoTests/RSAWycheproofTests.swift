// SPDX-License-Identifier: Apache-2.0
// Wycheproof RSA vectors: PKCS#1 v1.5 and PSS verification, OAEP decryption (every case, counts asserted).

import ContrastCrypto
import TestSupport
import Testing

/// Acceptable-case policy for RSA, decided here (STYLE.md §8.7 rule 3):
/// - `rsa_signature_*`: the only `acceptable` cases carry `MissingNull` (DigestInfo without the NULL
///   parameters). We re-encode the expected block with the NULL (RFC 8017 §9.2 note 1 form) and compare all of
///   it, so these are **rejected**.
/// - `rsa_pss_*`, `rsa_oaep_*`: no `acceptable` cases; `.reject` is asserted anyway.
let rsaAcceptablePolicy = AcceptablePolicy.reject(ifFlags: ["MissingNull"])

func rsaHash(_ name: String?) throws -> RSA.HashAlgorithm {
    switch name {
    case "SHA-256": return .sha256
    case "SHA-384": return .sha384
    case "SHA-512": return .sha512
    default: throw VectorError.malformed(file: "rsa", reason: "unsupported hash \(name ?? "nil")")
    }
}

func groupHex(_ c: WycheproofCase, _ object: String, _ key: String) throws -> [UInt8] {
    guard let s = c.group[object]?[key]?.string else {
        throw VectorError.malformed(file: c.file, reason: "group has no \(object).\(key)")
    }
    return try Hex.decode(s)
}

@Suite("RSA Wycheproof")
struct RSAWycheproofTests {
    static let pkcs1Files: [(String, Int)] = [
        ("rsa_signature_2048_sha256_test.json", 259), ("rsa_signature_2048_sha384_test.json", 258),
        ("rsa_signature_2048_sha512_test.json", 259), ("rsa_signature_3072_sha256_test.json", 259),
        ("rsa_signature_3072_sha384_test.json", 259), ("rsa_signature_3072_sha512_test.json", 260),
        ("rsa_signature_4096_sha256_test.json", 258), ("rsa_signature_4096_sha384_test.json", 259),
        ("rsa_signature_4096_sha512_test.json", 259),
    ]

    static let pssFiles: [(String, Int)] = [
        ("rsa_pss_2048_sha256_mgf1_0_test.json", 103), ("rsa_pss_2048_sha256_mgf1_32_test.json", 108),
        ("rsa_pss_2048_sha384_mgf1_48_test.json", 141), ("rsa_pss_3072_sha256_mgf1_32_test.json", 108),
        ("rsa_pss_4096_sha256_mgf1_32_test.json", 108), ("rsa_pss_4096_sha384_mgf1_48_test.json", 141),
        ("rsa_pss_4096_sha512_mgf1_64_test.json", 179),
    ]

    static let oaepFiles: [(String, Int)] = [
        ("rsa_oaep_2048_sha256_mgf1sha256_test.json", 37), ("rsa_oaep_3072_sha256_mgf1sha256_test.json", 37),
        ("rsa_oaep_4096_sha256_mgf1sha256_test.json", 37),
    ]

    @Test(
        "PKCS#1 v1.5 verification matches Wycheproof", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage),
        arguments: pkcs1Files)
    func pkcs1v15(file: String, count: Int) throws {
        var keys = [String: RSA.Signing.PublicKey]()
        try runWycheproof(file, expectedCount: count, policy: rsaAcceptablePolicy) { c in
            let modulus = c.group["publicKey"]?["modulus"]?.string ?? ""
            let key: RSA.Signing.PublicKey
            if let cached = keys[modulus] {
                key = cached
            } else {
                key = try RSA.Signing.PublicKey(
                    n: try groupHex(c, "publicKey", "modulus"), e: try groupHex(c, "publicKey", "publicExponent"))
                keys[modulus] = key
            }
            return key.isValidSignature(
                RSA.Signing.RSASignature(rawRepresentation: try c.hex("sig")), for: try c.hex("msg"),
                hash: try rsaHash(c.string("sha")), padding: .pkcs1v1_5)
        }
    }

    @Test(
        "PSS verification matches Wycheproof", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage),
        arguments: pssFiles)
    func pss(file: String, count: Int) throws {
        var keys = [String: RSA.Signing.PublicKey]()
        try runWycheproof(file, expectedCount: count, policy: .reject) { c in
            let modulus = c.group["publicKey"]?["modulus"]?.string ?? ""
            let key: RSA.Signing.PublicKey
            if let cached = keys[modulus] {
                key = cached
            } else {
                key = try RSA.Signing.PublicKey(
                    n: try groupHex(c, "publicKey", "modulus"), e: try groupHex(c, "publicKey", "publicExponent"))
                keys[modulus] = key
            }
            guard c.string("mgf") == "MGF1", let sLen = c.int("sLen") else {
                throw VectorError.malformed(file: c.file, reason: "unexpected PSS parameters")
            }
            let padding = RSA.Signing.Padding.pss(saltLength: sLen, mgf1Hash: try rsaHash(c.string("mgfSha")))
            return key.isValidSignature(
                RSA.Signing.RSASignature(rawRepresentation: try c.hex("sig")), for: try c.hex("msg"),
                hash: try rsaHash(c.string("sha")), padding: padding)
        }
    }

    @Test(
        "OAEP decryption matches Wycheproof", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage),
        arguments: oaepFiles)
    func oaep(file: String, count: Int) throws {
        var keys = [String: RSA.Encryption.PrivateKey]()
        var random = DeterministicRandom(seed: 0x0AE9)
        try runWycheproof(file, expectedCount: count, policy: .reject) { c in
            let modulus = c.group["privateKey"]?["modulus"]?.string ?? ""
            let key: RSA.Encryption.PrivateKey
            if let cached = keys[modulus] {
                key = cached
            } else {
                key = try RSA.Encryption.PrivateKey(
                    n: try groupHex(c, "privateKey", "modulus"), e: try groupHex(c, "privateKey", "publicExponent"),
                    d: try groupHex(c, "privateKey", "privateExponent"), p: try groupHex(c, "privateKey", "prime1"),
                    q: try groupHex(c, "privateKey", "prime2"), dP: try groupHex(c, "privateKey", "exponent1"),
                    dQ: try groupHex(c, "privateKey", "exponent2"), qInv: try groupHex(c, "privateKey", "coefficient"))
                keys[modulus] = key
            }
            #expect(c.string("mgf") == "MGF1" && c.string("mgfSha") == c.string("sha"), "\(c.label): parameters")
            let padding = RSA.Encryption.Padding.oaep(hash: try rsaHash(c.string("sha")))
            do {
                let plain = try key.decrypt(try c.hex("ct"), padding: padding, label: try c.hex("label"), using: &random)
                return plain == (try c.hex("msg"))
            } catch CryptoError.authenticationFailure {
                return false
            }
        }
    }
}
