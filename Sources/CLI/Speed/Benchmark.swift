// SPDX-License-Identifier: Apache-2.0
// What `contrast speed` measures: named benchmarks, each with one or more variants (operation × size).

/// A selectable benchmark (`sha256`, `aes-128-gcm`). Its variants run in order; the first is the headline
/// figure that `../shared/tools/speed-vs-openssl` compares with OpenSSL.
struct Benchmark: Sendable {
    /// Name used on the command line and in JSON.
    let name: String
    /// One line for `--list`.
    let summary: String
    /// Operations to time.
    let variants: [Variant]

    struct Variant: Sendable {
        /// Operation label (`seal`, `open`, `verify`), or nil when the name says it all.
        let operation: String?
        /// Bytes processed per operation, 0 for operations counted per call (signatures, key exchange).
        let bytes: Int
        /// Builds the state (keys, buffers) once and returns the timed operation. The operation returns a byte
        /// derived from its result so that the optimiser cannot discard the work.
        let make: @Sendable () throws -> () -> UInt8
    }
}

/// Every benchmark, in the order `--list` shows them. Each crypto area owns one file of entries.
let allBenchmarks: [Benchmark] =
    hashBenchmarks + aeadBenchmarks + curveBenchmarks + rsaBenchmarks + attestationBenchmarks
