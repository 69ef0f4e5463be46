// SPDX-License-Identifier: Apache-2.0
// The SHA512Core block function and Merkle–Damgård padding shared by SHA-384 and SHA-512 (FIPS 180-4 §6.4, §6.5).

/// The eight working words of the SHA512 state (FIPS 180-4 §6.4: H0…H7).
@usableFromInline
package struct SHA512CoreState: Sendable {
    @usableFromInline var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    @inlinable
    init(_ h0: UInt64, _ h1: UInt64, _ h2: UInt64, _ h3: UInt64, _ h4: UInt64, _ h5: UInt64, _ h6: UInt64, _ h7: UInt64) {
        (self.h0, self.h1, self.h2, self.h3, self.h4, self.h5, self.h6, self.h7) = (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}

/// Streaming state: chaining value, a partial block and the message length.
///
/// - CT: the block function has no data-dependent branches or memory indices; `update` and `finalize`
///   branch only on lengths, which are public.
@usableFromInline
package struct SHA512Core: Sendable {
    /// One block as inline storage.
    @usableFromInline typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    @usableFromInline static var zeroBlock: Block { (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) }

    @usableFromInline static let blockBytes = 128

    @usableFromInline var state: SHA512CoreState
    /// The partial block, `bufferCount` bytes used.
    @usableFromInline var buffer: Block = Self.zeroBlock
    @usableFromInline var bufferCount = 0
    /// Bytes absorbed so far. Messages of 2^64 bytes or more are out of reach in practice; the count wraps.
    @usableFromInline var totalBytes: UInt64 = 0

    @inlinable
    init(state: SHA512CoreState) { self.state = state }

    /// Absorbs `input`.
    @usableFromInline
    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var p = input.baseAddress, input.count > 0 else { return }  // public: length
        var n = input.count
        totalBytes &+= UInt64(truncatingIfNeeded: n)
        if bufferCount > 0 {  // public: length
            let take = Swift.min(128 - bufferCount, n)
            let used = bufferCount
            withUnsafeMutableBytes(of: &buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: b[used..<(used + take)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: p, count: take))
            }
            bufferCount += take
            p += take
            n -= take
            if bufferCount < 128 { return }  // public: length
            let copy = buffer
            withUnsafeBytes(of: copy) { b in
                if let base = b.baseAddress { Self.compress(&state, base, blocks: 1) }
            }
            bufferCount = 0
        }
        let blocks = n / 128
        if blocks > 0 {  // public: length
            Self.compress(&state, p, blocks: blocks)
            p += blocks * 128
            n -= blocks * 128
        }
        if n > 0 {  // public: length
            withUnsafeMutableBytes(of: &buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: b[0..<n]).copyMemory(from: UnsafeRawBufferPointer(start: p, count: n))
            }
            bufferCount = n
        }
    }

    /// Pads (FIPS 180-4 §5.1.2) a copy of the state and returns the first `count` bytes of the
    /// big-endian chaining value.
    @usableFromInline
    func finalize(count: Int) -> DigestBytes {
        var state = self.state
        // Two blocks: the tail, 0x80, zeros and the 128-bit big-endian bit length fit in one block unless
        // fewer than 17 bytes are left.
        var tail: (Block, Block) = (Self.zeroBlock, Self.zeroBlock)
        let used = bufferCount
        let bitLengthLow = totalBytes &<< 3
        let bitLengthHigh = totalBytes &>> 61
        let blocks = used + 1 + 16 <= 128 ? 1 : 2  // public: length
        let end = blocks * 128
        let buffer = self.buffer
        withUnsafeMutableBytes(of: &tail) { t in
            withUnsafeBytes(of: buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: t[0..<used]).copyMemory(from: UnsafeRawBufferPointer(rebasing: b[0..<used]))
            }
            t[used] = 0x80
            t.storeBytes(of: bitLengthLow.bigEndian, toByteOffset: end - 8, as: UInt64.self)
            t.storeBytes(of: bitLengthHigh.bigEndian, toByteOffset: end - 16, as: UInt64.self)
            if let base = t.baseAddress { Self.compress(&state, UnsafeRawPointer(base), blocks: blocks) }
        }
        var out = DigestBytes()
        withUnsafeMutableBytes(of: &out.words) { o in
            o.storeBytes(of: state.h0.bigEndian, toByteOffset: 0, as: UInt64.self)
            o.storeBytes(of: state.h1.bigEndian, toByteOffset: 8, as: UInt64.self)
            o.storeBytes(of: state.h2.bigEndian, toByteOffset: 16, as: UInt64.self)
            o.storeBytes(of: state.h3.bigEndian, toByteOffset: 24, as: UInt64.self)
            o.storeBytes(of: state.h4.bigEndian, toByteOffset: 32, as: UInt64.self)
            o.storeBytes(of: state.h5.bigEndian, toByteOffset: 40, as: UInt64.self)
            o.storeBytes(of: state.h6.bigEndian, toByteOffset: 48, as: UInt64.self)
            o.storeBytes(of: state.h7.bigEndian, toByteOffset: 56, as: UInt64.self)
            
        }
        // Truncated variants (SHA-224, SHA-384) keep the first `count` bytes; clear the rest so that storage
        // equality and hashing never see them.
        withUnsafeMutableBytes(of: &out.words) { o in
            for i in count..<64 { o[i] = 0 }
        }
        return out
    }

    @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

    /// σ1(w[t-2]) + w[t-7] + σ0(w[t-15]) + w[t-16] (FIPS 180-4 §6.4.2 step 1).
    @inline(__always)
    static func schedule(_ w16: UInt64, _ w2: UInt64, _ w7: UInt64, _ w15: UInt64) -> UInt64 {
        let s1 = rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 &>> 6)
        let s0 = rotr(w15, 1) ^ rotr(w15, 8) ^ (w15 &>> 7)
        return s1 &+ w7 &+ s0 &+ w16
    }

    /// One round (FIPS 180-4 §6.4.2 step 3) with the register roles passed in rotated order, so
    /// that no values move between rounds: `d += T1`, `h = T1 + T2`.
    @inline(__always)
    static func round(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64, _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64
    ) {
        let t1 = h &+ (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) &+ ((a & b) | (c & (a | b)))
        d = d &+ t1
        h = t1 &+ t2
    }

    /// Runs the block function over `blocks` consecutive 128-byte blocks at `p`. Fully unrolled, all
    /// working and schedule words in locals; K constants are FIPS 180-4 §4.2.3.
    @usableFromInline
    static func compress(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        var p = p
        var (a, b, c, d, e, f, g, h) = (s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7)
        for _ in 0..<blocks {
            compressBlock(&a, &b, &c, &d, &e, &f, &g, &h, p)
            p += 128
        }
        (s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7) = (a, b, c, d, e, f, g, h)
    }

    @inline(__always)
    static func compressBlock(
        _ ha: inout UInt64, _ hb: inout UInt64, _ hc: inout UInt64, _ hd: inout UInt64,
        _ he: inout UInt64, _ hf: inout UInt64, _ hg: inout UInt64, _ hh: inout UInt64, _ p: UnsafeRawPointer
    ) {
        var (a, b, c, d, e, f, g, h) = (ha, hb, hc, hd, he, hf, hg, hh)
        var w0 = load(p, 0)
        var w1 = load(p, 8)
        var w2 = load(p, 16)
        var w3 = load(p, 24)
        var w4 = load(p, 32)
        var w5 = load(p, 40)
        var w6 = load(p, 48)
        var w7 = load(p, 56)
        var w8 = load(p, 64)
        var w9 = load(p, 72)
        var w10 = load(p, 80)
        var w11 = load(p, 88)
        var w12 = load(p, 96)
        var w13 = load(p, 104)
        var w14 = load(p, 112)
        var w15 = load(p, 120)
        round(a, b, c, &d, e, f, g, &h, 0x428a2f98d728ae22 &+ w0)
        round(h, a, b, &c, d, e, f, &g, 0x7137449123ef65cd &+ w1)
        round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcfec4d3b2f &+ w2)
        round(f, g, h, &a, b, c, d, &e, 0xe9b5dba58189dbbc &+ w3)
        round(e, f, g, &h, a, b, c, &d, 0x3956c25bf348b538 &+ w4)
        round(d, e, f, &g, h, a, b, &c, 0x59f111f1b605d019 &+ w5)
        round(c, d, e, &f, g, h, a, &b, 0x923f82a4af194f9b &+ w6)
        round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5da6d8118 &+ w7)
        round(a, b, c, &d, e, f, g, &h, 0xd807aa98a3030242 &+ w8)
        round(h, a, b, &c, d, e, f, &g, 0x12835b0145706fbe &+ w9)
        round(g, h, a, &b, c, d, e, &f, 0x243185be4ee4b28c &+ w10)
        round(f, g, h, &a, b, c, d, &e, 0x550c7dc3d5ffb4e2 &+ w11)
        round(e, f, g, &h, a, b, c, &d, 0x72be5d74f27b896f &+ w12)
        round(d, e, f, &g, h, a, b, &c, 0x80deb1fe3b1696b1 &+ w13)
        round(c, d, e, &f, g, h, a, &b, 0x9bdc06a725c71235 &+ w14)
        round(b, c, d, &e, f, g, h, &a, 0xc19bf174cf692694 &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0xe49b69c19ef14ad2 &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0xefbe4786384f25e3 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0x0fc19dc68b8cd5b5 &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0x240ca1cc77ac9c65 &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x2de92c6f592b0275 &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x4a7484aa6ea6e483 &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dcbd41fbd4 &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x76f988da831153b5 &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0x983e5152ee66dfab &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0xa831c66d2db43210 &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0xb00327c898fb213f &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0xbf597fc7beef0ee4 &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0xc6e00bf33da88fc2 &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0xd5a79147930aa725 &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0x06ca6351e003826f &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0x142929670a0e6e70 &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0x27b70a8546d22ffc &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0x2e1b21385c26c926 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc5ac42aed &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0x53380d139d95b3df &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x650a73548baf63de &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x766a0abb3c77b2a8 &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x81c2c92e47edaee6 &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x92722c851482353b &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a14cf10364 &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0xa81a664bbc423001 &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0xc24b8b70d0f89791 &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0xc76c51a30654be30 &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0xd192e819d6ef5218 &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0xd69906245565a910 &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0xf40e35855771202a &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0x106aa07032bbd1b8 &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0x19a4c116b8d2d0c8 &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0x1e376c085141ab53 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0x2748774cdf8eeb99 &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5e19b48a8 &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x391c0cb3c5c95a63 &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4ae3418acb &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f7763e373 &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x682e6ff3d6b2b8a3 &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0x748f82ee5defb2fc &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0x78a5636f43172f60 &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0x84c87814a1f0ab72 &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0x8cc702081a6439ec &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0x90befffa23631e28 &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0xa4506cebde82bde9 &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7b2c67915 &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0xc67178f2e372532b &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0xca273eceea26619c &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0xd186b8c721c0c207 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0xeada7dd6cde0eb1e &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0xf57d4f7fee6ed178 &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x06f067aa72176fba &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x0a637dc5a2c898a6 &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x113f9804bef90dae &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x1b710b35131c471b &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0x28db77f523047d84 &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0x32caab7b40c72493 &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0x3c9ebe0a15c9bebc &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0x431d67c49c100d4c &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0x4cc5d4becb3e42b6 &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0x597f299cfc657e2a &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0x5fcb6fab3ad6faec &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0x6c44198c4a475817 &+ w15)
        ha &+= a
        hb &+= b
        hc &+= c
        hd &+= d
        he &+= e
        hf &+= f
        hg &+= g
        hh &+= h
    }
}
