// SPDX-License-Identifier: Apache-2.0
// Constant-time AES block cipher (FIPS 197 §5.1), bitsliced: eight blocks at once in eight 128-bit words.
// CT-FILE

/// One bitsliced word: two 64-bit lanes, lane 0 for blocks 0…3 and lane 1 for blocks 4…7 of a batch.
/// Boolean operations, shifts and lane shuffles on it compile to SSE2/NEON instructions.
@usableFromInline
package typealias BitWord = SIMD2<UInt64>

/// Eight 128-bit words holding eight AES blocks in bitsliced form.
///
/// Word `q_i` holds bit `i` of every state byte. Inside each 64-bit lane, bit `16·row + 4·column + block`
/// belongs to state byte (row, column) of block `block` (0…3 of that lane's four blocks), i.e. byte
/// `4·column + row` of that block's 16 input bytes (FIPS 197 §3.4, column-major state). With this layout
/// ShiftRows is a rotation inside each 16-bit row chunk and MixColumns needs only 16- and 32-bit rotations
/// of each lane.
@usableFromInline
package struct BitslicedState: Sendable {
    @usableFromInline var q0 = BitWord(), q1 = BitWord(), q2 = BitWord(), q3 = BitWord()
    @usableFromInline var q4 = BitWord(), q5 = BitWord(), q6 = BitWord(), q7 = BitWord()

    @inlinable init() {}

    /// Bitslices eight consecutive 16-byte blocks read from `p` (128 bytes).
    /// - CT: data-independent shifts and masks only.
    @inlinable @inline(__always)
    init(loading p: UnsafeRawPointer) {
        // Block b contributes w[b] = its bytes 0,8,1,9,2,10,3,11 and w[4+b] = bytes 4,12,5,13,6,14,7,15
        // (byte k of w[j] is state byte (row k>>1, column 2·(k&1) + (j>>2))). The 8×8 bit transpose in
        // `transpose` then yields q_i bit (8k + j) = bit i of byte k of w[j], which is the layout above.
        @inline(__always) func words(_ b: Int) -> (BitWord, BitWord) {
            // Reorder each block's bytes to 0,8,1,9,…,7,15 (SSE2 punpcklbw/packuswb), then take lane 0 from
            // block b and lane 1 from block b + 4 (little-endian host words). Whole-vector shuffles keep this
            // in SIMD registers; the former per-lane shift-and-mask spreading was scalarized by LLVM.
            let a = Self.interleaveHalves(p.loadUnaligned(fromByteOffset: 16 &* b, as: BitWord.self))
            let c = Self.interleaveHalves(p.loadUnaligned(fromByteOffset: 64 &+ 16 &* b, as: BitWord.self))
            return (BitWord(a[0], c[0]), BitWord(a[1], c[1]))
        }
        (q0, q4) = words(0)
        (q1, q5) = words(1)
        (q2, q6) = words(2)
        (q3, q7) = words(3)
        transpose()
    }

    /// Writes the eight blocks back to `p` (128 bytes); inverse of `init(loading:)`.
    /// Not inlined: inside the round function LLVM rewrites the lane extracts of the final shuffles into
    /// scalar code and pushes that back through the whole last round (twice the instructions).
    @usableFromInline @inline(never)
    func store(to p: UnsafeMutableRawPointer) {
        var t = self
        t.transpose()  // the 8×8 bit transpose is an involution
        @inline(__always) func put(_ b: Int, _ even: BitWord, _ odd: BitWord) {
            // Inverse of `words`: the even bytes of both words, then the odd bytes (pand/psrlw + packuswb),
            // regrouped by 32-bit shuffles into block b (lane 0) and block b + 4 (lane 1).
            let e = unsafeBitCast(even, to: SIMD16<UInt8>.self), o = unsafeBitCast(odd, to: SIMD16<UInt8>.self)
            let ev = unsafeBitCast(
                SIMD16<UInt8>(e[0], e[2], e[4], e[6], e[8], e[10], e[12], e[14],
                    o[0], o[2], o[4], o[6], o[8], o[10], o[12], o[14]), to: SIMD4<UInt32>.self)
            let od = unsafeBitCast(
                SIMD16<UInt8>(e[1], e[3], e[5], e[7], e[9], e[11], e[13], e[15],
                    o[1], o[3], o[5], o[7], o[9], o[11], o[13], o[15]), to: SIMD4<UInt32>.self)
            p.storeBytes(of: SIMD4(ev[0], ev[2], od[0], od[2]), toByteOffset: 16 &* b, as: SIMD4<UInt32>.self)
            p.storeBytes(of: SIMD4(ev[1], ev[3], od[1], od[3]), toByteOffset: 64 &+ 16 &* b, as: SIMD4<UInt32>.self)
        }
        put(0, t.q0, t.q4)
        put(1, t.q1, t.q5)
        put(2, t.q2, t.q6)
        put(3, t.q3, t.q7)
    }

    /// Reorders the 16 bytes of `x` to 0, 8, 1, 9, …, 7, 15: the low half's bytes go to even positions and
    /// the high half's to odd positions (one punpcklbw-style interleave).
    @inlinable @inline(__always)
    static func interleaveHalves(_ x: BitWord) -> BitWord {
        let b = unsafeBitCast(x, to: SIMD16<UInt8>.self)
        return unsafeBitCast(
            SIMD16<UInt8>(b[0], b[8], b[1], b[9], b[2], b[10], b[3], b[11], b[4], b[12], b[5], b[13], b[6], b[14],
                b[7], b[15]), to: BitWord.self)
    }

    /// Transposes the 8×8 bit matrices formed by byte k of the eight words: afterwards bit (8k + j) of word i
    /// is the former bit (8k + i) of word j (per lane). Three butterfly stages of width 1, 2 and 4.
    @inlinable @inline(__always)
    mutating func transpose() {
        @inline(__always)
        func swap(_ a: inout BitWord, _ b: inout BitWord, _ s: UInt64, _ low: UInt64) {
            let lowMask = BitWord(repeating: low), highMask = BitWord(repeating: ~low)
            let x = (a & lowMask) | ((b & lowMask) &<< s)
            let y = ((a & highMask) &>> s) | (b & highMask)
            a = x
            b = y
        }
        swap(&q0, &q1, 1, 0x5555_5555_5555_5555)
        swap(&q2, &q3, 1, 0x5555_5555_5555_5555)
        swap(&q4, &q5, 1, 0x5555_5555_5555_5555)
        swap(&q6, &q7, 1, 0x5555_5555_5555_5555)
        swap(&q0, &q2, 2, 0x3333_3333_3333_3333)
        swap(&q1, &q3, 2, 0x3333_3333_3333_3333)
        swap(&q4, &q6, 2, 0x3333_3333_3333_3333)
        swap(&q5, &q7, 2, 0x3333_3333_3333_3333)
        swap(&q0, &q4, 4, 0x0F0F_0F0F_0F0F_0F0F)
        swap(&q1, &q5, 4, 0x0F0F_0F0F_0F0F_0F0F)
        swap(&q2, &q6, 4, 0x0F0F_0F0F_0F0F_0F0F)
        swap(&q3, &q7, 4, 0x0F0F_0F0F_0F0F_0F0F)
    }

    /// SubBytes (FIPS 197 §5.1.1) on all 128 bytes at once, as the Boyar–Peralta circuit (J. Boyar, R. Peralta,
    /// "A depth-16 circuit for the AES S-box", 2011): a linear top layer, a GF(2^4)-based nonlinear middle
    /// of 32 ANDs, and a linear bottom layer; 113 gates, no table.
    /// - CT: boolean operations only.
    @inlinable @inline(__always)
    mutating func subBytes() {
        // x0 is the most significant bit of each byte.
        let x0 = q7, x1 = q6, x2 = q5, x3 = q4, x4 = q3, x5 = q2, x6 = q1, x7 = q0
        // Top linear layer.
        let y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5
        let t0 = x1 ^ x2
        let y1 = t0 ^ x7
        let y4 = y1 ^ x3, y12 = y13 ^ y14, y2 = y1 ^ x0, y5 = y1 ^ x6
        let y3 = y5 ^ y8
        let t1 = x4 ^ y12
        let y15 = t1 ^ x5, y20 = t1 ^ x1
        let y6 = y15 ^ x7, y10 = y15 ^ t0, y11 = y20 ^ y9
        let y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8, y16 = t0 ^ y11
        let y21 = y13 ^ y16, y18 = x0 ^ y16
        // Nonlinear middle layer (inversion in GF(2^8) through GF(2^4)).
        let t2 = y12 & y15, t3 = y3 & y6
        let t4 = t3 ^ t2
        let t5 = y4 & x7
        let t6 = t5 ^ t2
        let t7 = y13 & y16, t8 = y5 & y1
        let t9 = t8 ^ t7
        let t10 = y2 & y7
        let t11 = t10 ^ t7
        let t12 = y9 & y11, t13 = y14 & y17
        let t14 = t13 ^ t12
        let t15 = y8 & y10
        let t16 = t15 ^ t12
        let t17 = t4 ^ t14, t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16
        let t21 = t17 ^ y20, t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18
        let t25 = t21 ^ t22, t26 = t21 & t23
        let t27 = t24 ^ t26
        let t28 = t25 & t27
        let t29 = t28 ^ t22
        let t30 = t23 ^ t24, t31 = t22 ^ t26
        let t32 = t31 & t30
        let t33 = t32 ^ t24
        let t34 = t23 ^ t33, t35 = t27 ^ t33
        let t36 = t24 & t35
        let t37 = t36 ^ t34, t38 = t27 ^ t36
        let t39 = t29 & t38
        let t40 = t25 ^ t39
        let t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40, t44 = t33 ^ t37
        let t45 = t42 ^ t41
        let z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & x7, z3 = t43 & y16, z4 = t40 & y1, z5 = t29 & y7
        let z6 = t42 & y11, z7 = t45 & y17, z8 = t41 & y10, z9 = t44 & y12, z10 = t37 & y3, z11 = t33 & y4
        let z12 = t43 & y13, z13 = t40 & y5, z14 = t29 & y2, z15 = t42 & y9, z16 = t45 & y14, z17 = t41 & y8
        // Bottom linear layer (includes the affine constant 0x63 as the complemented outputs).
        let t46 = z15 ^ z16, t47 = z10 ^ z11, t48 = z5 ^ z13, t49 = z9 ^ z10, t50 = z2 ^ z12
        let t51 = z2 ^ z5, t52 = z7 ^ z8, t53 = z0 ^ z3, t54 = z6 ^ z7, t55 = z16 ^ z17
        let t56 = z12 ^ t48, t57 = t50 ^ t53, t58 = z4 ^ t46, t59 = z3 ^ t54
        let t60 = t46 ^ t57, t61 = z14 ^ t57, t62 = t52 ^ t58, t63 = t49 ^ t58, t64 = z4 ^ t59
        let t65 = t61 ^ t62, t66 = z1 ^ t63
        let s0 = t59 ^ t63, s6 = t56 ^ ~t62, s7 = t48 ^ ~t60
        let t67 = t64 ^ t65
        let s3 = t53 ^ t66, s4 = t51 ^ t66, s5 = t47 ^ t65
        let s1 = t64 ^ ~s3, s2 = t55 ^ ~t67
        q7 = s0; q6 = s1; q5 = s2; q4 = s3; q3 = s4; q2 = s5; q1 = s6; q0 = s7
    }

    /// ShiftRows (FIPS 197 §5.1.2): row r of every block rotates left by r columns, i.e. the 16-bit chunk of
    /// row r rotates right by 4·r bits. Done in two steps: rows 2 and 3 rotate by 8 (a byte swap inside the
    /// chunk), then rows 1 and 3 rotate by 4.
    @inlinable @inline(__always)
    mutating func shiftRows() {
        @inline(__always)
        func rows(_ x: BitWord) -> BitWord {
            let y = (x & BitWord(repeating: 0x0000_0000_FFFF_FFFF))
                | ((x &>> 8) & BitWord(repeating: 0x00FF_00FF_0000_0000))
                | ((x &<< 8) & BitWord(repeating: 0xFF00_FF00_0000_0000))
            return (y & BitWord(repeating: 0x0000_FFFF_0000_FFFF))
                | ((y &>> 4) & BitWord(repeating: 0x0FFF_0000_0FFF_0000))
                | ((y &<< 12) & BitWord(repeating: 0xF000_0000_F000_0000))
        }
        q0 = rows(q0); q1 = rows(q1); q2 = rows(q2); q3 = rows(q3)
        q4 = rows(q4); q5 = rows(q5); q6 = rows(q6); q7 = rows(q7)
    }

    /// MixColumns (FIPS 197 §5.1.3): b_r = 2·a_r ⊕ 3·a_{r+1} ⊕ a_{r+2} ⊕ a_{r+3}
    ///                                  = 2·(a_r ⊕ a_{r+1}) ⊕ a_{r+1} ⊕ rot2(a_r ⊕ a_{r+1}).
    /// Rotating a lane right by 16 bits moves row r+1 onto row r. The rotations are lane shuffles (16-bit and
    /// 32-bit element permutations), which SSE2 has and which LLVM does not turn into scalar rotates.
    @inlinable @inline(__always)
    mutating func mixColumns() {
        @inline(__always) func rot16(_ x: BitWord) -> BitWord {
            let h = unsafeBitCast(x, to: SIMD8<UInt16>.self)
            return unsafeBitCast(SIMD8(h[1], h[2], h[3], h[0], h[5], h[6], h[7], h[4]), to: BitWord.self)
        }
        @inline(__always) func rot32(_ x: BitWord) -> BitWord {
            let h = unsafeBitCast(x, to: SIMD4<UInt32>.self)
            return unsafeBitCast(SIMD4(h[1], h[0], h[3], h[2]), to: BitWord.self)
        }
        let r0 = rot16(q0), r1 = rot16(q1), r2 = rot16(q2), r3 = rot16(q3)
        let r4 = rot16(q4), r5 = rot16(q5), r6 = rot16(q6), r7 = rot16(q7)
        let s0 = q0 ^ r0, s1 = q1 ^ r1, s2 = q2 ^ r2, s3 = q3 ^ r3
        let s4 = q4 ^ r4, s5 = q5 ^ r5, s6 = q6 ^ r6, s7 = q7 ^ r7
        // xtime(s): multiply by x modulo x^8 + x^4 + x^3 + x + 1 (FIPS 197 §4.2.1).
        q0 = s7 ^ r0 ^ rot32(s0)
        q1 = s0 ^ s7 ^ r1 ^ rot32(s1)
        q2 = s1 ^ r2 ^ rot32(s2)
        q3 = s2 ^ s7 ^ r3 ^ rot32(s3)
        q4 = s3 ^ s7 ^ r4 ^ rot32(s4)
        q5 = s4 ^ r5 ^ rot32(s5)
        q6 = s5 ^ r6 ^ rot32(s6)
        q7 = s6 ^ r7 ^ rot32(s7)
    }

    /// AddRoundKey (FIPS 197 §5.1.4) with the bitsliced round key at `k` (8 words).
    @inlinable @inline(__always)
    mutating func addRoundKey(_ k: UnsafePointer<BitWord>) {
        q0 ^= k[0]; q1 ^= k[1]; q2 ^= k[2]; q3 ^= k[3]
        q4 ^= k[4]; q5 ^= k[5]; q6 ^= k[6]; q7 ^= k[7]
    }
}

/// An expanded AES key (128, 192 or 256 bits) that encrypts eight blocks per call in constant time.
@usableFromInline
package struct AESBitsliced: Sendable {
    /// Bitsliced round keys (both lanes equal), 8 words per round key, `rounds + 1` round keys.
    @usableFromInline let roundKeys: [BitWord]
    /// Nr: 10, 12 or 14 (FIPS 197 §5, Table 3).
    @usableFromInline let rounds: Int

    /// Expands `key` (16, 24 or 32 bytes).
    /// - Throws: `CryptoError.invalidLength` for other key lengths.
    /// - CT: depends only on the key length.
    package init(key: UnsafeRawBufferPointer) throws(CryptoError) {
        guard key.count == 16 || key.count == 24 || key.count == 32 else { throw .invalidLength }  // public: length
        (roundKeys, rounds) = AESBitsliced.expandKey(key)
    }

    /// Expands `key`, whose length the caller has checked to be 16, 24 or 32 bytes.
    package init(checkedKey key: UnsafeRawBufferPointer) {
        (roundKeys, rounds) = AESBitsliced.expandKey(key)
    }

    /// Encrypts the eight blocks held in `state`.
    /// - CT: fixed sequence of boolean operations; no table, no secret-dependent branch or index.
    @inlinable @inline(__always)
    package func encrypt(_ state: inout BitslicedState) {
        encrypt(&state, interleaving: { _ in })
    }

    /// Encrypts the eight blocks held in `state`, calling `step(i)` once in each of the first `rounds − 1`
    /// rounds (i = 0, 1, …, rounds − 2), between SubBytes and ShiftRows.
    ///
    /// Why: AES-GCM runs GHASH (scalar integer multiplies) in `step`, so that both sit in one loop body and
    /// the out-of-order core can run them on its separate integer and SIMD units at the same time
    /// ("stitching", as OpenSSL's aesni_gcm_encrypt does), instead of one pass after the other.
    /// - CT: as `encrypt(_:)`, provided `step` is constant time.
    @inlinable @inline(__always)
    package func encrypt(_ state: inout BitslicedState, interleaving step: (Int) -> Void) {
        roundKeys.withUnsafeBufferPointer { rk in
            guard let k = rk.baseAddress else { return }  // public: never empty after init
            state.addRoundKey(k)
            var r = 1
            while r < rounds {  // public: round count
                state.subBytes()
                step(r &- 1)
                state.shiftRows()
                state.mixColumns()
                state.addRoundKey(k + 8 &* r)
                r &+= 1
            }
            state.subBytes()
            state.shiftRows()
            state.addRoundKey(k + 8 &* rounds)
        }
    }

    /// Encrypts eight consecutive blocks in place at `p` (128 bytes).
    /// - CT: as `encrypt(_:)`.
    @inlinable
    package func encryptEightBlocks(_ p: UnsafeMutableRawPointer) {
        var s = BitslicedState(loading: UnsafeRawPointer(p))
        encrypt(&s)
        s.store(to: p)
    }

    /// Encrypts eight consecutive blocks in place at `p` (128 bytes), running `step` inside the round loop
    /// (see `encrypt(_:interleaving:)`).
    /// - CT: as `encrypt(_:interleaving:)`.
    @inlinable @inline(__always)
    package func encryptEightBlocks(_ p: UnsafeMutableRawPointer, interleaving step: (Int) -> Void) {
        var s = BitslicedState(loading: UnsafeRawPointer(p))
        encrypt(&s, interleaving: step)
        s.store(to: p)
    }

    /// Encrypts one block (convenience for tests and for H / E(J0)).
    package func encryptBlock(_ block: [UInt8]) -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: 128)
        for i in 0..<min(16, block.count) { buf[i] = block[i] }  // public: length
        buf.withUnsafeMutableBytes { b in
            if let base = b.baseAddress { encryptEightBlocks(base) }  // public: non-empty
        }
        return Array(buf[0..<16])
    }
}
