// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for RSA (added by the RSA issue).

let rsaBenchmarks: [Benchmark] = []
