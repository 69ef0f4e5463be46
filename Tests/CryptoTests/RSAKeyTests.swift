// SPDX-License-Identifier: Apache-2.0
// RSA key generation, sign/verify and OAEP round trips, and typed rejection of malformed inputs.

import ContrastCrypto
import TestSupport
import Testing

/// One 2048-bit key generated from a fixed seed, shared by the tests of this file.
let rsaTestKey2048: RSA.Signing.PrivateKey? = {
    var random = DeterministicRandom(seed: 0x2048)
    return try? RSA.Signing.PrivateKey(keySize: .bits2048, using: &random)
}()

func rsaDecryptionKey(_ key: RSA.Signing.PrivateKey) throws -> RSA.Encryption.PrivateKey {
    let c = key.components
    return try RSA.Encryption.PrivateKey(n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv)
}

@Suite("RSA keys")
struct RSAKeyTests {
    @Test("generated 2048-bit key satisfies FIPS 186-5 A.1.3 and §A.1.1")
    func generatedKeyProperties() throws {
        let key = try #require(rsaTestKey2048)
        #expect(key.keySizeInBits == 2048)
        let c = key.components
        let p = VarTimeArithmetic.normalized(try Limbs.fromBigEndian(c.p, count: 16))
        let q = VarTimeArithmetic.normalized(try Limbs.fromBigEndian(c.q, count: 16))
        let n = VarTimeArithmetic.normalized(try Limbs.fromBigEndian(c.n, count: 32))
        let d = VarTimeArithmetic.normalized(try Limbs.fromBigEndian(c.d, count: 32))
        #expect(c.e == [0x01, 0x00, 0x01])
        #expect(VarTimeArithmetic.compare(VarTimeArithmetic.multiply(p, q), n) == 0, "n = p·q")
        #expect(VarTimeArithmetic.bitLength(p) == 1024 && VarTimeArithmetic.bitLength(q) == 1024)
        // |p − q| > 2^(nlen/2 − 100).
        let diff = VarTimeArithmetic.compare(p, q) > 0
            ? VarTimeArithmetic.subtract(p, q) : VarTimeArithmetic.subtract(q, p)
        #expect(VarTimeArithmetic.bitLength(diff) > 1024 - 100)
        // d·e ≡ 1 mod λ(n) and 2^(nlen/2) < d < λ(n).
        let p1 = VarTimeArithmetic.subtract(p, [1])
        let q1 = VarTimeArithmetic.subtract(q, [1])
        let lambda = VarTimeArithmetic.divide(
            VarTimeArithmetic.multiply(p1, q1), by: VarTimeArithmetic.gcd(p1, q1)).quotient
        let de = VarTimeArithmetic.multiply(d, [65537])
        #expect(VarTimeArithmetic.divide(de, by: lambda).remainder == [1], "d·e ≡ 1 mod λ(n)")
        #expect(VarTimeArithmetic.bitLength(d) > 1024)
        #expect(VarTimeArithmetic.compare(d, lambda) < 0)
        // p and q prime: Miller–Rabin with the first 12 prime bases (a check independent of the random bases
        // used by key generation; OpenSSL's own check runs in the interop suite).
        for prime in [p, q] {
            #expect(millerRabinFixedBases(prime), "p and q must be prime")
        }
        // p − 1 not a multiple of e (gcd(p − 1, e) = 1 for prime e).
        #expect(VarTimeArithmetic.divide(p1, by: [65537]).remainder != [])
        #expect(VarTimeArithmetic.divide(q1, by: [65537]).remainder != [])
    }

    @Test("the same seed generates the same key; different seeds differ")
    func deterministicGeneration() throws {
        let key = try #require(rsaTestKey2048)
        var random = DeterministicRandom(seed: 0x2048)
        let again = try RSA.Signing.PrivateKey(keySize: .bits2048, using: &random)
        #expect(again.components.n == key.components.n)
    }

    @Test("Miller–Rabin rejects composites and Carmichael numbers, accepts primes")
    func millerRabin() throws {
        var random = DeterministicRandom(seed: 7)
        // 2^127 − 1 is prime; 561 and 2^127 + 1 are not; (2^64 − 59)·(2^64 − 83) is a product of primes.
        let m127: [UInt64] = [~0, 0x7FFF_FFFF_FFFF_FFFF]
        #expect(try RSAKeyGeneration.isProbablePrime(try MontgomeryModulus(limbs: m127), rounds: 8, using: &random))
        #expect(!(try RSAKeyGeneration.isProbablePrime(try MontgomeryModulus(limbs: [561]), rounds: 8, using: &random)))
        let p127: [UInt64] = [1, 0x8000_0000_0000_0000]
        #expect(!(try RSAKeyGeneration.isProbablePrime(try MontgomeryModulus(limbs: p127), rounds: 8, using: &random)))
        let semiprime = VarTimeArithmetic.multiply([0xFFFF_FFFF_FFFF_FFC5], [0xFFFF_FFFF_FFFF_FFAD])
        #expect(
            !(try RSAKeyGeneration.isProbablePrime(try MontgomeryModulus(limbs: semiprime), rounds: 8, using: &random)))
    }

    @Test("PKCS#1 v1.5 and PSS signatures verify for every hash; tampering fails")
    func signVerifyRoundTrip() throws {
        let key = try #require(rsaTestKey2048)
        var random = DeterministicRandom(seed: 99)
        let message = Array("attested coordinator".utf8)
        for hash in RSA.HashAlgorithm.allCases {
            for padding in [RSA.Signing.Padding.pkcs1v1_5, .pss(), .pss(saltLength: 0), .pss(saltLength: 20, mgf1Hash: .sha256)] {
                let sig = try key.signature(for: message, hash: hash, padding: padding, using: &random)
                #expect(sig.rawRepresentation.count == 256)
                #expect(key.publicKey.isValidSignature(sig, for: message, hash: hash, padding: padding))
                #expect(!key.publicKey.isValidSignature(sig, for: message + [0], hash: hash, padding: padding))
                var bad = sig.rawRepresentation
                bad[100] ^= 1
                #expect(!key.publicKey.isValidSignature(
                    RSA.Signing.RSASignature(rawRepresentation: bad), for: message, hash: hash, padding: padding))
            }
        }
        // PKCS#1 v1.5 is deterministic: the blinding must not change the signature.
        let a = try key.signature(for: message, hash: .sha256, padding: .pkcs1v1_5, using: &random)
        let b = try key.signature(for: message, hash: .sha256, padding: .pkcs1v1_5, using: &random)
        #expect(a == b)
        // Digest-typed verification picks the hash from the digest size.
        let digestSig = try key.signature(for: message, hash: .sha384, padding: .amdSEVSNP, using: &random)
        #expect(key.publicKey.isValidSignature(digestSig, for: SHA384.hash(data: message), padding: .amdSEVSNP))
    }

    @Test("The blinding pair kept between operations: 70 signatures in a row and 4 concurrent signers all give the one PKCS#1 v1.5 signature")
    func keptBlindingPair() async throws {
        let key = try #require(rsaTestKey2048)
        let message = Array("blinding kept between operations".utf8)
        var random = DeterministicRandom(seed: 7)
        let expected = try key.signature(for: message, hash: .sha256, padding: .pkcs1v1_5, using: &random)
        // More than twice the 32 uses of one random r: squared pairs and two fresh draws. A wrong pair would
        // either change the signature or trip the check against the public key (a thrown error).
        for i in 0..<70 {
            #expect(try key.signature(for: message, hash: .sha256, padding: .pkcs1v1_5, using: &random) == expected, "\(i)")
        }
        // Concurrent signers never share a pair (the cache hands it to one operation at a time).
        try await withThrowingTaskGroup(of: Int.self) { group in
            for t in 0..<4 {
                group.addTask {
                    var random = DeterministicRandom(seed: UInt64(100 + t))
                    var same = 0
                    for _ in 0..<20 {
                        let s = try key.signature(for: message, hash: .sha256, padding: .pkcs1v1_5, using: &random)
                        if s == expected { same += 1 }
                    }
                    return same
                }
            }
            for try await same in group { #expect(same == 20) }
        }
    }

    @Test("OAEP round trip with and without a label; wrong label or ciphertext fails with one error")
    func oaepRoundTrip() throws {
        let key = try rsaDecryptionKey(try #require(rsaTestKey2048))
        var random = DeterministicRandom(seed: 5)
        let label = Array("seedshare".utf8)
        for length in [0, 1, 32, 64, 256 - 2 * 32 - 2] {
            let plaintext = random.bytes(length)
            let ct = try key.publicKey.encrypt(plaintext, label: label, using: &random)
            #expect(ct.count == 256)
            #expect(try key.decrypt(ct, label: label, using: &random) == plaintext)
            #expect(throws: CryptoError.authenticationFailure) { try key.decrypt(ct, label: [], using: &random) }
            var bad = ct
            bad[10] ^= 0x80
            #expect(throws: CryptoError.authenticationFailure) { try key.decrypt(bad, label: label, using: &random) }
        }
        #expect(throws: CryptoError.invalidLength) {
            try key.publicKey.encrypt([UInt8](repeating: 1, count: 256 - 2 * 32 - 1), using: &random)
        }
        let sha512 = RSA.Encryption.Padding.oaep(hash: .sha512)
        let ct = try key.publicKey.encrypt([1, 2, 3], padding: sha512, using: &random)
        #expect(try key.decrypt(ct, padding: sha512, using: &random) == [1, 2, 3])
    }

    @Test("wrong-length, zero, ≥ n and malformed inputs are rejected with typed errors")
    func rejectsMalformedInputs() throws {
        let signing = try #require(rsaTestKey2048)
        let key = try rsaDecryptionKey(signing)
        var random = DeterministicRandom(seed: 11)
        let n = signing.components.n
        let message: [UInt8] = [1, 2, 3]
        let good = try signing.signature(for: message, hash: .sha256, padding: .pkcs1v1_5, using: &random)
        let pub = signing.publicKey
        for bytes in [[], Array(good.rawRepresentation.dropFirst()), good.rawRepresentation + [0],
                      [UInt8](repeating: 0, count: 256), n, [UInt8](repeating: 0xFF, count: 256)] {
            #expect(!pub.isValidSignature(RSA.Signing.RSASignature(rawRepresentation: bytes), for: message,
                                          hash: .sha256, padding: .pkcs1v1_5))
            #expect(!pub.isValidSignature(RSA.Signing.RSASignature(rawRepresentation: bytes), for: message,
                                          hash: .sha256, padding: .pss()))
            #expect(throws: CryptoError.authenticationFailure) { try key.decrypt(bytes, using: &random) }
        }
        // Wrong digest size.
        #expect(!pub.isValidSignature(good, digest: [UInt8](repeating: 0, count: 31), hash: .sha256, padding: .pkcs1v1_5))
        #expect(throws: CryptoError.invalidLength) {
            try signing.signature(digest: [1], hash: .sha256, padding: .pkcs1v1_5, using: &random)
        }
        // PSS salt too long for the key (RFC 8017 §9.1.1 step 3).
        #expect(throws: CryptoError.invalidLength) {
            try signing.signature(for: message, hash: .sha512, padding: .pss(saltLength: 200), using: &random)
        }
        // Public keys: even modulus, e = 1, even e, e ≥ n, too small, too large, empty.
        var even = n
        even[even.count - 1] &= 0xFE
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(n: even, e: [1, 0, 1]) }
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(n: n, e: [1]) }
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(n: n, e: [4]) }
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(n: n, e: n) }
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(n: [], e: [3]) }
        #expect(throws: CryptoError.invalidParameter) { try RSA.Signing.PublicKey(n: Array(n[0..<64]), e: [3]) }
        #expect(throws: CryptoError.invalidParameter) {
            try RSA.Signing.PublicKey(n: [UInt8](repeating: 0xFF, count: 1025), e: [3])
        }
        #expect(throws: CryptoError.invalidParameter) {
            try RSA.Encryption.PublicKey(n: Array(n[0..<128]), e: [1, 0, 1])
        }
        // Inconsistent private keys.
        let c = signing.components
        var wrongQ = c.q
        wrongQ[wrongQ.count - 1] ^= 2
        #expect(throws: CryptoError.invalidParameter) {
            try RSA.Signing.PrivateKey(n: c.n, e: c.e, d: c.d, p: c.p, q: wrongQ, dP: c.dP, dQ: c.dQ, qInv: c.qInv)
        }
        var wrongDP = c.dP
        wrongDP[wrongDP.count - 1] ^= 2
        #expect(throws: CryptoError.invalidParameter) {
            try RSA.Signing.PrivateKey(n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: wrongDP, dQ: c.dQ, qInv: c.qInv)
        }
        // Importing from (n, e, d, p, q) derives the same CRT values.
        let derived = try RSA.Signing.PrivateKey(n: c.n, e: c.e, d: c.d, p: c.p, q: c.q)
        #expect(derived.components.dP == c.dP && derived.components.dQ == c.dQ && derived.components.qInv == c.qInv)
    }
}

/// Miller–Rabin with the bases 2, 3, 5, …, 37 (test-side check of generated primes).
func millerRabinFixedBases(_ w: [UInt64]) -> Bool {
    guard let m = try? MontgomeryModulus(limbs: w) else { return false }
    let wMinus1 = VarTimeArithmetic.subtract(w, [1])
    var a = 0
    var d = wMinus1
    while d[0] & 1 == 0 {
        d = VarTimeArithmetic.shiftedRight1(d)
        a += 1
    }
    let minusOne = m.toMontgomery(Limbs.resized(wMinus1, to: m.count))
    for base: UInt64 in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        var z = m.powMontgomeryVarTime(m.toMontgomery(Limbs.resized([base], to: m.count)), exponent: d)
        if z == m.one || z == minusOne { continue }
        var witness = true
        for _ in 1..<a {
            z = m.multiply(z, z)
            if z == minusOne {
                witness = false
                break
            }
        }
        if witness { return false }
    }
    return true
}
