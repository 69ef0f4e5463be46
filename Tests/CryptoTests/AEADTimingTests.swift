// SPDX-License-Identifier: Apache-2.0
// Opt-in dudect-style timing smoke test (STYLE.md §8.4 rule 13c): fixed-vs-random inputs, Welch's t printed.

#if canImport(Glibc)
import Glibc
#endif
import ContrastCrypto
import Testing
import TestSupport

/// Reports Welch's t statistic between the timings of a fixed input class and a random input class
/// (O. Reparaz, J. Balasch, I. Verbauwhede, "Dude, is my code constant time?", 2017). |t| well above 4.5
/// hints at a leak; this is a smoke test only: it prints and asserts nothing about timing (shared, noisy CI
/// machines make timing assertions flaky). Enabled with CONTRAST_CT_TIMING=1.
@Suite("AEAD constant-time smoke test", .enabled(if: CTTimingSwitch.enabled, "set CONTRAST_CT_TIMING=1 to run"))
struct AEADTimingTests {
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC_RAW, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Runs `measure(class)` `samples` times with classes in random order, drops the slowest 10 % of all
    /// samples (interrupts, migrations), and returns Welch's t.
    static func welchT(samples: Int, seed: UInt64, _ measure: (Int) -> UInt64) -> (t: Double, n0: Int, n1: Int) {
        var rng = DeterministicRandom(seed: seed)
        var data: [(Int, Double)] = []
        data.reserveCapacity(samples)
        for _ in 0..<samples {
            let c = Int(rng.next() & 1)
            data.append((c, Double(measure(c))))
        }
        let cutoff = data.map(\.1).sorted()[samples * 9 / 10]
        var n = [0.0, 0.0], mean = [0.0, 0.0], m2 = [0.0, 0.0]
        for (c, x) in data where x <= cutoff {  // Welford's online mean and variance
            n[c] += 1
            let d = x - mean[c]
            mean[c] += d / n[c]
            m2[c] += d * (x - mean[c])
        }
        let v0 = m2[0] / max(n[0] - 1, 1), v1 = m2[1] / max(n[1] - 1, 1)
        let t = (mean[0] - mean[1]) / (v0 / max(n[0], 1) + v1 / max(n[1], 1)).squareRoot()
        return (t, Int(n[0]), Int(n[1]))
    }

    @Test("AES block encryption: fixed vs random plaintext")
    func aesEncrypt() throws {
        var rng = DeterministicRandom(seed: 7)
        let key = rng.bytes(16)
        let aes = try key.withUnsafeBytes { (k) throws(CryptoError) in try AESBitsliced(key: k) }
        let fixed = [UInt8](repeating: 0, count: 128)
        var inputs = (0..<256).map { _ in rng.bytes(128) }
        var buf = [UInt8](repeating: 0, count: 128)
        var i = 0
        let r = Self.welchT(samples: 200_000, seed: 1) { c in
            let src = c == 0 ? fixed : inputs[i & 255]
            i += 1
            buf.withUnsafeMutableBytes { b in src.withUnsafeBytes { b.copyMemory(from: $0) } }
            return buf.withUnsafeMutableBytes { b in
                let t0 = Self.nanoseconds()
                aes.encryptEightBlocks(b.baseAddress!)
                aes.encryptEightBlocks(b.baseAddress!)
                return Self.nanoseconds() &- t0
            }
        }
        inputs.removeAll()
        print("dudect AES-128 encrypt (fixed vs random plaintext): t = \(r.t) (n = \(r.n0) / \(r.n1))")
    }

    /// Tag check: class 0 = a tag that matches in all but its last byte, class 1 = a random tag (differs
    /// early). An early-exit comparison would make class 0 slower.
    func tagCheck<C: AEADContext>(_ type: C.Type, keyBytes: Int, label: String) throws {
        var rng = DeterministicRandom(seed: 9)
        let ctx = try C(key: SymmetricKey(data: rng.bytes(keyBytes)))
        let nonce = rng.bytes(12), aad = rng.bytes(13)
        var ct = rng.bytes(64)
        let good = try ctx.seal(in: &ct, range: 0..<64, nonce: nonce, authenticating: aad).bytes
        var nearly = good
        nearly[15] ^= 1
        let fixedTag = try AEADTag(nearly)
        let randomTags = try (0..<256).map { _ in try AEADTag(rng.bytes(16)) }
        var buf = ct
        var i = 0
        let r = Self.welchT(samples: 100_000, seed: 2) { c in
            let tag = c == 0 ? fixedTag : randomTags[i & 255]
            i += 1
            buf.withUnsafeMutableBytes { b in ct.withUnsafeBytes { b.copyMemory(from: $0) } }
            let t0 = Self.nanoseconds()
            _ = try? ctx.open(in: &buf, range: 0..<64, nonce: nonce, authenticating: aad, tag: tag)
            return Self.nanoseconds() &- t0
        }
        print("dudect \(label) tag check (near-miss vs random tag): t = \(r.t) (n = \(r.n0) / \(r.n1))")
    }

    @Test("AES-GCM tag comparison: near-miss vs random tag")
    func gcmTag() throws { try tagCheck(AES.GCM.Context.self, keyBytes: 16, label: "AES-128-GCM") }

    @Test("ChaCha20-Poly1305 tag comparison: near-miss vs random tag")
    func chachaTag() throws { try tagCheck(ChaChaPoly.Context.self, keyBytes: 32, label: "ChaCha20-Poly1305") }
}

/// Whether CONTRAST_CT_TIMING=1 is set.
enum CTTimingSwitch {
    static var enabled: Bool {
        guard let v = getenv("CONTRAST_CT_TIMING") else { return false }
        return String(cString: v) == "1"
    }
}
