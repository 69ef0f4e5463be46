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
        // Nested rotations, rotr(rotr(x, m) ^ x, n) = rotr(x, m + n) ^ rotr(x, n): σ is off the rounds' critical
        // path, so fewer instructions (x86 rotates in place, so each independent rotation costs a copy) matter
        // more than parallelism.
        let s1 = rotr(rotr(w2, 2) ^ w2, 17) ^ (w2 &>> 10)
        let s0 = rotr(rotr(w15, 11) ^ w15, 7) ^ (w15 &>> 3)
        return s1 &+ w7 &+ s0 &+ w16
    }

    /// One round (FIPS 180-4 §6.2.2 step 3) with the register roles passed in rotated order, so
    /// that no values move between rounds: `d += T1`, `h = T1 + T2`.
    @inline(__always)
    static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32,
        _ bc: inout UInt32
    ) {
        // Σ1(e) as three independent rotations: e → Σ1 → T1 → d + T1 is the critical path from one round to the
        // next. Σ0(a) nested, rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2) = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22): two
        // register copies fewer per round, off that path. On AMD EPYC this form is 2–4 % faster than both
        // independent (`Scripts/speed-ab`, sha256 and hmac-sha256); nesting Σ1 as well, fully or half, was 1–2 %
        // slower in a stand-alone block benchmark. (On an Intel host both independent had measured ~3 % faster than
        // both nested; this mixed form was not measured there.)
        // Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)), where b ^ c is the previous round's
        // a ^ b (passed in `bc`).
        // Σ1 is added last, to d + (h + K + W + Ch) and to (h + K + W + Ch) + T2, instead of forming T1 first:
        // one add more per round, one add fewer between e and the next e (+0.5–1 % sha256 on AMD EPYC,
        // `Scripts/speed-ab`).
        let hkc = h &+ kw &+ (g ^ (e & (f ^ g)))
        let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ab = a ^ b
        let sigma0 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)
        let t2 = sigma0 &+ (b ^ (ab & bc))
        bc = ab
        d = (d &+ hkc) &+ sigma1
        h = (hkc &+ t2) &+ sigma1
    }

    /// Round constants K (FIPS 180-4 §4.2.2). Read through a pointer so that the optimiser adds them from
    /// memory once per round instead of folding copies of each immediate into both uses of T1 (the table is
    /// filled at first use, so the compiler cannot see the values). Allocated once, never freed, never written
    /// after initialisation (hence `nonisolated(unsafe)` is sound).
    @usableFromInline nonisolated(unsafe) static let roundConstants: UnsafePointer<UInt32> = {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: constants.count)
        table.initialize(from: constants, count: constants.count)
        return UnsafePointer(table)
    }()

    private static let constants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
        0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
        0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
        0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
        0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
        0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// Runs the block function over `blocks` consecutive 64-byte blocks at `p`. Fully unrolled, all
    /// working and schedule words in locals; K constants are FIPS 180-4 §4.2.2.
    @usableFromInline
    static func compress(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        let k = roundConstants
        var p = p
        for _ in 0..<blocks {
            compressOne(&s, p, k)
            p += 64
        }
    }

    /// One block. Not inlined into the loop above on purpose: inside a loop the optimiser hoists all round
    /// constants into registers and spills them, instead of adding each from the table in its round.
    ///
    /// The block computes the 48 schedule words before the first round instead of between rounds: interleaved,
    /// 16 schedule words and 8 state words compete for 15 registers and the spills land inside the rounds
    /// (402 stack accesses and 3,381 instructions per block in the release binary); scheduled first, each word
    /// is written to the stack once and read back once (235 accesses, 3,174 instructions): with the nested σ
    /// rotations, sha256 +6 % (bests) / +9 % (median) on AMD EPYC (`Scripts/speed-ab`).
    @inline(never)
    static func compressOne(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, _ k: UnsafePointer<UInt32>) {
        compressBlock(&s.h0, &s.h1, &s.h2, &s.h3, &s.h4, &s.h5, &s.h6, &s.h7, p, k)
    }

    @inline(__always)
    static func compressBlock(
        _ ha: inout UInt32, _ hb: inout UInt32, _ hc: inout UInt32, _ hd: inout UInt32,
        _ he: inout UInt32, _ hf: inout UInt32, _ hg: inout UInt32, _ hh: inout UInt32, _ p: UnsafeRawPointer,
        _ k: UnsafePointer<UInt32>
    ) {
        var (a, b, c, d, e, f, g, h) = (ha, hb, hc, hd, he, hf, hg, hh)
        var bc = b ^ c
        let w0 = load(p, 0)
        let w1 = load(p, 4)
        let w2 = load(p, 8)
        let w3 = load(p, 12)
        let w4 = load(p, 16)
        let w5 = load(p, 20)
        let w6 = load(p, 24)
        let w7 = load(p, 28)
        let w8 = load(p, 32)
        let w9 = load(p, 36)
        let w10 = load(p, 40)
        let w11 = load(p, 44)
        let w12 = load(p, 48)
        let w13 = load(p, 52)
        let w14 = load(p, 56)
        let w15 = load(p, 60)
        // The whole message schedule first, then the rounds (see `compressOne`).
        let w16 = schedule(w0, w14, w9, w1)
        let w17 = schedule(w1, w15, w10, w2)
        let w18 = schedule(w2, w16, w11, w3)
        let w19 = schedule(w3, w17, w12, w4)
        let w20 = schedule(w4, w18, w13, w5)
        let w21 = schedule(w5, w19, w14, w6)
        let w22 = schedule(w6, w20, w15, w7)
        let w23 = schedule(w7, w21, w16, w8)
        let w24 = schedule(w8, w22, w17, w9)
        let w25 = schedule(w9, w23, w18, w10)
        let w26 = schedule(w10, w24, w19, w11)
        let w27 = schedule(w11, w25, w20, w12)
        let w28 = schedule(w12, w26, w21, w13)
        let w29 = schedule(w13, w27, w22, w14)
        let w30 = schedule(w14, w28, w23, w15)
        let w31 = schedule(w15, w29, w24, w16)
        let w32 = schedule(w16, w30, w25, w17)
        let w33 = schedule(w17, w31, w26, w18)
        let w34 = schedule(w18, w32, w27, w19)
        let w35 = schedule(w19, w33, w28, w20)
        let w36 = schedule(w20, w34, w29, w21)
        let w37 = schedule(w21, w35, w30, w22)
        let w38 = schedule(w22, w36, w31, w23)
        let w39 = schedule(w23, w37, w32, w24)
        let w40 = schedule(w24, w38, w33, w25)
        let w41 = schedule(w25, w39, w34, w26)
        let w42 = schedule(w26, w40, w35, w27)
        let w43 = schedule(w27, w41, w36, w28)
        let w44 = schedule(w28, w42, w37, w29)
        let w45 = schedule(w29, w43, w38, w30)
        let w46 = schedule(w30, w44, w39, w31)
        let w47 = schedule(w31, w45, w40, w32)
        let w48 = schedule(w32, w46, w41, w33)
        let w49 = schedule(w33, w47, w42, w34)
        let w50 = schedule(w34, w48, w43, w35)
        let w51 = schedule(w35, w49, w44, w36)
        let w52 = schedule(w36, w50, w45, w37)
        let w53 = schedule(w37, w51, w46, w38)
        let w54 = schedule(w38, w52, w47, w39)
        let w55 = schedule(w39, w53, w48, w40)
        let w56 = schedule(w40, w54, w49, w41)
        let w57 = schedule(w41, w55, w50, w42)
        let w58 = schedule(w42, w56, w51, w43)
        let w59 = schedule(w43, w57, w52, w44)
        let w60 = schedule(w44, w58, w53, w45)
        let w61 = schedule(w45, w59, w54, w46)
        let w62 = schedule(w46, w60, w55, w47)
        let w63 = schedule(w47, w61, w56, w48)
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
        round(a, b, c, &d, e, f, g, &h, k[16] &+ w16, &bc)
        round(h, a, b, &c, d, e, f, &g, k[17] &+ w17, &bc)
        round(g, h, a, &b, c, d, e, &f, k[18] &+ w18, &bc)
        round(f, g, h, &a, b, c, d, &e, k[19] &+ w19, &bc)
        round(e, f, g, &h, a, b, c, &d, k[20] &+ w20, &bc)
        round(d, e, f, &g, h, a, b, &c, k[21] &+ w21, &bc)
        round(c, d, e, &f, g, h, a, &b, k[22] &+ w22, &bc)
        round(b, c, d, &e, f, g, h, &a, k[23] &+ w23, &bc)
        round(a, b, c, &d, e, f, g, &h, k[24] &+ w24, &bc)
        round(h, a, b, &c, d, e, f, &g, k[25] &+ w25, &bc)
        round(g, h, a, &b, c, d, e, &f, k[26] &+ w26, &bc)
        round(f, g, h, &a, b, c, d, &e, k[27] &+ w27, &bc)
        round(e, f, g, &h, a, b, c, &d, k[28] &+ w28, &bc)
        round(d, e, f, &g, h, a, b, &c, k[29] &+ w29, &bc)
        round(c, d, e, &f, g, h, a, &b, k[30] &+ w30, &bc)
        round(b, c, d, &e, f, g, h, &a, k[31] &+ w31, &bc)
        round(a, b, c, &d, e, f, g, &h, k[32] &+ w32, &bc)
        round(h, a, b, &c, d, e, f, &g, k[33] &+ w33, &bc)
        round(g, h, a, &b, c, d, e, &f, k[34] &+ w34, &bc)
        round(f, g, h, &a, b, c, d, &e, k[35] &+ w35, &bc)
        round(e, f, g, &h, a, b, c, &d, k[36] &+ w36, &bc)
        round(d, e, f, &g, h, a, b, &c, k[37] &+ w37, &bc)
        round(c, d, e, &f, g, h, a, &b, k[38] &+ w38, &bc)
        round(b, c, d, &e, f, g, h, &a, k[39] &+ w39, &bc)
        round(a, b, c, &d, e, f, g, &h, k[40] &+ w40, &bc)
        round(h, a, b, &c, d, e, f, &g, k[41] &+ w41, &bc)
        round(g, h, a, &b, c, d, e, &f, k[42] &+ w42, &bc)
        round(f, g, h, &a, b, c, d, &e, k[43] &+ w43, &bc)
        round(e, f, g, &h, a, b, c, &d, k[44] &+ w44, &bc)
        round(d, e, f, &g, h, a, b, &c, k[45] &+ w45, &bc)
        round(c, d, e, &f, g, h, a, &b, k[46] &+ w46, &bc)
        round(b, c, d, &e, f, g, h, &a, k[47] &+ w47, &bc)
        round(a, b, c, &d, e, f, g, &h, k[48] &+ w48, &bc)
        round(h, a, b, &c, d, e, f, &g, k[49] &+ w49, &bc)
        round(g, h, a, &b, c, d, e, &f, k[50] &+ w50, &bc)
        round(f, g, h, &a, b, c, d, &e, k[51] &+ w51, &bc)
        round(e, f, g, &h, a, b, c, &d, k[52] &+ w52, &bc)
        round(d, e, f, &g, h, a, b, &c, k[53] &+ w53, &bc)
        round(c, d, e, &f, g, h, a, &b, k[54] &+ w54, &bc)
        round(b, c, d, &e, f, g, h, &a, k[55] &+ w55, &bc)
        round(a, b, c, &d, e, f, g, &h, k[56] &+ w56, &bc)
        round(h, a, b, &c, d, e, f, &g, k[57] &+ w57, &bc)
        round(g, h, a, &b, c, d, e, &f, k[58] &+ w58, &bc)
        round(f, g, h, &a, b, c, d, &e, k[59] &+ w59, &bc)
        round(e, f, g, &h, a, b, c, &d, k[60] &+ w60, &bc)
        round(d, e, f, &g, h, a, b, &c, k[61] &+ w61, &bc)
        round(c, d, e, &f, g, h, a, &b, k[62] &+ w62, &bc)
        round(b, c, d, &e, f, g, h, &a, k[63] &+ w63, &bc)
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
