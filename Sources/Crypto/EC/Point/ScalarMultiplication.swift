// SPDX-License-Identifier: Apache-2.0
// Constant-time scalar multiplication (Jacobian): variable base with a signed 5-bit window, fixed base with a
// signed 5-bit comb table.
// CT-FILE

/// Bit `j` (0 = least significant) of a big-endian scalar encoding, 0 outside it. `j` is public, the value is not.
@inline(__always)
func scalarBit(_ scalar: UnsafeRawBufferPointer, _ j: Int) -> UInt64 {
    guard j >= 0 && j < 8 * scalar.count else { return 0 }  // public: bit index
    return UInt64(scalar[scalar.count - 1 - (j >> 3)] >> UInt8(j & 7)) & 1
}

/// Signed 5-bit (Booth) digit `i` of a scalar: d_i = b(5i−1) + Σ_{t<5} b(5i+t)·2^t − 32·b(5i+4), so that
/// Σ d_i·32^i = k when the top window's b(5i+4) is zero. Returns |d_i| ∈ [0, 16] and an all-ones mask iff d_i < 0.
/// - CT: branch-free in the bits; `i` is public.
@inline(__always)
func boothDigit(_ scalar: UnsafeRawBufferPointer, _ i: Int) -> (magnitude: UInt64, negative: UInt64) {
    var w: UInt64 = 0
    for t in 0..<6 { w |= scalarBit(scalar, 5 * i - 1 + t) << UInt64(t) }
    let u = (w >> 1) &+ (w & 1)  // bits 5i…5i+4 plus the carry-in bit 5i−1, in [0, 32]
    let negative = ConstantTime.mask(fromBit: w >> 5)
    return ((u & ~negative) | ((32 &- u) & negative), negative)
}

extension JacobianPoint {
    /// Signed 5-bit windows covering a `C.byteCount`-byte scalar (see `boothDigit`); the top window's bit 5w+4
    /// lies above the scalar, so its digit is never negative.
    static var boothWindows: Int { 8 * C.byteCount / 5 + 1 }

    /// k·P for a secret scalar k ∈ [0, n) given as `C.byteCount` big-endian bytes.
    ///
    /// Signed 5-bit window (Booth recoding), five doublings and one addition per window, no zero window
    /// skipped; the multiple |d|·P is read by scanning all 16 table entries with masks and then negated by
    /// mask (STYLE.md §8.4 rules 3, 7). With k < n the running sum 32·V and the entry d·P (|d| ≤ 16) can only
    /// coincide in the last window (32·V = n + d), so every addition but the last uses the cheaper formula and
    /// the last one also handles doubling.
    /// - CT: time and memory access depend only on the curve; values of `scalar` and `p` do not leak.
    package static func multiply(_ p: AffinePoint<C>, scalar: UnsafeRawBufferPointer) -> JacobianPoint {
        precondition(scalar.count == C.byteCount, "scalar length checked by caller")
        return withUnsafeTemporaryAllocation(of: JacobianPoint.self, capacity: 16) { table in
            // table[j − 1] = j·P for j = 1…16 (j·P ≠ P for j ≥ 2: P has prime order n > 16).
            let base = JacobianPoint(p)
            table.initialize(repeating: base)
            for j in 2...16 {
                table[j - 1] = j % 2 == 0 ? table[j / 2 - 1].doubled() : table[j - 2].addingDistinct(p)  // public: index
            }
            let windows = boothWindows
            var acc = JacobianPoint.identity
            for i in stride(from: windows - 1, through: 0, by: -1) {
                acc = acc.doubled().doubled().doubled().doubled().doubled()
                let (magnitude, negative) = boothDigit(scalar, i)
                var entry = JacobianPoint.identity
                for j in 1...16 {
                    entry = .select(ConstantTime.isEqual(UInt64(j), magnitude), table[j - 1], entry)
                }
                entry.y = C.Field.select(negative, -entry.y, entry.y)
                acc = i == 0 ? acc.addingComplete(entry) : acc.addingDistinct(entry)  // public: loop index
            }
            return acc
        }
    }

    /// P + Q for any P, Q (the doubling case selected by mask, at the cost of one extra doubling).
    /// - CT: time independent of the points.
    @inline(__always)
    package func addingComplete(_ q: JacobianPoint) -> JacobianPoint {
        let (sum, h, r) = rawAdding(q)
        let twice = doubled()
        var out = JacobianPoint.select(h.isZeroMask & r.isZeroMask, twice, sum)
        out = .select(isIdentityMask, q, out)
        return .select(q.isIdentityMask, self, out)
    }

    /// k·G for a secret scalar k ∈ [0, n) (`C.byteCount` big-endian bytes), from the precomputed comb table.
    ///
    /// Signed 5-bit (Booth) digits d_w, one table entry |d_w|·32^w·G per window (found by scanning all 16
    /// with masks, then negated by mask) and no doublings. Below the top window the running sum
    /// A = Σ_{v<w} d_v·32^v (|A| ≤ 32^w/2) and the entry e = d_w·32^w (32^w ≤ |e| ≤ 16·32^w) differ as
    /// integers and |A − e| < 16.5·32^(top−1) < n, so A ≢ e (mod n) and the cheaper addition without the
    /// doubling case is exact; the top window uses the complete one.
    /// - CT: time and memory access depend only on the curve; the value of `scalar` does not leak.
    package static func generatorMultiple(scalar: UnsafeRawBufferPointer) -> JacobianPoint {
        precondition(scalar.count == C.byteCount, "scalar length checked by caller")
        let table = C.generatorTable
        let windows = boothWindows
        var acc = JacobianPoint.identity
        table.entries.withUnsafeBufferPointer { entries in
            for w in 0..<windows {
                let (magnitude, negative) = boothDigit(scalar, w)
                // Entry j of window w is j·32^w·G, j = 1…16; scan all of them.
                var entry = entries[w * 16]
                for j in 2...16 {
                    entry = .select(ConstantTime.isEqual(UInt64(j), magnitude), entries[w * 16 + j - 1], entry)
                }
                entry = .select(negative, entry.negated, entry)
                let sum = w == windows - 1 ? acc.addingComplete(JacobianPoint(entry)) : acc.addingDistinct(entry)  // public: index
                // A zero digit adds nothing (the affine table cannot hold the identity).
                acc = .select(ConstantTime.isZero(magnitude), acc, sum)
            }
        }
        return acc
    }
}

/// The fixed-base table: for each signed 5-bit window w of the scalar (see `boothDigit`), the affine points
/// j·32^w·G for j = 1…16.
package struct GeneratorTable<C: PrimeCurve>: Sendable {
    /// `windows × 16` entries, window-major.
    package let entries: [AffinePoint<C>]

    /// Builds the table from G (public data; `windows`·16 complete additions and one batched inversion).
    package init(generator: AffinePoint<C>) {
        let windows = JacobianPoint<C>.boothWindows
        var projective: [ProjectivePoint<C>] = []
        projective.reserveCapacity(windows * 16)
        var base = ProjectivePoint<C>(generator)
        for _ in 0..<windows {
            var multiple = base
            for j in 1...16 {
                projective.append(multiple)
                if j < 16 { multiple = multiple + base }  // public: loop index
            }
            base = multiple + multiple  // 32·base (the complete formulas double too)
        }
        entries = ProjectivePoint<C>.batchAffine(projective)
    }
}

extension ProjectivePoint {
    /// Converts many non-identity points to affine with one inversion (Montgomery's trick).
    /// VARTIME: public inputs only (table precomputation).
    package static func batchAffine(_ points: [ProjectivePoint]) -> [AffinePoint<C>] {
        guard !points.isEmpty else { return [] }
        var prefix = [C.Field](repeating: .one, count: points.count)
        var acc = C.Field.one
        for i in 0..<points.count {
            prefix[i] = acc
            acc = acc * points[i].z
        }
        var inv = acc.inverted()
        var out = [AffinePoint<C>](repeating: AffinePoint(x: .zero, y: .zero), count: points.count)
        for i in stride(from: points.count - 1, through: 0, by: -1) {
            let zInv = inv * prefix[i]
            inv = inv * points[i].z
            out[i] = AffinePoint(x: points[i].x * zInv, y: points[i].y * zInv)
        }
        return out
    }
}
