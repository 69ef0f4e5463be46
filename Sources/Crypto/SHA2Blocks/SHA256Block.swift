// SPDX-License-Identifier: Apache-2.0
// The SHA-256 block function (FIPS 180-4 §6.2.2), compiled twice: here for any x86-64 (or other) CPU, and in
// ContrastSHA2BlocksBMI2 for CPUs with BMI2. ContrastCrypto picks one at run time (`SHA256Core.compress`).

/// The eight working words of the SHA256 state (FIPS 180-4 §6.2: H0…H7).
public struct SHA256CoreState: Sendable {
    public var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    @inlinable
    public init(_ h0: UInt32, _ h1: UInt32, _ h2: UInt32, _ h3: UInt32, _ h4: UInt32, _ h5: UInt32, _ h6: UInt32, _ h7: UInt32) {
        (self.h0, self.h1, self.h2, self.h3, self.h4, self.h5, self.h6, self.h7) = (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}

/// The block function's pieces. `@inlinable` so that ContrastSHA2BlocksBMI2 compiles the same source with BMI2
/// enabled (public: Swift 6.3 does not inline `package` functions across modules). The `bmi2` arguments are
/// literals at every call, so each build keeps only its own shape.
public enum SHA256Block {
    @inlinable @inline(__always)
    public static func load(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inlinable @inline(__always)
    public static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// σ1(w[t-2]) + w[t-7] + σ0(w[t-15]) + w[t-16] (FIPS 180-4 §6.2.2 step 1).
    @inlinable @inline(__always)
    public static func schedule(_ w16: UInt32, _ w2: UInt32, _ w7: UInt32, _ w15: UInt32) -> UInt32 {
        // Nested rotations, rotr(rotr(x, m) ^ x, n) = rotr(x, m + n) ^ rotr(x, n): σ is off the rounds' critical
        // path, so fewer instructions (x86 rotates in place, so each independent rotation costs a copy) matter
        // more than parallelism.
        let s1 = rotr(rotr(w2, 2) ^ w2, 17) ^ (w2 &>> 10)
        let s0 = rotr(rotr(w15, 11) ^ w15, 7) ^ (w15 &>> 3)
        return s1 &+ w7 &+ s0 &+ w16
    }

    /// One round (FIPS 180-4 §6.2.2 step 3) with the register roles passed in rotated order, so
    /// that no values move between rounds: `d += T1`, `h = T1 + T2`.
    @inlinable @inline(__always)
    public static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32,
        _ bc: inout UInt32, bmi2: Bool
    ) {
        // Σ1(e) as three independent rotations: e → Σ1 → T1 → d + T1 is the critical path from one round to the
        // next. Σ0(a) nested, rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2) = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22): two
        // register copies fewer per round, off that path. On AMD EPYC, against both independent: sha256 +2 %,
        // hmac-sha256 +1–4 % (`Scripts/speed-ab`); nesting Σ1 as well, fully or half, was 1–7 % slower in a
        // stand-alone block benchmark (−4 to −7 % fully nested with T1 formed first, OpenSSL's form, though it
        // saves two copies per round: the rounds are bound by the e → e latency). (On an Intel host both independent had measured ~3 % faster than
        // both nested; this mixed form was not measured there.) Σ1 with rotr(e, 25) taken as rotr(rotr(e, 11), 14),
        // one copy fewer at the same depth, measured the same (LLVM folds half of them back).
        // With BMI2 (`bmi2`), rorx rotates into a fresh register, so independent rotations cost no copies and Σ0
        // is independent too: one level deep instead of three on the a → a path (see `compressBlock`).
        // Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)), where b ^ c is the previous round's
        // a ^ b (passed in `bc`).
        // Σ1 is added last, to d + (h + K + W + Ch) and to (h + K + W + Ch) + T2, instead of forming T1 first:
        // one add more per round, one add fewer between e and the next e (+0.5–1 % sha256 on AMD EPYC,
        // `Scripts/speed-ab`).
        let hkc = h &+ kw &+ (g ^ (e & (f ^ g)))
        let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ab = a ^ b
        let sigma0 = bmi2 ? rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22) : rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)
        let t2 = sigma0 &+ (b ^ (ab & bc))
        bc = ab
        d = (d &+ hkc) &+ sigma1
        h = (hkc &+ t2) &+ sigma1
    }

    /// Round constants K (FIPS 180-4 §4.2.2). Read through a pointer so that the optimiser adds them from
    /// memory once per round instead of folding copies of each immediate into both uses of T1 (the table is
    /// filled at first use, so the compiler cannot see the values). Allocated once, never freed, never written
    /// after initialisation (hence `nonisolated(unsafe)` is sound). Entry 64 is a zero that the compiler cannot
    /// see (`compressBlock` uses it to hide where the message schedule is read from).
    nonisolated(unsafe) public static let roundConstants: UnsafePointer<UInt32> = {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: constants.count + 1)
        table.initialize(from: constants, count: constants.count)
        (table + constants.count).initialize(to: 0)
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

    /// Runs the block function over `blocks` consecutive 64-byte blocks at `p`, in the shape for any CPU.
    package static func compress(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        forEachBlock(&s, p, blocks: blocks, compressOne)
    }

    /// Calls `one` with the round constants for each of `blocks` consecutive 64-byte blocks at `p` (the loop of
    /// both builds).
    @inlinable @inline(__always)
    public static func forEachBlock(
        _ s: inout SHA256CoreState, _ p: UnsafeRawPointer, blocks: Int,
        _ one: (inout SHA256CoreState, UnsafeRawPointer, UnsafePointer<UInt32>) -> Void
    ) {
        let k = roundConstants
        var p = p
        for _ in 0..<blocks {
            one(&s, p, k)
            p += 64
        }
    }

    /// One block. Not inlined into the loop above on purpose: inside a loop the optimiser hoists all round
    /// constants into registers and spills them, instead of adding each from the table in its round.
    @inline(never)
    static func compressOne(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, _ k: UnsafePointer<UInt32>) {
        compressBlock(&s.h0, &s.h1, &s.h2, &s.h3, &s.h4, &s.h5, &s.h6, &s.h7, p, k, bmi2: false)
    }

    /// One block, fully unrolled (K: FIPS 180-4 §4.2.2; `k[64]` must be zero). Two shapes:
    ///
    /// - `bmi2: false`, for any CPU: the 48 schedule words are computed before the first round instead of between
    ///   rounds. Interleaved, 16 schedule words and 8 state words compete for 15 registers and the spills land
    ///   inside the rounds (402 stack accesses and 3,381 instructions per block in the release binary); scheduled
    ///   first, each word is written to the stack once and read back once (235 accesses, 3,174 instructions):
    ///   with the nested σ rotations, sha256 +6 % (bests) / +9 % (median) on AMD EPYC (`Scripts/speed-ab`).
    /// - `bmi2: true` (ContrastSHA2BlocksBMI2): each schedule word is computed from the buffer right after round
    ///   t − 16, and Σ0 is independent (see `round`). With three-operand rotates the schedule needs no copies, and
    ///   its work fills the gaps that the rounds' dependency chains leave. Against the first shape built with
    ///   BMI2 (which gains only 1 % from it): +10 % in a stand-alone block benchmark on AMD EPYC (Zen 1; both
    ///   builds at once, one per core, median of 8 rounds). Computing each word 4, 8 or 12 rounds later measured
    ///   the same or up to 3.5 % slower; this interleaved shape without BMI2 is 4 % slower than the first shape. Also
    ///   measured with BMI2 and not kept: w[t-2] from a register −1 %, independent σ −2.5 %, T1 formed first −3 %,
    ///   the constants as a RIP-relative global ±0, andn for Ch (BMI1) −1 %.
    ///
    /// The words go to a stack buffer and are read back through a pointer that the optimiser cannot relate to
    /// it (its address XOR the zero at `k[64]`). Otherwise LLVM forwards every stored word into a register, keeps
    /// it alive until its last use 16 words later and copies it around; as memory operands each schedule word
    /// costs about 17 instructions instead of 20 (2,927 instructions per block in the release binary): sha256
    /// +1.4 % (bests) / +2.1 % (median) on AMD EPYC (`Scripts/speed-ab`). The buffer holds what the spills held
    /// before: message-derived words, left on the stack as every other local.
    @inlinable @inline(__always)
    public static func compressBlock(
        _ ha: inout UInt32, _ hb: inout UInt32, _ hc: inout UInt32, _ hd: inout UInt32,
        _ he: inout UInt32, _ hf: inout UInt32, _ hg: inout UInt32, _ hh: inout UInt32, _ p: UnsafeRawPointer,
        _ k: UnsafePointer<UInt32>, bmi2: Bool
    ) {
        let zero = UInt(k[64])
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
            // Written through `out`, read through `w`: the same words (see above).
            let out = buffer.baseAddress.unsafelyUnwrapped
            let w = UnsafePointer<UInt32>(bitPattern: UInt(bitPattern: out) ^ zero).unsafelyUnwrapped
            let w0 = load(p, 0)
            out[0] = w0
            let w1 = load(p, 4)
            out[1] = w1
            let w2 = load(p, 8)
            out[2] = w2
            let w3 = load(p, 12)
            out[3] = w3
            let w4 = load(p, 16)
            out[4] = w4
            let w5 = load(p, 20)
            out[5] = w5
            let w6 = load(p, 24)
            out[6] = w6
            let w7 = load(p, 28)
            out[7] = w7
            let w8 = load(p, 32)
            out[8] = w8
            let w9 = load(p, 36)
            out[9] = w9
            let w10 = load(p, 40)
            out[10] = w10
            let w11 = load(p, 44)
            out[11] = w11
            let w12 = load(p, 48)
            out[12] = w12
            let w13 = load(p, 52)
            out[13] = w13
            let w14 = load(p, 56)
            out[14] = w14
            let w15 = load(p, 60)
            out[15] = w15
            if !bmi2 {
                // The message schedule (FIPS 180-4 §6.2.2 step 1): w[t-2] stays in a register, older words are
                // read back from the buffer.
                let w16 = schedule(w[0], w14, w[9], w[1])
                out[16] = w16
                let w17 = schedule(w[1], w15, w[10], w[2])
                out[17] = w17
                let w18 = schedule(w[2], w16, w[11], w[3])
                out[18] = w18
                let w19 = schedule(w[3], w17, w[12], w[4])
                out[19] = w19
                let w20 = schedule(w[4], w18, w[13], w[5])
                out[20] = w20
                let w21 = schedule(w[5], w19, w[14], w[6])
                out[21] = w21
                let w22 = schedule(w[6], w20, w[15], w[7])
                out[22] = w22
                let w23 = schedule(w[7], w21, w[16], w[8])
                out[23] = w23
                let w24 = schedule(w[8], w22, w[17], w[9])
                out[24] = w24
                let w25 = schedule(w[9], w23, w[18], w[10])
                out[25] = w25
                let w26 = schedule(w[10], w24, w[19], w[11])
                out[26] = w26
                let w27 = schedule(w[11], w25, w[20], w[12])
                out[27] = w27
                let w28 = schedule(w[12], w26, w[21], w[13])
                out[28] = w28
                let w29 = schedule(w[13], w27, w[22], w[14])
                out[29] = w29
                let w30 = schedule(w[14], w28, w[23], w[15])
                out[30] = w30
                let w31 = schedule(w[15], w29, w[24], w[16])
                out[31] = w31
                let w32 = schedule(w[16], w30, w[25], w[17])
                out[32] = w32
                let w33 = schedule(w[17], w31, w[26], w[18])
                out[33] = w33
                let w34 = schedule(w[18], w32, w[27], w[19])
                out[34] = w34
                let w35 = schedule(w[19], w33, w[28], w[20])
                out[35] = w35
                let w36 = schedule(w[20], w34, w[29], w[21])
                out[36] = w36
                let w37 = schedule(w[21], w35, w[30], w[22])
                out[37] = w37
                let w38 = schedule(w[22], w36, w[31], w[23])
                out[38] = w38
                let w39 = schedule(w[23], w37, w[32], w[24])
                out[39] = w39
                let w40 = schedule(w[24], w38, w[33], w[25])
                out[40] = w40
                let w41 = schedule(w[25], w39, w[34], w[26])
                out[41] = w41
                let w42 = schedule(w[26], w40, w[35], w[27])
                out[42] = w42
                let w43 = schedule(w[27], w41, w[36], w[28])
                out[43] = w43
                let w44 = schedule(w[28], w42, w[37], w[29])
                out[44] = w44
                let w45 = schedule(w[29], w43, w[38], w[30])
                out[45] = w45
                let w46 = schedule(w[30], w44, w[39], w[31])
                out[46] = w46
                let w47 = schedule(w[31], w45, w[40], w[32])
                out[47] = w47
                let w48 = schedule(w[32], w46, w[41], w[33])
                out[48] = w48
                let w49 = schedule(w[33], w47, w[42], w[34])
                out[49] = w49
                let w50 = schedule(w[34], w48, w[43], w[35])
                out[50] = w50
                let w51 = schedule(w[35], w49, w[44], w[36])
                out[51] = w51
                let w52 = schedule(w[36], w50, w[45], w[37])
                out[52] = w52
                let w53 = schedule(w[37], w51, w[46], w[38])
                out[53] = w53
                let w54 = schedule(w[38], w52, w[47], w[39])
                out[54] = w54
                let w55 = schedule(w[39], w53, w[48], w[40])
                out[55] = w55
                let w56 = schedule(w[40], w54, w[49], w[41])
                out[56] = w56
                let w57 = schedule(w[41], w55, w[50], w[42])
                out[57] = w57
                let w58 = schedule(w[42], w56, w[51], w[43])
                out[58] = w58
                let w59 = schedule(w[43], w57, w[52], w[44])
                out[59] = w59
                let w60 = schedule(w[44], w58, w[53], w[45])
                out[60] = w60
                let w61 = schedule(w[45], w59, w[54], w[46])
                out[61] = w61
                let w62 = schedule(w[46], w60, w[55], w[47])
                out[62] = w62
                let w63 = schedule(w[47], w61, w[56], w[48])
                out[63] = w63
            }
            var (a, b, c, d, e, f, g, h) = (ha, hb, hc, hd, he, hf, hg, hh)
            var bc = b ^ c
            round(a, b, c, &d, e, f, g, &h, k[0] &+ w[0], &bc, bmi2: bmi2)
            if bmi2 { out[16] = schedule(w[0], w[14], w[9], w[1]) }
            round(h, a, b, &c, d, e, f, &g, k[1] &+ w[1], &bc, bmi2: bmi2)
            if bmi2 { out[17] = schedule(w[1], w[15], w[10], w[2]) }
            round(g, h, a, &b, c, d, e, &f, k[2] &+ w[2], &bc, bmi2: bmi2)
            if bmi2 { out[18] = schedule(w[2], w[16], w[11], w[3]) }
            round(f, g, h, &a, b, c, d, &e, k[3] &+ w[3], &bc, bmi2: bmi2)
            if bmi2 { out[19] = schedule(w[3], w[17], w[12], w[4]) }
            round(e, f, g, &h, a, b, c, &d, k[4] &+ w[4], &bc, bmi2: bmi2)
            if bmi2 { out[20] = schedule(w[4], w[18], w[13], w[5]) }
            round(d, e, f, &g, h, a, b, &c, k[5] &+ w[5], &bc, bmi2: bmi2)
            if bmi2 { out[21] = schedule(w[5], w[19], w[14], w[6]) }
            round(c, d, e, &f, g, h, a, &b, k[6] &+ w[6], &bc, bmi2: bmi2)
            if bmi2 { out[22] = schedule(w[6], w[20], w[15], w[7]) }
            round(b, c, d, &e, f, g, h, &a, k[7] &+ w[7], &bc, bmi2: bmi2)
            if bmi2 { out[23] = schedule(w[7], w[21], w[16], w[8]) }
            round(a, b, c, &d, e, f, g, &h, k[8] &+ w[8], &bc, bmi2: bmi2)
            if bmi2 { out[24] = schedule(w[8], w[22], w[17], w[9]) }
            round(h, a, b, &c, d, e, f, &g, k[9] &+ w[9], &bc, bmi2: bmi2)
            if bmi2 { out[25] = schedule(w[9], w[23], w[18], w[10]) }
            round(g, h, a, &b, c, d, e, &f, k[10] &+ w[10], &bc, bmi2: bmi2)
            if bmi2 { out[26] = schedule(w[10], w[24], w[19], w[11]) }
            round(f, g, h, &a, b, c, d, &e, k[11] &+ w[11], &bc, bmi2: bmi2)
            if bmi2 { out[27] = schedule(w[11], w[25], w[20], w[12]) }
            round(e, f, g, &h, a, b, c, &d, k[12] &+ w[12], &bc, bmi2: bmi2)
            if bmi2 { out[28] = schedule(w[12], w[26], w[21], w[13]) }
            round(d, e, f, &g, h, a, b, &c, k[13] &+ w[13], &bc, bmi2: bmi2)
            if bmi2 { out[29] = schedule(w[13], w[27], w[22], w[14]) }
            round(c, d, e, &f, g, h, a, &b, k[14] &+ w[14], &bc, bmi2: bmi2)
            if bmi2 { out[30] = schedule(w[14], w[28], w[23], w[15]) }
            round(b, c, d, &e, f, g, h, &a, k[15] &+ w[15], &bc, bmi2: bmi2)
            if bmi2 { out[31] = schedule(w[15], w[29], w[24], w[16]) }
            round(a, b, c, &d, e, f, g, &h, k[16] &+ w[16], &bc, bmi2: bmi2)
            if bmi2 { out[32] = schedule(w[16], w[30], w[25], w[17]) }
            round(h, a, b, &c, d, e, f, &g, k[17] &+ w[17], &bc, bmi2: bmi2)
            if bmi2 { out[33] = schedule(w[17], w[31], w[26], w[18]) }
            round(g, h, a, &b, c, d, e, &f, k[18] &+ w[18], &bc, bmi2: bmi2)
            if bmi2 { out[34] = schedule(w[18], w[32], w[27], w[19]) }
            round(f, g, h, &a, b, c, d, &e, k[19] &+ w[19], &bc, bmi2: bmi2)
            if bmi2 { out[35] = schedule(w[19], w[33], w[28], w[20]) }
            round(e, f, g, &h, a, b, c, &d, k[20] &+ w[20], &bc, bmi2: bmi2)
            if bmi2 { out[36] = schedule(w[20], w[34], w[29], w[21]) }
            round(d, e, f, &g, h, a, b, &c, k[21] &+ w[21], &bc, bmi2: bmi2)
            if bmi2 { out[37] = schedule(w[21], w[35], w[30], w[22]) }
            round(c, d, e, &f, g, h, a, &b, k[22] &+ w[22], &bc, bmi2: bmi2)
            if bmi2 { out[38] = schedule(w[22], w[36], w[31], w[23]) }
            round(b, c, d, &e, f, g, h, &a, k[23] &+ w[23], &bc, bmi2: bmi2)
            if bmi2 { out[39] = schedule(w[23], w[37], w[32], w[24]) }
            round(a, b, c, &d, e, f, g, &h, k[24] &+ w[24], &bc, bmi2: bmi2)
            if bmi2 { out[40] = schedule(w[24], w[38], w[33], w[25]) }
            round(h, a, b, &c, d, e, f, &g, k[25] &+ w[25], &bc, bmi2: bmi2)
            if bmi2 { out[41] = schedule(w[25], w[39], w[34], w[26]) }
            round(g, h, a, &b, c, d, e, &f, k[26] &+ w[26], &bc, bmi2: bmi2)
            if bmi2 { out[42] = schedule(w[26], w[40], w[35], w[27]) }
            round(f, g, h, &a, b, c, d, &e, k[27] &+ w[27], &bc, bmi2: bmi2)
            if bmi2 { out[43] = schedule(w[27], w[41], w[36], w[28]) }
            round(e, f, g, &h, a, b, c, &d, k[28] &+ w[28], &bc, bmi2: bmi2)
            if bmi2 { out[44] = schedule(w[28], w[42], w[37], w[29]) }
            round(d, e, f, &g, h, a, b, &c, k[29] &+ w[29], &bc, bmi2: bmi2)
            if bmi2 { out[45] = schedule(w[29], w[43], w[38], w[30]) }
            round(c, d, e, &f, g, h, a, &b, k[30] &+ w[30], &bc, bmi2: bmi2)
            if bmi2 { out[46] = schedule(w[30], w[44], w[39], w[31]) }
            round(b, c, d, &e, f, g, h, &a, k[31] &+ w[31], &bc, bmi2: bmi2)
            if bmi2 { out[47] = schedule(w[31], w[45], w[40], w[32]) }
            round(a, b, c, &d, e, f, g, &h, k[32] &+ w[32], &bc, bmi2: bmi2)
            if bmi2 { out[48] = schedule(w[32], w[46], w[41], w[33]) }
            round(h, a, b, &c, d, e, f, &g, k[33] &+ w[33], &bc, bmi2: bmi2)
            if bmi2 { out[49] = schedule(w[33], w[47], w[42], w[34]) }
            round(g, h, a, &b, c, d, e, &f, k[34] &+ w[34], &bc, bmi2: bmi2)
            if bmi2 { out[50] = schedule(w[34], w[48], w[43], w[35]) }
            round(f, g, h, &a, b, c, d, &e, k[35] &+ w[35], &bc, bmi2: bmi2)
            if bmi2 { out[51] = schedule(w[35], w[49], w[44], w[36]) }
            round(e, f, g, &h, a, b, c, &d, k[36] &+ w[36], &bc, bmi2: bmi2)
            if bmi2 { out[52] = schedule(w[36], w[50], w[45], w[37]) }
            round(d, e, f, &g, h, a, b, &c, k[37] &+ w[37], &bc, bmi2: bmi2)
            if bmi2 { out[53] = schedule(w[37], w[51], w[46], w[38]) }
            round(c, d, e, &f, g, h, a, &b, k[38] &+ w[38], &bc, bmi2: bmi2)
            if bmi2 { out[54] = schedule(w[38], w[52], w[47], w[39]) }
            round(b, c, d, &e, f, g, h, &a, k[39] &+ w[39], &bc, bmi2: bmi2)
            if bmi2 { out[55] = schedule(w[39], w[53], w[48], w[40]) }
            round(a, b, c, &d, e, f, g, &h, k[40] &+ w[40], &bc, bmi2: bmi2)
            if bmi2 { out[56] = schedule(w[40], w[54], w[49], w[41]) }
            round(h, a, b, &c, d, e, f, &g, k[41] &+ w[41], &bc, bmi2: bmi2)
            if bmi2 { out[57] = schedule(w[41], w[55], w[50], w[42]) }
            round(g, h, a, &b, c, d, e, &f, k[42] &+ w[42], &bc, bmi2: bmi2)
            if bmi2 { out[58] = schedule(w[42], w[56], w[51], w[43]) }
            round(f, g, h, &a, b, c, d, &e, k[43] &+ w[43], &bc, bmi2: bmi2)
            if bmi2 { out[59] = schedule(w[43], w[57], w[52], w[44]) }
            round(e, f, g, &h, a, b, c, &d, k[44] &+ w[44], &bc, bmi2: bmi2)
            if bmi2 { out[60] = schedule(w[44], w[58], w[53], w[45]) }
            round(d, e, f, &g, h, a, b, &c, k[45] &+ w[45], &bc, bmi2: bmi2)
            if bmi2 { out[61] = schedule(w[45], w[59], w[54], w[46]) }
            round(c, d, e, &f, g, h, a, &b, k[46] &+ w[46], &bc, bmi2: bmi2)
            if bmi2 { out[62] = schedule(w[46], w[60], w[55], w[47]) }
            round(b, c, d, &e, f, g, h, &a, k[47] &+ w[47], &bc, bmi2: bmi2)
            if bmi2 { out[63] = schedule(w[47], w[61], w[56], w[48]) }
            round(a, b, c, &d, e, f, g, &h, k[48] &+ w[48], &bc, bmi2: bmi2)
            round(h, a, b, &c, d, e, f, &g, k[49] &+ w[49], &bc, bmi2: bmi2)
            round(g, h, a, &b, c, d, e, &f, k[50] &+ w[50], &bc, bmi2: bmi2)
            round(f, g, h, &a, b, c, d, &e, k[51] &+ w[51], &bc, bmi2: bmi2)
            round(e, f, g, &h, a, b, c, &d, k[52] &+ w[52], &bc, bmi2: bmi2)
            round(d, e, f, &g, h, a, b, &c, k[53] &+ w[53], &bc, bmi2: bmi2)
            round(c, d, e, &f, g, h, a, &b, k[54] &+ w[54], &bc, bmi2: bmi2)
            round(b, c, d, &e, f, g, h, &a, k[55] &+ w[55], &bc, bmi2: bmi2)
            round(a, b, c, &d, e, f, g, &h, k[56] &+ w[56], &bc, bmi2: bmi2)
            round(h, a, b, &c, d, e, f, &g, k[57] &+ w[57], &bc, bmi2: bmi2)
            round(g, h, a, &b, c, d, e, &f, k[58] &+ w[58], &bc, bmi2: bmi2)
            round(f, g, h, &a, b, c, d, &e, k[59] &+ w[59], &bc, bmi2: bmi2)
            round(e, f, g, &h, a, b, c, &d, k[60] &+ w[60], &bc, bmi2: bmi2)
            round(d, e, f, &g, h, a, b, &c, k[61] &+ w[61], &bc, bmi2: bmi2)
            round(c, d, e, &f, g, h, a, &b, k[62] &+ w[62], &bc, bmi2: bmi2)
            round(b, c, d, &e, f, g, h, &a, k[63] &+ w[63], &bc, bmi2: bmi2)
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
}
