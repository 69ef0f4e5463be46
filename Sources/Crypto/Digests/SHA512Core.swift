// SPDX-License-Identifier: Apache-2.0
// Streaming and Merkle–Damgård padding shared by SHA-384 and SHA-512 (FIPS 180-4 §5.1.2, §6.4); the block
// function is in ContrastSHA2Blocks.

import ContrastSHA2Blocks
import ContrastSHA2BlocksBMI2

/// Streaming state: chaining value, a partial block and the message length.
///
/// - CT: the block function has no data-dependent branches or memory indices; `update` and `finalize`
///   branch only on lengths, which are public.
@usableFromInline
package struct SHA512Core: Sendable {
    /// One block as inline storage.
    @usableFromInline typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    @usableFromInline static var zeroBlock: Block { (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) }

    @usableFromInline static let blockBytes = 128

    @usableFromInline var state: SHA512CoreState
    /// The partial block, `bufferCount` bytes used.
    @usableFromInline var buffer: Block = Self.zeroBlock
    @usableFromInline var bufferCount = 0
    /// Bytes absorbed so far. Messages of 2^64 bytes or more are out of reach in practice; the count wraps.
    @usableFromInline var totalBytes: UInt64 = 0

    @inlinable
    init(state: SHA512CoreState) { self.state = state }

    /// Absorbs `input`.
    @usableFromInline
    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var p = input.baseAddress, input.count > 0 else { return }  // public: length
        var n = input.count
        totalBytes &+= UInt64(truncatingIfNeeded: n)
        if bufferCount > 0 {  // public: length
            let take = Swift.min(128 - bufferCount, n)
            let used = bufferCount
            withUnsafeMutableBytes(of: &buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: b[used..<(used + take)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: p, count: take))
            }
            bufferCount += take
            p += take
            n -= take
            if bufferCount < 128 { return }  // public: length
            let copy = buffer
            withUnsafeBytes(of: copy) { b in
                if let base = b.baseAddress { Self.compress(&state, base, blocks: 1) }
            }
            bufferCount = 0
        }
        let blocks = n / 128
        if blocks > 0 {  // public: length
            Self.compress(&state, p, blocks: blocks)
            p += blocks * 128
            n -= blocks * 128
        }
        if n > 0 {  // public: length
            withUnsafeMutableBytes(of: &buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: b[0..<n]).copyMemory(from: UnsafeRawBufferPointer(start: p, count: n))
            }
            bufferCount = n
        }
    }

    /// Pads (FIPS 180-4 §5.1.2) a copy of the state and returns the first `count` bytes of the
    /// big-endian chaining value.
    @usableFromInline
    func finalize(count: Int) -> DigestBytes {
        var state = self.state
        // Two blocks: the tail, 0x80, zeros and the 128-bit big-endian bit length fit in one block unless
        // fewer than 17 bytes are left.
        var tail: (Block, Block) = (Self.zeroBlock, Self.zeroBlock)
        let used = bufferCount
        let bitLengthLow = totalBytes &<< 3
        let bitLengthHigh = totalBytes &>> 61
        let blocks = used + 1 + 16 <= 128 ? 1 : 2  // public: length
        let end = blocks * 128
        let buffer = self.buffer
        withUnsafeMutableBytes(of: &tail) { t in
            withUnsafeBytes(of: buffer) { b in
                UnsafeMutableRawBufferPointer(rebasing: t[0..<used]).copyMemory(from: UnsafeRawBufferPointer(rebasing: b[0..<used]))
            }
            t[used] = 0x80
            t.storeBytes(of: bitLengthLow.bigEndian, toByteOffset: end - 8, as: UInt64.self)
            t.storeBytes(of: bitLengthHigh.bigEndian, toByteOffset: end - 16, as: UInt64.self)
            if let base = t.baseAddress { Self.compress(&state, UnsafeRawPointer(base), blocks: blocks) }
        }
        var out = DigestBytes()
        withUnsafeMutableBytes(of: &out.words) { o in
            o.storeBytes(of: state.h0.bigEndian, toByteOffset: 0, as: UInt64.self)
            o.storeBytes(of: state.h1.bigEndian, toByteOffset: 8, as: UInt64.self)
            o.storeBytes(of: state.h2.bigEndian, toByteOffset: 16, as: UInt64.self)
            o.storeBytes(of: state.h3.bigEndian, toByteOffset: 24, as: UInt64.self)
            o.storeBytes(of: state.h4.bigEndian, toByteOffset: 32, as: UInt64.self)
            o.storeBytes(of: state.h5.bigEndian, toByteOffset: 40, as: UInt64.self)
            o.storeBytes(of: state.h6.bigEndian, toByteOffset: 48, as: UInt64.self)
            o.storeBytes(of: state.h7.bigEndian, toByteOffset: 56, as: UInt64.self)
            
        }
        // Truncated variants (SHA-224, SHA-384) keep the first `count` bytes; clear the rest so that storage
        // equality and hashing never see them.
        withUnsafeMutableBytes(of: &out.words) { o in
            for i in count..<64 { o[i] = 0 }
        }
        return out
    }

    /// Runs the block function over `blocks` consecutive 128-byte blocks at `p`: the build for CPUs with BMI2
    /// when this one has it, otherwise the one for any CPU (`CPUFeatures`).
    @usableFromInline
    static func compress(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        if CPUFeatures.bmi2 {
            SHA512BlockBMI2.compress(&s, p, blocks: blocks)
        } else {
            SHA512Block.compress(&s, p, blocks: blocks)
        }
    }
}
