// SPDX-License-Identifier: Apache-2.0
// Arithmetic modulo p = 2^255 − 19 in radix 2^51 (five 64-bit limbs), for X25519 (RFC 7748 §4.1, §5).
// CT-FILE

/// An element of GF(2^255 − 19) as `l0 + l1·2^51 + l2·2^102 + l3·2^153 + l4·2^204`.
///
/// Limbs are *loosely* reduced: after `*`, `squared` and `times121665` every limb is below 2^51 + 2^13;
/// `+` of two such values and `-` (see there) give limbs below 2^53. `*` and `squared` accept limbs below
/// 2^53: then 19·limb < 2^58, each product < 2^111 and a column of five < 2^113, so neither the UInt128
/// columns nor the 64-bit carries of `reduce` overflow. The ladder never adds more than two reduced values.
/// Only `encoded` produces the unique representative in [0, p).
///
/// - CT: every operation is straight-line code over fixed limbs; no branch or index depends on values.
@usableFromInline
struct Field25519: Sendable {
    @usableFromInline var l0, l1, l2, l3, l4: UInt64

    @usableFromInline static let mask51: UInt64 = (1 << 51) - 1

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
        (self.l0, self.l1, self.l2, self.l3, self.l4) = (l0, l1, l2, l3, l4)
    }

    static let zero = Field25519(0, 0, 0, 0, 0)
    static let one = Field25519(1, 0, 0, 0, 0)

    /// Decodes 32 little-endian bytes, ignoring the top bit (RFC 7748 §5: "mask the most significant bit").
    /// Values in [p, 2^255) are accepted as they are (non-canonical u-coordinates are allowed by §5) and
    /// reduce naturally.
    /// - Precondition: `bytes.count == 32` (checked by the caller; public).
    @inline(__always)
    init(decoding bytes: UnsafeRawBufferPointer) {
        let m = Field25519.mask51
        let w0 = Bytes.loadLittleEndian64(bytes, 0)
        let w1 = Bytes.loadLittleEndian64(bytes, 8)
        let w2 = Bytes.loadLittleEndian64(bytes, 16)
        let w3 = Bytes.loadLittleEndian64(bytes, 24)
        l0 = w0 & m
        l1 = ((w0 >> 51) | (w1 << 13)) & m
        l2 = ((w1 >> 38) | (w2 << 26)) & m
        l3 = ((w2 >> 25) | (w3 << 39)) & m
        l4 = (w3 >> 12) & m  // drops bit 255
    }

    /// The canonical 32-byte little-endian encoding (the unique value in [0, p)).
    var encoded: [UInt8] {
        var h = self
        h.carry()
        h.carry()  // now every limb < 2^51 and the value < 2^255 + small, i.e. < 2p
        // q = 1 iff h ≥ p: add 19 and see whether the sum reaches 2^255.
        var q = (h.l0 &+ 19) >> 51
        q = (h.l1 &+ q) >> 51
        q = (h.l2 &+ q) >> 51
        q = (h.l3 &+ q) >> 51
        q = (h.l4 &+ q) >> 51
        // h − q·p = h + 19q − q·2^255: add 19q, carry, and drop bit 255.
        let m = Field25519.mask51
        h.l0 &+= 19 &* q
        h.l1 &+= h.l0 >> 51
        h.l0 &= m
        h.l2 &+= h.l1 >> 51
        h.l1 &= m
        h.l3 &+= h.l2 >> 51
        h.l2 &= m
        h.l4 &+= h.l3 >> 51
        h.l3 &= m
        h.l4 &= m
        var out = [UInt8]()
        out.reserveCapacity(32)
        Bytes.appendLittleEndian(h.l0 | (h.l1 << 51), to: &out)
        Bytes.appendLittleEndian((h.l1 >> 13) | (h.l2 << 38), to: &out)
        Bytes.appendLittleEndian((h.l2 >> 26) | (h.l3 << 25), to: &out)
        Bytes.appendLittleEndian((h.l3 >> 39) | (h.l4 << 12), to: &out)
        return out
    }

    /// One carry pass: every limb below 2^51 except l0, which may gain 19·(carry out of l4) < 2^51 + 2^18.
    @inline(__always)
    mutating func carry() {
        let m = Field25519.mask51
        l1 &+= l0 >> 51
        l0 &= m
        l2 &+= l1 >> 51
        l1 &= m
        l3 &+= l2 >> 51
        l2 &= m
        l4 &+= l3 >> 51
        l3 &= m
        l0 &+= 19 &* (l4 >> 51)
        l4 &= m
    }

    @inline(__always)
    static func + (a: Field25519, b: Field25519) -> Field25519 {
        Field25519(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4)
    }

    /// a − b computed as a + 2p − b. No limb underflows because every subtrahend in this package is the
    /// output of `*`, `squared` or decoding (limbs < 2^51 + 2^13 < 2^52 − 38); the result's limbs are below
    /// 2^53.
    @inline(__always)
    static func - (a: Field25519, b: Field25519) -> Field25519 {
        // 2p in radix 2^51: limb 0 = 2·(2^51 − 19), limbs 1…4 = 2·(2^51 − 1).
        Field25519(
            (a.l0 &+ 0xF_FFFF_FFFF_FFDA) &- b.l0, (a.l1 &+ 0xF_FFFF_FFFF_FFFE) &- b.l1,
            (a.l2 &+ 0xF_FFFF_FFFF_FFFE) &- b.l2, (a.l3 &+ 0xF_FFFF_FFFF_FFFE) &- b.l3,
            (a.l4 &+ 0xF_FFFF_FFFF_FFFE) &- b.l4)
    }

    @inline(__always)
    static func product(_ a: UInt64, _ b: UInt64) -> UInt128 {
        UInt128(a) &* UInt128(b)
    }

    /// Reduces five 128-bit column sums to loose limbs (< 2^51 + 2^13). Carries are 64-bit: with input
    /// limbs below 2^53 every column is below 2^113, so a carry (column >> 51) is below 2^62, and column 4
    /// (which has no ×19 terms) is below 2^109, so 19·(its carry) < 2^63.
    @inline(__always)
    static func reduce(_ r0: UInt128, _ r1: UInt128, _ r2: UInt128, _ r3: UInt128, _ r4: UInt128) -> Field25519 {
        let m = mask51
        var l0 = UInt64(truncatingIfNeeded: r0) & m
        let r1 = r1 &+ UInt128(UInt64(truncatingIfNeeded: r0 >> 51))
        let l1 = UInt64(truncatingIfNeeded: r1) & m
        let r2 = r2 &+ UInt128(UInt64(truncatingIfNeeded: r1 >> 51))
        let l2 = UInt64(truncatingIfNeeded: r2) & m
        let r3 = r3 &+ UInt128(UInt64(truncatingIfNeeded: r2 >> 51))
        let l3 = UInt64(truncatingIfNeeded: r3) & m
        let r4 = r4 &+ UInt128(UInt64(truncatingIfNeeded: r3 >> 51))
        let l4 = UInt64(truncatingIfNeeded: r4) & m
        l0 &+= UInt64(truncatingIfNeeded: r4 >> 51) &* 19
        let l1b = l1 &+ (l0 >> 51)
        l0 &= m
        return Field25519(l0, l1b, l2, l3, l4)
    }

    /// a · b mod p (schoolbook, with 2^255 ≡ 19 folding the high columns).
    @inline(__always)
    static func * (a: Field25519, b: Field25519) -> Field25519 {
        let b1 = b.l1 &* 19, b2 = b.l2 &* 19, b3 = b.l3 &* 19, b4 = b.l4 &* 19
        let r0 = product(a.l0, b.l0) &+ product(a.l1, b4) &+ product(a.l2, b3) &+ product(a.l3, b2) &+ product(a.l4, b1)
        let r1 = product(a.l0, b.l1) &+ product(a.l1, b.l0) &+ product(a.l2, b4) &+ product(a.l3, b3) &+ product(a.l4, b2)
        let r2 = product(a.l0, b.l2) &+ product(a.l1, b.l1) &+ product(a.l2, b.l0) &+ product(a.l3, b4) &+ product(a.l4, b3)
        let r3 = product(a.l0, b.l3) &+ product(a.l1, b.l2) &+ product(a.l2, b.l1) &+ product(a.l3, b.l0) &+ product(a.l4, b4)
        let r4 = product(a.l0, b.l4) &+ product(a.l1, b.l3) &+ product(a.l2, b.l2) &+ product(a.l3, b.l1) &+ product(a.l4, b.l0)
        return reduce(r0, r1, r2, r3, r4)
    }

    /// a² mod p (the symmetric products computed once and doubled).
    @inline(__always)
    func squared() -> Field25519 {
        let d0 = l0 &* 2, d1 = l1 &* 2
        let s3 = l3 &* 19, s4 = l4 &* 19
        let d3s = l3 &* 38, d4s = l4 &* 38  // 2·19·l3, 2·19·l4 (< 2^60)
        let r0 = Field25519.product(l0, l0) &+ Field25519.product(l1, d4s) &+ Field25519.product(l2, d3s)
        let r1 = Field25519.product(d0, l1) &+ Field25519.product(l2, d4s) &+ Field25519.product(l3, s3)
        let r2 = Field25519.product(d0, l2) &+ Field25519.product(l1, l1) &+ Field25519.product(l3, d4s)
        let r3 = Field25519.product(d0, l3) &+ Field25519.product(d1, l2) &+ Field25519.product(l4, s4)
        let r4 = Field25519.product(d0, l4) &+ Field25519.product(d1, l3) &+ Field25519.product(l2, l2)
        return Field25519.reduce(r0, r1, r2, r3, r4)
    }

    /// a^(2^n) (n squarings).
    @inline(__always)
    func squared(times n: Int) -> Field25519 {
        var x = self
        for _ in 0..<n { x = x.squared() }
        return x
    }

    /// a · 121665, the constant a24 = (486662 − 2) / 4 of RFC 7748 §5.
    @inline(__always)
    func times121665() -> Field25519 {
        let k: UInt64 = 121_665
        return Field25519.reduce(
            Field25519.product(l0, k), Field25519.product(l1, k), Field25519.product(l2, k),
            Field25519.product(l3, k), Field25519.product(l4, k))
    }

    /// a^(p−2) = a^(−1) for a ≠ 0, and 0 for a = 0 (Fermat; RFC 7748 §5). The exponent 2^255 − 21 is
    /// public, so this fixed chain of 254 squarings and 11 multiplications is constant-time.
    func inverted() -> Field25519 {
        let z2 = squared()                                   // 2
        let z9 = z2.squared(times: 2) * self                 // 9
        let z11 = z9 * z2                                    // 11
        let z2_5_0 = z11.squared() * z9                      // 2^5 − 1
        let z2_10_0 = z2_5_0.squared(times: 5) * z2_5_0      // 2^10 − 1
        let z2_20_0 = z2_10_0.squared(times: 10) * z2_10_0   // 2^20 − 1
        let z2_40_0 = z2_20_0.squared(times: 20) * z2_20_0   // 2^40 − 1
        let z2_50_0 = z2_40_0.squared(times: 10) * z2_10_0   // 2^50 − 1
        let z2_100_0 = z2_50_0.squared(times: 50) * z2_50_0  // 2^100 − 1
        let z2_200_0 = z2_100_0.squared(times: 100) * z2_100_0  // 2^200 − 1
        let z2_250_0 = z2_200_0.squared(times: 50) * z2_50_0    // 2^250 − 1
        return z2_250_0.squared(times: 5) * z11             // 2^255 − 32 + 11 = p − 2
    }

    /// Swaps `a` and `b` when `mask` is all ones; leaves them when it is zero.
    /// - CT: masked xor, no branch.
    @inline(__always)
    static func conditionalSwap(_ a: inout Field25519, _ b: inout Field25519, _ mask: UInt64) {
        var t = mask & (a.l0 ^ b.l0)
        a.l0 ^= t
        b.l0 ^= t
        t = mask & (a.l1 ^ b.l1)
        a.l1 ^= t
        b.l1 ^= t
        t = mask & (a.l2 ^ b.l2)
        a.l2 ^= t
        b.l2 ^= t
        t = mask & (a.l3 ^ b.l3)
        a.l3 ^= t
        b.l3 ^= t
        t = mask & (a.l4 ^ b.l4)
        a.l4 ^= t
        b.l4 ^= t
    }
}
