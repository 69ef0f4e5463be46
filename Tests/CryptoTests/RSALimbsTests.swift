// SPDX-License-Identifier: Apache-2.0
// OS2IP/I2OSP on limbs (RFC 8017 §4.1, §4.2) against a byte-by-byte reference.

import ContrastCrypto
import TestSupport
import Testing

@Suite("RSA limb conversions")
struct RSALimbsTests {
    @Test("I2OSP matches a byte-by-byte reference for every length, truncating and zero-padding")
    func toBigEndianMatchesReference() throws {
        var random = DeterministicRandom(seed: 0x1205)
        for count in 0...5 {
            let x = (0..<count).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
            for length in 0...48 {
                // Byte i from the end is byte i % 8 of limb i / 8, or zero past the limbs.
                var expected = [UInt8](repeating: 0, count: length)
                for i in 0..<length where i / 8 < count {
                    expected[length - 1 - i] = UInt8(truncatingIfNeeded: x[i / 8] >> UInt64(8 * (i % 8)))
                }
                #expect(Limbs.toBigEndian(x, length: length) == expected, "count \(count), length \(length)")
            }
            #expect(try Limbs.fromBigEndian(Limbs.toBigEndian(x, length: 8 * count), count: count) == x)
        }
    }
}
