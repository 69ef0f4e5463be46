// SPDX-License-Identifier: Apache-2.0
// VARTIME interleaved wNAF double-scalar multiplication u1·G + u2·Q for ECDSA verification and key recovery.
// VARTIME: every input here is public (signature, digest, public key).

/// Width-w non-adjacent form of a big-endian integer: digits d_i ∈ {0, ±1, ±3, …, ±(2^(w−1)−1)},
/// least significant first, with Σ d_i·2^i = k.
/// VARTIME: public inputs only.
package func wNAFDigitsVarTime(_ bigEndian: [UInt8], width w: Int) -> [Int8] {
    let bitCount = bigEndian.count * 8
    var limbs = [UInt64](repeating: 0, count: bigEndian.count / 8 + 2)
    for (i, byte) in bigEndian.reversed().enumerated() {
        limbs[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8))
    }
    /// `count` (≤ 8) bits of k from bit `position` on.
    func bits(_ position: Int, _ count: Int) -> Int {
        let word = position >> 6
        let shift = position & 63
        var v = limbs[word] >> UInt64(shift)
        if shift + count > 64 { v |= limbs[word + 1] << UInt64(64 - shift) }
        return Int(v & ((1 << UInt64(count)) - 1))
    }
    // Scan upwards with a pending carry c (from negative digits): where bit + c is even the digit is 0 and c
    // passes on; otherwise the next w bits plus c form an odd digit, made negative (and c = 1) when it is at
    // least 2^(w−1), so that d + c_out·2^w equals those bits plus c_in.
    var digits = [Int8](repeating: 0, count: bitCount + 1)
    var carry = 0
    var position = 0
    while position < bitCount {
        if bits(position, 1) == carry {
            position += 1
            continue
        }
        let now = min(w, bitCount - position)
        var word = bits(position, now) + carry
        carry = (word >> (w - 1)) & 1
        word -= carry << w
        digits[position] = Int8(word)
        position += now
    }
    digits[bitCount] = Int8(carry)
    return digits
}

extension ProjectivePoint {
    /// Affine odd multiples G, 3G, …, (2^(wG−1)−1)·G, for `PrimeCurve.generatorOddMultiples`.
    /// VARTIME: public inputs only.
    package static func oddMultiplesTable(of g: AffinePoint<C>) -> [AffinePoint<C>] {
        let count = 1 << (JacobianPoint<C>.wNAFWidthG - 2)
        let p = ProjectivePoint(g)
        let twoP = p.doubled()
        var points = [p]
        for _ in 1..<count { points.append(points[points.count - 1] + twoP) }
        return batchAffine(points)
    }
}

extension JacobianPoint {
    /// Window width for the per-call table of Q (8 odd multiples).
    static var wNAFWidthQ: Int { 5 }
    /// Window width for the fixed table of G (32 odd multiples, see `PrimeCurve.generatorOddMultiples`).
    package static var wNAFWidthG: Int { 7 }

    /// u1·G + u2·Q with interleaved wNAF (u1, u2 big-endian, `C.byteCount` bytes each), in Jacobian coordinates.
    /// VARTIME: public inputs only (ECDSA verification and public-key recovery).
    package static func doubleMultiplyVarTime(u1: [UInt8], u2: [UInt8], q: AffinePoint<C>) -> JacobianPoint {
        let digitsG = wNAFDigitsVarTime(u1, width: wNAFWidthG)
        let digitsQ = wNAFDigitsVarTime(u2, width: wNAFWidthQ)
        let tableG = C.generatorOddMultiples
        // Q, 3Q, 5Q, …: distinct multiples of a point of prime order, so the cheap addition is exact.
        var tableQ = [JacobianPoint(q)]
        let twoQ = JacobianPoint(q).doubled()
        for _ in 1..<(1 << (wNAFWidthQ - 2)) {
            tableQ.append(twoQ.addingVarTime(tableQ[tableQ.count - 1]))
        }

        var top = max(digitsG.count, digitsQ.count) - 1
        while top >= 0 && (top >= digitsG.count || digitsG[top] == 0) && (top >= digitsQ.count || digitsQ[top] == 0) {
            top -= 1
        }
        var acc = JacobianPoint.identity
        var i = top
        while i >= 0 {
            if acc.isIdentityMask == 0 { acc = acc.doubled() }
            if i < digitsG.count {
                let d = Int(digitsG[i])
                if d > 0 {
                    acc = acc.addingVarTime(tableG[d >> 1])
                } else if d < 0 {
                    acc = acc.addingVarTime(tableG[(-d) >> 1].negated)
                }
            }
            if i < digitsQ.count {
                let d = Int(digitsQ[i])
                if d > 0 {
                    acc = acc.addingVarTime(tableQ[d >> 1])
                } else if d < 0 {
                    acc = acc.addingVarTime(tableQ[(-d) >> 1].negated)
                }
            }
            i -= 1
        }
        return acc
    }
}
