// SPDX-License-Identifier: Apache-2.0
// Montgomery kernels used by RSA: multiplication, squaring and exponentiation against schoolbook references.

import ContrastCrypto
import TestSupport
import Testing

/// Random odd modulus of `k` limbs with a non-zero top limb; with `fullTopLimb` its top bit is set (the moduli
/// for which exponentiation uses almost-Montgomery steps), else the top limb has 40 bits.
private func randomModulus(_ k: Int, _ random: inout DeterministicRandom, fullTopLimb: Bool = true) throws
    -> MontgomeryModulus
{
    var limbs = (0..<k).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
    limbs[0] |= 1
    limbs[k - 1] = fullTopLimb ? limbs[k - 1] | 1 << 63 : (limbs[k - 1] >> 24) | 1 << 39
    if k == 1 { limbs[0] |= 3 }
    return try MontgomeryModulus(limbs: limbs)
}

/// Random value below `n` (`k` limbs): the top limb is cleared below the modulus's top limb.
private func randomBelow(_ m: MontgomeryModulus, _ random: inout DeterministicRandom) -> [UInt64] {
    var x = (0..<m.count).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
    x[m.count - 1] = UInt64.random(in: 0..<m.limbs[m.count - 1], using: &random)
    return x
}

/// `x·R mod n` with the variable-time reference arithmetic (no Montgomery code involved).
private func timesR(_ x: [UInt64], _ m: MontgomeryModulus) -> [UInt64] {
    VarTimeArithmetic.divide(VarTimeArithmetic.shiftedLeft(x, by: 64 * m.count), by: m.limbs).remainder
}

@Suite("RSA Montgomery arithmetic")
struct RSAMontgomeryTests {
    static let limbCounts = [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 32, 33, 48, 64]

    @Test("squaring and multiplication give a·b·R⁻¹ mod n (checked as r·R ≡ a·b)", arguments: limbCounts)
    func multiplyAndSquare(k: Int) throws {
        var random = DeterministicRandom(seed: UInt64(0x5153 + k))
        let m = try randomModulus(k, &random)
        var nMinus1 = m.limbs
        nMinus1[0] -= 1
        var cases = [[UInt64](repeating: 0, count: k), nMinus1]
        for _ in 0..<6 { cases.append(randomBelow(m, &random)) }
        for a in cases {
            let b = randomBelow(m, &random)
            let expectedSquare = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(a, a), by: m.limbs).remainder
            let expectedProduct = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(a, b), by: m.limbs).remainder
            let square = m.square(a)
            let product = m.multiply(a, b)
            #expect(VarTimeArithmetic.compare(square, m.limbs) < 0, "k=\(k): square reduced")
            #expect(VarTimeArithmetic.compare(product, m.limbs) < 0, "k=\(k): product reduced")
            #expect(VarTimeArithmetic.normalized(timesR(square, m)) == VarTimeArithmetic.normalized(expectedSquare), "k=\(k): a²")
            #expect(VarTimeArithmetic.normalized(timesR(product, m)) == VarTimeArithmetic.normalized(expectedProduct), "k=\(k): a·b")
            #expect(square == m.multiply(a, a), "k=\(k): square agrees with multiply")
        }
    }

    @Test(
        "public and secret exponentiation agree with each other and with x^e by schoolbook",
        arguments: [(1, true), (4, true), (16, true), (32, true), (64, true), (4, false), (33, false)])
    func exponentiation(k: Int, fullTopLimb: Bool) throws {
        var random = DeterministicRandom(seed: UInt64(0xE4 + k))
        let m = try randomModulus(k, &random, fullTopLimb: fullTopLimb)
        #expect(m.allowsAlmostReduction == fullTopLimb)
        let exponents: [[UInt64]] = [
            [3], [65537], [1], [UInt64.random(in: 0...UInt64.max, using: &random) | 1],
            (0..<k).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) },
        ]
        for e in exponents {
            let x = randomBelow(m, &random)
            // Schoolbook square-and-multiply with full division (reference).
            var expected: [UInt64] = [1]
            for bit in stride(from: 64 * e.count - 1, through: 0, by: -1) {
                expected = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(expected, expected), by: m.limbs)
                    .remainder
                if (e[bit >> 6] >> UInt64(bit & 63)) & 1 == 1 {
                    expected = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(expected, x), by: m.limbs)
                        .remainder
                }
            }
            let xm = m.toMontgomery(x)
            let publicResult = m.fromMontgomery(m.powMontgomeryVarTime(xm, exponent: e))
            #expect(VarTimeArithmetic.normalized(publicResult) == VarTimeArithmetic.normalized(expected), "k=\(k)")
            if e[0] & 1 == 1 {
                let odd = m.powOddExponentVarTime(x, exponent: e)
                #expect(VarTimeArithmetic.normalized(odd) == VarTimeArithmetic.normalized(expected), "k=\(k) odd e")
            }
            let secretResult = m.fromMontgomery(
                m.powMontgomery(xm, exponent: Limbs.resized(e, to: Swift.max(e.count, k)), exponentBits: 64 * e.count))
            #expect(VarTimeArithmetic.normalized(secretResult) == VarTimeArithmetic.normalized(expected), "k=\(k) CT")
        }
    }
}

extension RSAMontgomeryTests {
    @Test("almost-Montgomery products of values up to R − 1 stay below R and are congruent to a·b·R⁻¹", arguments: [4, 16, 32, 64])
    func almostMontgomery(k: Int) throws {
        var random = DeterministicRandom(seed: UInt64(0xA1 + k))
        let m = try randomModulus(k, &random)
        let ones = [UInt64](repeating: .max, count: k)  // R − 1, the largest value an almost product may take
        var cases = [ones, m.limbs, [UInt64](repeating: 0, count: k)]
        for _ in 0..<6 { cases.append((0..<k).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }) }
        var scratch = [UInt64](repeating: 0, count: MontgomeryModulus.scratchCount(k))
        for a in cases {
            for b in [ones, cases[cases.count - 1], a] {
                var product = [UInt64](repeating: 0, count: k)
                var square = [UInt64](repeating: 0, count: k)
                product.withUnsafeMutableBufferPointer { r in
                    scratch.withUnsafeMutableBufferPointer { t in
                        MontgomeryModulus.multiply(
                            r.baseAddress!, a, b, m.limbs, m.n0, k, t.baseAddress!, almost: true)
                    }
                }
                square.withUnsafeMutableBufferPointer { r in
                    scratch.withUnsafeMutableBufferPointer { t in
                        MontgomeryModulus.square(
                            r.baseAddress!, a, m.limbs, m.reversedLimbs, m.n0, k, t.baseAddress!, almost: true)
                    }
                }
                // Below R holds by construction (k limbs); congruence: r·R ≡ a·b (mod n).
                let expectedProduct = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(a, b), by: m.limbs).remainder
                let expectedSquare = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(a, a), by: m.limbs).remainder
                let productModN = VarTimeArithmetic.divide(product, by: m.limbs).remainder
                let squareModN = VarTimeArithmetic.divide(square, by: m.limbs).remainder
                #expect(
                    VarTimeArithmetic.normalized(timesR(productModN, m))
                        == VarTimeArithmetic.normalized(expectedProduct), "k=\(k): almost a·b")
                #expect(
                    VarTimeArithmetic.normalized(timesR(squareModN, m))
                        == VarTimeArithmetic.normalized(expectedSquare), "k=\(k): almost a²")
            }
        }
    }
}

@Suite("RSA variable-time inverse")
struct RSAInverseTests {
    @Test("inverseOdd(a)·a ≡ 1 mod n; nil when gcd(a, n) ≠ 1", arguments: [1, 2, 5, 32, 64])
    func inverse(k: Int) throws {
        var random = DeterministicRandom(seed: UInt64(0x1A5 + k))
        var limbs = (0..<k).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
        limbs[0] |= 1
        limbs[k - 1] |= 1 << 63
        for trial in 0..<8 {
            var a = (0..<k).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
            a[k - 1] >>= 1
            if trial == 0 { a = Limbs.resized([1], to: k) }
            if trial == 1 { a = Limbs.resized([UInt64(1) << 40], to: k) }
            let g = VarTimeArithmetic.gcd(a, limbs)
            let inverse = VarTimeArithmetic.inverseOdd(a, modulus: limbs)
            if g == [1] {
                let inv = try #require(inverse, "k=\(k) trial \(trial)")
                #expect(inv.count == k)
                let product = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(inv, a), by: limbs).remainder
                #expect(product == [1], "k=\(k) trial \(trial)")
            } else {
                #expect(inverse == nil, "k=\(k) trial \(trial)")
            }
        }
        // A common factor: a = 3·c with n = 3·(odd) has no inverse.
        let n3 = VarTimeArithmetic.multiply([3], limbs)
        #expect(VarTimeArithmetic.inverseOdd(Limbs.resized([6], to: n3.count), modulus: n3) == nil)
        #expect(VarTimeArithmetic.inverseOdd(Limbs.resized([0], to: k), modulus: limbs) == nil)
    }
}

@Suite("RSA input representatives")
struct RSARepresentativeTests {
    @Test("OS2IP of a wrong-length input throws invalidLength; a value ≥ n throws invalidParameter; zero is accepted")
    func representativeErrors() throws {
        let key = try #require(rsaTestKey2048)
        let core = key.publicKey.core
        let n = key.components.n
        #expect(throws: CryptoError.invalidLength) { try core.representative([UInt8](repeating: 1, count: 255)) }
        #expect(throws: CryptoError.invalidLength) { try core.representative([UInt8](repeating: 1, count: 257)) }
        #expect(throws: CryptoError.invalidLength) { try core.representative([UInt8]()) }
        #expect(throws: CryptoError.invalidParameter) { try core.representative(n) }
        #expect(throws: CryptoError.invalidParameter) { try core.representative([UInt8](repeating: 0xFF, count: 256)) }
        var nMinus1 = n
        nMinus1[255] -= 1
        #expect(try core.representative(nMinus1).count == 32)
        #expect(Limbs.isZeroMask(try core.representative([UInt8](repeating: 0, count: 256))) == ~0)
        // The public operation maps 0 to 0 and 1 to 1 (no trap on degenerate representatives).
        let one = [UInt8](repeating: 0, count: 255) + [1]
        #expect(try core.applyVarTime(bytes: one) == one)
    }

    @Test("private keys with empty, zero or even components are rejected with invalidParameter")
    func malformedPrivateComponents() throws {
        let c = try #require(rsaTestKey2048).components
        let empty: [UInt8] = []
        let zero = [UInt8](repeating: 0, count: c.p.count)
        var evenP = c.p
        evenP[evenP.count - 1] &= 0xFE
        for (p, q) in [(empty, c.q), (c.p, empty), (zero, c.q), (evenP, c.q)] {
            #expect(throws: CryptoError.invalidParameter) {
                try RSA.Signing.PrivateKey(n: c.n, e: c.e, d: c.d, p: p, q: q, dP: c.dP, dQ: c.dQ, qInv: c.qInv)
            }
            #expect(throws: CryptoError.invalidParameter) {
                try RSA.Signing.PrivateKey(n: c.n, e: c.e, d: c.d, p: p, q: q)
            }
        }
        // d, dP as long as n or p but ≥ the modulus.
        #expect(throws: CryptoError.invalidParameter) {
            try RSA.Signing.PrivateKey(
                n: c.n, e: c.e, d: [UInt8](repeating: 0xFF, count: c.d.count), p: c.p, q: c.q, dP: c.dP, dQ: c.dQ,
                qInv: c.qInv)
        }
        #expect(throws: CryptoError.invalidParameter) {
            try RSA.Signing.PrivateKey(
                n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: [UInt8](repeating: 0xFF, count: c.dP.count), dQ: c.dQ,
                qInv: c.qInv)
        }
    }
}
