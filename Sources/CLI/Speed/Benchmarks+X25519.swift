// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entry for X25519 (RFC 7748): one shared-secret computation per operation.

import ContrastCrypto

let x25519Benchmarks: [Benchmark] = [
    Benchmark(
        name: "x25519", summary: "X25519 shared secret (one ladder + inversion per op)",
        variants: [
            Benchmark.Variant(operation: "derive", bytes: 0) {
                var rng = SystemRandom()
                let ours = try Curve25519.KeyAgreement.PrivateKey(using: &rng)
                let peer = Curve25519.KeyAgreement.PrivateKey().publicKey
                return {
                    do {
                        return try ours.sharedSecretFromKeyAgreement(with: peer).withUnsafeBytes { $0[0] }
                    } catch {
                        return 0  // not reached: a random peer key is not small-order
                    }
                }
            }
        ]),
]
