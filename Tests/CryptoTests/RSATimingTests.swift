// SPDX-License-Identifier: Apache-2.0
// Opt-in dudect-style timing smoke test of the secret-exponent Montgomery exponentiation behind every RSA
// private-key operation (one CRT half of RSA-2048: a 1024-bit modulus), STYLE.md §8.4.

import ContrastCrypto
import Testing
import TestSupport

/// Welch's t between a "special" class and random inputs; prints t (|t| well above 4.5 hints at a leak) and
/// asserts nothing about timing. Enabled with CONTRAST_CT_TIMING=1 (see AEADTimingTests). Both classes come from
/// pools of 256 separately allocated arrays, so that memory placement is alike (see the X25519 test).
@Suite(
    "RSA secret exponentiation constant-time smoke test",
    .enabled(if: CTTimingSwitch.enabled, "set CONTRAST_CT_TIMING=1 to run"))
struct RSATimingTests {
    static let samples = 10_000
    static let limbs = 16

    /// A 1024-bit odd modulus with its top bit set, so that the almost-Montgomery steps are in use.
    static func modulus() throws -> MontgomeryModulus {
        var rng = DeterministicRandom(seed: 21)
        var n = (0..<limbs).map { _ in rng.next() }
        n[0] |= 1
        n[limbs - 1] |= 1 << 63
        return try MontgomeryModulus(limbs: n)
    }

    /// 256 random values below any modulus of `limbs` limbs with the top bit set (the top bit is cleared).
    static func randomPool(_ seed: UInt64) -> [[UInt64]] {
        var rng = DeterministicRandom(seed: seed)
        return (0..<256).map { _ in
            var x = (0..<limbs).map { _ in rng.next() }
            x[limbs - 1] >>= 1  // below n (whose top bit is set)
            return x
        }
    }

    /// Welch's t of `operation` on inputs from `fixed` (class 0) and `random` (class 1), printed with `label`.
    static func dudect(
        _ label: String, seed: UInt64, fixed: [[UInt64]], random: [[UInt64]], _ operation: ([UInt64]) -> UInt64
    ) {
        var i = 0
        var sink: UInt64 = 0
        let r = AEADTimingTests.welchT(samples: samples, seed: seed) { c in
            let input = c == 0 ? fixed[i & 255] : random[i & 255]
            i += 1
            let t0 = AEADTimingTests.nanoseconds()
            sink ^= operation(input)
            return AEADTimingTests.nanoseconds() &- t0
        }
        print("dudect RSA-1024 powMontgomery (\(label)): t = \(r.t) (n = \(r.n0) / \(r.n1)) \(sink & 0)")
    }

    @Test("exponent: fixed e = 1 (every window but the last zero) vs random 1024-bit exponents")
    func secretExponent() throws {
        let m = try Self.modulus()
        let base = m.toMontgomery(Self.randomPool(22)[0])
        var one = [UInt64](repeating: 0, count: Self.limbs)
        one[0] = 1
        Self.dudect(
            "fixed e = 1 vs random e", seed: 24, fixed: (0..<256).map { _ in Array(one) },
            random: Self.randomPool(23)
        ) { e in m.powMontgomery(base, exponent: e, exponentBits: 64 * Self.limbs)[0] }
    }

    @Test("base: fixed x = 1 vs random bases, one random exponent")
    func secretBase() throws {
        let m = try Self.modulus()
        let exponent = Self.randomPool(25)[0]
        Self.dudect(
            "fixed x = 1 vs random x", seed: 27, fixed: (0..<256).map { _ in Array(m.one) },  // Montgomery 1
            random: Self.randomPool(26).map { m.toMontgomery($0) }
        ) { x in m.powMontgomery(x, exponent: exponent, exponentBits: 64 * Self.limbs)[0] }
    }
}
