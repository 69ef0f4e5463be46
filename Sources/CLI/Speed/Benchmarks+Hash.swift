// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for SHA-2, HMAC and HKDF (foundation issue).

let hashBenchmarks: [Benchmark] = []
