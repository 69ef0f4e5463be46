// SPDX-License-Identifier: Apache-2.0
// Modular exponentiation in Montgomery form: variable-time square-and-multiply for public exponents and a
// constant-time fixed-window ladder with full-table masked lookups for secret exponents (HAC 14.82/14.85).
// CT-FILE

extension MontgomeryModulus {
    /// `x^e` for a Montgomery-form `x` and a *public* exponent, left-to-right binary method. With e = 65537
    /// this is 16 squarings and one multiplication.
    /// VARTIME: public inputs only (branches on the bits of `exponent`); the values of `x` do not leak.
    /// - Returns: the Montgomery form of `x^e mod n`; `R mod n` when `exponent` is zero.
    package func powMontgomeryVarTime(_ x: [UInt64], exponent: [UInt64]) -> [UInt64] {
        powVarTime(x, exponent: exponent, plainBase: nil)
    }

    /// `x^e mod n` in ordinary form, for an ordinary `x < n` and a *public odd* exponent (RSAVP1/RSAEP, where
    /// RFC 8017 §3.1 makes `e` odd).
    ///
    /// The base is converted once; the last step multiplies the Montgomery-form `x^(e−1)` by the *ordinary*
    /// `x`, which removes the factor `R` and saves the conversion back: e = 65537 costs one conversion,
    /// 16 squarings and one multiplication.
    /// VARTIME: public inputs only (branches on the bits of `exponent`); the values of `x` do not leak.
    package func powOddExponentVarTime(_ x: [UInt64], exponent: [UInt64]) -> [UInt64] {
        guard let low = exponent.first, low & 1 == 1 else {  // public: exponent shape (never taken for RSA keys)
            return fromMontgomery(powMontgomeryVarTime(toMontgomery(x), exponent: exponent))
        }
        return powVarTime(toMontgomery(x), exponent: exponent, plainBase: x)
    }

    /// Left-to-right square-and-multiply on Montgomery-form `x`. With `plainBase` (the ordinary form of `x`,
    /// exponent odd), the final multiplication uses it and the result comes out in ordinary form.
    ///
    /// Every step but the last is an "almost Montgomery" product when `allowsAlmostReduction` (values kept below
    /// `R`, one pass over the limbs fewer per step); the last one reduces fully.
    /// VARTIME: public inputs only (branches on the bits of `exponent`).
    private func powVarTime(_ x: [UInt64], exponent: [UInt64], plainBase: [UInt64]?) -> [UInt64] {
        var top = exponent.count * 64 - 1
        while top >= 0 && (exponent[top >> 6] >> UInt64(top & 63)) & 1 == 0 { top -= 1 }  // public: exponent
        guard top >= 0 else { return one }  // public: exponent is zero
        let k = count
        let almost = allowsAlmostReduction
        var acc = x
        var t = [UInt64](repeating: 0, count: Self.scratchCount(k))
        let last = plainBase ?? x
        acc.withUnsafeMutableBufferPointer { accB in
            t.withUnsafeMutableBufferPointer { tB in
                x.withUnsafeBufferPointer { xB in
                    last.withUnsafeBufferPointer { lastB in
                        withModulusPointers { np, nr in
                            let a = Limbs.base(accB)
                            let tp = Limbs.base(tB)
                            var bit = top - 1
                            while bit >= 0 {  // public: loop bound
                                let multiplies = (exponent[bit >> 6] >> UInt64(bit & 63)) & 1 == 1  // public: exponent
                                Self.square(a, a, np, nr, n0, k, tp, almost: almost && (bit > 0 || multiplies))
                                if multiplies {  // public: exponent
                                    // Bit 0 (the last one) takes the ordinary base when one is given.
                                    let base = bit == 0 ? Limbs.base(lastB) : Limbs.base(xB)  // public: position
                                    Self.multiply(a, a, base, np, n0, k, tp, almost: almost && bit > 0)
                                }
                                bit -= 1
                            }
                        }
                    }
                }
            }
        }
        if top == 0, let plainBase { return plainBase }  // public: e = 1 (x^1 = x; never an RSA exponent)
        return acc
    }

    /// Window width for a secret exponent of `bits` bits: 5 above 256 bits (table of 32 entries), else 4.
    @inlinable
    static func windowWidth(forExponentBits bits: Int) -> Int { bits > 256 ? 5 : 4 }  // public: exponent size

    /// `x^e` for a Montgomery-form `x` (`x < n`) and a *secret* exponent of at most `exponentBits` bits.
    ///
    /// Fixed window of `w` bits: a table of `x^0 … x^(2^w − 1)`, then for every window from the top, `w`
    /// squarings and one multiplication by the table entry selected with a masked scan of the whole table.
    /// Every window is processed, zero windows included.
    /// - Parameters:
    ///   - exponent: limbs of the exponent; bits at or above `exponentBits` must be zero.
    ///   - exponentBits: public bound on the exponent length (e.g. the bit size of `p`).
    /// - Returns: the Montgomery form of `x^e mod n`.
    /// - CT: time and memory access depend only on `count`, `exponent.count` and `exponentBits`; the values of
    ///   `x`, `exponent` and `n` do not leak.
    package func powMontgomery(_ x: [UInt64], exponent: [UInt64], exponentBits: Int) -> [UInt64] {
        let k = count
        let w = Self.windowWidth(forExponentBits: exponentBits)
        let entries = 1 << w
        var table = [UInt64](repeating: 0, count: entries * k)
        var acc = [UInt64](repeating: 0, count: k)
        var selected = [UInt64](repeating: 0, count: k)
        var t = [UInt64](repeating: 0, count: Self.scratchCount(k))
        let windows = (exponentBits + w - 1) / w
        // Almost-Montgomery table entries and squarings (below R); the product of the last window reduces fully.
        // A single window would return a table entry as it is, so then everything reduces fully.
        let almost = allowsAlmostReduction && windows > 1  // public: modulus and exponent sizes
        table.withUnsafeMutableBufferPointer { tableB in
            acc.withUnsafeMutableBufferPointer { accB in
                selected.withUnsafeMutableBufferPointer { selB in
                    t.withUnsafeMutableBufferPointer { tB in
                        withModulusPointers { np, nr in
                            let tab = Limbs.base(tableB)
                            let a = Limbs.base(accB)
                            let sel = Limbs.base(selB)
                            let tp = Limbs.base(tB)
                            // table[0] = 1 (Montgomery), table[1] = x, table[i] = table[i−1]·x.
                            for j in 0..<k {
                                tab[j] = one[j]
                                tab[k + j] = x[j]
                            }
                            var i = 2
                            while i < entries {  // public: loop bound
                                Self.multiply(tab + i * k, tab + (i - 1) * k, tab + k, np, n0, k, tp, almost: almost)
                                i += 1
                            }
                            var window = windows - 1
                            var first = true
                            while window >= 0 {  // public: loop bound
                                let bitIndex = window * w
                                let bits = Self.windowBits(exponent, at: bitIndex, width: w)
                                Self.select(sel, from: tab, index: bits, entries: entries, k)
                                if first {  // public: loop position
                                    a.update(from: sel, count: k)
                                    first = false
                                } else {
                                    for _ in 0..<w { Self.square(a, a, np, nr, n0, k, tp, almost: almost) }
                                    // The last product reduces fully (see `allowsAlmostReduction`).
                                    Self.multiply(a, a, sel, np, n0, k, tp, almost: almost && window > 0)
                                }
                                window -= 1
                            }
                        }
                    }
                }
            }
        }
        return acc
    }

    /// The `width` exponent bits starting at the public position `bitIndex` (bits past the end are zero).
    /// - CT: memory access depends only on `bitIndex` and `exponent.count`.
    @inlinable @inline(__always)
    static func windowBits(_ exponent: [UInt64], at bitIndex: Int, width: Int) -> UInt64 {
        let limb = bitIndex >> 6
        let shift = UInt64(bitIndex & 63)
        var v: UInt64 = 0
        if limb < exponent.count { v = exponent[limb] >> shift }  // public: position
        if shift != 0 && limb + 1 < exponent.count { v |= exponent[limb + 1] << (64 - shift) }  // public: position
        return v & ((1 << UInt64(width)) - 1)
    }

    /// `out ← table[index]`, reading every entry and keeping the one whose position equals `index` by mask.
    /// - CT: memory access depends only on `entries` and `k`; `index` does not leak.
    @inlinable @inline(__always)
    static func select(
        _ out: UnsafeMutablePointer<UInt64>, from table: UnsafePointer<UInt64>, index: UInt64, entries: Int, _ k: Int
    ) {
        out.update(repeating: 0, count: k)
        var i = 0
        while i < entries {  // public: loop bound
            let mask = ConstantTime.isEqual(UInt64(i), index)
            let row = table + i * k
            var j = 0
            while j < k {  // public: loop bound
                out[j] |= row[j] & mask
                j += 1
            }
            i += 1
        }
    }
}
