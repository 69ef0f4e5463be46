// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for RSA: verify, sign, OAEP decrypt and key generation (RSA issue).

import ContrastCrypto

/// Keys shared by the RSA benchmarks, generated on first use (global lets are initialised lazily and once).
private let benchKey2048: Result<RSA.Signing.PrivateKey, CryptoError> = Result { () throws(CryptoError) in
    try RSA.Signing.PrivateKey(keySize: .bits2048)
}
private let benchKey4096: Result<RSA.Signing.PrivateKey, CryptoError> = Result { () throws(CryptoError) in
    try RSA.Signing.PrivateKey(keySize: .bits4096)
}

private let benchDigest = SHA256.hash(data: Array("contrast speed".utf8)).bytes
private let benchDigest384 = SHA384.hash(data: Array("contrast speed".utf8)).bytes

/// A verification benchmark: the signature is made once, the timed operation verifies a digest (as
/// `openssl speed rsa` does: it measures the public-key operation on a fixed digest).
private func verifyBenchmark(
    _ key: Result<RSA.Signing.PrivateKey, CryptoError>, hash: RSA.HashAlgorithm, digest: [UInt8],
    padding: RSA.Signing.Padding
) throws -> () -> UInt8 {
    let privateKey = try key.get()
    var random = SystemRandom()
    let signature = try privateKey.signature(digest: digest, hash: hash, padding: padding, using: &random)
    let publicKey = privateKey.publicKey
    return { publicKey.isValidSignature(signature, digest: digest, hash: hash, padding: padding) ? 1 : 0 }
}

private func signBenchmark(_ key: Result<RSA.Signing.PrivateKey, CryptoError>) throws -> () -> UInt8 {
    let privateKey = try key.get()
    var random = SystemRandom()
    return {
        let s = try? privateKey.signature(digest: benchDigest, hash: .sha256, padding: .pkcs1v1_5, using: &random)
        return s?.rawRepresentation.last ?? 0
    }
}

let rsaBenchmarks: [Benchmark] = [
    Benchmark(
        name: "rsa2048-verify", summary: "RSA-2048 PKCS#1 v1.5 SHA-256 verify (public-key operation)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                try verifyBenchmark(benchKey2048, hash: .sha256, digest: benchDigest, padding: .pkcs1v1_5)
            }
        ]),
    Benchmark(
        name: "rsa4096-verify", summary: "RSA-4096 PKCS#1 v1.5 SHA-256 verify (public-key operation)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                try verifyBenchmark(benchKey4096, hash: .sha256, digest: benchDigest, padding: .pkcs1v1_5)
            }
        ]),
    Benchmark(
        name: "rsa4096-pss-verify", summary: "RSA-4096 PSS SHA-384/MGF1-SHA-384/salt 48 verify (AMD ARK/ASK profile)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                try verifyBenchmark(benchKey4096, hash: .sha384, digest: benchDigest384, padding: .amdSEVSNP)
            }
        ]),
    Benchmark(
        name: "rsa2048-sign", summary: "RSA-2048 PKCS#1 v1.5 SHA-256 sign (CRT, blinded, checked)",
        variants: [.init(operation: "sign", bytes: 0) { try signBenchmark(benchKey2048) }]),
    Benchmark(
        name: "rsa4096-sign", summary: "RSA-4096 PKCS#1 v1.5 SHA-256 sign (CRT, blinded, checked)",
        variants: [.init(operation: "sign", bytes: 0) { try signBenchmark(benchKey4096) }]),
    Benchmark(
        name: "rsa4096-oaep-decrypt", summary: "RSA-4096 OAEP SHA-256 decrypt of 64 bytes",
        variants: [
            .init(operation: "decrypt", bytes: 0) {
                let key = try benchKey4096.get()
                let c = components(key)
                let decryptionKey = try RSA.Encryption.PrivateKey(
                    n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv)
                let ciphertext = try decryptionKey.publicKey.encrypt(
                    [UInt8](repeating: 0x5A, count: 64), label: Array("seedshare".utf8))
                var random = SystemRandom()
                return {
                    let p = try? decryptionKey.decrypt(ciphertext, label: Array("seedshare".utf8), using: &random)
                    return p?.first ?? 0
                }
            }
        ]),
    Benchmark(
        name: "rsa4096-keygen", summary: "RSA-4096 key generation (FIPS 186-5 A.1.3, e = 65537)",
        variants: [
            .init(operation: "keygen", bytes: 0) {
                var random = SystemRandom()
                return {
                    let key = try? RSA.Signing.PrivateKey(keySize: .bits4096, using: &random)
                    return key?.publicKey.n.last ?? 0
                }
            }
        ]),
]

private func components(_ key: RSA.Signing.PrivateKey) -> RSA.PrivateKeyComponents { key.components }
