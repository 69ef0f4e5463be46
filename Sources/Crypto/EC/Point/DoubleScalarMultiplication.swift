// SPDX-License-Identifier: Apache-2.0
// VARTIME interleaved wNAF double-scalar multiplication u1·G + u2·Q for ECDSA verification and key recovery.
// VARTIME: every input here is public (signature, digest, public key).

/// Width-w non-adjacent form of a big-endian integer: digits d_i ∈ {0, ±1, ±3, …, ±(2^(w−1)−1)},
/// least significant first, with Σ d_i·2^i = k.
/// VARTIME: public inputs only.
package func wNAFDigitsVarTime(_ bigEndian: [UInt8], width w: Int) -> [Int8] {
    let limbCount = (bigEndian.count + 7) / 8 + 1
    var k = [UInt64](repeating: 0, count: limbCount)
    for (i, byte) in bigEndian.reversed().enumerated() {
        k[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8))
    }
    var digits = [Int8](repeating: 0, count: bigEndian.count * 8 + 1)
    let window = UInt64(1) << UInt64(w)
    var i = 0
    while k.contains(where: { $0 != 0 }) && i < digits.count {
        if k[0] & 1 == 1 {
            var d = Int64(k[0] & (window - 1))
            if d >= Int64(window >> 1) { d -= Int64(window) }
            digits[i] = Int8(d)
            // k −= d (d odd, |d| < 2^(w−1)); afterwards k ≡ 0 mod 2^w.
            if d > 0 {
                var borrow = UInt64(d)
                for j in 0..<limbCount { (k[j], borrow) = subBorrow(k[j], borrow, 0) }
            } else {
                var carry = UInt64(-d)
                for j in 0..<limbCount { (k[j], carry) = addCarry(k[j], carry, 0) }
            }
        }
        for j in 0..<limbCount {
            let next: UInt64 = j + 1 < limbCount ? k[j + 1] : 0
            k[j] = (k[j] >> 1) | (next << 63)
        }
        i += 1
    }
    return digits
}

extension ProjectivePoint {
    /// Window width for the per-call table of Q (8 odd multiples).
    static var wNAFWidthQ: Int { 5 }
    /// Window width for the fixed table of G (32 odd multiples, see `PrimeCurve.generatorOddMultiples`).
    package static var wNAFWidthG: Int { 7 }

    /// Affine odd multiples G, 3G, …, (2^(wG−1)−1)·G, for `PrimeCurve.generatorOddMultiples`.
    /// VARTIME: public inputs only.
    package static func oddMultiplesTable(of g: AffinePoint<C>) -> [AffinePoint<C>] {
        let count = 1 << (wNAFWidthG - 2)
        let p = ProjectivePoint(g)
        let twoP = p.doubled()
        var points = [p]
        for _ in 1..<count { points.append(points[points.count - 1] + twoP) }
        return batchAffine(points)
    }

    /// u1·G + u2·Q with interleaved wNAF (u1, u2 big-endian, `C.byteCount` bytes each).
    /// VARTIME: public inputs only (ECDSA verification and public-key recovery).
    package static func doubleMultiplyVarTime(u1: [UInt8], u2: [UInt8], q: ProjectivePoint) -> ProjectivePoint {
        let digitsG = wNAFDigitsVarTime(u1, width: wNAFWidthG)
        let digitsQ = wNAFDigitsVarTime(u2, width: wNAFWidthQ)
        let tableG = C.generatorOddMultiples
        var tableQ = [q]
        let twoQ = q.doubled()
        for _ in 1..<(1 << (wNAFWidthQ - 2)) { tableQ.append(tableQ[tableQ.count - 1] + twoQ) }

        var top = max(digitsG.count, digitsQ.count) - 1
        while top >= 0 && (top >= digitsG.count || digitsG[top] == 0) && (top >= digitsQ.count || digitsQ[top] == 0) {
            top -= 1
        }
        var acc = ProjectivePoint.identity
        var i = top
        while i >= 0 {
            acc = acc.doubled()
            if i < digitsG.count {
                let d = Int(digitsG[i])
                if d > 0 {
                    acc = acc + tableG[d >> 1]
                } else if d < 0 {
                    acc = acc + tableG[(-d) >> 1].negated
                }
            }
            if i < digitsQ.count {
                let d = Int(digitsQ[i])
                if d > 0 {
                    acc = acc + tableQ[d >> 1]
                } else if d < 0 {
                    acc = acc + tableQ[(-d) >> 1].negated
                }
            }
            i -= 1
        }
        return acc
    }
}
