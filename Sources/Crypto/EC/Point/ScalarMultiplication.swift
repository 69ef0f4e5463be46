// SPDX-License-Identifier: Apache-2.0
// Constant-time scalar multiplication: variable base with a 4-bit fixed window, fixed base with a comb table.
// CT-FILE

/// Nibble `i` (0 = least significant) of a big-endian scalar encoding. `i` is public, the value is not.
@inline(__always)
func scalarNibble(_ scalar: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
    let byte = UInt64(scalar[scalar.count - 1 - i / 2])
    return (byte >> UInt64(4 * (i % 2))) & 0xF
}

extension ProjectivePoint {
    /// k·P for a secret scalar k given as `C.byteCount` big-endian bytes (k may be any value < 2^bits).
    ///
    /// Fixed 4-bit window from the top, four doublings and one addition per window, no zero window skipped;
    /// the window's multiple is read by scanning all 16 table entries with masks (STYLE.md §8.4 rule 3, 7).
    /// - CT: time and memory access depend only on the curve; values of `scalar` and `self` do not leak.
    package func multiplied(byScalar scalar: UnsafeRawBufferPointer) -> ProjectivePoint {
        precondition(scalar.count == C.byteCount, "scalar length checked by caller")
        return withUnsafeTemporaryAllocation(of: ProjectivePoint.self, capacity: 16) { table in
            table.initialize(repeating: .identity)
            table[1] = self
            for i in 2..<16 {
                table[i] = (i % 2 == 0) ? table[i / 2].doubled() : table[i - 1] + self  // public: table index
            }
            var acc = ProjectivePoint.identity
            for w in stride(from: 2 * scalar.count - 1, through: 0, by: -1) {
                acc = acc.doubled().doubled().doubled().doubled()
                let digit = scalarNibble(scalar, w)
                var entry = ProjectivePoint.identity
                for j in 1..<16 {
                    entry = .select(ConstantTime.isEqual(UInt64(j), digit), table[j], entry)
                }
                acc = acc + entry
            }
            return acc
        }
    }

    /// k·G for a secret scalar k (`C.byteCount` big-endian bytes), from the precomputed comb table.
    /// - CT: time and memory access depend only on the curve; the value of `scalar` does not leak.
    package static func generatorMultiple(scalar: UnsafeRawBufferPointer) -> ProjectivePoint {
        precondition(scalar.count == C.byteCount, "scalar length checked by caller")
        let table = C.generatorTable
        var acc = ProjectivePoint.identity
        table.entries.withUnsafeBufferPointer { entries in
            for w in 0..<(2 * scalar.count) {
                let digit = scalarNibble(scalar, w)
                // Entry j of window w is j·16^w·G, j = 1…15; scan all of them.
                var entry = entries[w * 15]
                for j in 2...15 {
                    entry = .select(ConstantTime.isEqual(UInt64(j), digit), entries[w * 15 + j - 1], entry)
                }
                let sum = acc + entry
                // A zero digit adds nothing (the affine table cannot hold the identity).
                acc = .select(ConstantTime.isZero(digit), acc, sum)
            }
        }
        return acc
    }
}

/// The fixed-base table: for each 4-bit window w of the scalar, the affine points j·16^w·G for j = 1…15.
package struct GeneratorTable<C: PrimeCurve>: Sendable {
    /// `windows × 15` entries, window-major.
    package let entries: [AffinePoint<C>]

    /// Builds the table from G (public data; about 2·byteCount·15 additions and one batched inversion).
    package init(generator: AffinePoint<C>) {
        let windows = 2 * C.byteCount
        var projective: [ProjectivePoint<C>] = []
        projective.reserveCapacity(windows * 15)
        var base = ProjectivePoint<C>(generator)
        for _ in 0..<windows {
            var multiple = base
            for j in 1...15 {
                projective.append(multiple)
                if j < 15 { multiple = multiple + base }  // public: loop index
            }
            base = multiple + base  // 16·base
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
