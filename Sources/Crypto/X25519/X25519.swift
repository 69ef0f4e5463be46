// SPDX-License-Identifier: Apache-2.0
// The X25519 function (RFC 7748 §5): clamping and the constant-time Montgomery ladder.
// CT-FILE

/// X25519 scalar multiplication on the Montgomery u-line.
enum X25519 {
    /// The u-coordinate of the base point (RFC 7748 §4.1: u = 9).
    static let basePoint: [UInt8] = [9] + [UInt8](repeating: 0, count: 31)

    /// X25519(k, u) per RFC 7748 §5: clamps `scalar`, decodes `u` (top bit masked, non-canonical values
    /// accepted), runs the ladder and returns the canonical 32-byte result. Does not reject the all-zero
    /// output; the key-agreement API does that.
    /// - Precondition: both inputs are 32 bytes (checked by the callers; public).
    /// - CT: 255 ladder steps whatever the scalar; swaps are masked; the inversion exponent is public.
    static func scalarMultiply(scalar: [UInt8], u: [UInt8]) -> [UInt8] {
        precondition(scalar.count == 32 && u.count == 32, "X25519: inputs are 32 bytes")  // public: lengths
        // RFC 7748 §5 decodeScalar25519: clear bits 0, 1, 2 and 255, set bit 254.
        var k = scalar
        k[0] &= 248
        k[31] &= 127
        k[31] |= 64
        let x1 = u.withUnsafeBytes { Field25519(decoding: $0) }
        let result = k.withUnsafeBytes { ladder(scalar: $0, x1: x1) }
        for i in k.indices { k[i] = 0 }
        return result.encoded
    }

    /// The Montgomery ladder of RFC 7748 §5 (x_2/z_2 = k·P, x_3/z_3 = (k+1)·P, projective), then x_2/z_2.
    @inline(__always)
    static func ladder(scalar k: UnsafeRawBufferPointer, x1: Field25519) -> Field25519 {
        var x2 = Field25519.one
        var z2 = Field25519.zero
        var x3 = x1
        var z3 = Field25519.one
        var swap: UInt64 = 0
        var t = 254
        while t >= 0 {  // public: fixed count
            let bit = UInt64(k[t >> 3] >> UInt8(t & 7)) & 1  // index t is public; the value is secret
            swap ^= bit
            let mask = ConstantTime.mask(fromBit: swap)
            Field25519.conditionalSwap(&x2, &x3, mask)
            Field25519.conditionalSwap(&z2, &z3, mask)
            swap = bit

            let a = x2 + z2
            let aa = a.squared()
            let b = x2 - z2
            let bb = b.squared()
            let e = aa - bb
            let c = x3 + z3
            let d = x3 - z3
            let da = d * a
            let cb = c * b
            x3 = (da + cb).squared()
            z3 = x1 * (da - cb).squared()
            x2 = aa * bb
            z2 = e * (aa + e.times121665())
            t -= 1
        }
        let mask = ConstantTime.mask(fromBit: swap)
        Field25519.conditionalSwap(&x2, &x3, mask)
        Field25519.conditionalSwap(&z2, &z3, mask)
        return x2 * z2.inverted()
    }
}
