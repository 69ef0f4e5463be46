// SPDX-License-Identifier: Apache-2.0
// Differential tests of the P-256/P-384 field (mod p) and scalar (mod n) arithmetic against ReferenceBigUInt.

import ContrastCrypto
import Testing
import TestSupport

@Suite("P-256/P-384 field and scalar arithmetic vs a reference big integer")
struct ECFieldDifferentialTests {
    /// Boundary values 0, 1, 2, m−2, m−1, m (reduced on decoding), 2^k, and `randomCount` random values < 2^bits.
    static func inputs<F: MontgomeryElement>(_: F.Type, randomCount: Int, seed: UInt64) -> [ReferenceBigUInt] {
        let m = ReferenceBigUInt(bigEndian: F.modulus.plainBytes)
        let bits = 8 * F.byteCount
        var values: [ReferenceBigUInt] = [.zero, .one, ReferenceBigUInt(2), m - ReferenceBigUInt(2), m - .one, m]
        for k in [1, 31, 32, 63, 64, 95, 96, 127, 128, 191, 192, 223, 224, bits - 2, bits - 1] {
            values.append(.power2(k))
            values.append(.power2(k) - .one)
        }
        var rng = DeterministicRandom(seed: seed)
        for _ in 0..<randomCount { values.append(ReferenceBigUInt(bigEndian: rng.bytes(F.byteCount))) }
        return values
    }

    /// Decodes any value < 2^bits (reducing it mod m).
    static func element<F: MontgomeryElement>(_: F.Type, _ v: ReferenceBigUInt) -> F {
        F.decode(reducing: v.bytes(count: F.byteCount))
    }

    /// mul, square, add, sub and negate of every pair (boundary × boundary, and random pairs), each against
    /// the reference `(a op b) mod m`; returns the number of cases.
    func binaryOperations<F: MontgomeryElement>(_: F.Type, name: String, seed: UInt64) -> Int {
        let m = ReferenceBigUInt(bigEndian: F.modulus.plainBytes)
        let values = Self.inputs(F.self, randomCount: 20, seed: seed)
        var cases = 0
        var failures = 0
        func check(_ got: F, _ want: ReferenceBigUInt, _ what: @autoclosure () -> String) {
            cases += 1
            if got.bytes != want.bytes(count: F.byteCount) {
                failures += 1
                if failures <= 5 { Issue.record("\(name) \(what()): got \(Hex.encode(got.bytes)), want \(want)") }
            }
        }
        for a in values {
            let x = Self.element(F.self, a)
            let ar = a % m
            check(x.squared(), (ar * ar) % m, "\(a)²")
            check(-x, (m - ar) % m, "−\(a)")
            for b in values {
                let y = Self.element(F.self, b)
                let br = b % m
                check(x * y, (ar * br) % m, "\(a) · \(b)")
                check(x + y, (ar + br) % m, "\(a) + \(b)")
                check(x - y, (ar + m - br) % m, "\(a) − \(b)")
            }
        }
        #expect(failures == 0, "\(name): \(failures) of \(cases) cases differ")
        return cases
    }

    /// Inversion: a·a⁻¹ ≡ 1 (mod m) by the reference product, and 0⁻¹ = 0.
    func inversion<F: MontgomeryElement>(_: F.Type, name: String, seed: UInt64) -> Int {
        let m = ReferenceBigUInt(bigEndian: F.modulus.plainBytes)
        var cases = 0
        for a in Self.inputs(F.self, randomCount: 10, seed: seed) {
            let inverse = ReferenceBigUInt(bigEndian: Self.element(F.self, a).inverted().bytes)
            let ar = a % m
            let want = ar.isZero ? ReferenceBigUInt.zero : ReferenceBigUInt.one
            #expect((ar * inverse) % m == want, "\(name): inverse of \(a) is \(inverse)")
            cases += 1
        }
        return cases
    }

    /// Square root (p ≡ 3 mod 4): a claimed root squares to a by the reference; a claimed non-square a has
    /// −a a square (−1 is a non-residue), so exactly one of a, −a gets a root unless a ≡ 0.
    func squareRoots<F: MontgomeryElement>(_: F.Type, name: String, seed: UInt64) -> Int {
        let m = ReferenceBigUInt(bigEndian: F.modulus.plainBytes)
        var cases = 0
        for a in Self.inputs(F.self, randomCount: 20, seed: seed) {
            let ar = a % m
            let x = Self.element(F.self, a)
            let (root, isSquare) = x.squareRoot()
            let (negRoot, negIsSquare) = (-x).squareRoot()
            let r = ReferenceBigUInt(bigEndian: root.bytes)
            let nr = ReferenceBigUInt(bigEndian: negRoot.bytes)
            if isSquare != 0 { #expect((r * r) % m == ar, "\(name): √\(a) = \(r) does not square back") }
            if negIsSquare != 0 { #expect((nr * nr) % m == (m - ar) % m, "\(name): √−\(a) = \(nr) does not square back") }
            #expect(isSquare | negIsSquare == UInt64.max, "\(name): neither \(a) nor its negation has a root")
            if !ar.isZero { #expect(isSquare != negIsSquare, "\(name): both \(a) and −\(a) claimed squares") }
            cases += 1
        }
        return cases
    }

    @Test("P-256 field: mul, square, add, sub, negate")
    func p256Field() { #expect(binaryOperations(P256FieldElement.self, name: "P-256 p", seed: 11) == 56 * 56 * 3 + 56 * 2) }

    @Test("P-256 scalar: mul, square, add, sub, negate")
    func p256Scalar() { #expect(binaryOperations(P256ScalarElement.self, name: "P-256 n", seed: 12) == 56 * 56 * 3 + 56 * 2) }

    @Test("P-384 field: mul, square, add, sub, negate")
    func p384Field() { #expect(binaryOperations(P384FieldElement.self, name: "P-384 p", seed: 13) == 56 * 56 * 3 + 56 * 2) }

    @Test("P-384 scalar: mul, square, add, sub, negate")
    func p384Scalar() { #expect(binaryOperations(P384ScalarElement.self, name: "P-384 n", seed: 14) == 56 * 56 * 3 + 56 * 2) }

    @Test("inversion mod p and mod n, P-256 and P-384")
    func inversions() {
        #expect(inversion(P256FieldElement.self, name: "P-256 p", seed: 21) == 46)
        #expect(inversion(P256ScalarElement.self, name: "P-256 n", seed: 22) == 46)
        #expect(inversion(P384FieldElement.self, name: "P-384 p", seed: 23) == 46)
        #expect(inversion(P384ScalarElement.self, name: "P-384 n", seed: 24) == 46)
    }

    @Test("square roots mod p, P-256 and P-384")
    func roots() {
        #expect(squareRoots(P256FieldElement.self, name: "P-256 p", seed: 31) == 56)
        #expect(squareRoots(P384FieldElement.self, name: "P-384 p", seed: 32) == 56)
    }

    @Test("the reference itself: small identities")
    func referenceSanity() {
        let a = ReferenceBigUInt(0xFFFF_FFFF_FFFF_FFFF)
        #expect(a * a == ReferenceBigUInt.power2(128) - ReferenceBigUInt.power2(65) + .one)
        #expect((ReferenceBigUInt.power2(100) + ReferenceBigUInt(7)) % ReferenceBigUInt.power2(100) == ReferenceBigUInt(7))
        #expect(ReferenceBigUInt(3).power(ReferenceBigUInt(5), modulo: ReferenceBigUInt(7)) == ReferenceBigUInt(5))
        #expect(Hex.encode(ReferenceSHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }
}
