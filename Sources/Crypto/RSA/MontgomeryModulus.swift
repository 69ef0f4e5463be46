// SPDX-License-Identifier: Apache-2.0
// Montgomery arithmetic modulo an odd multi-limb modulus: product-scanning multiplication (Koç–Acar–Kaliski 1996
// "FIPS"; HAC 14.36 computes the same m).
// CT-FILE

/// An odd modulus `n` on 64-bit little-endian limbs with its Montgomery constants; `R = 2^(64·count)`.
///
/// The modulus itself is public to the code here (its size drives loop bounds), but the *values* multiplied
/// modulo it may be secret: `multiply`, `add`, `subtract` and the conversions run in time that depends only on
/// `count`. For RSA private keys the moduli `p`, `q` are secret too; nothing here branches on limb values of
/// the modulus either (only on `count`).
package struct MontgomeryModulus: Sendable {
    /// `n`, `count` limbs, least significant first; the top limb is non-zero.
    package let limbs: [UInt64]
    /// `n` with its limbs in reverse order (most significant first): `reduce` reads it upwards (see there).
    package let reversedLimbs: [UInt64]
    /// `-n⁻¹ mod 2⁶⁴`.
    package let n0: UInt64
    /// `R² mod n`.
    package let rr: [UInt64]
    /// `R mod n` (the Montgomery form of 1).
    package let one: [UInt64]
    /// Number of significant bits of `n`.
    package let bitCount: Int

    /// Number of limbs.
    @inlinable package var count: Int { limbs.count }

    /// Whether exponentiation may keep its intermediate values merely below `R` ("almost Montgomery"
    /// multiplication, Gueron 2012, J. Cryptogr. Eng. 2:31–43; `Limbs.subtractOnCarry`): true when the top bit of
    /// `n` is set, `n > R/2`. Then one full
    /// reduction at the last step brings any product of two values below `R` under `n`: the sum `t` is below
    /// `R + n`, so `t − n < n` on a carry and `t − n < R − n < n` otherwise.
    package var allowsAlmostReduction: Bool { bitCount == 64 * count }

    /// Scratch limbs that `multiply`, `square` and `reduce` need for `k`-limb operands: the `2k`-limb product,
    /// plus room for the Karatsuba half-squares from `MontgomeryModulus.karatsubaThreshold` limbs on.
    @inlinable
    package static func scratchCount(_ k: Int) -> Int { k >= karatsubaThreshold ? 4 * k : 2 * k }

    /// Builds the constants for `n`.
    /// - Parameter limbs: `n`, least significant limb first, without zero top limbs.
    /// - Throws: `CryptoError.invalidParameter` when `n` is even, below 3 or has a zero top limb.
    /// - CT: time depends on `limbs.count` and on the bit length of the top limb (treated as public: it is the
    ///   key size, or for `p`, `q` the declared prime size).
    package init(limbs n: [UInt64]) throws(CryptoError) {
        guard let top = n.last, top != 0, n[0] & 1 == 1, n.count > 1 || n[0] > 2 else {  // public: shape checks
            throw .invalidParameter
        }
        limbs = n
        reversedLimbs = n.reversed()
        let k = n.count
        bitCount = 64 * k - top.leadingZeroBitCount
        // Newton iteration for n[0]⁻¹ mod 2⁶⁴: x ← x(2 − n·x) doubles the correct low bits; n·n ≡ 1 mod 8 starts
        // with 3 correct bits, so 5 steps give 96 ≥ 64.
        var inv = n[0]
        for _ in 0..<5 { inv = inv &* (2 &- n[0] &* inv) }
        n0 = 0 &- inv
        // R mod n: start from 2^(bitCount−1) < n and double (mod n) up to 2^(64k).
        var x = [UInt64](repeating: 0, count: k)
        x[(bitCount - 1) / 64] = 1 << UInt64((bitCount - 1) % 64)
        for _ in 0..<(64 * k - bitCount + 1) { Self.doubleMod(&x, n) }
        one = x
        // R² mod n: let s·2^t = 64k with s = 64·(odd part of k). Double R mod n s times to get 2^s·R, then t
        // Montgomery squarings map 2^j·R to 2^(2j)·R, ending at 2^(64k)·R = R².
        let t = k.trailingZeroBitCount
        let s = 64 * (k >> t)
        for _ in 0..<s { Self.doubleMod(&x, n) }
        let partial = MontgomeryModulus(
            limbs: n, reversedLimbs: reversedLimbs, n0: n0, rr: [], one: one, bitCount: bitCount)
        for _ in 0..<t { x = partial.multiply(x, x) }
        rr = x
    }

    private init(
        limbs: [UInt64], reversedLimbs: [UInt64], n0: UInt64, rr: [UInt64], one: [UInt64], bitCount: Int
    ) {
        self.limbs = limbs
        self.reversedLimbs = reversedLimbs
        self.n0 = n0
        self.rr = rr
        self.one = one
        self.bitCount = bitCount
    }

    /// Runs `body` with pointers to `limbs` and `reversedLimbs`.
    @inline(__always)
    func withModulusPointers<T>(
        _ body: (_ n: UnsafePointer<UInt64>, _ nReversed: UnsafePointer<UInt64>) -> T
    ) -> T {
        limbs.withUnsafeBufferPointer { n in
            reversedLimbs.withUnsafeBufferPointer { nr in body(Limbs.base(n), Limbs.base(nr)) }
        }
    }

    /// `x ← 2x mod n` for `x < n`.
    /// - CT: branch-free in the values of `x` and `n`.
    private static func doubleMod(_ x: inout [UInt64], _ n: [UInt64]) {
        var top: UInt64 = 0
        for i in 0..<x.count {
            let v = x[i]
            x[i] = (v << 1) | top
            top = v >> 63
        }
        x.withUnsafeMutableBufferPointer { xb in
            n.withUnsafeBufferPointer { nb in
                Limbs.conditionalSubtract(Limbs.base(xb), carry: top, Limbs.base(nb), xb.count)
            }
        }
    }

    // MARK: - Montgomery multiplication

    /// `r ← a·b·R⁻¹ mod n` on raw buffers: the hot loop of every RSA operation.
    ///
    /// Product scanning with the reduction interleaved (Koç–Acar–Kaliski 1996 "FIPS"): column `i` sums
    /// `a[j]·b[i − j]`, `m[j]·n[i − j]` and the carry of column `i − 1` in three limbs; for `i < k` its low limb
    /// fixes `m[i] = low·n0`, which clears it; from column `k` on the low limbs are the result. Fewer
    /// instructions per product than the row-wise CIOS loop it replaces (measured ~11 % at 32 limbs, ~14 % at
    /// 64). Bound: with `a < R`, `b < n`, `(a·b + M·n)/R < (R·n + R·n)/R = 2n`, so the carry out of the last
    /// column is 0 or 1 and one conditional subtraction suffices. With `almost` the inputs need only be below
    /// `R` and the result is only brought below `R` (see `Limbs.subtractOnCarry`; the caller finishes with a full
    /// reduction, under the condition of `allowsAlmostReduction`). `r` may alias `a` or `b` (the result is built
    /// in `t` and written at the end); `t` is scratch of `2k` limbs (`m` in the low half, the result in the
    /// high half) and must not alias anything.
    /// - CT: time and memory access depend only on `k` (and the public `almost`).
    @inline(__always)
    package static func multiply(
        _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
        _ n: UnsafePointer<UInt64>, _ n0: UInt64, _ k: Int, _ t: UnsafeMutablePointer<UInt64>, almost: Bool = false
    ) {
        var acc: UInt128 = 0
        var c2: UInt64 = 0
        var i = 0
        while i < k {  // public: loop bound
            multiplyAccumulateColumn(&acc, &c2, a, b + i, i &+ 1, step: -1)
            multiplyAccumulateColumn(&acc, &c2, t, n + i, i, step: -1)
            t[i] = reductionLimb(&acc, &c2, n, n0)
            nextColumn(&acc, &c2)
            i &+= 1
        }
        while i < 2 &* k &- 1 {  // public: loop bound
            let first = i &- k &+ 1
            multiplyAccumulateColumn(&acc, &c2, a + first, b + (i &- first), k &- first, step: -1)
            multiplyAccumulateColumn(&acc, &c2, t + first, n + (i &- first), k &- first, step: -1)
            t[i] = UInt64(truncatingIfNeeded: acc)
            nextColumn(&acc, &c2)
            i &+= 1
        }
        t[2 &* k &- 1] = UInt64(truncatingIfNeeded: acc)
        finalStep(r, t + k, carry: UInt64(truncatingIfNeeded: acc >> 64), n, k, almost: almost)
    }

    /// The last step of a Montgomery product whose value `t + carry·R` is below `R + n`: a full reduction below
    /// `n` (`Limbs.reduceOnce`), or with `almost` only below `R` (`Limbs.subtractOnCarry`).
    /// - CT: time depends only on `k` and the public `almost`.
    @inline(__always)
    static func finalStep(
        _ r: UnsafeMutablePointer<UInt64>, _ t: UnsafePointer<UInt64>, carry: UInt64, _ n: UnsafePointer<UInt64>,
        _ k: Int, almost: Bool
    ) {
        if almost {  // public: chosen by the caller
            Limbs.subtractOnCarry(r, t, carry: carry, n, k)
        } else {
            Limbs.reduceOnce(r, t, carry: carry, n, k)
        }
    }

    /// `a·b·R⁻¹ mod n` for arrays of `count` limbs (`a < R`, `b < n`).
    /// - CT: time depends only on `count`.
    package func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let k = count
        var r = [UInt64](repeating: 0, count: k)
        var t = [UInt64](repeating: 0, count: 2 * k)
        r.withUnsafeMutableBufferPointer { rb in
            t.withUnsafeMutableBufferPointer { tb in
                a.withUnsafeBufferPointer { ab in
                    b.withUnsafeBufferPointer { bb in
                        limbs.withUnsafeBufferPointer { nb in
                            Self.multiply(
                                Limbs.base(rb), Limbs.base(ab), Limbs.base(bb), Limbs.base(nb), n0, k,
                                Limbs.base(tb))
                        }
                    }
                }
            }
        }
        return r
    }

    /// Montgomery form `x·R mod n` of `x < R`.
    package func toMontgomery(_ x: [UInt64]) -> [UInt64] { multiply(x, rr) }

    /// Ordinary value `x·R⁻¹ mod n` of a Montgomery-form `x`.
    package func fromMontgomery(_ x: [UInt64]) -> [UInt64] {
        var unit = [UInt64](repeating: 0, count: count)
        unit[0] = 1
        return multiply(x, unit)
    }

    /// Montgomery form of `x mod n` for an `x` of any number of limbs (processed in chunks of `count` limbs,
    /// Horner's rule with `acc ← acc·R + chunk`).
    /// - CT: time depends only on `x.count` and `count`.
    package func reduceToMontgomery(_ x: [UInt64]) -> [UInt64] {
        let k = count
        let chunks = (x.count + k - 1) / k
        var acc = [UInt64](repeating: 0, count: k)
        var chunkIndex = chunks - 1
        while chunkIndex >= 0 {  // public: loop bound
            var chunk = [UInt64](repeating: 0, count: k)
            for i in 0..<k where chunkIndex * k + i < x.count { chunk[i] = x[chunkIndex * k + i] }  // public
            // acc·R·R (Montgomery form of acc·R) plus chunk·R (Montgomery form of chunk < R).
            acc = add(multiply(acc, rr), multiply(chunk, rr))
            chunkIndex -= 1
        }
        return acc
    }

    /// `(a + b) mod n` for `a, b < n`.
    /// - CT: time depends only on `count`.
    package func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var r = a
        var carry: UInt64 = 0
        for i in 0..<count {
            let s = UInt128(r[i]) &+ UInt128(b[i]) &+ UInt128(carry)
            r[i] = UInt64(truncatingIfNeeded: s)
            carry = UInt64(truncatingIfNeeded: s >> 64)
        }
        r.withUnsafeMutableBufferPointer { rb in
            limbs.withUnsafeBufferPointer { nb in
                Limbs.conditionalSubtract(Limbs.base(rb), carry: carry, Limbs.base(nb), count)
            }
        }
        return r
    }

    /// `(a − b) mod n` for `a, b < n`.
    /// - CT: time depends only on `count`.
    package func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var r = a
        var borrow: UInt64 = 0
        for i in 0..<count {
            let d = UInt128(r[i]) &- UInt128(b[i]) &- UInt128(borrow)
            r[i] = UInt64(truncatingIfNeeded: d)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
        // Add n back when the subtraction borrowed.
        let mask = ConstantTime.mask(fromBit: borrow)
        var carry: UInt64 = 0
        for i in 0..<count {
            let s = UInt128(r[i]) &+ UInt128(limbs[i] & mask) &+ UInt128(carry)
            r[i] = UInt64(truncatingIfNeeded: s)
            carry = UInt64(truncatingIfNeeded: s >> 64)
        }
        return r
    }
}
