// SPDX-License-Identifier: Apache-2.0
// MGF1, the mask generation function of RFC 8017 §B.2.1.

extension RSA.HashAlgorithm {
    /// MGF1(seed, length): the concatenation of Hash(seed ‖ C) for the 4-byte counters C = 0, 1, …, truncated
    /// to `length` bytes (RFC 8017 §B.2.1; the 2^32·hLen limit cannot be reached by RSA-sized masks).
    /// - CT: time depends only on `seed.count` and `length`.
    package func mgf1(seed: some Collection<UInt8>, length: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(length + byteCount)
        var input = Array(seed)
        let seedCount = input.count
        input.append(contentsOf: [0, 0, 0, 0])
        var counter: UInt32 = 0
        while out.count < length {
            input[seedCount] = UInt8(truncatingIfNeeded: counter >> 24)
            input[seedCount + 1] = UInt8(truncatingIfNeeded: counter >> 16)
            input[seedCount + 2] = UInt8(truncatingIfNeeded: counter >> 8)
            input[seedCount + 3] = UInt8(truncatingIfNeeded: counter)
            out.append(contentsOf: hash(input))
            counter &+= 1
        }
        out.removeLast(out.count - length)
        return out
    }
}
