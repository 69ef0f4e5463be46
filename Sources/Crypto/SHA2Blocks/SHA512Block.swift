// SPDX-License-Identifier: Apache-2.0
// The SHA-512 block function (FIPS 180-4 §6.4.2), compiled twice: here for any x86-64 (or other) CPU, and in
// ContrastSHA2BlocksBMI2 for CPUs with BMI2. ContrastCrypto picks one at run time (`SHA512Core.compress`).

/// The eight working words of the SHA512 state (FIPS 180-4 §6.4: H0…H7).
public struct SHA512CoreState: Sendable {
    public var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    @inlinable
    public init(_ h0: UInt64, _ h1: UInt64, _ h2: UInt64, _ h3: UInt64, _ h4: UInt64, _ h5: UInt64, _ h6: UInt64, _ h7: UInt64) {
        (self.h0, self.h1, self.h2, self.h3, self.h4, self.h5, self.h6, self.h7) = (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}

/// The block function's pieces. `@inlinable` so that ContrastSHA2BlocksBMI2 compiles the same source with BMI2
/// enabled (public: Swift 6.3 does not inline `package` functions across modules). The `bmi2` arguments are
/// literals at every call, so each build keeps only its own shape.
public enum SHA512Block {
    @inlinable @inline(__always)
    public static func load(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always)
    public static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

    /// σ1(w[t-2]) + w[t-7] + σ0(w[t-15]) + w[t-16] (FIPS 180-4 §6.4.2 step 1).
    @inlinable @inline(__always)
    public static func schedule(_ w16: UInt64, _ w2: UInt64, _ w7: UInt64, _ w15: UInt64) -> UInt64 {
        // σ1 and σ0 with the rotations nested: rotr(rotr(x, m) ^ x, n) = rotr(x, m + n) ^ rotr(x, n).
        let s1 = rotr(rotr(w2, 42) ^ w2, 19) ^ (w2 &>> 6)
        let s0 = rotr(rotr(w15, 7) ^ w15, 1) ^ (w15 &>> 7)
        return s1 &+ w7 &+ s0 &+ w16
    }

    /// One round (FIPS 180-4 §6.4.2 step 3) with the register roles passed in rotated order, so
    /// that no values move between rounds: `d += T1`, `h = T1 + T2`.
    @inlinable @inline(__always)
    public static func round(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64, _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64,
        _ bc: inout UInt64, bmi2: Bool
    ) {
        // Σ1(e), Σ0(a) with nested rotations (three rotates, two xors) for any CPU. With BMI2 (`bmi2`), rorx
        // rotates into a fresh register, so independent rotations cost no copies and both Σ are independent (one
        // level deep instead of three on the e → e and a → a paths): +8 % over the portable form in a stand-alone
        // block benchmark on AMD EPYC (Zen 1; both builds at once, one per core), where the nested form built with
        // BMI2 reaches +7 %; only Σ0 independent: no gain over that. Ch(e,f,g) = g ^ (e & (f ^ g));
        // Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)), where b ^ c is the previous round's a ^ b (passed in `bc`).
        // Σ1 is added last, to d + (h + K + W + Ch) and to (h + K + W + Ch) + T2, instead of forming T1 first:
        // one add more per round, one add fewer between e and the next e (+1–2.5 % sha512 on AMD EPYC,
        // `Scripts/speed-ab`).
        let hkc = h &+ kw &+ (g ^ (e & (f ^ g)))
        let sigma1 = bmi2 ? rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41) : rotr(rotr(rotr(e, 23) ^ e, 4) ^ e, 14)
        let ab = a ^ b
        let sigma0 = bmi2 ? rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39) : rotr(rotr(rotr(a, 5) ^ a, 6) ^ a, 28)
        let t2 = sigma0 &+ (b ^ (ab & bc))
        bc = ab
        d = (d &+ hkc) &+ sigma1
        h = (hkc &+ t2) &+ sigma1
    }

    /// Round constants K (FIPS 180-4 §4.2.3). Read through a pointer so that the optimiser adds them from
    /// memory once per round instead of folding copies of each immediate into both uses of T1 (the table is
    /// filled at first use, so the compiler cannot see the values). Allocated once, never freed, never written
    /// after initialisation (hence `nonisolated(unsafe)` is sound).
    nonisolated(unsafe) public static let roundConstants: UnsafePointer<UInt64> = {
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

    /// Runs the block function over `blocks` consecutive 128-byte blocks at `p`, in the shape for any CPU. Fully
    /// unrolled, all working and schedule words in locals; K constants are FIPS 180-4 §4.2.3.
    package static func compress(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        forEachBlock(&s, p, blocks: blocks, compressOne)
    }

    /// Calls `one` with the round constants for each of `blocks` consecutive 128-byte blocks at `p` (the loop of
    /// both builds).
    @inlinable @inline(__always)
    public static func forEachBlock(
        _ s: inout SHA512CoreState, _ p: UnsafeRawPointer, blocks: Int,
        _ one: (inout SHA512CoreState, UnsafeRawPointer, UnsafePointer<UInt64>) -> Void
    ) {
        let k = roundConstants
        var p = p
        for _ in 0..<blocks {
            one(&s, p, k)
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
        compressBlock(&s.h0, &s.h1, &s.h2, &s.h3, &s.h4, &s.h5, &s.h6, &s.h7, p, k, bmi2: false)
    }

    /// One block; `bmi2` picks the shape of Σ (see `round`). The schedule's shape is the same for both. Measured
    /// with BMI2 and not kept (stand-alone block benchmark, AMD EPYC): SHA256Block's stack buffer interleaved with
    /// the rounds −2 % (−2 % also with the constants RIP-relative and w[t-2] in a register), all 64 words first
    /// through that buffer −7 %, each word computed 2 or 4 rounds ahead −1 % / −6 %, independent σ rotations −3 %,
    /// T1 formed first −1 %, the constants as a RIP-relative global (one register more) +0.5 % (noise), rounds
    /// 16–79 as four passes of a 16-round loop −10 % (48 instructions per round against 42), andn for Ch (BMI1,
    /// `-mbmi`) −1 to −2 %, LLVM scheduler flags (-misched=ilpmax/ilpmin, -misched-regpressure=false,
    /// -enable-misched=false) −4 to −13 % or ±0.
    @inlinable @inline(__always)
    public static func compressBlock(
        _ ha: inout UInt64, _ hb: inout UInt64, _ hc: inout UInt64, _ hd: inout UInt64,
        _ he: inout UInt64, _ hf: inout UInt64, _ hg: inout UInt64, _ hh: inout UInt64, _ p: UnsafeRawPointer,
        _ k: UnsafePointer<UInt64>, bmi2: Bool
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
        round(a, b, c, &d, e, f, g, &h, k[0] &+ w0, &bc, bmi2: bmi2)
        round(h, a, b, &c, d, e, f, &g, k[1] &+ w1, &bc, bmi2: bmi2)
        round(g, h, a, &b, c, d, e, &f, k[2] &+ w2, &bc, bmi2: bmi2)
        round(f, g, h, &a, b, c, d, &e, k[3] &+ w3, &bc, bmi2: bmi2)
        round(e, f, g, &h, a, b, c, &d, k[4] &+ w4, &bc, bmi2: bmi2)
        round(d, e, f, &g, h, a, b, &c, k[5] &+ w5, &bc, bmi2: bmi2)
        round(c, d, e, &f, g, h, a, &b, k[6] &+ w6, &bc, bmi2: bmi2)
        round(b, c, d, &e, f, g, h, &a, k[7] &+ w7, &bc, bmi2: bmi2)
        round(a, b, c, &d, e, f, g, &h, k[8] &+ w8, &bc, bmi2: bmi2)
        round(h, a, b, &c, d, e, f, &g, k[9] &+ w9, &bc, bmi2: bmi2)
        round(g, h, a, &b, c, d, e, &f, k[10] &+ w10, &bc, bmi2: bmi2)
        round(f, g, h, &a, b, c, d, &e, k[11] &+ w11, &bc, bmi2: bmi2)
        round(e, f, g, &h, a, b, c, &d, k[12] &+ w12, &bc, bmi2: bmi2)
        round(d, e, f, &g, h, a, b, &c, k[13] &+ w13, &bc, bmi2: bmi2)
        round(c, d, e, &f, g, h, a, &b, k[14] &+ w14, &bc, bmi2: bmi2)
        round(b, c, d, &e, f, g, h, &a, k[15] &+ w15, &bc, bmi2: bmi2)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[16] &+ w0, &bc, bmi2: bmi2)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[17] &+ w1, &bc, bmi2: bmi2)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[18] &+ w2, &bc, bmi2: bmi2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[19] &+ w3, &bc, bmi2: bmi2)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[20] &+ w4, &bc, bmi2: bmi2)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[21] &+ w5, &bc, bmi2: bmi2)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[22] &+ w6, &bc, bmi2: bmi2)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[23] &+ w7, &bc, bmi2: bmi2)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[24] &+ w8, &bc, bmi2: bmi2)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[25] &+ w9, &bc, bmi2: bmi2)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[26] &+ w10, &bc, bmi2: bmi2)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[27] &+ w11, &bc, bmi2: bmi2)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[28] &+ w12, &bc, bmi2: bmi2)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[29] &+ w13, &bc, bmi2: bmi2)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[30] &+ w14, &bc, bmi2: bmi2)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[31] &+ w15, &bc, bmi2: bmi2)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[32] &+ w0, &bc, bmi2: bmi2)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[33] &+ w1, &bc, bmi2: bmi2)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[34] &+ w2, &bc, bmi2: bmi2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[35] &+ w3, &bc, bmi2: bmi2)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[36] &+ w4, &bc, bmi2: bmi2)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[37] &+ w5, &bc, bmi2: bmi2)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[38] &+ w6, &bc, bmi2: bmi2)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[39] &+ w7, &bc, bmi2: bmi2)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[40] &+ w8, &bc, bmi2: bmi2)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[41] &+ w9, &bc, bmi2: bmi2)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[42] &+ w10, &bc, bmi2: bmi2)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[43] &+ w11, &bc, bmi2: bmi2)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[44] &+ w12, &bc, bmi2: bmi2)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[45] &+ w13, &bc, bmi2: bmi2)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[46] &+ w14, &bc, bmi2: bmi2)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[47] &+ w15, &bc, bmi2: bmi2)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[48] &+ w0, &bc, bmi2: bmi2)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[49] &+ w1, &bc, bmi2: bmi2)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[50] &+ w2, &bc, bmi2: bmi2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[51] &+ w3, &bc, bmi2: bmi2)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[52] &+ w4, &bc, bmi2: bmi2)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[53] &+ w5, &bc, bmi2: bmi2)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[54] &+ w6, &bc, bmi2: bmi2)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[55] &+ w7, &bc, bmi2: bmi2)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[56] &+ w8, &bc, bmi2: bmi2)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[57] &+ w9, &bc, bmi2: bmi2)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[58] &+ w10, &bc, bmi2: bmi2)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[59] &+ w11, &bc, bmi2: bmi2)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[60] &+ w12, &bc, bmi2: bmi2)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[61] &+ w13, &bc, bmi2: bmi2)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[62] &+ w14, &bc, bmi2: bmi2)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[63] &+ w15, &bc, bmi2: bmi2)
        w0 = schedule(w0, w14, w9, w1)
        round(a, b, c, &d, e, f, g, &h, k[64] &+ w0, &bc, bmi2: bmi2)
        w1 = schedule(w1, w15, w10, w2)
        round(h, a, b, &c, d, e, f, &g, k[65] &+ w1, &bc, bmi2: bmi2)
        w2 = schedule(w2, w0, w11, w3)
        round(g, h, a, &b, c, d, e, &f, k[66] &+ w2, &bc, bmi2: bmi2)
        w3 = schedule(w3, w1, w12, w4)
        round(f, g, h, &a, b, c, d, &e, k[67] &+ w3, &bc, bmi2: bmi2)
        w4 = schedule(w4, w2, w13, w5)
        round(e, f, g, &h, a, b, c, &d, k[68] &+ w4, &bc, bmi2: bmi2)
        w5 = schedule(w5, w3, w14, w6)
        round(d, e, f, &g, h, a, b, &c, k[69] &+ w5, &bc, bmi2: bmi2)
        w6 = schedule(w6, w4, w15, w7)
        round(c, d, e, &f, g, h, a, &b, k[70] &+ w6, &bc, bmi2: bmi2)
        w7 = schedule(w7, w5, w0, w8)
        round(b, c, d, &e, f, g, h, &a, k[71] &+ w7, &bc, bmi2: bmi2)
        w8 = schedule(w8, w6, w1, w9)
        round(a, b, c, &d, e, f, g, &h, k[72] &+ w8, &bc, bmi2: bmi2)
        w9 = schedule(w9, w7, w2, w10)
        round(h, a, b, &c, d, e, f, &g, k[73] &+ w9, &bc, bmi2: bmi2)
        w10 = schedule(w10, w8, w3, w11)
        round(g, h, a, &b, c, d, e, &f, k[74] &+ w10, &bc, bmi2: bmi2)
        w11 = schedule(w11, w9, w4, w12)
        round(f, g, h, &a, b, c, d, &e, k[75] &+ w11, &bc, bmi2: bmi2)
        w12 = schedule(w12, w10, w5, w13)
        round(e, f, g, &h, a, b, c, &d, k[76] &+ w12, &bc, bmi2: bmi2)
        w13 = schedule(w13, w11, w6, w14)
        round(d, e, f, &g, h, a, b, &c, k[77] &+ w13, &bc, bmi2: bmi2)
        w14 = schedule(w14, w12, w7, w15)
        round(c, d, e, &f, g, h, a, &b, k[78] &+ w14, &bc, bmi2: bmi2)
        w15 = schedule(w15, w13, w8, w0)
        round(b, c, d, &e, f, g, h, &a, k[79] &+ w15, &bc, bmi2: bmi2)
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
