// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for SHA-2, HMAC and HKDF (foundation issue).

import ContrastCrypto

/// One digest of a fixed buffer per operation.
private func digestVariant<H: HashFunction>(_: H.Type, bytes: Int) -> Benchmark.Variant {
    Benchmark.Variant(operation: nil, bytes: bytes) {
        let message = [UInt8](repeating: 0xA5, count: bytes)
        return { H.hash(data: message).withUnsafeBytes { $0[0] } }
    }
}

/// HMAC-SHA-256 of a fixed buffer per operation with a key set up once, as `openssl speed -hmac` does
/// (it re-initialises the keyed context for every message).
private func hmacVariant(bytes: Int) -> Benchmark.Variant {
    Benchmark.Variant(operation: nil, bytes: bytes) {
        let keyed = HMAC<SHA256>(key: SymmetricKey(data: [UInt8](repeating: 0x0B, count: 32)))
        let message = [UInt8](repeating: 0xA5, count: bytes)
        return {
            var mac = keyed
            mac.update(data: message)
            return mac.finalize().withUnsafeBytes { $0[0] }
        }
    }
}

let hashBenchmarks: [Benchmark] = [
    Benchmark(name: "sha256", summary: "SHA-256 of 16 KiB", variants: [digestVariant(SHA256.self, bytes: 16384)]),
    Benchmark(name: "sha384", summary: "SHA-384 of 16 KiB", variants: [digestVariant(SHA384.self, bytes: 16384)]),
    Benchmark(name: "sha512", summary: "SHA-512 of 16 KiB", variants: [digestVariant(SHA512.self, bytes: 16384)]),
    Benchmark(
        name: "hmac-sha256", summary: "HMAC-SHA-256 of 64 B and 16 KiB (key set up once)",
        variants: [hmacVariant(bytes: 64), hmacVariant(bytes: 16384)]),
    Benchmark(
        name: "hkdf-sha384", summary: "HKDF-SHA-384 extract (32 B IKM, 48 B salt) + expand to 48 B",
        variants: [
            Benchmark.Variant(operation: "extract+expand", bytes: 0) {
                let ikm = SymmetricKey(data: [UInt8](repeating: 0x11, count: 32))
                let salt = [UInt8](repeating: 0x22, count: 48)
                let info = Array("tls13 derived".utf8)
                return {
                    let prk = HKDF<SHA384>.extract(inputKeyMaterial: ikm, salt: salt)
                    let okm = HKDF<SHA384>.expand(pseudoRandomKey: prk, info: info, outputByteCount: 48)
                    return okm.withUnsafeBytes { $0[0] }
                }
            }
        ]),
]
