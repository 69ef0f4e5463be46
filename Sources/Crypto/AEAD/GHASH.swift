// SPDX-License-Identifier: Apache-2.0
// Constant-time GHASH (SP 800-38D §6.4): carry-less multiplication by masked integer multiplication.
// CT-FILE

/// The GHASH hash subkey H, pre-split for constant-time carry-less multiplication, with H^2…H^4 for
/// aggregated reduction over four blocks.
///
/// Field elements are held as two big-endian 64-bit words (`hi` = bytes 0…7). In GCM's bit order the most
/// significant bit of `hi` is the coefficient of x^0, so an integer carry-less product of such words is the
/// bit-reversed polynomial product, shifted right by one bit (SP 800-38D §6.3).
@usableFromInline
package struct GHASHKey: Sendable {
    /// For H^1…H^4: (hi, lo, hi ⊕ lo), each as 8 words (see `store`): 24 words per power.
    @usableFromInline let table: [UInt64]

    /// - CT: H is secret; setup uses only the constant-time multiply.
    package init(hi: UInt64, lo: UInt64) {
        var t = [UInt64](repeating: 0, count: 96)
        var p = (hi, lo)
        for k in 0..<4 {
            GHASHKey.store(p, into: &t, at: 24 * k)
            if k < 3 {  // public: loop index
                p = t.withUnsafeBufferPointer { tp in
                    GHASHKey.multiply(p.0, p.1, by: tp.baseAddress.unsafelyUnwrapped)
                }
            }
        }
        table = t
    }

    /// Stores one power of H as 24 words: for each of hi, lo and hi ⊕ lo, the four bit classes of the value
    /// with its low four bits cleared, then one all-ones/zero mask per low bit (see `clmul`).
    private static func store(_ p: (UInt64, UInt64), into t: inout [UInt64], at i: Int) {
        let parts = [p.0, p.1, p.0 ^ p.1]
        for j in 0..<3 {
            let high = parts[j] & 0xFFFF_FFFF_FFFF_FFF0
            for c in 0..<4 {
                t[i + 8 * j + c] = high & (0x1111_1111_1111_1111 << UInt64(c))
                t[i + 8 * j + 4 + c] = 0 &- ((parts[j] >> UInt64(c)) & 1)
            }
        }
    }

    /// 64×64 → 128-bit carry-less product of `a` and `b`, where `b` is given as 8 words: the four bit classes
    /// b_c = (b & ~0xF) & (0x1111…1 << c), then masks for bits 0…3 of b.
    ///
    /// Integer multiplication of operands that have a set bit only every fourth position adds at most 15
    /// partial products into any result position (b is restricted to bits 4…63 here, 15 candidates per class),
    /// so each count fits in four bits and the parity at positions of one class is exact. The four low bits
    /// of `b` are added separately with masks, as shifted copies of `a`. Result class r collects the products
    /// a_i·b_j with i + j ≡ r (mod 4).
    /// - CT: integer multiplies, masks and shifts; no secret-dependent branch.
    @inlinable @inline(__always)
    static func clmul(_ a: UInt64, _ b: UnsafePointer<UInt64>) -> (hi: UInt64, lo: UInt64) {
        let m: UInt64 = 0x1111_1111_1111_1111
        let a0 = a & m, a1 = a & (m << 1), a2 = a & (m << 2), a3 = a & (m << 3)
        let b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3]
        @inline(__always) func mul(_ x: UInt64, _ y: UInt64) -> (UInt64, UInt64) {
            let r = x.multipliedFullWidth(by: y)
            return (r.high, r.low)
        }
        @inline(__always) func x4(_ p: (UInt64, UInt64), _ q: (UInt64, UInt64), _ r: (UInt64, UInt64),
            _ s: (UInt64, UInt64)) -> (UInt64, UInt64) {
            (p.0 ^ q.0 ^ r.0 ^ s.0, p.1 ^ q.1 ^ r.1 ^ s.1)
        }
        let c0 = x4(mul(a0, b0), mul(a1, b3), mul(a2, b2), mul(a3, b1))
        let c1 = x4(mul(a0, b1), mul(a1, b0), mul(a2, b3), mul(a3, b2))
        let c2 = x4(mul(a0, b2), mul(a1, b1), mul(a2, b0), mul(a3, b3))
        let c3 = x4(mul(a0, b3), mul(a1, b2), mul(a2, b1), mul(a3, b0))
        var hi = (c0.0 & m) | (c1.0 & (m << 1)) | (c2.0 & (m << 2)) | (c3.0 & (m << 3))
        var lo = (c0.1 & m) | (c1.1 & (m << 1)) | (c2.1 & (m << 2)) | (c3.1 & (m << 3))
        // Bits 0…3 of b: add a << t where bit t of b is set (masks precomputed).
        lo ^= (a & b[4]) ^ ((a << 1) & b[5]) ^ ((a << 2) & b[6]) ^ ((a << 3) & b[7])
        hi ^= ((a >> 63) & b[5]) ^ ((a >> 62) & b[6]) ^ ((a >> 61) & b[7])
        return (hi, lo)
    }

    /// Unreduced 128×128 carry-less product (Karatsuba over 64-bit halves) of x = (xh, xl) with the power of
    /// H whose split table starts at `h`. Returns the 255-bit product as four words, most significant first.
    /// - CT: as `clmul`.
    @inlinable @inline(__always)
    static func productUnreduced(_ xh: UInt64, _ xl: UInt64, _ h: UnsafePointer<UInt64>)
        -> (UInt64, UInt64, UInt64, UInt64)
    {
        let hh = clmul(xh, h)
        let ll = clmul(xl, h + 8)
        let mm = clmul(xh ^ xl, h + 16)
        let mh = mm.hi ^ hh.hi ^ ll.hi
        let ml = mm.lo ^ hh.lo ^ ll.lo
        return (hh.hi, hh.lo ^ mh, ll.hi ^ ml, ll.lo)
    }

    /// Reduces a 255-bit reflected product modulo x^128 + x^7 + x^2 + x + 1 (SP 800-38D §6.3).
    ///
    /// After a one-bit left shift the words (d3, d2) hold coefficients x^0…x^127 and (d1, d0) hold
    /// x^128…x^255, each reflected. x^(128+k) ≡ x^k + x^(k+1) + x^(k+2) + x^(k+7), which in reflected form is
    /// V ⊕ V>>1 ⊕ V>>2 ⊕ V>>7 for the high 128 bits V; the bits those shifts push out (x^128…x^134) are
    /// folded in first through d1 ^= d0<<63 ⊕ d0<<62 ⊕ d0<<57.
    /// - CT: shifts and XORs only.
    @inlinable @inline(__always)
    static func reduce(_ c: (UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64) {
        let d3 = (c.0 << 1) | (c.1 >> 63)
        let d2 = (c.1 << 1) | (c.2 >> 63)
        var d1 = (c.2 << 1) | (c.3 >> 63)
        let d0 = c.3 << 1
        d1 ^= (d0 << 63) ^ (d0 << 62) ^ (d0 << 57)
        let zh = d3 ^ d1 ^ (d1 >> 1) ^ (d1 >> 2) ^ (d1 >> 7)
        let zl = d2 ^ d0 ^ (d0 >> 1) ^ (d0 >> 2) ^ (d0 >> 7) ^ (d1 << 63) ^ (d1 << 62) ^ (d1 << 57)
        return (zh, zl)
    }

    /// x · H where `h` points at H's split table.
    @inlinable @inline(__always)
    static func multiply(_ xh: UInt64, _ xl: UInt64, by h: UnsafePointer<UInt64>) -> (UInt64, UInt64) {
        reduce(productUnreduced(xh, xl, h))
    }
}

/// A running GHASH value Y (SP 800-38D §6.4, Algorithm 2).
@usableFromInline
package struct GHASHState {
    @usableFromInline var yh: UInt64 = 0
    @usableFromInline var yl: UInt64 = 0

    @inlinable package init() {}

    /// Absorbs `count` bytes at `p`, zero-padding a final partial block (the padding of SP 800-38D §7.1 step 5).
    /// - CT: time depends only on `count`.
    @inlinable
    package mutating func update(_ p: UnsafeRawPointer, count: Int, key: UnsafePointer<UInt64>) {
        var off = 0
        // Four blocks at a time, reduced once (see `absorb(groupBlock:_:_:key:)`).
        var acc: GroupSum = (0, 0, 0, 0)
        while count &- off >= 64 {  // public: length
            absorb(groupBlock: 0, p + off, &acc, key: key)
            absorb(groupBlock: 1, p + (off &+ 16), &acc, key: key)
            absorb(groupBlock: 2, p + (off &+ 32), &acc, key: key)
            absorb(groupBlock: 3, p + (off &+ 48), &acc, key: key)
            off &+= 64
        }
        while count &- off >= 16 {  // public: length
            (yh, yl) = GHASHKey.multiply(yh ^ Bytes.loadBE(p, off), yl ^ Bytes.loadBE(p, off &+ 8), by: key)
            off &+= 16
        }
        let rest = count &- off
        if rest > 0 {  // public: length
            var block: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &block) { b in
                b.baseAddress.unsafelyUnwrapped.copyMemory(from: p + off, byteCount: rest)
            }
            let bh = UInt64(bigEndian: block.0), bl = UInt64(bigEndian: block.1)
            (yh, yl) = GHASHKey.multiply(yh ^ bh, yl ^ bl, by: key)
        }
    }

    /// The unreduced sum of a group's products (four words, most significant first).
    @usableFromInline package typealias GroupSum = (UInt64, UInt64, UInt64, UInt64)

    /// Absorbs block `j` (0…3) of a group of four at `x`, with aggregated reduction:
    /// Y' = (Y ⊕ X0)·H^4 ⊕ X1·H^3 ⊕ X2·H^2 ⊕ X3·H. Block 0 folds Y in and starts `acc`, blocks 1–2 add to it,
    /// block 3 adds and reduces into Y. Blocks of a group may be absorbed at different times (AES-GCM does it
    /// one per AES round), as long as they come in order.
    /// - CT: `j` is public; no secret-dependent branch or index.
    @inlinable @inline(__always)
    package mutating func absorb(
        groupBlock j: Int, _ x: UnsafeRawPointer, _ acc: inout GroupSum, key: UnsafePointer<UInt64>
    ) {
        var xh = Bytes.loadBE(x, 0), xl = Bytes.loadBE(x, 8)
        if j == 0 { xh ^= yh; xl ^= yl }  // public: block position
        let pr = GHASHKey.productUnreduced(xh, xl, key + 24 &* (3 &- j))
        acc = j == 0 ? pr : (acc.0 ^ pr.0, acc.1 ^ pr.1, acc.2 ^ pr.2, acc.3 ^ pr.3)  // public: block position
        if j == 3 { (yh, yl) = GHASHKey.reduce(acc) }  // public: block position
    }

    /// Absorbs the final length block [len(A)]_64 ‖ [len(C)]_64 (bit lengths).
    @inlinable
    package mutating func finish(aadBytes: Int, textBytes: Int, key: UnsafePointer<UInt64>) {
        (yh, yl) = GHASHKey.multiply(
            yh ^ (UInt64(truncatingIfNeeded: aadBytes) &<< 3), yl ^ (UInt64(truncatingIfNeeded: textBytes) &<< 3),
            by: key)
    }
}

extension Bytes {
    /// Big-endian 64-bit load at `offset` from a raw pointer (caller checks bounds).
    @inlinable @inline(__always)
    static func loadBE(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
