// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for AES-GCM and ChaCha20-Poly1305 (added by the AEAD issue).

let aeadBenchmarks: [Benchmark] = []
