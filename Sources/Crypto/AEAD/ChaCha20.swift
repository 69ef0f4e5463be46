// SPDX-License-Identifier: Apache-2.0
// ChaCha20 stream cipher (RFC 8439 §2.1–2.4), four blocks at a time in SIMD4<UInt32> lanes.
// CT-FILE

/// A ChaCha20 key with a 96-bit nonce (RFC 8439 §2.3): 32-bit block counter, words little-endian.
@usableFromInline
package struct ChaCha20: Sendable {
    /// Key words k0…k7 (RFC 8439 §2.3 state words 4…11).
    @usableFromInline let key: SIMD8<UInt32>

    /// - Precondition: `key` is 32 bytes (checked by the callers, public).
    package init(key: UnsafeRawBufferPointer) {
        var k = SIMD8<UInt32>()
        for i in 0..<8 { k[i] = Bytes.loadLittleEndian32(key, 4 * i) }
        self.key = k
    }

    /// XORs the key stream for `nonce` starting at block `counter` into `count` bytes at `p`
    /// (RFC 8439 §2.4). Encryption and decryption are the same operation.
    /// - CT: add-rotate-xor only; time depends only on `count`.
    @inlinable
    package func xorKeyStream(
        _ p: UnsafeMutableRawPointer, count: Int, counter: UInt32, nonce: (UInt32, UInt32, UInt32)
    ) {
        var off = 0
        var ctr = counter
        var ks: (SIMD16<UInt32>, SIMD16<UInt32>, SIMD16<UInt32>, SIMD16<UInt32>) = (.init(), .init(), .init(), .init())
        while count &- off >= 256 {  // public: length
            withUnsafeMutableBytes(of: &ks) { k in
                fourBlocks(counter: ctr, nonce: nonce, into: k.baseAddress.unsafelyUnwrapped)
                let kp = k.baseAddress.unsafelyUnwrapped
                var i = 0
                while i < 256 {
                    let x = p.loadUnaligned(fromByteOffset: off &+ i, as: SIMD4<UInt32>.self)
                        ^ kp.load(fromByteOffset: i, as: SIMD4<UInt32>.self)
                    p.storeBytes(of: x, toByteOffset: off &+ i, as: SIMD4<UInt32>.self)
                    i &+= 16
                }
            }
            ctr &+= 4
            off &+= 256
        }
        let rest = count &- off
        if rest > 0 {  // public: length
            withUnsafeMutableBytes(of: &ks) { k in
                let kp = k.baseAddress.unsafelyUnwrapped
                fourBlocks(counter: ctr, nonce: nonce, into: kp)
                for i in 0..<rest {
                    let x = p.load(fromByteOffset: off &+ i, as: UInt8.self) ^ kp.load(fromByteOffset: i, as: UInt8.self)
                    p.storeBytes(of: x, toByteOffset: off &+ i, as: UInt8.self)
                }
                k.initializeMemory(as: UInt8.self, repeating: 0)
            }
        }
    }

    /// Writes the key-stream blocks `counter` … `counter + 3` (256 bytes) to `out` (RFC 8439 §2.3).
    ///
    /// Lane j of vector x_i is state word i of block counter + j ("vertical" layout, no shuffles in the
    /// rounds); the result is transposed 4×4 at a time on the way out.
    /// - CT: add-rotate-xor only.
    @inlinable @inline(__always)
    package func fourBlocks(counter: UInt32, nonce: (UInt32, UInt32, UInt32), into out: UnsafeMutableRawPointer) {
        @inline(__always) func rotl(_ x: SIMD4<UInt32>, _ n: UInt32) -> SIMD4<UInt32> {
            (x &<< n) | (x &>> (32 &- n))
        }
        // RFC 8439 §2.3: constants "expand 32-byte k", key, counter, nonce.
        let i0 = SIMD4<UInt32>(repeating: 0x6170_7865), i1 = SIMD4<UInt32>(repeating: 0x3320_646e)
        let i2 = SIMD4<UInt32>(repeating: 0x7962_2d32), i3 = SIMD4<UInt32>(repeating: 0x6b20_6574)
        let i4 = SIMD4(repeating: key[0]), i5 = SIMD4(repeating: key[1]), i6 = SIMD4(repeating: key[2])
        let i7 = SIMD4(repeating: key[3]), i8 = SIMD4(repeating: key[4]), i9 = SIMD4(repeating: key[5])
        let i10 = SIMD4(repeating: key[6]), i11 = SIMD4(repeating: key[7])
        let i12 = SIMD4(repeating: counter) &+ SIMD4<UInt32>(0, 1, 2, 3)
        let i13 = SIMD4(repeating: nonce.0), i14 = SIMD4(repeating: nonce.1), i15 = SIMD4(repeating: nonce.2)
        var x0 = i0, x1 = i1, x2 = i2, x3 = i3, x4 = i4, x5 = i5, x6 = i6, x7 = i7
        var x8 = i8, x9 = i9, x10 = i10, x11 = i11, x12 = i12, x13 = i13, x14 = i14, x15 = i15
        // RFC 8439 §2.1 quarter round.
        @inline(__always) func qr(
            _ a: inout SIMD4<UInt32>, _ b: inout SIMD4<UInt32>, _ c: inout SIMD4<UInt32>, _ d: inout SIMD4<UInt32>
        ) {
            a &+= b; d ^= a; d = rotl(d, 16)
            c &+= d; b ^= c; b = rotl(b, 12)
            a &+= b; d ^= a; d = rotl(d, 8)
            c &+= d; b ^= c; b = rotl(b, 7)
        }
        for _ in 0..<10 {  // 20 rounds = 10 × (column round + diagonal round), RFC 8439 §2.3
            qr(&x0, &x4, &x8, &x12); qr(&x1, &x5, &x9, &x13); qr(&x2, &x6, &x10, &x14); qr(&x3, &x7, &x11, &x15)
            qr(&x0, &x5, &x10, &x15); qr(&x1, &x6, &x11, &x12); qr(&x2, &x7, &x8, &x13); qr(&x3, &x4, &x9, &x14)
        }
        x0 &+= i0; x1 &+= i1; x2 &+= i2; x3 &+= i3; x4 &+= i4; x5 &+= i5; x6 &+= i6; x7 &+= i7
        x8 &+= i8; x9 &+= i9; x10 &+= i10; x11 &+= i11; x12 &+= i12; x13 &+= i13; x14 &+= i14; x15 &+= i15
        // Transpose: block j, words 4k…4k+3 = lane j of x_{4k}…x_{4k+3}; little-endian serialisation (§2.3).
        @inline(__always) func put(_ k: Int, _ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>, _ c: SIMD4<UInt32>, _ d: SIMD4<UInt32>) {
            // Interleave in two steps as unpacklo/hi would.
            let ab0 = SIMD4(a[0], b[0], a[1], b[1]), ab1 = SIMD4(a[2], b[2], a[3], b[3])
            let cd0 = SIMD4(c[0], d[0], c[1], d[1]), cd1 = SIMD4(c[2], d[2], c[3], d[3])
            let r0 = SIMD4(ab0[0], ab0[1], cd0[0], cd0[1]), r1 = SIMD4(ab0[2], ab0[3], cd0[2], cd0[3])
            let r2 = SIMD4(ab1[0], ab1[1], cd1[0], cd1[1]), r3 = SIMD4(ab1[2], ab1[3], cd1[2], cd1[3])
            out.storeBytes(of: r0.littleEndianWords, toByteOffset: 16 &* k, as: SIMD4<UInt32>.self)
            out.storeBytes(of: r1.littleEndianWords, toByteOffset: 64 &+ 16 &* k, as: SIMD4<UInt32>.self)
            out.storeBytes(of: r2.littleEndianWords, toByteOffset: 128 &+ 16 &* k, as: SIMD4<UInt32>.self)
            out.storeBytes(of: r3.littleEndianWords, toByteOffset: 192 &+ 16 &* k, as: SIMD4<UInt32>.self)
        }
        put(0, x0, x1, x2, x3)
        put(1, x4, x5, x6, x7)
        put(2, x8, x9, x10, x11)
        put(3, x12, x13, x14, x15)
    }
}

extension SIMD4 where Scalar == UInt32 {
    /// The lanes in little-endian byte order (identity on little-endian hosts).
    @inlinable @inline(__always)
    var littleEndianWords: SIMD4<UInt32> {
        SIMD4(self[0].littleEndian, self[1].littleEndian, self[2].littleEndian, self[3].littleEndian)
    }
}
