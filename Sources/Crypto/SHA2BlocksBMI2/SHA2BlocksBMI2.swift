// SPDX-License-Identifier: Apache-2.0
// The SHA-2 block functions of ContrastSHA2Blocks, compiled again with BMI2 (`-Xcc -mbmi2`, Package.swift):
// LLVM then rotates with rorx, which writes a fresh register, instead of ror, which rotates in place. Nothing
// else lives in this module, because everything here may use BMI2 instructions: only `SHA256Core.compress` and
// `SHA512Core.compress` call in, after `CPUFeatures.bmi2` said yes. `.ci/run` checks the release binary for
// BMI2 instructions outside this module.

import ContrastSHA2Blocks

/// SHA-256 blocks for CPUs with BMI2.
package enum SHA256BlockBMI2 {
    /// Runs the block function over `blocks` consecutive 64-byte blocks at `p`. Only on a CPU with BMI2.
    package static func compress(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        SHA256Block.forEachBlock(&s, p, blocks: blocks, compressOne)
    }

    /// One block, not inlined into the loop (see `SHA256Block.compressOne`).
    @inline(never)
    static func compressOne(_ s: inout SHA256CoreState, _ p: UnsafeRawPointer, _ k: UnsafePointer<UInt32>) {
        SHA256Block.compressBlock(&s.h0, &s.h1, &s.h2, &s.h3, &s.h4, &s.h5, &s.h6, &s.h7, p, k, bmi2: true)
    }
}

/// SHA-512 blocks for CPUs with BMI2.
package enum SHA512BlockBMI2 {
    /// Runs the block function over `blocks` consecutive 128-byte blocks at `p`. Only on a CPU with BMI2.
    package static func compress(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, blocks: Int) {
        SHA512Block.forEachBlock(&s, p, blocks: blocks, compressOne)
    }

    /// One block, not inlined into the loop (see `SHA512Block.compressOne`).
    @inline(never)
    static func compressOne(_ s: inout SHA512CoreState, _ p: UnsafeRawPointer, _ k: UnsafePointer<UInt64>) {
        SHA512Block.compressBlock(&s.h0, &s.h1, &s.h2, &s.h3, &s.h4, &s.h5, &s.h6, &s.h7, p, k, bmi2: true)
    }
}
