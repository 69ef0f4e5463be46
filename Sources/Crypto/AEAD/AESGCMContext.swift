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
            var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &block) { aes.encryptFourBlocks($0.baseAddress.unsafelyUnwrapped) }
            ghashKey = GHASHKey(hi: UInt64(bigEndian: block.0), lo: UInt64(bigEndian: block.1))
        }

        public func seal(
            in buffer: inout [UInt8], range: Range<Int>, nonce: some Collection<UInt8>,
            authenticating aad: some Collection<UInt8>
        ) throws(CryptoError) -> AEADTag {
            guard nonce.count == 12 else { throw .invalidLength }
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
            guard nonce.count == 12 else { throw .invalidLength }
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
            var j0 = preCounterBlock(nonce)
            if let d = data.baseAddress { counterMode(d, count: data.count, j0: &j0) }  // public: empty or not
            return AEADTag(words: tagWords(j0: &j0, aad: aad, ciphertext: UnsafeRawBufferPointer(data)))
        }

        /// Verifies the (possibly truncated, 1…16 bytes) `tag` over `data` as ciphertext; if it matches, decrypts
        /// `data` in place and returns true; otherwise zeroes `data` and returns false.
        /// SP 800-38D §7.2 (GCM-AD) with the tag check moved before decryption, so plaintext never leaves on
        /// failure. Truncated tags (§5.2.1.2) are only reachable from tests; the public API requires 16 bytes.
        /// - CT: time depends only on lengths; the tag comparison accumulates over all bytes.
        package func openCore(
            nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, data: UnsafeMutableRawBufferPointer,
            tag: UnsafeRawBufferPointer
        ) -> Bool {
            guard tag.count >= 1, tag.count <= 16 else { return false }  // public: tag length
            var j0 = preCounterBlock(nonce)
            let expected = tagWords(j0: &j0, aad: aad, ciphertext: UnsafeRawBufferPointer(data))
            var diff: UInt8 = 0
            withUnsafeBytes(of: expected) { e in
                for i in 0..<tag.count { diff |= e[i] ^ tag[i] }
            }
            let okMask = ConstantTime.isZero(UInt64(diff))
            if let d = data.baseAddress {  // public: empty or not
                // Decrypting and then clearing by mask keeps the work independent of the verdict.
                counterMode(d, count: data.count, j0: &j0)
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
                if let base = nonce.baseAddress { g.update(base, count: nonce.count, key: key) }  // public
                g.finish(aadBytes: 0, textBytes: nonce.count, key: key)
            }
            return (g.yh.bigEndian, g.yl.bigEndian)
        }

        /// Tag = MSB_128(GCTR_K(J0, S)) = E_K(J0) ⊕ GHASH_H(A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]_64 ‖ [len(C)]_64)
        /// (SP 800-38D §7.1 steps 5–6), in memory order.
        @inline(__always)
        func tagWords(j0: inout (UInt64, UInt64), aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer)
            -> (UInt64, UInt64)
        {
            var g = GHASHState()
            ghashKey.table.withUnsafeBufferPointer { k in
                let key = k.baseAddress.unsafelyUnwrapped
                if let a = aad.baseAddress { g.update(a, count: aad.count, key: key) }  // public: empty or not
                if let c = ciphertext.baseAddress { g.update(c, count: ciphertext.count, key: key) }  // public
                g.finish(aadBytes: aad.count, textBytes: ciphertext.count, key: key)
            }
            var blocks: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
                j0.0, j0.1, 0, 0, 0, 0, 0, 0
            )
            withUnsafeMutableBytes(of: &blocks) { aes.encryptFourBlocks($0.baseAddress.unsafelyUnwrapped) }
            return (blocks.0 ^ g.yh.bigEndian, blocks.1 ^ g.yl.bigEndian)
        }

        /// GCTR (SP 800-38D §6.5) from inc32(J0): XORs the key stream into `count` bytes at `p`, four counter
        /// blocks per bitsliced AES call. The counter is the last 32 bits of the block, big-endian, mod 2^32.
        /// - CT: time depends only on `count`.
        @inline(__always)
        func counterMode(_ p: UnsafeMutableRawPointer, count: Int, j0: inout (UInt64, UInt64)) {
            let prefix = j0.0
            let tail = j0.1
            let tailLow = tail & 0x0000_0000_FFFF_FFFF  // bytes 8…11 in memory order (little-endian host)
            var counter = UInt32(bigEndian: UInt32(truncatingIfNeeded: tail >> 32)) &+ 1
            @inline(__always) func block(_ c: UInt32) -> UInt64 { tailLow | (UInt64(c.bigEndian) << 32) }
            var off = 0
            var ks: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            while off < count {  // public: length
                ks = (
                    prefix, block(counter), prefix, block(counter &+ 1), prefix, block(counter &+ 2), prefix,
                    block(counter &+ 3)
                )
                counter &+= 4
                withUnsafeMutableBytes(of: &ks) { k in
                    let kp = k.baseAddress.unsafelyUnwrapped
                    aes.encryptFourBlocks(kp)
                    let n = count &- off
                    if n >= 64 {  // public: length
                        var i = 0
                        while i < 64 {
                            let x = p.loadUnaligned(fromByteOffset: off &+ i, as: UInt64.self)
                                ^ kp.load(fromByteOffset: i, as: UInt64.self)
                            p.storeBytes(of: x, toByteOffset: off &+ i, as: UInt64.self)
                            i &+= 8
                        }
                    } else {
                        for i in 0..<n {
                            let x = p.load(fromByteOffset: off &+ i, as: UInt8.self)
                                ^ kp.load(fromByteOffset: i, as: UInt8.self)
                            p.storeBytes(of: x, toByteOffset: off &+ i, as: UInt8.self)
                        }
                    }
                }
                off &+= 64
            }
        }
    }
}
