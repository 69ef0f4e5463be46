// SPDX-License-Identifier: Apache-2.0
// Opt-in dudect-style timing smoke test of scalar multiplication (STYLE.md §8.4): fixed vs random secret scalars.

import ContrastCrypto
import Testing
import TestSupport

/// Class 0 uses the fixed scalar 1 (almost every window digit zero: the most "special" scalar), class 1 fresh
/// random scalars. Prints Welch's t (|t| well above 4.5 hints at a leak) and asserts nothing about timing.
/// Enabled with CONTRAST_CT_TIMING=1 (see AEADTimingTests).
@Suite("EC scalar multiplication constant-time smoke test", .enabled(if: CTTimingSwitch.enabled, "set CONTRAST_CT_TIMING=1 to run"))
struct ECTimingTests {
    static let samples = 20_000

    /// Random valid scalars for class 1 (the leading byte kept below 0x7f so every value is < n).
    static func scalars(count: Int, bytes: Int, seed: UInt64) -> [[UInt8]] {
        var rng = DeterministicRandom(seed: seed)
        return (0..<count).map { _ in
            var s = rng.bytes(bytes)
            s[0] &= 0x7F
            s[bytes - 1] |= 1
            return s
        }
    }

    func variableBase<C: PrimeCurve>(_: C.Type, label: String) {
        let n = C.byteCount
        let fixed = [UInt8](repeating: 0, count: n - 1) + [1]
        let random = Self.scalars(count: 256, bytes: n, seed: 5)
        let point = C.generator
        var i = 0
        var sink: UInt64 = 0
        let r = AEADTimingTests.welchT(samples: Self.samples, seed: 3) { c in
            let k = c == 0 ? fixed : random[i & 255]
            i += 1
            return k.withUnsafeBytes { s in
                let t0 = AEADTimingTests.nanoseconds()
                sink ^= JacobianPoint<C>.multiply(point, scalar: s).x.limb(0)
                return AEADTimingTests.nanoseconds() &- t0
            }
        }
        print("dudect \(label) variable-base k·P (fixed k = 1 vs random k): t = \(r.t) (n = \(r.n0) / \(r.n1)) \(sink & 0)")
    }

    func fixedBase<C: PrimeCurve>(_: C.Type, label: String) {
        let n = C.byteCount
        let fixed = [UInt8](repeating: 0, count: n - 1) + [1]
        let random = Self.scalars(count: 256, bytes: n, seed: 6)
        _ = C.generatorTable
        var i = 0
        var sink: UInt64 = 0
        let r = AEADTimingTests.welchT(samples: Self.samples, seed: 4) { c in
            let k = c == 0 ? fixed : random[i & 255]
            i += 1
            return k.withUnsafeBytes { s in
                let t0 = AEADTimingTests.nanoseconds()
                sink ^= JacobianPoint<C>.generatorMultiple(scalar: s).x.limb(0)
                return AEADTimingTests.nanoseconds() &- t0
            }
        }
        print("dudect \(label) fixed-base k·G (fixed k = 1 vs random k): t = \(r.t) (n = \(r.n0) / \(r.n1)) \(sink & 0)")
    }

    @Test("P-256 and P-384 variable-base scalar multiplication (ECDH)")
    func variableBaseScalarMultiplication() {
        variableBase(P256Curve.self, label: "P-256")
        variableBase(P384Curve.self, label: "P-384")
    }

    @Test("P-256 and P-384 fixed-base scalar multiplication (signing, key generation)")
    func fixedBaseScalarMultiplication() {
        fixedBase(P256Curve.self, label: "P-256")
        fixedBase(P384Curve.self, label: "P-384")
    }

    @Test("X25519 ladder: fixed vs random private key")
    func x25519Ladder() throws {
        var rng = DeterministicRandom(seed: 8)
        let peer = try Curve25519.KeyAgreement.PrivateKey(using: &rng).publicKey
        // Both classes come from pools of 256 separately allocated keys, so that where a key lives in memory
        // (cache behaviour of loading it) is alike for both; only the key values differ.
        let fixed = try (0..<256).map { _ in
            try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
        }
        let random = try (0..<256).map { _ in try Curve25519.KeyAgreement.PrivateKey(using: &rng) }
        var i = 0
        let r = AEADTimingTests.welchT(samples: Self.samples, seed: 5) { c in
            let key = c == 0 ? fixed[i & 255] : random[i & 255]
            i += 1
            let t0 = AEADTimingTests.nanoseconds()
            _ = try? key.sharedSecretFromKeyAgreement(with: peer)
            return AEADTimingTests.nanoseconds() &- t0
        }
        print("dudect X25519 (fixed all-zero key vs random keys): t = \(r.t) (n = \(r.n0) / \(r.n1))")
    }
}
