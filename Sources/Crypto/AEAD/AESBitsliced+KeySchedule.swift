// SPDX-License-Identifier: Apache-2.0
// Constant-time AES key expansion (FIPS 197 §5.2) with the bitsliced S-box, and round keys in bitsliced form.
// CT-FILE

extension AESBitsliced {
    /// Expands a 16/24/32-byte key into bitsliced round keys.
    /// - CT: SubWord runs through the bitsliced S-box; loop bounds depend only on the key length.
    static func expandKey(_ key: UnsafeRawBufferPointer) -> ([UInt64], Int) {
        let nk = key.count / 4  // public: key length
        let nr = nk + 6
        let total = 4 * (nr + 1)
        // Words hold their four bytes little-endian: byte 0 of the word is the low byte.
        var w = [UInt32](repeating: 0, count: total)
        for i in 0..<nk {
            w[i] = Bytes.loadLittleEndian32(key, 4 * i)
        }
        var rcon: UInt32 = 1
        for i in nk..<total {
            var temp = w[i - 1]
            if i % nk == 0 {  // public: word index
                // RotWord then SubWord, then Rcon into the first byte (FIPS 197 §5.2).
                temp = subWord((temp >> 8) | (temp << 24)) ^ rcon
                rcon = (rcon << 1) ^ (0x11B & (0 &- (rcon >> 7)))  // xtime in GF(2^8), public constant
            } else if nk > 6 && i % nk == 4 {  // public: word index, AES-256 only
                temp = subWord(temp)
            }
            w[i] = w[i - nk] ^ temp
        }
        // Bitslice each round key replicated over the four lanes.
        var out = [UInt64](repeating: 0, count: 8 * (nr + 1))
        var block = [UInt8](repeating: 0, count: 64)
        for r in 0...nr {
            for lane in 0..<4 {
                for c in 0..<4 {
                    let word = w[4 * r + c]
                    for b in 0..<4 {
                        block[16 * lane + 4 * c + b] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(b)))
                    }
                }
            }
            let s = block.withUnsafeBytes { p in BitslicedState(loading: p.baseAddress.unsafelyUnwrapped) }
            out[8 * r + 0] = s.q0; out[8 * r + 1] = s.q1; out[8 * r + 2] = s.q2; out[8 * r + 3] = s.q3
            out[8 * r + 4] = s.q4; out[8 * r + 5] = s.q5; out[8 * r + 6] = s.q6; out[8 * r + 7] = s.q7
        }
        for i in w.indices { w[i] = 0 }
        for i in block.indices { block[i] = 0 }
        return (out, nr)
    }

    /// SubWord: the S-box applied to each byte of `x`, computed by the bitsliced circuit.
    /// - CT: boolean operations only.
    static func subWord(_ x: UInt32) -> UInt32 {
        var buf: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (UInt64(x).littleEndian, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &buf) { p in
            let base = p.baseAddress.unsafelyUnwrapped  // a tuple always has storage
            var s = BitslicedState(loading: UnsafeRawPointer(base))
            s.subBytes()
            s.store(to: base)
            let r = UInt32(truncatingIfNeeded: UInt64(littleEndian: base.load(as: UInt64.self)))
            return r
        }
    }
}
