// SPDX-License-Identifier: Apache-2.0
// EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2) with the SHA-2 DigestInfo prefixes of §9.2 note 1.

extension RSA.HashAlgorithm {
    /// DER of `DigestInfo { AlgorithmIdentifier { oid, NULL }, OCTET STRING (hLen) }` without the digest
    /// (RFC 8017 §9.2 note 1).
    var digestInfoPrefix: [UInt8] {
        switch self {
        case .sha256:
            return [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        case .sha384:
            return [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]
        case .sha512:
            return [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]
        }
    }
}

/// RSASSA-PKCS1-v1_5 message encoding.
enum PKCS1v15 {
    /// EM = 0x00 ‖ 0x01 ‖ PS (0xFF…, at least 8) ‖ 0x00 ‖ DigestInfo (RFC 8017 §9.2 steps 2–5).
    /// - Throws: `CryptoError.invalidLength` when the digest has the wrong size or `emLength < tLen + 11`.
    static func encode(digest: [UInt8], hash: RSA.HashAlgorithm, emLength: Int) throws(CryptoError) -> [UInt8] {
        guard digest.count == hash.byteCount else { throw .invalidLength }
        let t = hash.digestInfoPrefix + digest
        guard emLength >= t.count + 11 else { throw .invalidLength }  // §9.2 step 3
        var em = [UInt8](repeating: 0xFF, count: emLength)
        em[0] = 0x00
        em[1] = 0x01
        em[emLength - t.count - 1] = 0x00
        em.replaceSubrange((emLength - t.count)..., with: t)
        return em
    }
}
