// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for AES-GCM and ChaCha20-Poly1305 (added by the AEAD issue).

import ContrastCrypto

/// AES-128/256-GCM (seal/open at 16 KiB and 1 KiB) and ChaCha20-Poly1305 (seal at 16 KiB), measured through
/// the reusable in-place context the TLS record layer uses: key schedule once, then one record per operation
/// (as `openssl speed -evp`, which also keeps its key schedule).
let aeadBenchmarks: [Benchmark] = [
    Benchmark(name: "aes-128-gcm", summary: "AES-128-GCM seal/open (bitsliced, constant time)",
        variants: aeadVariants(AES.GCM.Context.self, keyBytes: 16, ops: [("seal", 16384), ("open", 16384), ("seal", 1024), ("open", 1024)])),
    Benchmark(name: "aes-256-gcm", summary: "AES-256-GCM seal/open (bitsliced, constant time)",
        variants: aeadVariants(AES.GCM.Context.self, keyBytes: 32, ops: [("seal", 16384), ("open", 16384), ("seal", 1024), ("open", 1024)])),
    Benchmark(name: "chacha20-poly1305", summary: "ChaCha20-Poly1305 seal (RFC 8439)",
        variants: aeadVariants(ChaChaPoly.Context.self, keyBytes: 32, ops: [("seal", 16384), ("open", 16384)])),
]

/// Variants for one AEAD: each seals (or opens a pre-sealed) `bytes`-byte message with 13 bytes of AAD, as a
/// TLS 1.3 record would have 5.
private func aeadVariants<C: AEADContext>(_ type: C.Type, keyBytes: Int, ops: [(String, Int)]) -> [Benchmark.Variant] {
    ops.map { op, bytes in
        Benchmark.Variant(operation: op, bytes: bytes) {
            let key = SymmetricKey(data: (0..<keyBytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })
            let ctx = try C(key: key)
            let nonce = [UInt8](repeating: 0x42, count: C.nonceByteCount)
            let aad = [UInt8](repeating: 0x17, count: 5)
            var buffer = [UInt8](repeating: 0xA5, count: bytes)
            let range = 0..<bytes
            if op == "seal" {
                return {
                    let tag = (try? ctx.seal(in: &buffer, range: range, nonce: nonce, authenticating: aad))
                    return tag?.withUnsafeBytes { $0[0] } ?? 0
                }
            }
            let plain = buffer
            let tag = try ctx.seal(in: &buffer, range: range, nonce: nonce, authenticating: aad)
            let sealed = buffer
            return {
                // Restore the ciphertext (a memcpy, small next to the AEAD) and open it again.
                buffer.withUnsafeMutableBytes { b in sealed.withUnsafeBytes { b.copyMemory(from: $0) } }
                do { try ctx.open(in: &buffer, range: range, nonce: nonce, authenticating: aad, tag: tag) } catch {
                    return 0
                }
                return buffer[0] ^ plain[0]
            }
        }
    }
}
