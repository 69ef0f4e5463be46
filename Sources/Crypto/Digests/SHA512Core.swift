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
        // σ1 and σ0 with the rotations nested: rotr(rotr(x, m) ^ x, n) = rotr(x, m + n) ^ rotr(x, n).
        let s1 = rotr(rotr(w2, 42) ^ w2, 19) ^ (w2 &>> 6)
        let s0 = rotr(rotr(w15, 7) ^ w15, 1) ^ (w15 &>> 7)
        return s1 &+ w7 &+ s0 &+ w16
    }

    /// One round (FIPS 180-4 §6.4.2 step 3) with the register roles passed in rotated order, so
    /// that no values move between rounds: `d += T1`, `h = T1 + T2`.
    @inline(__always)
    static func round(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64, _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64,
        _ bc: inout UInt64
    ) {
        // Σ1(e), Σ0(a) with nested rotations (three rotates, two xors); Ch(e,f,g) = g ^ (e & (f ^ g));
        // Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)), where b ^ c is the previous round's a ^ b (passed in `bc`).
        // Σ1 is added last, to d + (h + K + W + Ch) and to (h + K + W + Ch) + T2, instead of forming T1 first:
        // one add more per round, one add fewer between e and the next e (+1–2.5 % sha512 on AMD EPYC,
        // `Scripts/speed-ab`).
        let hkc = h &+ kw &+ (g ^ (e & (f ^ g)))
        let sigma1 = rotr(rotr(rotr(e, 23) ^ e, 4) ^ e, 14)
        let ab = a ^ b
        let sigma0 = rotr(rotr(rotr(a, 5) ^ a, 6) ^ a, 28)
        let t2 = sigma0 &+ (b ^ (ab & bc))
        bc = ab
        d = (d &+ hkc) &+ sigma1
        h = (hkc &+ t2) &+ sigma1
    }

    /// Round constants K (FIPS 180-4 §4.2.3). Read through a pointer so that the optimiser adds them from
    /// memory once per round instead of folding copies of each immediate into both uses of T1 (the table is
    /// filled at first use, so the compiler cannot see the values). Allocated once, never freed, never written
    /// after initialisation (hence `nonisolated(unsafe)` is sound).
    @usableFromInline nonisolated(unsafe) static let roundConstants: UnsafePointer<UInt64> = {
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: constants.count)
        table.initialize(from: constants, count: constants.count)
        return UnsafePointer(table)
    }()

    private static let constants: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
        0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
        0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
        0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
        0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
        0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
        0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
        0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ]

    /// Runs the block function over `blocks` consecutive 128-byte blocks at `p`. Fully unrolled, all
    /// working and schedule words in locals; K constants are FIPS 180-4 §4.2.3.
    @usableFromInline
    static func compress(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        let k = roundConstants
        var p = p
        for _ in 0..<blocks {
            compressOne(&s, p, k)
            p += 128
        }
    }

    /// One block. Not inlined into the loop above on purpose: inside a loop the optimiser hoists all round
    /// constants into registers and spills them, instead of adding each from the table in its round.
    ///
    /// Unlike SHA256Core, the schedule stays interleaved with the rounds: computed first (all 64 words, or 16
    /// before each 16 rounds) it measured 3–10 % slower in a stand-alone block benchmark on AMD EPYC, and 2–7 %
    /// slower with SHA256Core's stack buffer read through an opaque pointer (first, in blocks of 16, interleaved).
    /// OpenSSL's shape (a 16-word ring buffer through that pointer, rounds 16–79 as four passes of one
    /// 16-round loop body) was −5 %: LLVM spills state words inside the loop, 52 instructions per round against
    /// OpenSSL's 47.
    @inline(never)
    static func compressOne(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, _ k: UnsafePointer<UInt64>) {
        compressBlock(&s.h0, &s.h1, &s.h2, &s.h3, &s.h4, &s.h5, &s.h6, &s.h7, p, k)
    }

    @inline(__always)
    static func compressBlock(
        _ ha: inout UInt64, _ hb: inout UInt64, _ hc: inout UInt64, _ hd: inout UInt64,
        _ he: inout UInt64, _ hf: inout UInt64, _ hg: inout UInt64, _ hh: inout UInt64, _ p: UnsafeRawPointer,
        _ k: UnsafePointer<UInt64>
    ) {
        var (a, b, c, d, e, f, g, h) = (ha, hb, hc, hd, he, hf, hg, hh)
        var bc = b ^ c
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
        round(a, b, c, &d, e, f, g, &h, k[0] &+ w0, &bc)
        round(h, a, b, &c, d, e, f, &g, k[1] &+ w1, &bc)
        round(g, h, a, &b, c, d, e, &f, k[2] &+ w2, &bc)
        round(f, g, h, &a, b, c, d, &e, k[3] &+ w3, &bc)
        round(e, f, g, &h, a, b, c, &d, k[4] &+ w4, &bc)
        round(d, e, f, &g, h, a, b, &c, k[5] &+ w5, &bc)
        round(c, d, e, &f, g, h, a, &b, k[6] &+ w6, &bc)
        round(b, c, d, &e, f, g, h, &a, k[7] &+ w7, &bc)
        round(a, b, c, &d, e, f, g, &h, k[8] &+ w8, &bc)
        round(h, a, b, &c, d, e, f, &g, k[9] &+ w9, &bc)
        round(g, h, a, &b, c, d, e, &f, k[10] &+ w10, &bc)
        round(f, g, h, &a, b, c, d, &e, k[11] &+ w11, &bc)
        round(e, f, g, &h, a, b, c, &d, k[12] &+ w12, &bc)
        round(d, e, f, &g, h, a, b, &c, k[13] &+ w13, &bc)
        round(c, d, e, &f, g, h, a, &b, k[14] &+ w14, &bc)
        round(b, c, d, &e, f, g, h, &a, k[15] &+ w15, &bc)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[16] &+ w0, &bc)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[17] &+ w1, &bc)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[18] &+ w2, &bc)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[19] &+ w3, &bc)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[20] &+ w4, &bc)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[21] &+ w5, &bc)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[22] &+ w6, &bc)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[23] &+ w7, &bc)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[24] &+ w8, &bc)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[25] &+ w9, &bc)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[26] &+ w10, &bc)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[27] &+ w11, &bc)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[28] &+ w12, &bc)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[29] &+ w13, &bc)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[30] &+ w14, &bc)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[31] &+ w15, &bc)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[32] &+ w0, &bc)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[33] &+ w1, &bc)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[34] &+ w2, &bc)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[35] &+ w3, &bc)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[36] &+ w4, &bc)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[37] &+ w5, &bc)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[38] &+ w6, &bc)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[39] &+ w7, &bc)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[40] &+ w8, &bc)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[41] &+ w9, &bc)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[42] &+ w10, &bc)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[43] &+ w11, &bc)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[44] &+ w12, &bc)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[45] &+ w13, &bc)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[46] &+ w14, &bc)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[47] &+ w15, &bc)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[48] &+ w0, &bc)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[49] &+ w1, &bc)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[50] &+ w2, &bc)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[51] &+ w3, &bc)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[52] &+ w4, &bc)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[53] &+ w5, &bc)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[54] &+ w6, &bc)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[55] &+ w7, &bc)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[56] &+ w8, &bc)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[57] &+ w9, &bc)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[58] &+ w10, &bc)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[59] &+ w11, &bc)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[60] &+ w12, &bc)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[61] &+ w13, &bc)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[62] &+ w14, &bc)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[63] &+ w15, &bc)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[64] &+ w0, &bc)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[65] &+ w1, &bc)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[66] &+ w2, &bc)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[67] &+ w3, &bc)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[68] &+ w4, &bc)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[69] &+ w5, &bc)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[70] &+ w6, &bc)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[71] &+ w7, &bc)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[72] &+ w8, &bc)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[73] &+ w9, &bc)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[74] &+ w10, &bc)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[75] &+ w11, &bc)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[76] &+ w12, &bc)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[77] &+ w13, &bc)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[78] &+ w14, &bc)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[79] &+ w15, &bc)
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
