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
    ///
    /// Invariants: `x1·a ≡ u` and `x2·a ≡ v (mod n)`, `v` odd after each halving, `x1, x2 < n`. Halving `x`
    /// along with `u` uses `(x + m·n)/2^s` with `m = −x·n⁻¹ mod 2^s` (one word of Montgomery reduction), which
    /// stays below `n`. Works on raw buffers and tracks the significant lengths of `u` and `v`.
    /// VARTIME: the time depends on `a`; callers pass public or blinded values only.
    package static func inverseOdd(_ a: [UInt64], modulus n: [UInt64]) -> [UInt64]? {
        let k = n.count
        guard k > 0, a.count <= k else { return nil }
        // One buffer: u (k), v (k), x1 (k + 1), x2 (k + 1), n (k + 1).
        var storage = [UInt64](repeating: 0, count: 5 * k + 3)
        return storage.withUnsafeMutableBufferPointer { buffer -> [UInt64]? in
            let u = Limbs.base(buffer)
            let v = u + k
            let x1 = v + k
            let x2 = x1 + k + 1
            let np = x2 + k + 1
            for i in 0..<a.count { u[i] = a[i] }
            for i in 0..<k {
                v[i] = n[i]
                np[i] = n[i]
            }
            x1[0] = 1
            var inv = n[0]
            for _ in 0..<5 { inv = inv &* (2 &- n[0] &* inv) }
            var uLength = significantLength(u, k)
            var vLength = significantLength(v, k)
            while uLength > 0 {
                halveWhileEven(u, &uLength, x1, np, k + 1, inv)
                halveWhileEven(v, &vLength, x2, np, k + 1, inv)
                if compare(u, uLength, v, vLength) >= 0 {
                    subtract(u, &uLength, v, vLength)
                    subtractMod(x1, x2, np, k + 1)
                } else {
                    subtract(v, &vLength, u, uLength)
                    subtractMod(x2, x1, np, k + 1)
                }
            }
            guard vLength == 1 && v[0] == 1 else { return nil }
            return Array(UnsafeBufferPointer(start: x2, count: k))
        }
    }

    /// Number of limbs of `x` up to and including the top non-zero one.
    private static func significantLength(_ x: UnsafeMutablePointer<UInt64>, _ length: Int) -> Int {
        var l = length
        while l > 0 && x[l - 1] == 0 { l -= 1 }
        return l
    }

    /// While `u` (non-zero) is even: `u ← u/2^s`, `x ← (x + m·n)/2^s mod n`, up to 63 bits at a time.
    private static func halveWhileEven(
        _ u: UnsafeMutablePointer<UInt64>, _ uLength: inout Int, _ x: UnsafeMutablePointer<UInt64>,
        _ n: UnsafeMutablePointer<UInt64>, _ xLength: Int, _ inv: UInt64
    ) {
        while u[0] & 1 == 0 {
            let s = u[0] == 0 ? 63 : u[0].trailingZeroBitCount
            shiftRight(u, uLength, s)
            uLength = significantLength(u, uLength)
            let m = (0 &- x[0] &* inv) & ((1 << UInt64(s)) - 1)
            var carry: UInt64 = 0
            for i in 0..<xLength {
                let p = UInt128(m) &* UInt128(n[i]) &+ UInt128(x[i]) &+ UInt128(carry)
                x[i] = UInt64(truncatingIfNeeded: p)
                carry = UInt64(truncatingIfNeeded: p >> 64)
            }
            shiftRight(x, xLength, s)
        }
    }

    /// `x ← x >> s` for `1 ≤ s ≤ 63` over `length` limbs.
    private static func shiftRight(_ x: UnsafeMutablePointer<UInt64>, _ length: Int, _ s: Int) {
        guard length > 0 else { return }
        let left = UInt64(64 - s)
        for i in 0..<(length - 1) { x[i] = (x[i] >> UInt64(s)) | (x[i + 1] << left) }
        x[length - 1] >>= UInt64(s)
    }

    /// −1, 0, 1 as `a` (significant length `aLength`) is below, equal to or above `b`.
    private static func compare(
        _ a: UnsafeMutablePointer<UInt64>, _ aLength: Int, _ b: UnsafeMutablePointer<UInt64>, _ bLength: Int
    ) -> Int {
        if aLength != bLength { return aLength < bLength ? -1 : 1 }
        var i = aLength - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// `a ← a − b` for `a ≥ b`, updating the significant length of `a`.
    private static func subtract(
        _ a: UnsafeMutablePointer<UInt64>, _ aLength: inout Int, _ b: UnsafeMutablePointer<UInt64>, _ bLength: Int
    ) {
        var borrow: UInt64 = 0
        for i in 0..<aLength {
            let y = i < bLength ? b[i] : 0
            let d = UInt128(a[i]) &- UInt128(y) &- UInt128(borrow)
            a[i] = UInt64(truncatingIfNeeded: d)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
        aLength = significantLength(a, aLength)
    }

    /// `a ← (a − b) mod n` for `a, b < n` (`length` limbs).
    private static func subtractMod(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, _ n: UnsafeMutablePointer<UInt64>,
        _ length: Int
    ) {
        var borrow: UInt64 = 0
        for i in 0..<length {
            let d = UInt128(a[i]) &- UInt128(b[i]) &- UInt128(borrow)
            a[i] = UInt64(truncatingIfNeeded: d)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
        if borrow != 0 {
            var carry: UInt64 = 0
            for i in 0..<length {
                let s = UInt128(a[i]) &+ UInt128(n[i]) &+ UInt128(carry)
                a[i] = UInt64(truncatingIfNeeded: s)
                carry = UInt64(truncatingIfNeeded: s >> 64)
            }
        }
    }
}
