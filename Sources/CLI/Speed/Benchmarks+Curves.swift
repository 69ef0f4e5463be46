// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for P-256, P-384 and X25519 (added by the curves issue).

import ContrastCrypto

/// A fixed message for the signature benchmarks (OpenSSL's `speed` signs a 20-byte digest-sized buffer).
private let benchmarkMessage = [UInt8](repeating: 0x5a, count: 32)

let curveBenchmarks: [Benchmark] = [
    Benchmark(
        name: "ecdsa-p384-verify", summary: "P-384 ECDSA verification of a SHA-384 digest",
        variants: [
            .init(operation: "verify", bytes: 0) {
                let key = try P384.Signing.PrivateKey()
                let digest = SHA384.hash(data: benchmarkMessage).bytes
                let sig = key.signature(forDigest: digest)
                let pub = key.publicKey
                return { pub.isValidSignature(sig, forDigest: digest) ? 1 : 0 }
            }
        ]),
    Benchmark(
        name: "ecdsa-p384-sign", summary: "P-384 ECDSA signing of a SHA-384 digest (RFC 6979 nonce)",
        variants: [
            .init(operation: "sign", bytes: 0) {
                let key = try P384.Signing.PrivateKey()
                var digest = SHA384.hash(data: benchmarkMessage).bytes
                return {
                    let sig = key.signature(forDigest: digest)
                    digest[0] &+= 1
                    return sig.rawRepresentation[0]
                }
            }
        ]),
    Benchmark(
        name: "ecdh-p384", summary: "P-384 ECDH shared secret (scalar multiplication of a validated point)",
        variants: [
            .init(operation: "derive", bytes: 0) {
                let key = try P384.KeyAgreement.PrivateKey()
                let peer = try P384.KeyAgreement.PrivateKey().publicKey
                return { (try? key.sharedSecretFromKeyAgreement(with: peer).bytes[0]) ?? 0 }
            }
        ]),
    Benchmark(
        name: "p384-keygen", summary: "P-384 key generation (random scalar, fixed-base multiplication)",
        variants: [
            .init(operation: "keygen", bytes: 0) {
                return { (try? P384.Signing.PrivateKey().publicKey.rawRepresentation[0]) ?? 0 }
            }
        ]),
    Benchmark(
        name: "ecdsa-p256-verify", summary: "P-256 ECDSA verification of a SHA-256 digest",
        variants: [
            .init(operation: "verify", bytes: 0) {
                let key = try P256.Signing.PrivateKey()
                let digest = SHA256.hash(data: benchmarkMessage).bytes
                let sig = key.signature(forDigest: digest)
                let pub = key.publicKey
                return { pub.isValidSignature(sig, forDigest: digest) ? 1 : 0 }
            }
        ]),
    Benchmark(
        name: "ecdsa-p256-sign", summary: "P-256 ECDSA signing of a SHA-256 digest (RFC 6979 nonce)",
        variants: [
            .init(operation: "sign", bytes: 0) {
                let key = try P256.Signing.PrivateKey()
                var digest = SHA256.hash(data: benchmarkMessage).bytes
                return {
                    let sig = key.signature(forDigest: digest)
                    digest[0] &+= 1
                    return sig.rawRepresentation[0]
                }
            }
        ]),
    Benchmark(
        name: "ecdh-p256", summary: "P-256 ECDH shared secret",
        variants: [
            .init(operation: "derive", bytes: 0) {
                let key = try P256.KeyAgreement.PrivateKey()
                let peer = try P256.KeyAgreement.PrivateKey().publicKey
                return { (try? key.sharedSecretFromKeyAgreement(with: peer).bytes[0]) ?? 0 }
            }
        ]),
]
