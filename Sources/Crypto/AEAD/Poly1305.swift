// SPDX-License-Identifier: Apache-2.0
// Poly1305 one-time authenticator (RFC 8439 §2.5) with two 64-bit limbs for r and three for the accumulator.
// CT-FILE

/// Poly1305 state: accumulator h = h0 + h1·2^64 + h2·2^128 modulo p = 2^130 − 5, clamped r, and s.
@usableFromInline
package struct Poly1305: Sendable {
    @usableFromInline var h0: UInt64 = 0, h1: UInt64 = 0, h2: UInt64 = 0
    @usableFromInline let r0: UInt64, r1: UInt64
    /// s1 = 5·(r1 / 4): r1 is a multiple of 4 after clamping, so h1·r1·2^128 ≡ h1·s1 (mod p).
    @usableFromInline let s1: UInt64
    @usableFromInline let pad0: UInt64, pad1: UInt64
    /// Bytes of a not-yet-complete block (general `update` only).
    var partial: (UInt64, UInt64) = (0, 0)
    var partialCount = 0

    /// A Poly1305 instance for the 32-byte one-time key `key` (r ‖ s).
    /// - CT: clamping by masks.
    package init(key: UnsafeRawPointer) {
        // RFC 8439 §2.5: clamp r &= 0x0ffffffc0ffffffc0ffffffc0fffffff (little-endian).
        r0 = UInt64(littleEndian: key.loadUnaligned(as: UInt64.self)) & 0x0FFF_FFFC_0FFF_FFFF
        r1 = UInt64(littleEndian: key.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & 0x0FFF_FFFC_0FFF_FFFC
        s1 = r1 &+ (r1 >> 2)
        pad0 = UInt64(littleEndian: key.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        pad1 = UInt64(littleEndian: key.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// a + b + carry with the carry out as 0 or 1 (the one audited carry helper of this file, STYLE.md §8.4
    /// rule 4: the overflow flag becomes an integer by bit cast, never by a branch).
    @inlinable @inline(__always)
    static func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (s1, o1) = a.addingReportingOverflow(b)
        let (s2, o2) = s1.addingReportingOverflow(carry)
        return (s2, UInt64(unsafeBitCast(o1, to: UInt8.self) | unsafeBitCast(o2, to: UInt8.self)))
    }

    /// Absorbs `blocks` full 16-byte blocks at `p`, each with the 2^128 bit set when `hibit` is 1
    /// (RFC 8439 §2.5.1: "add one bit beyond the number of octets").
    /// - CT: time depends only on `blocks`.
    @inlinable
    package mutating func absorb(_ p: UnsafeRawPointer, blocks: Int, hibit: UInt64 = 1) {
        var a0 = h0, a1 = h1, a2 = h2
        let r0 = self.r0, r1 = self.r1, s1 = self.s1
        var off = 0
        for _ in 0..<blocks {
            // h += m
            var c: UInt64
            (a0, c) = Self.addWithCarry(a0, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: off, as: UInt64.self)), 0)
            (a1, c) = Self.addWithCarry(a1, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: off &+ 8, as: UInt64.self)), c)
            a2 = a2 &+ c &+ hibit
            // h·r with 2^128·r1 folded as s1 (bounds: a0, a1 < 2^64, a2 ≤ 6, r0, r1 < 2^60, s1 < 2^60.33,
            // so each 128-bit column sum stays below 2^127).
            let m00 = a0.multipliedFullWidth(by: r0), m11 = a1.multipliedFullWidth(by: s1)
            let m01 = a0.multipliedFullWidth(by: r1), m10 = a1.multipliedFullWidth(by: r0)
            let m21 = a2 &* s1, m20 = a2 &* r0
            var d0h: UInt64, d0l: UInt64, d1h: UInt64, d1l: UInt64
            (d0l, c) = Self.addWithCarry(m00.low, m11.low, 0)
            d0h = m00.high &+ m11.high &+ c
            (d1l, c) = Self.addWithCarry(m01.low, m10.low, 0)
            d1h = m01.high &+ m10.high &+ c
            (d1l, c) = Self.addWithCarry(d1l, m21, 0)
            d1h = d1h &+ c
            // Columns: h0 = d0l; h1 = d0h + d1l; h2 = d1h + m20 + carry.
            a0 = d0l
            (a1, c) = Self.addWithCarry(d0h, d1l, 0)
            let top = d1h &+ m20 &+ c
            // Partial reduction: 2^130 ≡ 5, so the bits above 2^130 (top >> 2) come back multiplied by 5.
            a2 = top & 3
            let five = (top & ~3) &+ (top >> 2)
            (a0, c) = Self.addWithCarry(a0, five, 0)
            (a1, c) = Self.addWithCarry(a1, 0, c)
            a2 = a2 &+ c
            off &+= 16
        }
        h0 = a0; h1 = a1; h2 = a2
    }

    /// General streaming update (for the raw Poly1305 vectors; the AEAD feeds whole padded blocks).
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes {
            withUnsafeMutableBytes(of: &partial) { $0[partialCount] = b }
            partialCount += 1
            if partialCount == 16 {  // public: length
                let block = partial
                withUnsafeBytes(of: block) { absorb($0.baseAddress.unsafelyUnwrapped, blocks: 1) }
                partial = (0, 0)
                partialCount = 0
            }
        }
    }

    /// Completes the tag: a final partial block gets a 0x01 byte after its last byte and no 2^128 bit
    /// (RFC 8439 §2.5.1), then h is fully reduced modulo p and s is added modulo 2^128.
    /// - CT: the final subtraction of p is selected by mask.
    package mutating func finalize() -> (UInt64, UInt64) {
        if partialCount > 0 {  // public: length
            withUnsafeMutableBytes(of: &partial) { $0[partialCount] = 1 }
            let block = partial
            withUnsafeBytes(of: block) { absorb($0.baseAddress.unsafelyUnwrapped, blocks: 1, hibit: 0) }
            partial = (0, 0)
            partialCount = 0
        }
        return tag()
    }

    /// h mod p plus s, as the 16 tag bytes' two little-endian words.
    @inlinable
    package func tag() -> (UInt64, UInt64) {
        // h < 5·2^128 < 2p after partial reduction, so one conditional subtraction of p suffices:
        // g = h + 5 − 2^130 is non-negative iff h ≥ p, i.e. iff bit 130 of h + 5 is set.
        var c: UInt64
        let g0: UInt64, g1: UInt64
        (g0, c) = Self.addWithCarry(h0, 5, 0)
        (g1, c) = Self.addWithCarry(h1, 0, c)
        let g2 = h2 &+ c
        let useG = ConstantTime.mask(fromBit: g2 >> 2)
        let f0 = ConstantTime.select(useG, g0, h0), f1 = ConstantTime.select(useG, g1, h1)
        let t0: UInt64, t1: UInt64
        (t0, c) = Self.addWithCarry(f0, pad0, 0)
        (t1, _) = Self.addWithCarry(f1, pad1, c)
        return (t0.littleEndian, t1.littleEndian)
    }
}
