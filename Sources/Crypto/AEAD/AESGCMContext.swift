// SPDX-License-Identifier: Apache-2.0
// AES-GCM authenticated encryption (SP 800-38D §7.1–7.2) over the bitsliced AES and constant-time GHASH.
// CT-FILE

/// Namespace for AES modes, in swift-crypto's shape.
public enum AES {}

extension AES {
    /// AES in Galois/Counter Mode (SP 800-38D) with 16-byte tags.
    public enum GCM {}
}

extension AES.GCM {
    /// An expanded AES-GCM key: AES round keys and GHASH powers H…H^4, computed once and reused for any
    /// number of messages. `seal`/`open` work in place and do not allocate.
    public struct Context: AEADContext {
        public static var keyByteCounts: [Int] { [16, 24, 32] }
        public static var nonceByteCount: Int { 12 }
        public static var tagByteCount: Int { 16 }

        @usableFromInline let aes: AESBitsliced
        @usableFromInline let ghashKey: GHASHKey

        /// Expands a 128-, 192- or 256-bit key.
        /// - Throws: `CryptoError.invalidLength` for other key sizes.
        /// - CT: depends only on the key length.
        public init(key: SymmetricKey) throws(CryptoError) {
            let n = key.bitCount / 8
            guard n == 16 || n == 24 || n == 32 else { throw .invalidLength }  // public: key length
            let aes = key.withUnsafeBytes { AESBitsliced(checkedKey: $0) }
            self.aes = aes
            // H = CIPH_K(0^128) (SP 800-38D §7.1 step 1).
            var block: EightBlocks = (.init(), .init(), .init(), .init(), .init(), .init(), .init(), .init())
            withUnsafeMutableBytes(of: &block) { aes.encryptEightBlocks($0.baseAddress.unsafelyUnwrapped) }
            ghashKey = GHASHKey(hi: UInt64(bigEndian: block.0[0]), lo: UInt64(bigEndian: block.0[1]))
        }

        public func seal(
            in buffer: inout [UInt8], range: Range<Int>, nonce: some Collection<UInt8>,
            authenticating aad: some Collection<UInt8>
        ) throws(CryptoError) -> AEADTag {
            guard nonce.count == 12 else { throw .invalidLength }  // public: nonce length
            try checkRange(range, count: buffer.count)
            return withContiguousBytes(nonce) { n in
                withContiguousBytes(aad) { a in
                    buffer.withUnsafeMutableBytes { b in
                        sealCore(nonce: n, aad: a, data: UnsafeMutableRawBufferPointer(rebasing: b[range]))
                    }
                }
            }
        }

        public func open(
            in buffer: inout [UInt8], range: Range<Int>, nonce: some Collection<UInt8>,
            authenticating aad: some Collection<UInt8>, tag: AEADTag
        ) throws(CryptoError) {
            guard nonce.count == 12 else { throw .invalidLength }  // public: nonce length
            try checkRange(range, count: buffer.count)
            let ok = withContiguousBytes(nonce) { n in
                withContiguousBytes(aad) { a in
                    tag.withUnsafeBytes { t in
                        buffer.withUnsafeMutableBytes { b in
                            openCore(nonce: n, aad: a, data: UnsafeMutableRawBufferPointer(rebasing: b[range]), tag: t)
                        }
                    }
                }
            }
            guard ok else { throw .authenticationFailure }  // public: the verdict
        }

        /// Encrypts `data` in place under any nonce length ≥ 1 byte and returns the full 16-byte tag.
        /// - CT: time depends only on the lengths of nonce, aad and data.
        package func sealCore(
            nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, data: UnsafeMutableRawBufferPointer
        ) -> AEADTag {
            let j0 = preCounterBlock(nonce)
            return AEADTag(words: tagWords(j0: j0, aad: aad, data: data, decrypting: false))
        }

        /// Verifies the (possibly truncated, 1…16 bytes) `tag` over `data` as ciphertext; if it matches, decrypts
        /// `data` in place and returns true; otherwise zeroes `data` and returns false.
        /// SP 800-38D §7.2 (GCM-AD). Decryption and GHASH over the ciphertext run in one pass, but the plaintext
        /// is masked to zero below unless the tag matched, so plaintext never leaves on failure.
        /// Truncated tags (§5.2.1.2) are only reachable from tests; the public API requires 16 bytes.
        /// - CT: time depends only on lengths; the tag comparison accumulates over all bytes.
        package func openCore(
            nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, data: UnsafeMutableRawBufferPointer,
            tag: UnsafeRawBufferPointer
        ) -> Bool {
            guard tag.count >= 1, tag.count <= 16 else { return false }  // public: tag length
            let j0 = preCounterBlock(nonce)
            let expected = tagWords(j0: j0, aad: aad, data: data, decrypting: true)
            var diff: UInt8 = 0
            withUnsafeBytes(of: expected) { e in
                for i in 0..<tag.count { diff |= e[i] ^ tag[i] }
            }
            let okMask = ConstantTime.isZero(UInt64(diff))
            if let d = data.baseAddress {  // public: empty or not
                // The work is the same for either verdict: the plaintext is always cleared by mask.
                let keep = UInt8(truncatingIfNeeded: okMask)
                for i in 0..<data.count { d.storeBytes(of: data[i] & keep, toByteOffset: i, as: UInt8.self) }
            }
            return okMask == ~0  // public: the verdict
        }

        /// J0 (SP 800-38D §7.1 step 2): IV ‖ 0^31 ‖ 1 for a 96-bit IV, else GHASH(IV ‖ 0^(s+64) ‖ [len(IV)]_64).
        /// Returned as 16 bytes in memory order.
        @inline(__always)
        func preCounterBlock(_ nonce: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
            if nonce.count == 12 {  // public: nonce length
                var j: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &j) { p in
                    p.copyMemory(from: nonce)
                    p[15] = 1
                }
                return j
            }
            var g = GHASHState()
            ghashKey.table.withUnsafeBufferPointer { k in
                let key = k.baseAddress.unsafelyUnwrapped
                if let base = nonce.baseAddress { g.update(base, count: nonce.count, key: key) }  // public: lengths
                g.finish(aadBytes: 0, textBytes: nonce.count, key: key)
            }
            return (g.yh.bigEndian, g.yl.bigEndian)
        }

        /// Runs GCTR (SP 800-38D §6.5) over `data` in place and returns the tag
        /// MSB_128(GCTR_K(J0, S)) = E_K(J0) ⊕ GHASH_H(A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]_64 ‖ [len(C)]_64)
        /// (SP 800-38D §7.1 steps 5–6, §7.2 steps 6–8), in memory order. C is the output when sealing and the
        /// input when opening (`decrypting`).
        /// - CT: time depends only on the lengths of aad and data.
        @inline(__always)
        func tagWords(
            j0: (UInt64, UInt64), aad: UnsafeRawBufferPointer, data: UnsafeMutableRawBufferPointer, decrypting: Bool
        ) -> (UInt64, UInt64) {
            var g = GHASHState()
            ghashKey.table.withUnsafeBufferPointer { k in
                let key = k.baseAddress.unsafelyUnwrapped
                if let a = aad.baseAddress { g.update(a, count: aad.count, key: key) }  // public: empty or not
                if let d = data.baseAddress {  // public: empty or not
                    counterModeAndGHASH(d, count: data.count, j0: j0, ghash: &g, key: key, decrypting: decrypting)
                }
                g.finish(aadBytes: aad.count, textBytes: data.count, key: key)
            }
            var blocks: EightBlocks = (.init(), .init(), .init(), .init(), .init(), .init(), .init(), .init())
            blocks.0 = SIMD2(j0.0, j0.1)
            withUnsafeMutableBytes(of: &blocks) { aes.encryptEightBlocks($0.baseAddress.unsafelyUnwrapped) }
            return (blocks.0[0] ^ g.yh.bigEndian, blocks.0[1] ^ g.yl.bigEndian)
        }

        /// GCTR (SP 800-38D §6.5) from inc32(J0), stitched with GHASH over the ciphertext: XORs the key stream
        /// into `count` bytes at `p`, eight counter blocks per bitsliced AES call, and absorbs the ciphertext
        /// into `g`. The counter is the last 32 bits of the block, big-endian, mod 2^32. (Words are assembled
        /// for a little-endian host, as on every platform Swift targets here.)
        ///
        /// Why stitched: bitsliced AES keeps the SIMD units busy and GHASH the scalar multiplier, so GHASH of
        /// one 128-byte batch runs inside the AES rounds of another (one Karatsuba product per round, reduced
        /// once per four blocks as in `GHASHState.update`) and the core overlaps them. Sealing hashes the
        /// previous batch's ciphertext (already written); opening hashes this batch's ciphertext, which is
        /// read before the key stream is XORed over it. A final partial batch is hashed outside the rounds.
        /// - CT: time depends only on `count`; branches below depend on lengths and round indices only.
        @inline(__always)
        func counterModeAndGHASH(
            _ p: UnsafeMutableRawPointer, count: Int, j0: (UInt64, UInt64), ghash g: inout GHASHState,
            key: UnsafePointer<UInt64>, decrypting: Bool
        ) {
            let prefix = j0.0
            let tailLow = j0.1 & 0x0000_0000_FFFF_FFFF  // bytes 8…11 in memory order
            var counter = UInt32(bigEndian: UInt32(truncatingIfNeeded: j0.1 >> 32)) &+ 1
            var off = 0
            var ks: EightBlocks = (.init(), .init(), .init(), .init(), .init(), .init(), .init(), .init())
            // Unreduced sum of the products of the current group of four blocks.
            var acc: GHASHState.GroupSum = (0, 0, 0, 0)
            while off < count {  // public: length
                let n = count &- off
                let hashing = decrypting ? n >= 128 : off > 0  // public: length
                let h = UnsafeRawPointer(p + (decrypting ? off : off &- 128))  // public: offsets
                if decrypting && n < 128 { g.update(p + off, count: n, key: key) }  // public: length
                withUnsafeMutableBytes(of: &ks) { k in
                    let kp = k.baseAddress.unsafelyUnwrapped
                    for i in 0..<8 {
                        kp.storeBytes(of: prefix, toByteOffset: 16 &* i, as: UInt64.self)
                        let c = UInt64((counter &+ UInt32(truncatingIfNeeded: i)).bigEndian) << 32
                        kp.storeBytes(of: tailLow | c, toByteOffset: 16 &* i &+ 8, as: UInt64.self)
                    }
                    aes.encryptEightBlocks(kp) { i in
                        // Block i of the batch, in round i: two groups of four per batch.
                        guard hashing, i < 8 else { return }  // public: length, round index
                        g.absorb(groupBlock: i & 3, h + 16 &* i, &acc, key: key)
                    }
                    if n >= 128 {  // public: length
                        var i = 0
                        while i < 128 {
                            let x = p.loadUnaligned(fromByteOffset: off &+ i, as: SIMD2<UInt64>.self)
                                ^ kp.load(fromByteOffset: i, as: SIMD2<UInt64>.self)
                            p.storeBytes(of: x, toByteOffset: off &+ i, as: SIMD2<UInt64>.self)
                            i &+= 16
                        }
                    } else {
                        for i in 0..<n {
                            let x = p.load(fromByteOffset: off &+ i, as: UInt8.self)
                                ^ kp.load(fromByteOffset: i, as: UInt8.self)
                            p.storeBytes(of: x, toByteOffset: off &+ i, as: UInt8.self)
                        }
                    }
                }
                counter &+= 8
                off &+= 128
            }
            if !decrypting && count > 0 {  // public: length
                // The last batch (whole or partial) of ciphertext, not yet hashed.
                let last = (count &- 1) / 128 &* 128
                g.update(p + last, count: count &- last, key: key)
            }
        }
    }
}

/// 128 bytes of stack storage for one batch of eight AES blocks, 16-byte aligned.
@usableFromInline
typealias EightBlocks = (
    SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>,
    SIMD2<UInt64>
)
