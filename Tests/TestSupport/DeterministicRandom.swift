// SPDX-License-Identifier: Apache-2.0
// A seeded, reproducible byte source for tests (xoshiro256**; NOT cryptographic).

import ContrastCrypto

/// Reproducible pseudo-random bytes for tests and property checks. Never use outside tests.
public struct DeterministicRandom: RandomSource, RandomNumberGenerator {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) {
        var z = seed
        func splitmix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        var i = 0
        while i < buffer.count {
            var v = next()
            for _ in 0..<8 where i < buffer.count {
                buffer[i] = UInt8(truncatingIfNeeded: v)
                v >>= 8
                i += 1
            }
        }
    }

    /// `count` reproducible bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { b in
            var i = 0
            while i < b.count {
                var v = next()
                for _ in 0..<8 where i < b.count { b[i] = UInt8(truncatingIfNeeded: v); v >>= 8; i += 1 }
            }
        }
        return out
    }
}
