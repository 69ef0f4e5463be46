// SPDX-License-Identifier: Apache-2.0
// Deterministic ECDSA nonces (RFC 6979 §3.2), optionally hedged with extra random input (RFC 6979 §3.6).

/// The HMAC_DRBG-like candidate generator of RFC 6979 §3.2 steps b–h for a curve of `byteCount`-byte order.
///
/// - CT: time depends only on lengths (and on the number of rejected candidates, which is public and almost
///   surely zero); the private key and digest do not leak.
struct RFC6979Nonces<H: HashFunction> {
    /// HMAC keyed with the current K (its inner and outer states absorbed once per K, reused for every
    /// HMAC_K(…) until K changes).
    private var keyed: HMAC<H>
    private var v: [UInt8]
    private let byteCount: Int
    private var started = false

    /// - Parameters:
    ///   - privateKey: int2octets(x), `byteCount` bytes.
    ///   - reducedDigest: bits2octets(h1) = int2octets(bits2int(h1) mod q), `byteCount` bytes.
    ///   - extra: additional data k' (RFC 6979 §3.6), empty for plain deterministic signatures.
    init(privateKey: [UInt8], reducedDigest: [UInt8], extra: [UInt8]) {
        byteCount = privateKey.count
        v = [UInt8](repeating: 0x01, count: H.byteCount)  // step b
        keyed = Self.keyed([UInt8](repeating: 0x00, count: H.byteCount))  // step c
        keyed = Self.keyed(Self.mac(keyed, v, [0x00], privateKey, reducedDigest, extra))  // step d
        v = Self.mac(keyed, v)  // step e
        keyed = Self.keyed(Self.mac(keyed, v, [0x01], privateKey, reducedDigest, extra))  // step f
        v = Self.mac(keyed, v)  // step g
    }

    private static func keyed(_ key: [UInt8]) -> HMAC<H> {
        key.withUnsafeBytes { HMAC<H>(keyBytes: $0) }
    }

    private static func mac(_ keyed: HMAC<H>, _ parts: [UInt8]...) -> [UInt8] {
        var h = keyed
        for part in parts { h.update(data: part) }
        return h.finalize().bytes
    }

    /// The next candidate T (step h.1–h.2), truncated to qlen = 8·byteCount bits: bits2int(T) as bytes. After
    /// the first call, each call first performs the step h.3 update K = HMAC_K(V ‖ 0x00), V = HMAC_K(V).
    mutating func next() -> [UInt8] {
        if started {
            keyed = Self.keyed(Self.mac(keyed, v, [0x00]))
            v = Self.mac(keyed, v)
        }
        started = true
        var t: [UInt8] = []
        while t.count < byteCount {  // public: lengths
            v = Self.mac(keyed, v)
            t += v
        }
        return Array(t.prefix(byteCount))
    }
}
