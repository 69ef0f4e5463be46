// SPDX-License-Identifier: Apache-2.0
// The SHA256Core block function and Merkle–Damgård padding shared by SHA-224 and SHA-256 (FIPS 180-4 §6.2, §6.3).

/// The eight working words of the SHA256 state (FIPS 180-4 §6.2: H0…H7).
@usableFromInline
package struct SHA256CoreState: Sendable {
    @usableFromInline var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    @inlinable
    init(_ h0: UInt32, _ h1: UInt32, _ h2: UInt32, _ h3: UInt32, _ h4: UInt32, _ h5: UInt32, _ h6: UInt32, _ h7: UInt32) {
        (self.h0, self.h1, self.h2, self.h3, self.h4, self.h5, self.h6, self.h7) = (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}

/// Streaming state: chaining value, a partial block and the message length.
///
/// - CT: the block function has no data-dependent branches or memory indices; `update` and `finalize`
///   branch only on lengths, which are public.
@usableFromInline
package struct SHA256Core: Sendable {
    /// One block as inline storage.
    @usableFromInline typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    @usableFromInline static var zeroBlock: Block { (0, 0, 0, 0, 0, 0, 0, 0) }

    @usableFromInline static let blockBytes = 64

    @usableFromInline var state: SHA256CoreState
    /// The partial block, `bufferCount` bytes used.
    @usableFromInline var buffer: Block = Self.zeroBlock
    @usableFromInline var bufferCount = 0
    /// Bytes absorbed so far. Messages of 2^64 bytes or more are out of reach in practice; the count wraps.
    @usableFromInline var totalBytes: UInt64 = 0

    @inlinable
    init(state: SHA256CoreState) { self.state = state }

    /// Absorbs `input`.
    @usableFromInline
    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var p = input.baseAddress, input.count > 0 else { return }  // public: length
        var n = input.count
        totalBytes &+= UInt64(truncatingIfNeeded: n)
        if bufferCount > 0 {  // public: length
            let take = Swift.min(64 - bufferCount, n)
            let used = bufferCount
            withUnsafeMutableBytes(of: &buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: b[used..<(used + take)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: p, count: take))
            }
            bufferCount += take
            p += take
            n -= take
            if bufferCount < 64 { return }  // public: length
            let copy = buffer
            withUnsafeBytes(of: copy) { b in
                if let base = b.baseAddress { Self.compress(&state, base, blocks: 1) }
            }
            bufferCount = 0
        }
        let blocks = n / 64
        if blocks > 0 {  // public: length
            Self.compress(&state, p, blocks: blocks)
            p += blocks * 64
            n -= blocks * 64
        }
        if n > 0 {  // public: length
            withUnsafeMutableBytes(of: &buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: b[0..<n]).copyMemory(from: UnsafeRawBufferPointer(start: p, count: n))
            }
            bufferCount = n
        }
    }

    /// Pads (FIPS 180-4 §5.1.1) a copy of the state and returns the first `count` bytes of the
    /// big-endian chaining value.
    @usableFromInline
    func finalize(count: Int) -> DigestBytes {
        var state = self.state
        // Two blocks: the tail, 0x80, zeros and the 64-bit big-endian bit length fit in one block unless
        // fewer than 9 bytes are left.
        var tail: (Block, Block) = (Self.zeroBlock, Self.zeroBlock)
        let used = bufferCount
        let bitLengthLow = totalBytes &<< 3
        let bitLengthHigh = totalBytes &>> 61
        let blocks = used + 1 + 8 <= 64 ? 1 : 2  // public: length
        let end = blocks * 64
        let buffer = self.buffer
        withUnsafeMutableBytes(of: &tail) { t in
            withUnsafeBytes(of: buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: t[0..<used]).copyMemory(from: UnsafeRawBufferPointer(rebasing: b[0..<used]))
            }
            t[used] = 0x80
            t.storeBytes(of: bitLengthLow.bigEndian, toByteOffset: end - 8, as: UInt64.self)
            _ = bitLengthHigh  // SHA-256 carries a 64-bit length only
            if let base = t.baseAddress { Self.compress(&state, UnsafeRawPointer(base), blocks: blocks) }
        }
        var out = DigestBytes()
        withUnsafeMutableBytes(of: &out.words) { o in
            o.storeBytes(of: state.h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            o.storeBytes(of: state.h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            o.storeBytes(of: state.h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            o.storeBytes(of: state.h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            o.storeBytes(of: state.h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            o.storeBytes(of: state.h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            o.storeBytes(of: state.h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            o.storeBytes(of: state.h7.bigEndian, toByteOffset: 28, as: UInt32.self)
            
        }
        // Truncated variants (SHA-224, SHA-384) keep the first `count` bytes; clear the rest so that storage
        // equality and hashing never see them.
        withUnsafeMutableBytes(of: &out.words) { o in
            for i in count..<64 { o[i] = 0 }
        }
        return out
    }

    @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// σ1(w[t-2]) + w[t-7] + σ0(w[t-15]) + w[t-16] (FIPS 180-4 §6.2.2 step 1).
    @inline(__always)
    static func schedule(_ w16: UInt32, _ w2: UInt32, _ w7: UInt32, _ w15: UInt32) -> UInt32 {
        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
        return s1 &+ w7 &+ s0 &+ w16
    }

    /// One round (FIPS 180-4 §6.2.2 step 3) with the register roles passed in rotated order, so
    /// that no values move between rounds: `d += T1`, `h = T1 + T2`.
    @inline(__always)
    static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
        d = d &+ t1
        h = t1 &+ t2
    }

    /// Runs the block function over `blocks` consecutive 64-byte blocks at `p`. Fully unrolled, all
    /// working and schedule words in locals; K constants are FIPS 180-4 §4.2.2.
    @usableFromInline
    static func compress(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        var p = p
        var (a, b, c, d, e, f, g, h) = (s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7)
        for _ in 0..<blocks {
            compressBlock(&a, &b, &c, &d, &e, &f, &g, &h, p)
            p += 64
        }
        (s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7) = (a, b, c, d, e, f, g, h)
    }

    @inline(__always)
    static func compressBlock(
        _ ha: inout UInt32, _ hb: inout UInt32, _ hc: inout UInt32, _ hd: inout UInt32,
        _ he: inout UInt32, _ hf: inout UInt32, _ hg: inout UInt32, _ hh: inout UInt32, _ p: UnsafeRawPointer
    ) {
        var (a, b, c, d, e, f, g, h) = (ha, hb, hc, hd, he, hf, hg, hh)
        var w0 = load(p, 0)
        var w1 = load(p, 4)
        var w2 = load(p, 8)
        var w3 = load(p, 12)
        var w4 = load(p, 16)
        var w5 = load(p, 20)
        var w6 = load(p, 24)
        var w7 = load(p, 28)
        var w8 = load(p, 32)
        var w9 = load(p, 36)
        var w10 = load(p, 40)
        var w11 = load(p, 44)
        var w12 = load(p, 48)
        var w13 = load(p, 52)
        var w14 = load(p, 56)
        var w15 = load(p, 60)
        round(a, b, c, &d, e, f, g, &h, 0x428a2f98 &+ w0)
        round(h, a, b, &c, d, e, f, &g, 0x71374491 &+ w1)
        round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcf &+ w2)
        round(f, g, h, &a, b, c, d, &e, 0xe9b5dba5 &+ w3)
        round(e, f, g, &h, a, b, c, &d, 0x3956c25b &+ w4)
        round(d, e, f, &g, h, a, b, &c, 0x59f111f1 &+ w5)
        round(c, d, e, &f, g, h, a, &b, 0x923f82a4 &+ w6)
        round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5 &+ w7)
        round(a, b, c, &d, e, f, g, &h, 0xd807aa98 &+ w8)
        round(h, a, b, &c, d, e, f, &g, 0x12835b01 &+ w9)
        round(g, h, a, &b, c, d, e, &f, 0x243185be &+ w10)
        round(f, g, h, &a, b, c, d, &e, 0x550c7dc3 &+ w11)
        round(e, f, g, &h, a, b, c, &d, 0x72be5d74 &+ w12)
        round(d, e, f, &g, h, a, b, &c, 0x80deb1fe &+ w13)
        round(c, d, e, &f, g, h, a, &b, 0x9bdc06a7 &+ w14)
        round(b, c, d, &e, f, g, h, &a, 0xc19bf174 &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0xe49b69c1 &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0xefbe4786 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0x0fc19dc6 &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0x240ca1cc &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x2de92c6f &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x4a7484aa &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dc &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x76f988da &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0x983e5152 &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0xa831c66d &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0xb00327c8 &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0xbf597fc7 &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3 &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0xd5a79147 &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0x06ca6351 &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0x14292967 &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0x27b70a85 &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0x2e1b2138 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0x53380d13 &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x650a7354 &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x766a0abb &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x81c2c92e &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x92722c85 &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1 &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0xa81a664b &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0xc24b8b70 &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0xc76c51a3 &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0xd192e819 &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0xd6990624 &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0xf40e3585 &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0x106aa070 &+ w15)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, 0x19a4c116 &+ w0)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, 0x1e376c08 &+ w1)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, 0x2748774c &+ w2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5 &+ w3)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, 0x391c0cb3 &+ w4)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4a &+ w5)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f &+ w6)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, 0x682e6ff3 &+ w7)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, 0x748f82ee &+ w8)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, 0x78a5636f &+ w9)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, 0x84c87814 &+ w10)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, 0x8cc70208 &+ w11)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, 0x90befffa &+ w12)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, 0xa4506ceb &+ w13)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7 &+ w14)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, 0xc67178f2 &+ w15)
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
