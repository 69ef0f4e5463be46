// SPDX-License-Identifier: Apache-2.0
// ChaCha20-Poly1305 AEAD construction (RFC 8439 §2.8) as a reusable in-place context.
// CT-FILE

/// Namespace for ChaCha20-Poly1305, in swift-crypto's shape.
public enum ChaChaPoly {}

extension ChaChaPoly {
    /// A ChaCha20-Poly1305 key ready for many messages; `seal`/`open` work in place and do not allocate.
    public struct Context: AEADContext {
        public static var keyByteCounts: [Int] { [32] }
        public static var nonceByteCount: Int { 12 }
        public static var tagByteCount: Int { 16 }

        @usableFromInline let cipher: ChaCha20

        /// - Throws: `CryptoError.invalidLength` unless the key is 256 bits.
        public init(key: SymmetricKey) throws(CryptoError) {
            guard key.bitCount == 256 else { throw .invalidLength }  // public: key length
            cipher = key.withUnsafeBytes { ChaCha20(key: $0) }
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

        /// Encrypts `data` in place (12-byte `nonce`, checked by the caller) and returns the tag.
        /// - CT: time depends only on the lengths of aad and data.
        package func sealCore(
            nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, data: UnsafeMutableRawBufferPointer
        ) -> AEADTag {
            let n = Self.nonceWords(nonce)
            var mac = oneTimeAuthenticator(n)
            if let d = data.baseAddress { cipher.xorKeyStream(d, count: data.count, counter: 1, nonce: n) }  // public
            return AEADTag(words: Self.authenticate(&mac, aad: aad, ciphertext: UnsafeRawBufferPointer(data)))
        }

        /// Verifies the 16-byte `tag` over `data` (ciphertext); decrypts in place and returns true if it
        /// matches, else zeroes `data` and returns false. Nothing is decrypted before the check.
        /// - CT: time depends only on lengths; the comparison accumulates over all 16 bytes.
        package func openCore(
            nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, data: UnsafeMutableRawBufferPointer,
            tag: UnsafeRawBufferPointer
        ) -> Bool {
            guard tag.count == 16 else { return false }  // public: tag length
            let n = Self.nonceWords(nonce)
            var mac = oneTimeAuthenticator(n)
            let expected = Self.authenticate(&mac, aad: aad, ciphertext: UnsafeRawBufferPointer(data))
            let t0 = tag.loadUnaligned(as: UInt64.self), t1 = tag.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let okMask = ConstantTime.isZero((t0 ^ expected.0) | (t1 ^ expected.1))
            if let d = data.baseAddress {  // public: empty or not
                cipher.xorKeyStream(d, count: data.count, counter: 1, nonce: n)
                let keep = UInt8(truncatingIfNeeded: okMask)
                for i in 0..<data.count { data[i] &= keep }
            }
            return okMask == ~0  // public: the verdict
        }

        @inline(__always)
        static func nonceWords(_ nonce: UnsafeRawBufferPointer) -> (UInt32, UInt32, UInt32) {
            (Bytes.loadLittleEndian32(nonce, 0), Bytes.loadLittleEndian32(nonce, 4), Bytes.loadLittleEndian32(nonce, 8))
        }

        /// The Poly1305 key: the first 32 bytes of ChaCha20 block 0 (RFC 8439 §2.6).
        @inline(__always)
        func oneTimeAuthenticator(_ n: (UInt32, UInt32, UInt32)) -> Poly1305 {
            var block = (SIMD16<UInt32>(), SIMD16<UInt32>(), SIMD16<UInt32>(), SIMD16<UInt32>())
            return withUnsafeMutableBytes(of: &block) { b in
                let p = b.baseAddress.unsafelyUnwrapped
                cipher.fourBlocks(counter: 0, nonce: n, into: p)
                let mac = Poly1305(key: UnsafeRawPointer(p))
                b.initializeMemory(as: UInt8.self, repeating: 0)
                return mac
            }
        }

        /// Poly1305 over aad ‖ pad16 ‖ ciphertext ‖ pad16 ‖ le64(len aad) ‖ le64(len ciphertext) (RFC 8439 §2.8).
        @inline(__always)
        static func authenticate(_ mac: inout Poly1305, aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer)
            -> (UInt64, UInt64)
        {
            absorbPadded(&mac, aad)
            absorbPadded(&mac, ciphertext)
            let lengths = (UInt64(aad.count).littleEndian, UInt64(ciphertext.count).littleEndian)
            withUnsafeBytes(of: lengths) { mac.absorb($0.baseAddress.unsafelyUnwrapped, blocks: 1) }
            return mac.tag()
        }

        /// Absorbs `bytes` followed by zero padding to a multiple of 16 (every block with the 2^128 bit).
        @inline(__always)
        static func absorbPadded(_ mac: inout Poly1305, _ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress else { return }  // public: empty
            let full = bytes.count / 16
            mac.absorb(base, blocks: full)
            let rest = bytes.count % 16
            if rest > 0 {  // public: length
                var last: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &last) { $0.baseAddress.unsafelyUnwrapped.copyMemory(from: base + 16 * full, byteCount: rest) }
                withUnsafeBytes(of: last) { mac.absorb($0.baseAddress.unsafelyUnwrapped, blocks: 1) }
            }
        }
    }
}
