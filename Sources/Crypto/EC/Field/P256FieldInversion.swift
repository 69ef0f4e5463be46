// SPDX-License-Identifier: Apache-2.0
// Inversion in the P-256 field by Fermat, a^(p−2), with a fixed addition chain (255 squarings, 13 products).
// CT-FILE

extension P256FieldElement {
    /// self^(2^n) (n squarings).
    @inline(__always)
    func squared(times n: Int) -> P256FieldElement {
        var x = self
        for _ in 0..<n { x = x.squared() }  // public: fixed count
        return x
    }

    /// a^(p−2) = a⁻¹ (0 maps to 0). p − 2 = 2^256 − 2^224 + 2^192 + 2^96 − 3 has, from the top, 32 ones,
    /// 31 zeros, a one, 96 zeros, 64 ones, 30 ones, a zero and a one; x_k below is a^(2^k − 1).
    /// - CT: the chain is fixed; time is independent of the value.
    package func inverted() -> P256FieldElement {
        let x1 = self
        let x2 = x1.squared() * x1
        let x4 = x2.squared(times: 2) * x2
        let x8 = x4.squared(times: 4) * x4
        let x16 = x8.squared(times: 8) * x8
        let x24 = x16.squared(times: 8) * x8
        let x28 = x24.squared(times: 4) * x4
        let x30 = x28.squared(times: 2) * x2
        let x32 = x30.squared(times: 2) * x2
        var t = x32.squared(times: 32) * x1  // 32 ones, 31 zeros, 1
        t = t.squared(times: 96)  // 96 zeros
        t = t.squared(times: 32) * x32  // 32 ones
        t = t.squared(times: 32) * x32  // 32 more ones
        t = t.squared(times: 30) * x30  // 30 ones
        return t.squared(times: 2) * x1  // 0, 1
    }
}
