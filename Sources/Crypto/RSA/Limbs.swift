// SPDX-License-Identifier: Apache-2.0
// Fixed-width limb helpers for RSA: byte ↔ limb conversion (RFC 8017 §4.1/§4.2 I2OSP/OS2IP), masked
// subtraction, comparison and selection.
// CT-FILE

/// Operations on little-endian arrays of 64-bit limbs whose *count* is public and whose values may be secret.
package enum Limbs {
    /// The base address of a non-empty limb buffer.
    /// Invariant (programmer error otherwise): every limb array in this module has at least one limb.
    @inlinable @inline(__always)
    package static func base(_ b: UnsafeMutableBufferPointer<UInt64>) -> UnsafeMutablePointer<UInt64> {
        b.baseAddress.unsafelyUnwrapped
    }

    /// The base address of a non-empty limb buffer (read-only).
    @inlinable @inline(__always)
    package static func base(_ b: UnsafeBufferPointer<UInt64>) -> UnsafePointer<UInt64> {
        b.baseAddress.unsafelyUnwrapped
    }

    /// OS2IP into exactly `count` limbs. Leading zero bytes are allowed; a value that does not fit throws.
    /// - Throws: `CryptoError.invalidLength` when the value needs more than `count` limbs.
    /// - CT: time depends only on `bytes.count` and `count`; a secret value of public encoded length does not leak
    ///   (the overflow check ORs every excess byte together).
    package static func fromBigEndian(_ bytes: some Collection<UInt8>, count: Int) throws(CryptoError) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: count)
        var excess: UInt8 = 0
        // One limb per eight bytes, read from the end (~2 % of an RSA-2048 verification faster than walking
        // `reversed()` byte by byte). `Array(bytes)` shares an array's storage; other collections are copied once.
        Array(bytes).withUnsafeBufferPointer { b in
            var end = b.count
            var limb = 0
            while end > 0 && limb < count {  // public: lengths only
                let start = Swift.max(end - 8, 0)
                var v: UInt64 = 0
                for i in start..<end { v = (v << 8) | UInt64(b[i]) }
                out[limb] = v
                limb += 1
                end = start
            }
            for i in 0..<end { excess |= b[i] }  // public: lengths only
        }
        guard excess == 0 else { throw .invalidLength }  // public: only for malformed (oversized) inputs
        return out
    }

    /// Number of limbs needed for `bytes` after stripping leading zero bytes (public values only).
    /// VARTIME: public inputs only.
    package static func significantLimbCountVarTime(_ bytes: [UInt8]) -> Int {
        var first = 0
        while first < bytes.count && bytes[first] == 0 { first += 1 }  // public: VARTIME helper on public encodings
        return (bytes.count - first + 7) / 8
    }

    /// I2OSP: the low `length` bytes of `x`, big-endian. Bytes beyond the limbs are zero.
    /// - CT: time depends only on `x.count` and `length`.
    package static func toBigEndian(_ x: [UInt64], length: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            let whole = Swift.min(length / 8, x.count)
            // Whole limbs as one big-endian store each, from the end of the output (a byte loop cost ~1 % of an
            // RSA-2048 verification).
            let raw = UnsafeMutableRawBufferPointer(out)
            for limb in 0..<whole {  // public: lengths only
                raw.storeBytes(of: x[limb].bigEndian, toByteOffset: length - 8 * (limb + 1), as: UInt64.self)
            }
            // The leading `length − 8·whole` bytes: a partial limb and zeros beyond the limbs.
            for i in (8 * whole)..<length {  // public: lengths only
                let limb = i >> 3
                let byte = limb < x.count ? x[limb] >> UInt64((i & 7) * 8) : 0  // public: lengths only
                out[length - 1 - i] = UInt8(truncatingIfNeeded: byte)
            }
            initialized = length
        }
    }

    /// `r ← t − n` if `carry == 1` or `t ≥ n`, else `r ← t` (`t` has `k` limbs plus the carry limb).
    /// `r` may alias `t`.
    /// - CT: time depends only on `k`.
    @inline(__always)
    package static func reduceOnce(
        _ r: UnsafeMutablePointer<UInt64>, _ t: UnsafePointer<UInt64>, carry: UInt64,
        _ n: UnsafePointer<UInt64>, _ k: Int
    ) {
        var borrow: UInt64 = 0
        var i = 0
        // First pass computes only the borrow of t − n, so that r can alias t.
        while i < k {  // public: loop bound
            borrow = subtractBorrow(t[i], n[i], borrow).borrow
            i += 1
        }
        // Keep t iff it is below n and nothing carried out: borrow == 1 and carry == 0.
        subtractMasked(r, t, n, ~ConstantTime.mask(fromBit: borrow & (carry ^ 1)), k)
    }

    /// `r ← t − n` if `carry == 1`, else `r ← t`: one pass, no comparison with `n`.
    ///
    /// The reduction step of "almost Montgomery" multiplication: with inputs below `R` the Montgomery sum is
    /// below `R + n`, so subtracting `n` exactly when it overflowed `R` keeps every value below `R` (not
    /// necessarily below `n`). Half the work of `reduceOnce`; the caller must finish with a full reduction.
    /// `r` may alias `t`.
    /// - CT: time depends only on `k`.
    @inline(__always)
    package static func subtractOnCarry(
        _ r: UnsafeMutablePointer<UInt64>, _ t: UnsafePointer<UInt64>, carry: UInt64,
        _ n: UnsafePointer<UInt64>, _ k: Int
    ) {
        subtractMasked(r, t, n, ConstantTime.mask(fromBit: carry), k)
    }

    /// `r ← t − (n & mask)` over `k` limbs (the borrow out is dropped). `r` may alias `t`.
    /// - CT: time depends only on `k`.
    @inline(__always)
    static func subtractMasked(
        _ r: UnsafeMutablePointer<UInt64>, _ t: UnsafePointer<UInt64>, _ n: UnsafePointer<UInt64>, _ mask: UInt64,
        _ k: Int
    ) {
        var borrow: UInt64 = 0
        var i = 0
        while i < k {  // public: loop bound
            let d = subtractBorrow(t[i], n[i] & mask, borrow)
            r[i] = d.difference
            borrow = d.borrow
            i += 1
        }
    }

    /// `x − y − borrowIn` (`borrowIn` 0 or 1) and the borrow out (0 or 1).
    /// - CT: branch-free (the borrows are flag values combined with `|`, never tested).
    @inline(__always)
    static func subtractBorrow(_ x: UInt64, _ y: UInt64, _ borrowIn: UInt64) -> (difference: UInt64, borrow: UInt64) {
        let (d1, b1) = x.subtractingReportingOverflow(y)
        let (d2, b2) = d1.subtractingReportingOverflow(borrowIn)
        return (d2, carryBit(b1) | carryBit(b2))
    }

    /// `x ← x − n` if `carry == 1` or `x ≥ n`.
    /// - CT: time depends only on `k`.
    @inline(__always)
    package static func conditionalSubtract(
        _ x: UnsafeMutablePointer<UInt64>, carry: UInt64, _ n: UnsafePointer<UInt64>, _ k: Int
    ) {
        reduceOnce(x, x, carry: carry, n, k)
    }

    /// All ones if `a < b` (same limb count), else zero.
    /// - CT: time depends only on the counts.
    package static func lessThanMask(_ a: [UInt64], _ b: [UInt64]) -> UInt64 {
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let d = UInt128(a[i]) &- UInt128(b[i]) &- UInt128(borrow)
            borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
        }
        return ConstantTime.mask(fromBit: borrow)
    }

    /// All ones if every limb of `a` is zero, else zero.
    /// - CT: time depends only on the count.
    package static func isZeroMask(_ a: [UInt64]) -> UInt64 {
        var acc: UInt64 = 0
        for v in a { acc |= v }
        return ConstantTime.isZero(acc)
    }

    /// All ones if `a == b` (same limb count), else zero.
    /// - CT: time depends only on the counts.
    package static func equalMask(_ a: [UInt64], _ b: [UInt64]) -> UInt64 {
        var acc: UInt64 = 0
        for i in 0..<a.count { acc |= a[i] ^ b[i] }
        return ConstantTime.isZero(acc)
    }

    /// Schoolbook product `a·b` with `a.count + b.count` limbs.
    /// - CT: time depends only on the counts.
    package static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            for j in 0..<b.count {
                let p = UInt128(a[i]) &* UInt128(b[j]) &+ UInt128(r[i + j]) &+ UInt128(carry)
                r[i + j] = UInt64(truncatingIfNeeded: p)
                carry = UInt64(truncatingIfNeeded: p >> 64)
            }
            r[i + b.count] = carry
        }
        return r
    }

    /// `a + b` into `max(a.count, b.count) + 1` limbs.
    /// - CT: time depends only on the counts.
    package static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let k = Swift.max(a.count, b.count)  // public: counts
        var r = [UInt64](repeating: 0, count: k + 1)
        var carry: UInt64 = 0
        for i in 0..<k {
            let x = i < a.count ? a[i] : 0  // public: index vs count
            let y = i < b.count ? b[i] : 0  // public: index vs count
            let s = UInt128(x) &+ UInt128(y) &+ UInt128(carry)
            r[i] = UInt64(truncatingIfNeeded: s)
            carry = UInt64(truncatingIfNeeded: s >> 64)
        }
        r[k] = carry
        return r
    }

    /// `x` resized to `count` limbs (dropping high limbs, which the caller knows are zero, or padding).
    package static func resized(_ x: [UInt64], to count: Int) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: count)
        for i in 0..<Swift.min(count, x.count) { r[i] = x[i] }  // public: counts
        return r
    }
}
