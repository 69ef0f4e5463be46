// SPDX-License-Identifier: Apache-2.0
// The two builds of the SHA-2 block functions (portable, and BMI2 in ContrastSHA2BlocksBMI2): each against the
// FIPS 180-4 "abc" examples, and against each other on random chaining values and messages. The public API runs
// whichever build the CPU allows (the NIST suites in SHA2Tests), so these cover the other one too.

import ContrastCrypto
import ContrastSHA2Blocks
import ContrastSHA2BlocksBMI2
import Testing
import TestSupport

@Suite("SHA-2 block functions")
struct SHA2BlockTests {
    /// FIPS 180-4 §5.3.3 and §5.3.5.
    static let sha256IV = SHA256CoreState(
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    static let sha512IV = SHA512CoreState(
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179)

    /// "abc" padded to one block of `size` bytes (FIPS 180-4 §5.1.1, §5.1.2): 0x80, zeros, the bit length 24.
    static func abcBlock(size: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: size)
        block[0...3] = [0x61, 0x62, 0x63, 0x80]
        block[size - 1] = 24
        return block
    }

    static func words(_ s: SHA256CoreState) -> [UInt32] { [s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7] }
    static func words(_ s: SHA512CoreState) -> [UInt64] { [s.h0, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7] }

    /// FIPS 180-4 examples (NIST "Examples with intermediate values"): SHA-256("abc"), SHA-512("abc").
    static let abc256: [UInt32] = [
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    ]
    static let abc512: [UInt64] = [
        0xddaf35a193617aba, 0xcc417349ae204131, 0x12e6fa4e89a97ea2, 0x0a9eeee64b55d39a,
        0x2192992a274fc1a8, 0x36ba3c23a3feebbd, 0x454d4423643ce80e, 0x2a9ac94fa54ca49f,
    ]

    typealias Compress256 = @Sendable (inout SHA256CoreState, UnsafeRawPointer, Int) -> Void
    typealias Compress512 = @Sendable (inout SHA512CoreState, UnsafeRawPointer, Int) -> Void
    static let portable256: Compress256 = { SHA256Block.compress(&$0, $1, blocks: $2) }
    static let portable512: Compress512 = { SHA512Block.compress(&$0, $1, blocks: $2) }
    static let bmi2_256: Compress256 = { SHA256BlockBMI2.compress(&$0, $1, blocks: $2) }
    static let bmi2_512: Compress512 = { SHA512BlockBMI2.compress(&$0, $1, blocks: $2) }

    func checkABC(_ compress256: Compress256, _ compress512: Compress512) {
        var s256 = Self.sha256IV
        Self.abcBlock(size: 64).withUnsafeBytes { compress256(&s256, $0.baseAddress!, 1) }
        #expect(Self.words(s256) == Self.abc256)
        var s512 = Self.sha512IV
        Self.abcBlock(size: 128).withUnsafeBytes { compress512(&s512, $0.baseAddress!, 1) }
        #expect(Self.words(s512) == Self.abc512)
    }

    @Test("portable build: FIPS 180-4 \"abc\" (SHA-256, SHA-512)")
    func portableABC() { checkABC(Self.portable256, Self.portable512) }

    @Test("BMI2 build: FIPS 180-4 \"abc\" (SHA-256, SHA-512)", .enabled(if: CPUFeatures.cpuHasBMI2, Self.noBMI2))
    func bmi2ABC() { checkABC(Self.bmi2_256, Self.bmi2_512) }

    static let noBMI2: Comment =
        "this CPU has no BMI2 (or /proc/cpuinfo does not say so): the BMI2 build of the block functions cannot run here"

    /// `state` after `message` through each of two block functions.
    static func runBoth<State>(
        _ state: State, _ message: [UInt8], _ blocks: Int,
        _ first: (inout State, UnsafeRawPointer, Int) -> Void, _ second: (inout State, UnsafeRawPointer, Int) -> Void
    ) -> (State, State) {
        var a = state, b = state
        message.withUnsafeBytes {
            first(&a, $0.baseAddress!, blocks)
            second(&b, $0.baseAddress!, blocks)
        }
        return (a, b)
    }

    /// 500 random chaining values, each with 1–8 random blocks, through both builds: every intermediate value of
    /// every round of both shapes feeds the result, so any difference between the builds shows.
    @Test("BMI2 build equals the portable build on random chaining values and messages", .enabled(if: CPUFeatures.cpuHasBMI2, Self.noBMI2))
    func bmi2MatchesPortable() {
        var rng = DeterministicRandom(seed: 0x5AA2)
        for round in 0..<500 {
            let blocks = 1 + round % 8
            let w = (0..<8).map { _ in rng.next() }
            let s256 = SHA256CoreState(
                UInt32(truncatingIfNeeded: w[0]), UInt32(truncatingIfNeeded: w[1]), UInt32(truncatingIfNeeded: w[2]),
                UInt32(truncatingIfNeeded: w[3]), UInt32(truncatingIfNeeded: w[4]), UInt32(truncatingIfNeeded: w[5]),
                UInt32(truncatingIfNeeded: w[6]), UInt32(truncatingIfNeeded: w[7]))
            let (a256, b256) = Self.runBoth(s256, rng.bytes(64 * blocks), blocks, Self.portable256, Self.bmi2_256)
            #expect(Self.words(a256) == Self.words(b256), "SHA-256, case \(round), \(blocks) blocks")
            #expect(Self.words(a256) != Self.words(s256), "SHA-256, case \(round): the state did not change")
            let s512 = SHA512CoreState(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
            let (a512, b512) = Self.runBoth(s512, rng.bytes(128 * blocks), blocks, Self.portable512, Self.bmi2_512)
            #expect(Self.words(a512) == Self.words(b512), "SHA-512, case \(round), \(blocks) blocks")
        }
    }

    @Test("/proc/cpuinfo: the first processor's flags line is found, whole lines only")
    func cpuinfoFlags() {
        let text = Array("""
            processor\t: 0
            vendor_id\t: AuthenticAMD
            flags\t\t: fpu vme sse2 bmi1 avx2 bmi2 sha_ni
            bugs\t\t: sysret_ss_attrs
            processor\t: 1
            flags\t\t: fpu

            """.utf8)
        #expect(CPUFeatures.flagsLine(in: text) == " fpu vme sse2 bmi1 avx2 bmi2 sha_ni")
        // A line cut off by the end of a read is not taken until the rest arrives or the file ends.
        let cut = Array("processor\t: 0\nflags\t\t: fpu bm".utf8)
        #expect(CPUFeatures.flagsLine(in: cut) == nil)
        #expect(CPUFeatures.flagsLine(in: cut, atEnd: true) == " fpu bm")
        // "flags" must be the whole key ("vmx flags" on newer kernels, for instance, is another line).
        let other = Array("vmx flags\t: ept\nflagsx\t: bmi2\nflags\t: sse2\n".utf8)
        #expect(CPUFeatures.flagsLine(in: other) == " sse2")
        #expect(CPUFeatures.flagsLine(in: Array("processor\t: 0\n".utf8), atEnd: true) == nil)
        #expect(CPUFeatures.flagsLine(in: []) == nil)
    }
}
