// SPDX-License-Identifier: Apache-2.0
// Variable-time multi-precision arithmetic (division, gcd, modular inverse) for key set-up and blinded
// inversion (HAC §14.2.5, §14.4.3 Algorithm 14.61).

/// Arithmetic on little-endian limb arrays that runs in time depending on the values.
///
/// VARTIME: public inputs only, with two documented uses on secret-derived values: (1) inversion of a
/// *blinded* value `r·s mod n` (uniformly random and independent of the key, BoringSSL-style
/// blinded inversion), and (2) key set-up (`d mod (p−1)`, `e⁻¹ mod λ(n)`), which runs once per key.
package enum VarTimeArithmetic {
    /// `x` without high zero limbs (`[]` for zero).
    package static func normalized(_ x: [UInt64]) -> [UInt64] {
        var r = x
        while let last = r.last, last == 0 { r.removeLast() }
        return r
    }

    /// Bit length of a normalized value.
    package static func bitLength(_ x: [UInt64]) -> Int {
        let n = normalized(x)
        guard let top = n.last else { return 0 }
        return 64 * n.count - top.leadingZeroBitCount
    }

    /// −1, 0, 1 as `a` is below, equal to or above `b`.
    package static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        let x = normalized(a)
        let y = normalized(b)
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        var i = x.count - 1
        while i >= 0 {
            if x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// `a − b` for `a ≥ b`.
    package static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var r = a
        var borrow: UInt64 = 0
        for i in 0..<r.count {
            let y = i < b.count ? b[i] : 0
            let d = UInt128(r[i]) &- UInt128(y) &- UInt128(borrow)
            r[i] = UInt64(truncatingIfNeeded: d)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
        return normalized(r)
    }

    /// `a + b`.
    package static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] { normalized(Limbs.add(a, b)) }

    /// `a·b`.
    package static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty || b.isEmpty { return [] }
        return normalized(Limbs.multiply(a, b))
    }

    /// `x · 2^s`.
    package static func shiftedLeft(_ x: [UInt64], by s: Int) -> [UInt64] {
        let limbShift = s / 64
        let bitShift = UInt64(s % 64)
        var r = [UInt64](repeating: 0, count: x.count + limbShift + 1)
        for i in 0..<x.count {
            r[i + limbShift] |= x[i] << bitShift
            if bitShift != 0 { r[i + limbShift + 1] |= x[i] >> (64 - bitShift) }
        }
        return normalized(r)
    }

    /// `(a / b, a mod b)` by shift-and-subtract; `b` must be non-zero.
    package static func divide(_ a: [UInt64], by b: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64]) {
        let la = bitLength(a)
        let lb = bitLength(b)
        if la < lb || compare(a, b) < 0 { return ([], normalized(a)) }
        let shift = la - lb
        var r = normalized(a)
        var d = shiftedLeft(b, by: shift)
        var q = [UInt64](repeating: 0, count: shift / 64 + 1)
        var s = shift
        while s >= 0 {
            if compare(r, d) >= 0 {
                r = subtract(r, d)
                q[s / 64] |= 1 << UInt64(s % 64)
            }
            d = shiftedRight1(d)
            s -= 1
        }
        return (normalized(q), r)
    }

    /// `x / 2`.
    package static func shiftedRight1(_ x: [UInt64]) -> [UInt64] {
        var r = x
        for i in 0..<r.count {
            r[i] = (r[i] >> 1) | (i + 1 < r.count ? r[i + 1] << 63 : 0)
        }
        return normalized(r)
    }

    /// gcd(a, b) by Euclid's algorithm.
    package static func gcd(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var x = normalized(a)
        var y = normalized(b)
        while !y.isEmpty {
            let r = divide(x, by: y).remainder
            x = y
            y = r
        }
        return x
    }

    /// `a⁻¹ mod m` by the extended Euclidean algorithm (coefficients kept modulo `m`), or nil when
    /// gcd(a, m) ≠ 1.
    package static func inverse(_ a: [UInt64], modulus m: [UInt64]) -> [UInt64]? {
        var r0 = normalized(m)
        var r1 = divide(a, by: m).remainder
        var t0: [UInt64] = []
        var t1: [UInt64] = [1]
        while !r1.isEmpty {
            let (q, r) = divide(r0, by: r1)
            r0 = r1
            r1 = r
            let qt = divide(multiply(q, t1), by: m).remainder
            let t2 = compare(t0, qt) >= 0 ? subtract(t0, qt) : subtract(add(t0, m), qt)
            t0 = t1
            t1 = t2
        }
        guard compare(r0, [1]) == 0 else { return nil }
        return t0
    }

    /// `a⁻¹ mod n` for odd `n` (`count` limbs, `a < n`) with the binary extended algorithm, or nil when
    /// gcd(a, n) ≠ 1. The result has `n.count` limbs.
    /// VARTIME: the time depends on `a`; callers pass public or blinded values only.
    package static func inverseOdd(_ a: [UInt64], modulus n: [UInt64]) -> [UInt64]? {
        let k = n.count
        var u = Limbs.resized(a, to: k)
        var v = n
        var x1 = [UInt64](repeating: 0, count: k + 1)
        var x2 = [UInt64](repeating: 0, count: k + 1)
        x1[0] = 1
        let nExt = Limbs.resized(n, to: k + 1)
        // Invariants: x1·a ≡ u and x2·a ≡ v (mod n); v is odd; x1, x2 < n.
        while Limbs.isZeroMask(u) == 0 {
            halveWhileEven(&u, &x1, nExt)
            halveWhileEven(&v, &x2, nExt)
            if Limbs.lessThanMask(u, v) == 0 {
                subtractInPlace(&u, v)
                subtractModInPlace(&x1, x2, nExt)
            } else {
                subtractInPlace(&v, u)
                subtractModInPlace(&x2, x1, nExt)
            }
        }
        var unit = [UInt64](repeating: 0, count: k)
        unit[0] = 1
        guard Limbs.equalMask(v, unit) != 0 else { return nil }
        return Limbs.resized(x2, to: k)
    }

    /// While `u` is even: `u ← u/2`, `x ← x/2 mod n` (adding `n` first when `x` is odd), a word at a time.
    private static func halveWhileEven(_ u: inout [UInt64], _ x: inout [UInt64], _ n: [UInt64]) {
        while u[0] & 1 == 0 {
            // Shift u by up to 63 bits at once, and x by the same count: x ← (x + m·n) / 2^s where
            // m = −x·n⁻¹ mod 2^s makes the sum divisible by 2^s (one pass of Montgomery reduction).
            let s = min(u[0] == 0 ? 63 : u[0].trailingZeroBitCount, 63)
            shiftRight(&u, by: s)
            var inv = n[0]
            for _ in 0..<5 { inv = inv &* (2 &- n[0] &* inv) }
            let mask: UInt64 = (1 << UInt64(s)) - 1
            let m = (0 &- x[0] &* inv) & mask
            var carry: UInt64 = 0
            for i in 0..<x.count {
                let p = UInt128(m) &* UInt128(n[i]) &+ UInt128(x[i]) &+ UInt128(carry)
                x[i] = UInt64(truncatingIfNeeded: p)
                carry = UInt64(truncatingIfNeeded: p >> 64)
            }
            shiftRight(&x, by: s)
        }
    }

    private static func shiftRight(_ x: inout [UInt64], by s: Int) {
        let c = x.count
        x.withUnsafeMutableBufferPointer { b in
            for i in 0..<c {
                let hi = i + 1 < c ? b[i + 1] << UInt64(64 - s) : 0
                b[i] = (b[i] >> UInt64(s)) | hi
            }
        }
    }

    private static func subtractInPlace(_ a: inout [UInt64], _ b: [UInt64]) {
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let d = UInt128(a[i]) &- UInt128(b[i]) &- UInt128(borrow)
            a[i] = UInt64(truncatingIfNeeded: d)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
    }

    /// `a ← (a − b) mod n` for `a, b < n` (`k + 1` limbs).
    private static func subtractModInPlace(_ a: inout [UInt64], _ b: [UInt64], _ n: [UInt64]) {
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let d = UInt128(a[i]) &- UInt128(b[i]) &- UInt128(borrow)
            a[i] = UInt64(truncatingIfNeeded: d)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
        if borrow != 0 {
            var carry: UInt64 = 0
            for i in 0..<a.count {
                let s = UInt128(a[i]) &+ UInt128(n[i]) &+ UInt128(carry)
                a[i] = UInt64(truncatingIfNeeded: s)
                carry = UInt64(truncatingIfNeeded: s >> 64)
            }
        }
    }
}
