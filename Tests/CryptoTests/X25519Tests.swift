// SPDX-License-Identifier: Apache-2.0
// X25519 against RFC 7748 §5.2 (vectors and iterations) and §6.1, and Wycheproof x25519_test.json.
// The RFC values are transcribed from RFC 7748 and were re-derived with Python `cryptography` 48 (OpenSSL).

import ContrastCrypto
import Testing
import TestSupport

#if DEBUG
let optimizedBuild = false
#else
let optimizedBuild = true
#endif

@Suite("X25519")
struct X25519Tests {
    func x25519(_ scalar: [UInt8], _ u: [UInt8]) throws -> [UInt8] {
        let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: scalar)
        let peer = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: u)
        return try key.sharedSecretFromKeyAgreement(with: peer).bytes
    }

    @Test("RFC 7748 §5.2 test vectors (unclamped scalars, u with the top bit set)")
    func rfc7748Vectors() throws {
        #expect(
            try x25519(
                [UInt8](hexString: "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                [UInt8](hexString: "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")).hexString
                == "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")
        #expect(
            try x25519(
                [UInt8](hexString: "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                [UInt8](hexString: "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")).hexString
                == "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")
    }

    /// §5.2 iterations: k = u = 9; repeatedly k, u = X25519(k, u), k.
    @Test("RFC 7748 §5.2 iterated once")
    func rfc7748OneIteration() throws {
        let nine: [UInt8] = [9] + [UInt8](repeating: 0, count: 31)
        #expect(try x25519(nine, nine).hexString == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")
    }

    /// The 1,000-iteration value. Only in optimised builds (CI runs `swift test -c release`): unoptimised
    /// 128-bit arithmetic makes it take minutes. The 1,000,000-iteration value is left out: about two
    /// minutes even optimised, too long for the suite.
    @Test(
        "RFC 7748 §5.2 iterated 1,000 times",
        .enabled(if: optimizedBuild, "unoptimised build: run with swift test -c release"))
    func rfc7748Iterations() throws {
        var k: [UInt8] = [9] + [UInt8](repeating: 0, count: 31)
        var u = k
        for _ in 1...1000 {
            (k, u) = (try x25519(k, u), k)
        }
        #expect(k.hexString == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")
    }

    @Test("RFC 7748 §6.1 Diffie-Hellman: public keys and shared secret")
    func rfc7748DH() throws {
        let alice = try Curve25519.KeyAgreement.PrivateKey(
            rawRepresentation: [UInt8](hexString: "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
        let bob = try Curve25519.KeyAgreement.PrivateKey(
            rawRepresentation: [UInt8](hexString: "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))
        #expect(alice.publicKey.rawRepresentation.hexString == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
        #expect(bob.publicKey.rawRepresentation.hexString == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
        let k1 = try alice.sharedSecretFromKeyAgreement(with: bob.publicKey)
        let k2 = try bob.sharedSecretFromKeyAgreement(with: alice.publicKey)
        #expect(k1 == k2)
        #expect(k1.bytes.hexString == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
    }

    /// Policy for Wycheproof's "acceptable" cases: every 32-byte public value is accepted (twist points,
    /// non-canonical u ≥ p and the ignored top bit are allowed by RFC 7748 §5) and must give the listed
    /// secret, except that an all-zero shared secret (small-order public key, flag ZeroSharedSecret) is
    /// rejected, as RFC 7748 §6.1 permits and RFC 8446 §7.4.2 requires.
    @Test("Wycheproof x25519", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproof() throws {
        let policy = AcceptablePolicy { !$0.flags.contains("ZeroSharedSecret") }
        try runWycheproof("x25519_test.json", expectedCount: 518, policy: policy) { c in
            let shared = try x25519(try c.hex("private"), try c.hex("public"))
            return shared == (try c.hex("shared"))
        }
    }

    @Test("rejects wrong lengths and small-order points; random keys agree")
    func api() throws {
        #expect(throws: CryptoError.invalidLength) { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: CryptoError.invalidLength) { try Curve25519.KeyAgreement.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        let key = Curve25519.KeyAgreement.PrivateKey()
        for small in [[UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)] {
            let peer = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: small)
            #expect(throws: CryptoError.invalidPoint) { try key.sharedSecretFromKeyAgreement(with: peer) }
        }
        var rng = DeterministicRandom(seed: 7748)
        for _ in 0..<20 {
            let a = try Curve25519.KeyAgreement.PrivateKey(using: &rng)
            let b = try Curve25519.KeyAgreement.PrivateKey(using: &rng)
            #expect(try a.sharedSecretFromKeyAgreement(with: b.publicKey) == b.sharedSecretFromKeyAgreement(with: a.publicKey))
        }
    }
}
