// SPDX-License-Identifier: Apache-2.0
// Product scanning (column-wise) building blocks for Montgomery multiplication and reduction (Koç–Acar–Kaliski
// 1996, "FIPS" order): a column sum lives in three limbs, `acc` (low two) and `c2` (third).
// CT-FILE

extension MontgomeryModulus {
    /// `(acc, c2) += x·y`, where `acc` holds the low two limbs of a three-limb column sum and `c2` the third.
    /// - CT: branch-free (the carry goes through the audited `carryBit`).
    @inline(__always)
    static func multiplyAccumulate(_ acc: inout UInt128, _ c2: inout UInt64, _ x: UInt64, _ y: UInt64) {
        let (s, o) = acc.addingReportingOverflow(UInt128(x) &* UInt128(y))
        acc = s
        c2 &+= carryBit(o)
    }

    /// `(acc, c2) += Σ u[j]·v[step·j]` for `j` in `0..<count`: one column of a product, `v` running downwards
    /// (`step` −1, an operand as stored) or upwards (`step` 1, a limb-reversed copy such as `reversedLimbs`).
    /// Callers pass `step` as a literal, so the index arithmetic folds.
    ///
    /// A column sum is a chain of add/adc/adc on three registers per product, no load or store of an
    /// intermediate limb: fewer instructions per product than a row pass.
    ///
    /// Unrolled by four, LLVM emits about 7.5 instructions per product (it copies the product out of rdx:rax and
    /// adds the sum into the copy) where hand-written add/adc/adc needs 5; only the rolled loop comes out clean.
    /// Forms measured against this one on AMD EPYC (stand-alone RSA-2048 public operation, both at once, one per
    /// core): rolled −10 %; unrolled by two −3 %; two accumulators for alternate products −3 %; the product as
    /// 64-bit halves with explicit carries −2 %, or with the low carry folded into the high half first (the same
    /// code: LLVM re-forms the 128-bit add); separate 128-bit sums of the low and high halves −8 %; columns padded
    /// with zero limbs to a multiple of four, so there is no remainder loop, −7 % (the extra products cost more
    /// than the branches saved).
    /// - CT: time and memory access depend only on `count`.
    @inline(__always)
    static func multiplyAccumulateColumn(
        _ acc: inout UInt128, _ c2: inout UInt64, _ u: UnsafePointer<UInt64>, _ v: UnsafePointer<UInt64>,
        _ count: Int, step: Int
    ) {
        var j = 0
        while j &+ 4 <= count {  // public: loop bound
            multiplyAccumulate(&acc, &c2, u[j], v[step &* j])
            multiplyAccumulate(&acc, &c2, u[j &+ 1], v[step &* (j &+ 1)])
            multiplyAccumulate(&acc, &c2, u[j &+ 2], v[step &* (j &+ 2)])
            multiplyAccumulate(&acc, &c2, u[j &+ 3], v[step &* (j &+ 3)])
            j &+= 4
        }
        while j < count {  // public: loop bound
            multiplyAccumulate(&acc, &c2, u[j], v[step &* j])
            j &+= 1
        }
    }

    /// `(acc, c2) += x`.
    /// - CT: branch-free.
    @inline(__always)
    static func accumulate(_ acc: inout UInt128, _ c2: inout UInt64, _ x: UInt64) {
        let (s, o) = acc.addingReportingOverflow(UInt128(x))
        acc = s
        c2 &+= carryBit(o)
    }

    /// Moves to the next column: the sum without its low limb, `c2` folded in.
    @inline(__always)
    static func nextColumn(_ acc: inout UInt128, _ c2: inout UInt64) {
        acc = (acc >> 64) | (UInt128(c2) << 64)
        c2 = 0
    }

    /// For a column `i < k` of a Montgomery product: `m[i] = low·n0` and `(acc, c2) += m[i]·n[0]`, which clears
    /// the low limb; returns `m[i]`.
    @inline(__always)
    static func reductionLimb(_ acc: inout UInt128, _ c2: inout UInt64, _ n: UnsafePointer<UInt64>, _ n0: UInt64)
        -> UInt64
    {
        let m = UInt64(truncatingIfNeeded: acc) &* n0
        multiplyAccumulate(&acc, &c2, m, n[0])
        return m
    }
}
