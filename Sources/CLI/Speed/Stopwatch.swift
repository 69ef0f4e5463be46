// SPDX-License-Identifier: Apache-2.0
// Time for benchmarks: the process's CPU time, as `openssl speed` measures by default, so that ratios stay
// meaningful on a shared, loaded machine.

#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds consumed by this process (all threads), CLOCK_PROCESS_CPUTIME_ID.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// The measured rate of one benchmark variant.
struct SpeedResult {
    let name: String
    let operation: String?
    let bytes: Int
    let operations: Int
    let seconds: Double

    var opsPerSecond: Double { Double(operations) / seconds }
    var bytesPerSecond: Double { Double(operations) * Double(bytes) / seconds }
}

/// Runs `op` for a warm-up of `min(0.2, seconds/5)` s, then for `seconds`, checking the clock only every batch
/// so that timing overhead stays below 1 %.
func measure(_ op: () -> UInt8, seconds: Double, sink: inout UInt8) -> (operations: Int, seconds: Double) {
    func runFor(_ duration: Double) -> (Int, Double) {
        var batch = 1
        var total = 0
        let start = monotonicSeconds()
        var now = start
        while now - start < duration {
            for _ in 0..<batch { sink ^= op() }
            total += batch
            now = monotonicSeconds()
            // Grow the batch until one batch takes about 10 ms.
            if now - start < 0.01 { batch = Swift.min(batch * 2, 1 << 20) }
        }
        return (total, now - start)
    }
    _ = runFor(Swift.min(0.2, seconds / 5))
    return runFor(seconds)
}
