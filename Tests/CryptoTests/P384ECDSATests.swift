// SPDX-License-Identifier: Apache-2.0
// P-384/P-256 ECDSA and ECDH behaviour: round trips, encodings, range checks, recovery.

import ContrastCrypto
import TestSupport
import Testing

@Suite("P-384 and P-256 keys and signatures")
struct P384ECDSATests {
    @Test("P-384 sign then verify, and a changed message fails")
    func p384RoundTrip() throws {
        var rng = DeterministicRandom(seed: 1)
        for _ in 0..<4 {
            let key = try P384.Signing.PrivateKey(using: &rng)
            let msg: [UInt8] = try rng.bytes(count: 37)
            let sig = key.signature(for: msg)
            #expect(key.publicKey.isValidSignature(sig, for: msg))
            #expect(!key.publicKey.isValidSignature(sig, for: msg + [0]))
            let hedged = try key.signature(for: msg, hedgedWith: &rng)
            #expect(key.publicKey.isValidSignature(hedged, for: msg))
            #expect(hedged != sig)
        }
    }

    @Test("P-256 sign then verify")
    func p256RoundTrip() throws {
        var rng = DeterministicRandom(seed: 2)
        for _ in 0..<4 {
            let key = try P256.Signing.PrivateKey(using: &rng)
            let msg: [UInt8] = try rng.bytes(count: 5)
            let sig = key.signature(for: msg)
            #expect(key.publicKey.isValidSignature(sig, for: msg))
            #expect(!key.publicKey.isValidSignature(sig, for: msg + [1]))
        }
    }

    @Test("public key encodings round-trip, compressed included")
    func encodingsRoundTrip() throws {
        var rng = DeterministicRandom(seed: 3)
        for _ in 0..<4 {
            let pub = try P384.Signing.PrivateKey(using: &rng).publicKey
            #expect(try P384.Signing.PublicKey(x963Representation: pub.x963Representation).rawRepresentation == pub.rawRepresentation)
            #expect(try P384.Signing.PublicKey(compressedRepresentation: pub.compressedRepresentation).rawRepresentation == pub.rawRepresentation)
            #expect(try P384.Signing.PublicKey(rawRepresentation: pub.rawRepresentation).x963Representation == pub.x963Representation)
            let pub256 = try P256.Signing.PrivateKey(using: &rng).publicKey
            #expect(try P256.Signing.PublicKey(compressedRepresentation: pub256.compressedRepresentation).rawRepresentation == pub256.rawRepresentation)
        }
    }

    @Test("ECDH agrees in both directions")
    func ecdhAgrees() throws {
        var rng = DeterministicRandom(seed: 4)
        let a = try P384.KeyAgreement.PrivateKey(using: &rng)
        let b = try P384.KeyAgreement.PrivateKey(using: &rng)
        #expect(try a.sharedSecretFromKeyAgreement(with: b.publicKey) == b.sharedSecretFromKeyAgreement(with: a.publicKey))
        let c = try P256.KeyAgreement.PrivateKey(using: &rng)
        let d = try P256.KeyAgreement.PrivateKey(using: &rng)
        #expect(try c.sharedSecretFromKeyAgreement(with: d.publicKey) == d.sharedSecretFromKeyAgreement(with: c.publicKey))
    }

    static let n384 = try! Hex.decode(
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")
    static let p384 = try! Hex.decode(
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff")

    @Test("private scalars 0 and ≥ n are rejected, n − 1 is accepted")
    func scalarRange() throws {
        #expect(throws: CryptoError.invalidScalar) { try P384.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 48)) }
        #expect(throws: CryptoError.invalidScalar) { try P384.Signing.PrivateKey(rawRepresentation: Self.n384) }
        #expect(throws: CryptoError.invalidScalar) { try P384.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0xff, count: 48)) }
        #expect(throws: CryptoError.invalidLength) { try P384.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 47)) }
        var nMinus1 = Self.n384
        nMinus1[47] -= 1
        let key = try P384.Signing.PrivateKey(rawRepresentation: nMinus1)
        // (n−1)·G = −G: same x as G.
        let one = try P384.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 47) + [1])
        #expect(Array(key.publicKey.rawRepresentation.prefix(48)) == Array(one.publicKey.rawRepresentation.prefix(48)))
        #expect(key.publicKey.rawRepresentation != one.publicKey.rawRepresentation)
    }

    @Test("points off the curve, with x ≥ p, or with a wrong prefix are rejected")
    func pointValidation() throws {
        var rng = DeterministicRandom(seed: 5)
        let pub = try P384.Signing.PrivateKey(using: &rng).publicKey.rawRepresentation
        var offCurve = pub
        offCurve[95] ^= 1
        #expect(throws: CryptoError.invalidPoint) { try P384.Signing.PublicKey(rawRepresentation: offCurve) }
        #expect(throws: CryptoError.invalidPoint) { try P384.Signing.PublicKey(rawRepresentation: Self.p384 + pub[48...]) }
        #expect(throws: CryptoError.invalidPoint) { try P384.Signing.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 96)) }
        #expect(throws: CryptoError.invalidEncoding) { try P384.Signing.PublicKey(x963Representation: [0x05] + pub) }
        #expect(throws: CryptoError.invalidLength) { try P384.Signing.PublicKey(x963Representation: [0x00]) }
        #expect(throws: CryptoError.invalidPoint) { try P384.Signing.PublicKey(compressedRepresentation: [0x02] + Self.p384) }
    }

    @Test("signatures with r or s equal to 0 or n are rejected")
    func signatureRange() throws {
        var rng = DeterministicRandom(seed: 6)
        let key = try P384.Signing.PrivateKey(using: &rng)
        let sig = key.signature(for: [1, 2, 3]).rawRepresentation
        let r = Array(sig[0..<48])
        let s = Array(sig[48...])
        let zero = [UInt8](repeating: 0, count: 48)
        for bad in [zero + s, r + zero, Self.n384 + s, r + Self.n384] {
            #expect(!key.publicKey.isValidSignature(try P384.Signing.ECDSASignature(rawRepresentation: bad), for: [1, 2, 3]))
        }
        // s and n − s are both valid (ECDSA malleability is accepted, as in FIPS 186-5).
        #expect(key.publicKey.isValidSignature(try P384.Signing.ECDSASignature(rawRepresentation: sig), for: [1, 2, 3]))
    }

    @Test("public key recovery returns the signer among the candidates")
    func recovery() throws {
        var rng = DeterministicRandom(seed: 7)
        for _ in 0..<3 {
            let key = try P384.Signing.PrivateKey(using: &rng)
            let digest = SHA384.hash(data: [9, 9]).bytes
            let sig = key.signature(forDigest: digest)
            let candidates = P384.Signing.PublicKey.recoveryCandidates(for: sig, forDigest: digest)
            #expect(candidates.count == 2)
            #expect(candidates.contains { $0.rawRepresentation == key.publicKey.rawRepresentation })
            for c in candidates { #expect(c.isValidSignature(sig, forDigest: digest)) }
        }
    }
}
