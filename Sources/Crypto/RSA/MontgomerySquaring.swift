// SPDX-License-Identifier: Apache-2.0
// Montgomery squaring: half-product schoolbook square (HAC 14.16) followed by word-by-word Montgomery reduction
// (separated operand scanning, Koç–Acar–Kaliski 1996 "SOS"; HAC 14.32).
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

    /// Montgomery reduction of the `2k`-limb value in `t` (< n·R): `r ← t·R⁻¹ mod n`. `t` is overwritten.
    ///
    /// Each step adds `m·n·2^(64i)` with `m = t[i]·n0 mod 2⁶⁴`, clearing limb `i`; the carry out of limb `i + k`
    /// goes into `top`. Bound: `(t + M·n)/R < (n·R + R·n)/R = 2n`, so one conditional subtraction suffices.
    /// `r` must not overlap `t[k..<2k]` except as exactly `t + k`.
    /// - CT: time and memory access depend only on `k`.
    @inlinable @inline(__always)
    static func reduce(
        _ r: UnsafeMutablePointer<UInt64>, _ t: UnsafeMutablePointer<UInt64>, _ n: UnsafePointer<UInt64>,
        _ n0: UInt64, _ k: Int
    ) {
        var top: UInt64 = 0
        var i = 0
        while i < k {  // public: loop bound
            let m = t[i] &* n0
            let c = multiplyAccumulateRow(t + i, n, m, k)
            let s = UInt128(t[i + k]) &+ UInt128(c) &+ UInt128(top)
            t[i + k] = UInt64(truncatingIfNeeded: s)
            top = UInt64(truncatingIfNeeded: s >> 64)
            i += 1
        }
        Limbs.reduceOnce(r, t + k, carry: top, n, k)
    }

    /// `r ← a²·R⁻¹ mod n` for `a < n`: about ¾ of the word multiplications of `multiply(r, a, a, …)`.
    ///
    /// The square is built as twice the off-diagonal products `a[i]·a[j]` (i < j), computed once each, plus
    /// the diagonal squares `a[i]²`; then `reduce` divides by `R`. `r` may alias `a`; `t` is scratch of `2k`
    /// limbs and must not alias anything.
    /// - CT: time and memory access depend only on `k`.
    @inlinable @inline(__always)
    package static func square(
        _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ n: UnsafePointer<UInt64>, _ n0: UInt64,
        _ k: Int, _ t: UnsafeMutablePointer<UInt64>
    ) {
        t.update(repeating: 0, count: 2 * k)
        // Off-diagonal triangle: row i adds a[i]·a[i+1..<k] at limb 2i+1; its carry lands on the fresh limb i+k.
        var i = 0
        while i < k - 1 {  // public: loop bound
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
        reduce(r, t, n, n0, k)
    }

    /// `a²·R⁻¹ mod n` for an array of `count` limbs (`a < n`).
    /// - CT: time depends only on `count`.
    package func square(_ a: [UInt64]) -> [UInt64] {
        let k = count
        var r = [UInt64](repeating: 0, count: k)
        var t = [UInt64](repeating: 0, count: 2 * k)
        r.withUnsafeMutableBufferPointer { rb in
            t.withUnsafeMutableBufferPointer { tb in
                a.withUnsafeBufferPointer { ab in
                    limbs.withUnsafeBufferPointer { nb in
                        Self.square(Limbs.base(rb), Limbs.base(ab), Limbs.base(nb), n0, k, Limbs.base(tb))
                    }
                }
            }
        }
        return r
    }
}
