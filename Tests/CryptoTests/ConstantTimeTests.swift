// SPDX-License-Identifier: Apache-2.0
// Constant-time helpers: exhaustive small-range checks against the obvious branching definitions.

import ContrastCrypto
import Testing
import TestSupport

@Suite("ConstantTime")
struct ConstantTimeTests {
    let samples: [UInt64] = [0, 1, 2, 0x7F, 0x80, 0xFF, 1 << 32, (1 << 63) - 1, 1 << 63, (1 << 63) + 1, ~0 - 1, ~0]

    @Test("isZero, isEqual and isLess agree with ==, < on boundary values")
    func masks() {
        for a in samples {
            #expect(ConstantTime.isZero(a) == (a == 0 ? ~0 : 0), "isZero(\(a))")
            for b in samples {
                #expect(ConstantTime.isEqual(a, b) == (a == b ? ~0 : 0), "isEqual(\(a), \(b))")
                #expect(ConstantTime.isLess(a, b) == (a < b ? ~0 : 0), "isLess(\(a), \(b))")
                #expect(ConstantTime.select(~0, a, b) == a)
                #expect(ConstantTime.select(0, a, b) == b)
            }
        }
    }

    @Test("isLess agrees with < on random values")
    func randomLess() {
        var rng = DeterministicRandom(seed: 1)
        for _ in 0..<10_000 {
            let a = rng.next() >> (rng.next() % 64)
            let b = rng.next() >> (rng.next() % 64)
            #expect(ConstantTime.isLess(a, b) == (a < b ? ~0 : 0), "isLess(\(a), \(b))")
        }
    }

    @Test("equals compares contents and lengths")
    func equality() {
        #expect(constantTimeEquals([UInt8](), [UInt8]()))
        #expect(constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(!constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(!constantTimeEquals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        for i in 0..<32 {
            var b = [UInt8](repeating: 7, count: 32)
            b[i] ^= 0x80
            #expect(!constantTimeEquals([UInt8](repeating: 7, count: 32), b), "differs at \(i)")
        }
    }

    @Test("conditionalCopy copies only under an all-ones mask")
    func conditionalCopy() {
        var d: [UInt8] = [1, 2, 3]
        ConstantTime.conditionalCopy(0, from: [9, 9, 9], into: &d)
        #expect(d == [1, 2, 3])
        ConstantTime.conditionalCopy(~0, from: [9, 8, 7], into: &d)
        #expect(d == [9, 8, 7])
    }

    @Test("hex round-trips and rejects malformed input")
    func hex() throws {
        #expect(try [UInt8](hexString: "00ff10Ab") == [0x00, 0xFF, 0x10, 0xAB])
        #expect([UInt8]([0x00, 0xFF, 0x10, 0xAB]).hexString == "00ff10ab")
        #expect(throws: CryptoError.invalidEncoding) { try [UInt8](hexString: "abc") }
        #expect(throws: CryptoError.invalidEncoding) { try [UInt8](hexString: "zz") }
        var rng = DeterministicRandom(seed: 2)
        for n in 0..<64 {
            let b = rng.bytes(n)
            #expect(try [UInt8](hexString: b.hexString) == b)
            #expect(b.hexString == Hex.encode(b))
        }
    }

    @Test("the system random source fills buffers of every small size")
    func systemRandom() throws {
        for n in [0, 1, 31, 32, 33, 256, 4096] {
            let a = try SystemRandom.bytes(count: n)
            #expect(a.count == n)
        }
        let a = try SystemRandom.bytes(count: 32)
        let b = try SystemRandom.bytes(count: 32)
        #expect(a != b, "two 256-bit draws collided")
    }
}
