// SPDX-License-Identifier: Apache-2.0
// RSA key generation with random probable primes (FIPS 186-5 §A.1.3) and Miller–Rabin (FIPS 186-5 §B.3.1).

/// Key generation for 2048, 3072 and 4096-bit moduli with e = 65537.
///
/// Side channels: the Miller–Rabin exponentiations use the constant-time ladder, and rejected candidates are
/// discarded (what leaks about them is harmless). What remains variable-time on the final secret primes: the
/// trial-division residues (hardware division), the 2-adic valuation of `p − 1` (Miller–Rabin loop count),
/// and the one-off computation of `λ(n)` and `d` (VarTimeArithmetic). Key generation runs once per key.
package enum RSAKeyGeneration {
    /// The public exponent (FIPS 186-5 §A.1.1: 2^16 < e < 2^256, odd).
    static let publicExponent: UInt64 = 65537

    /// Generates a key of `bits` bits.
    /// - Throws: `CryptoError.invalidParameter` for a size other than 2048/3072/4096;
    ///   `CryptoError.randomSourceFailure` when `random` fails or no prime is found in 5·(nlen/2) tries
    ///   (§A.1.3 step 4.6: a broken source).
    package static func generate(bits nlen: Int, using random: inout some RandomSource) throws(CryptoError)
        -> RSAPrivateCore
    {
        guard nlen == 2048 || nlen == 3072 || nlen == 4096 else { throw .invalidParameter }
        let half = nlen / 2
        // FIPS 186-5 Table B.1 (error probability 2^-112 / 2^-128 / 2^-144 for nlen 2048 / 3072 / 4096).
        let rounds = nlen == 2048 ? 5 : 4
        let e: [UInt64] = [publicExponent]
        while true {
            let p = try randomPrime(bits: half, rounds: rounds, using: &random)
            var q: [UInt64]
            repeat {
                q = try randomPrime(bits: half, rounds: rounds, using: &random)
                // §A.1.3 step 5.5: |p − q| > 2^(nlen/2 − 100).
            } while !differenceIsLarge(p, q, half: half)
            // §A.1.1: d = e⁻¹ mod λ(n) with λ(n) = lcm(p − 1, q − 1), and d > 2^(nlen/2).
            let p1 = VarTimeArithmetic.subtract(p, [1])
            let q1 = VarTimeArithmetic.subtract(q, [1])
            let g = VarTimeArithmetic.gcd(p1, q1)
            let lambda = VarTimeArithmetic.divide(VarTimeArithmetic.multiply(p1, q1), by: g).quotient
            guard let d = VarTimeArithmetic.inverse(e, modulus: lambda) else { continue }
            guard VarTimeArithmetic.bitLength(d) > half else { continue }
            let n = VarTimeArithmetic.multiply(p, q)
            let nBytes = Limbs.toBigEndian(n, length: nlen / 8)
            return try RSAPrivateCore(
                n: nBytes, e: Limbs.toBigEndian(e, length: 3), d: Limbs.toBigEndian(d, length: nlen / 8),
                p: Limbs.toBigEndian(p, length: half / 8), q: Limbs.toBigEndian(q, length: half / 8))
        }
    }

    /// |p − q| > 2^(half − 100) (checked as a bit length of at least half − 98, marginally stricter).
    static func differenceIsLarge(_ p: [UInt64], _ q: [UInt64], half: Int) -> Bool {
        let diff =
            VarTimeArithmetic.compare(p, q) >= 0 ? VarTimeArithmetic.subtract(p, q) : VarTimeArithmetic.subtract(q, p)
        return VarTimeArithmetic.bitLength(diff) >= half - 98
    }

    /// §A.1.3 steps 4.2–4.6: a random `bits`-bit probable prime `p ≥ √2·2^(bits−1)` with gcd(p − 1, e) = 1.
    /// `bits` is a multiple of 64.
    static func randomPrime(bits: Int, rounds: Int, using random: inout some RandomSource) throws(CryptoError)
        -> [UInt64]
    {
        let k = bits / 64
        for _ in 0..<(5 * bits) {
            var candidate = try Limbs.fromBigEndian(try random.bytes(count: bits / 8), count: k)
            candidate[0] |= 1  // step 4.3
            // Step 4.4: p ≥ √2·2^(bits−1) ⟸ top limb ≥ ⌈√2·2^63⌉ = 0xB504F333F9DE6485.
            guard candidate[k - 1] >= 0xB504_F333_F9DE_6485 else { continue }
            // Trial division (a pre-test) and step 4.5: gcd(p − 1, e) = 1, i.e. p mod e ≠ 1 for prime e.
            guard SmallPrimes.passesTrialDivision(candidate),
                SmallPrimes.remainder(candidate, publicExponent) != 1
            else { continue }
            let modulus = try MontgomeryModulus(limbs: candidate)
            if try isProbablePrime(modulus, rounds: rounds, using: &random) { return candidate }
        }
        throw .randomSourceFailure
    }

    /// Miller–Rabin with `rounds` random bases (FIPS 186-5 §B.3.1). Each round runs every squaring and
    /// accumulates the verdict by masks; only the final verdict is branched on.
    /// - CT: time depends on the size of `w` and on the 2-adic valuation of `w − 1` (loop count).
    package static func isProbablePrime(
        _ w: MontgomeryModulus, rounds: Int, using random: inout some RandomSource
    ) throws(CryptoError) -> Bool {
        let k = w.count
        // Step 1–2: w − 1 = 2^a·m with m odd.
        var wMinus1 = w.limbs
        wMinus1[0] &-= 1  // w is odd: no borrow
        var a = 0
        while (wMinus1[a >> 6] >> UInt64(a & 63)) & 1 == 0 { a += 1 }
        let m = VarTimeArithmetic.divide(wMinus1, by: VarTimeArithmetic.shiftedLeft([1], by: a)).quotient
        let one = w.one
        let minusOne = w.subtract([UInt64](repeating: 0, count: k), one)  // Montgomery form of w − 1
        var verdict: UInt64 = ~0
        for _ in 0..<rounds {
            // Step 4.1–4.2: random b with 1 < b < w − 1 (rejection sampling on public-size draws).
            var b = try RSAPrivateCore.randomUnit(below: w, using: &random)
            while VarTimeArithmetic.compare(b, [1]) <= 0 || VarTimeArithmetic.compare(b, wMinus1) >= 0 {
                b = try RSAPrivateCore.randomUnit(below: w, using: &random)
            }
            // Step 4.3–4.5: z = b^m; pass if z = 1 or some z^(2^j) = w − 1 for 0 ≤ j < a.
            var z = w.powMontgomery(w.toMontgomery(b), exponent: Limbs.resized(m, to: k), exponentBits: w.bitCount)
            var pass = Limbs.equalMask(z, one) | Limbs.equalMask(z, minusOne)
            for _ in 1..<Swift.max(a, 1) {
                z = w.multiply(z, z)
                pass |= Limbs.equalMask(z, minusOne)
            }
            verdict &= pass
        }
        return verdict != 0
    }
}

/// Small odd primes for trial division, grouped so that each group's product fits in 64 bits.
enum SmallPrimes {
    /// Odd primes below 3000.
    static let primes: [UInt64] = {
        let limit = 3000
        var composite = [Bool](repeating: false, count: limit)
        var out = [UInt64]()
        for i in 3..<limit where i % 2 == 1 && !composite[i] {
            out.append(UInt64(i))
            var j = i * i
            while j < limit {
                composite[j] = true
                j += i
            }
        }
        return out
    }()

    /// Groups of primes with their product (< 2^64).
    static let groups: [(product: UInt64, primes: [UInt64])] = {
        var out = [(product: UInt64, primes: [UInt64])]()
        var product: UInt64 = 1
        var members = [UInt64]()
        for p in primes {
            let (next, overflow) = product.multipliedReportingOverflow(by: p)
            if overflow {
                out.append((product, members))
                product = p
                members = [p]
            } else {
                product = next
                members.append(p)
            }
        }
        if !members.isEmpty { out.append((product, members)) }
        return out
    }()

    /// `x mod d` for a limb array and a non-zero 64-bit divisor.
    static func remainder(_ x: [UInt64], _ d: UInt64) -> UInt64 {
        var r: UInt64 = 0
        var i = x.count - 1
        while i >= 0 {
            // r < d, so the quotient of (r·2^64 + x[i]) / d fits in 64 bits.
            r = d.dividingFullWidth((high: r, low: x[i])).remainder
            i -= 1
        }
        return r
    }

    /// Whether no small prime divides `x` (for `x` larger than every small prime).
    static func passesTrialDivision(_ x: [UInt64]) -> Bool {
        for group in groups {
            let r = remainder(x, group.product)
            for p in group.primes where r % p == 0 { return false }
        }
        return true
    }
}
