// SPDX-License-Identifier: Apache-2.0
// One level of Karatsuba squaring (Karatsuba–Ofman 1962; HAC 14.2.3 note 14.16 for squaring), in the
// "subtractive" form 2·a0·a1 = a0² + a1² − (a0 − a1)², which needs no carry bit on the half operands.
// CT-FILE

extension MontgomeryModulus {
    /// Operand size (limbs) from which `square` splits the square in halves: three half-size schoolbook squares
    /// instead of one full one, 23 % fewer word products in the squaring (1,584 instead of 2,080 at 64 limbs).
    /// A standalone benchmark of an RSA-4096 public operation (16 squarings, 2 products) ran 4–7 % faster; at
    /// 32 limbs the extra passes ate the gain.
    @inlinable
    package static var karatsubaThreshold: Int { 64 }

    /// `t[0..<2k] ← a²` for even `k`, with `s` scratch of `3k/2` limbs (none of them may overlap).
    ///
    /// With `a = a1·B + a0` (`B = 2^(64·k/2)`): `a² = a1²·B² + (a0² + a1² − d²)·B + a0²` where `d = |a0 − a1|`.
    /// The sign of `a0 − a1` does not matter (it is squared), so it is negated by mask, never by branch.
    /// - CT: time and memory access depend only on `k`.
    @inline(__always)
    static func karatsubaSquare(
        _ a: UnsafePointer<UInt64>, _ k: Int, _ t: UnsafeMutablePointer<UInt64>, _ s: UnsafeMutablePointer<UInt64>
    ) {
        let h = k / 2
        schoolbookSquare(a, h, t)  // a0² in t[0..<2h]
        schoolbookSquare(a + h, h, t + 2 * h)  // a1² in t[2h..<4h]
        // d = |a0 − a1| in s[0..<h]: subtract, then negate (two's complement) by mask if it borrowed.
        var borrow: UInt64 = 0
        var i = 0
        while i < h {  // public: loop bound
            (s[i], borrow) = Limbs.subtractBorrow(a[i], a[h + i], borrow)
            i += 1
        }
        let negate = ConstantTime.mask(fromBit: borrow)
        var carry = borrow
        i = 0
        while i < h {  // public: loop bound
            (s[i], carry) = addCarry(s[i] ^ negate, 0, carry)
            i += 1
        }
        schoolbookSquare(s, h, s + h)  // d² in s[h..<3h]
        // m = a0² + a1² − d² = 2·a0·a1 < 2·B², into s[h..<3h] plus a top bit (mid carry − mid borrow).
        var midCarry: UInt64 = 0
        borrow = 0
        i = 0
        while i < 2 * h {  // public: loop bound
            let sum: UInt64
            (sum, midCarry) = addCarry(t[i], t[2 * h + i], midCarry)
            (s[h + i], borrow) = Limbs.subtractBorrow(sum, s[h + i], borrow)
            i += 1
        }
        // t[h...] += m (written only after every limb of a0², a1² was read above).
        carry = 0
        i = 0
        while i < 2 * h {  // public: loop bound
            (t[h + i], carry) = addCarry(t[h + i], s[h + i], carry)
            i += 1
        }
        carry &+= midCarry &- borrow  // m's top bit (0 or 1) joins the carry at limb 3h
        while i < 3 * h {  // public: loop bound (limbs 3h..<4h)
            (t[h + i], carry) = addCarry(t[h + i], 0, carry)
            i += 1
        }
    }

    /// `x + y + carryIn` and the carry out (0 or 1; `carryIn` at most 2 when `y == 0`).
    /// - CT: branch-free.
    @inline(__always)
    static func addCarry(_ x: UInt64, _ y: UInt64, _ carryIn: UInt64) -> (sum: UInt64, carry: UInt64) {
        let (s1, c1) = x.addingReportingOverflow(y)
        let (s2, c2) = s1.addingReportingOverflow(carryIn)
        return (s2, carryBit(c1) | carryBit(c2))
    }
}
