// SPDX-License-Identifier: Apache-2.0
// Montgomery squaring: half-product schoolbook square (HAC 14.16) followed by a separate Montgomery reduction
// (Koç–Acar–Kaliski 1996: SOS structure, the reduction in product-scanning order; HAC 14.32).
// CT-FILE

extension MontgomeryModulus {
    /// `t[0..<count] += a[0..<count]·b`, returning the carry limb (the caller stores it at `t[count]`).
    /// - CT: time and memory access depend only on `count`.
    @inlinable @inline(__always)
    static func multiplyAccumulateRow(
        _ t: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UInt64, _ count: Int
    ) -> UInt64 {
        // (2⁶⁴−1)² + 2(2⁶⁴−1) = 2¹²⁸ − 1: no sum below overflows 128 bits.
        let b = UInt128(b)
        var carry: UInt64 = 0
        var j = 0
        // Four limbs per iteration: fewer loop branches and room for the scheduler (measured ~10% on 2048-bit).
        while j + 4 <= count {  // public: loop bound
            let p0 = UInt128(a[j]) &* b &+ UInt128(t[j]) &+ UInt128(carry)
            t[j] = UInt64(truncatingIfNeeded: p0)
            let p1 = UInt128(a[j + 1]) &* b &+ UInt128(t[j + 1]) &+ (p0 >> 64)
            t[j + 1] = UInt64(truncatingIfNeeded: p1)
            let p2 = UInt128(a[j + 2]) &* b &+ UInt128(t[j + 2]) &+ (p1 >> 64)
            t[j + 2] = UInt64(truncatingIfNeeded: p2)
            let p3 = UInt128(a[j + 3]) &* b &+ UInt128(t[j + 3]) &+ (p2 >> 64)
            t[j + 3] = UInt64(truncatingIfNeeded: p3)
            carry = UInt64(truncatingIfNeeded: p3 >> 64)
            j += 4
        }
        while j < count {  // public: loop bound
            let p = UInt128(a[j]) &* b &+ UInt128(t[j]) &+ UInt128(carry)
            t[j] = UInt64(truncatingIfNeeded: p)
            carry = UInt64(truncatingIfNeeded: p >> 64)
            j += 1
        }
        return carry
    }

    /// One limb of two rows at once: `a·bi + t + c1` (carry into `c1`), then `m·n` plus its low limb plus `c2`
    /// (carry into `c2`); returns the new low limb. Each sum is at most (2⁶⁴−1)² + 2(2⁶⁴−1) = 2¹²⁸ − 1.
    /// - CT: branch-free.
    @inlinable @inline(__always)
    static func step(
        _ a: UInt64, _ n: UInt64, _ t: UInt64, _ bi: UInt128, _ m: UInt128, _ c1: inout UInt64, _ c2: inout UInt64
    ) -> UInt64 {
        let p = UInt128(a) &* bi &+ UInt128(t) &+ UInt128(c1)
        let q = m &* UInt128(n) &+ UInt128(UInt64(truncatingIfNeeded: p)) &+ UInt128(c2)
        c1 = UInt64(truncatingIfNeeded: p >> 64)
        c2 = UInt64(truncatingIfNeeded: q >> 64)
        return UInt64(truncatingIfNeeded: q)
    }

    /// `t[j] += x·u[j + 1] + y·u[j]` for `j` in `0..<count`: two rows of a product, the second one limb higher,
    /// accumulated in one pass with their own carries `c1` (row `x`) and `c2` (row `y`).
    ///
    /// Why two rows: a single row is one add/adc carry chain, so each limb waits for the previous one (latency
    /// bound); two independent chains keep the multiplier busy, as OpenSSL's mul4x/sqr8x do. The per-limb sums
    /// are those of `step`, each at most 2¹²⁸ − 1.
    /// - CT: time and memory access depend only on `count`.
    @inlinable @inline(__always)
    static func multiplyAccumulateTwoRows(
        _ t: UnsafeMutablePointer<UInt64>, _ u: UnsafePointer<UInt64>, _ x: UInt128, _ y: UInt128, _ count: Int,
        _ c1: inout UInt64, _ c2: inout UInt64
    ) {
        var j = 0
        while j + 4 <= count {  // public: loop bound
            t[j] = step(u[j + 1], u[j], t[j], x, y, &c1, &c2)
            t[j + 1] = step(u[j + 2], u[j + 1], t[j + 1], x, y, &c1, &c2)
            t[j + 2] = step(u[j + 3], u[j + 2], t[j + 2], x, y, &c1, &c2)
            t[j + 3] = step(u[j + 4], u[j + 3], t[j + 3], x, y, &c1, &c2)
            j += 4
        }
        while j < count {  // public: loop bound
            t[j] = step(u[j + 1], u[j], t[j], x, y, &c1, &c2)
            j += 1
        }
    }

    /// Montgomery reduction of the `2k`-limb value in `t` (< n·R): `r ← t·R⁻¹ mod n`. `t` is overwritten.
    ///
    /// Product scanning (Koç–Acar–Kaliski 1996, FIPS order; HAC 14.32 computes the same `m`): column `i` sums
    /// `t[i]`, the carry from column `i − 1` and `m[j]·n[i − j]`; for `i < k` the column's low limb then fixes
    /// `m[i] = low·n0` (stored over `t[i]`, already consumed), which clears it; from column `k` on the low limbs
    /// are the result. Bounds: a column sum is below (k + 2)·2¹²⁸ < 2¹⁹², so three limbs hold it; the value
    /// `(t + M·n)/R < (n·R + R·n)/R = 2n`, so the carry out of the last column is 0 or 1 and one conditional
    /// subtraction suffices. Measured ~6 % (32 limbs) to ~10 % (64 limbs) faster per squaring than two rows at
    /// once. With `almost` see `multiply`. `r` must not overlap `t`.
    ///
    /// The `m[j]·n[i − j]` sums read `n` through its limb-reversed copy `nReversed` (`reversedLimbs`), so that
    /// both operands run upwards from one index: +1–4 % on RSA-2048 and RSA-4096 public operations in a
    /// stand-alone benchmark on AMD EPYC (both at once, one per core). Doing the same for `multiply` (reversing
    /// `b` for each product) measured no better, so `multiply` reads its operands as stored.
    /// - CT: time and memory access depend only on `k` (and the public `almost`).
    @inline(__always)
    static func reduce(
        _ r: UnsafeMutablePointer<UInt64>, _ t: UnsafeMutablePointer<UInt64>, _ n: UnsafePointer<UInt64>,
        _ nReversed: UnsafePointer<UInt64>, _ n0: UInt64, _ k: Int, almost: Bool
    ) {
        var acc: UInt128 = 0
        var c2: UInt64 = 0
        var i = 0
        while i < k {  // public: loop bound
            accumulate(&acc, &c2, t[i])
            multiplyAccumulateColumn(&acc, &c2, t, nReversed + (k &- 1 &- i), i, step: 1)
            t[i] = reductionLimb(&acc, &c2, n, n0)  // over t[i], already consumed
            nextColumn(&acc, &c2)
            i &+= 1
        }
        while i < 2 &* k {  // public: loop bound
            accumulate(&acc, &c2, t[i])
            let first = i &- k &+ 1
            multiplyAccumulateColumn(&acc, &c2, t + first, nReversed, k &- first, step: 1)
            r[i &- k] = UInt64(truncatingIfNeeded: acc)
            nextColumn(&acc, &c2)
            i &+= 1
        }
        finalStep(r, r, carry: UInt64(truncatingIfNeeded: acc), n, k, almost: almost)
    }

    /// `r ← a²·R⁻¹ mod n` for `a < n` (with `almost`: `a < R`, result below `R`, see `multiply`): the square
    /// (`schoolbookSquare`, or `karatsubaSquare` from `karatsubaThreshold` limbs on) then `reduce`. `r` may
    /// alias `a`; `t` is scratch of `scratchCount(k)` limbs and must not alias anything.
    /// - CT: time and memory access depend only on `k` (and the public `almost`).
    @inline(__always)
    package static func square(
        _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ n: UnsafePointer<UInt64>,
        _ nReversed: UnsafePointer<UInt64>, _ n0: UInt64, _ k: Int, _ t: UnsafeMutablePointer<UInt64>,
        almost: Bool = false
    ) {
        if k >= karatsubaThreshold {  // public: operand size
            karatsubaSquare(a, k, t, t + 2 * k)
        } else {
            schoolbookSquare(a, k, t)
        }
        reduce(r, t, n, nReversed, n0, k, almost: almost)
    }

    /// `t[0..<2k] ← a²`, about ¾ of the word multiplications of a general product.
    ///
    /// The square is built as twice the off-diagonal products `a[i]·a[j]` (i < j), computed once each, plus
    /// the diagonal squares `a[i]²`. `t` must not alias `a`.
    /// - CT: time and memory access depend only on `k`.
    @inline(__always)
    static func schoolbookSquare(_ a: UnsafePointer<UInt64>, _ k: Int, _ t: UnsafeMutablePointer<UInt64>) {
        t.update(repeating: 0, count: 2 * k)
        // Off-diagonal triangle: row i adds a[i]·a[i+1..<k] at limb 2i+1; its carry lands on the fresh limb i+k.
        // Rows i and i + 1 go together (two carry chains, see `multiplyAccumulateTwoRows`) while row i + 1 has at
        // least one product (i ≤ k − 3). Row i alone covers limbs 2i + 1 and 2i + 2; from limb 2i + 3 to i + k − 1
        // both add (a[P − i]·a[i] and a[P − i − 1]·a[i + 1] at limb P); limb i + k, untouched by earlier rows and
        // so still zero, takes row i's carry and row i + 1's last product a[k − 1]·a[i + 1].
        var i = 0
        while i + 3 <= k {  // public: loop bound
            let x = UInt128(a[i])
            let y = UInt128(a[i + 1])
            let p0 = x &* UInt128(a[i + 1]) &+ UInt128(t[2 * i + 1])
            t[2 * i + 1] = UInt64(truncatingIfNeeded: p0)
            let p1 = x &* UInt128(a[i + 2]) &+ UInt128(t[2 * i + 2]) &+ (p0 >> 64)
            t[2 * i + 2] = UInt64(truncatingIfNeeded: p1)
            var c1 = UInt64(truncatingIfNeeded: p1 >> 64)
            var c2: UInt64 = 0
            multiplyAccumulateTwoRows(t + 2 * i + 3, a + i + 2, x, y, k - i - 3, &c1, &c2)
            let q = y &* UInt128(a[k - 1]) &+ UInt128(c1) &+ UInt128(c2)
            t[i + k] = UInt64(truncatingIfNeeded: q)
            t[i + k + 1] = UInt64(truncatingIfNeeded: q >> 64)
            i += 2
        }
        while i < k - 1 {  // public: loop bound (at most one row left)
            t[i + k] = multiplyAccumulateRow(t + 2 * i + 1, a + i + 1, a[i], k - i - 1)
            i += 1
        }
        // Double (shift left by one bit) and add the diagonal a[i]² at limb 2i, two limbs per step.
        var shiftIn: UInt64 = 0
        var carry: UInt64 = 0
        i = 0
        while i < k {  // public: loop bound
            let lo = t[2 * i]
            let hi = t[2 * i + 1]
            let square = UInt128(a[i]) &* UInt128(a[i])
            let s0 =
                UInt128((lo << 1) | shiftIn) &+ UInt128(UInt64(truncatingIfNeeded: square)) &+ UInt128(carry)
            let s1 =
                UInt128((hi << 1) | (lo >> 63)) &+ UInt128(UInt64(truncatingIfNeeded: square >> 64)) &+ (s0 >> 64)
            t[2 * i] = UInt64(truncatingIfNeeded: s0)
            t[2 * i + 1] = UInt64(truncatingIfNeeded: s1)
            shiftIn = hi >> 63
            carry = UInt64(truncatingIfNeeded: s1 >> 64)
            i += 1
        }
        // a² < R², so no carry leaves the top limb.
    }

    /// `a²·R⁻¹ mod n` for an array of `count` limbs (`a < n`).
    /// - CT: time depends only on `count`.
    package func square(_ a: [UInt64]) -> [UInt64] {
        let k = count
        var r = [UInt64](repeating: 0, count: k)
        var t = [UInt64](repeating: 0, count: Self.scratchCount(k))
        r.withUnsafeMutableBufferPointer { rb in
            t.withUnsafeMutableBufferPointer { tb in
                a.withUnsafeBufferPointer { ab in
                    withModulusPointers { np, nr in
                        Self.square(Limbs.base(rb), Limbs.base(ab), np, nr, n0, k, Limbs.base(tb))
                    }
                }
            }
        }
        return r
    }
}
