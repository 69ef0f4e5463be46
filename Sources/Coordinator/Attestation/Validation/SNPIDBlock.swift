// SPDX-License-Identifier: Apache-2.0
// Contrast's deterministic SEV-SNP ID block: the ID key is recovered from a fixed signature over the block, so its
// digest is a function of (launch digest, guest policy) alone (upstream.md §8.4, `internal/idblock`).

import ContrastCrypto

public enum SNPIDBlock {
    /// The 0x60-byte ID block: LD (48) ‖ FAMILY_ID (16: 01 00…) ‖ IMAGE_ID (16: 02 00…) ‖ VERSION u32 = 1 ‖
    /// GUEST_SVN u32 = 2 ‖ POLICY u64 (little-endian).
    public static func idBlock(launchDigest: [UInt8], policy: SNPReport.GuestPolicy) -> [UInt8] {
        var out = [UInt8]()
        AttestationBytes.appendFixed(launchDigest, size: 48, to: &out)
        AttestationBytes.appendFixed([1], size: 16, to: &out)
        AttestationBytes.appendFixed([2], size: 16, to: &out)
        AttestationBytes.appendLittleEndian(1, byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(2, byteCount: 4, to: &out)
        AttestationBytes.appendLittleEndian(policy.rawValue, byteCount: 8, to: &out)
        return out
    }

    /// The fixed signature r = 2, s = 1 (as r ‖ s, big-endian).
    static let fixedSignature: [UInt8] = [UInt8](repeating: 0, count: 47) + [2] + [UInt8](repeating: 0, count: 47) + [1]

    /// The ID public key: of the two keys recovered from (r = 2, s = 1, z = SHA-384(ID block)) (SEC 1 v2 §4.1.6),
    /// the smaller by (X, Y). Nil only if no key can be recovered (never for real digests).
    public static func idKey(launchDigest: [UInt8], policy: SNPReport.GuestPolicy) -> P384.Signing.PublicKey? {
        let digest = SHA384.hash(data: idBlock(launchDigest: launchDigest, policy: policy)).bytes
        guard let sig = try? P384.Signing.ECDSASignature(rawRepresentation: fixedSignature) else { return nil }
        let candidates = P384.Signing.PublicKey.recoveryCandidates(for: sig, forDigest: digest)
        // raw = X ‖ Y big-endian, so lexicographic byte order is (X, Y) numeric order.
        return candidates.min { $0.rawRepresentation.lexicographicallyPrecedes($1.rawRepresentation) }
    }

    /// The 0x404-byte SEV ID public key structure: CURVE u32 = 2 (P-384) ‖ QX (72, LE) ‖ QY (72, LE) ‖ 0x370 zeros.
    public static func idKeyStructure(_ key: P384.Signing.PublicKey) -> [UInt8] {
        let raw = key.rawRepresentation
        var out = [UInt8]()
        AttestationBytes.appendLittleEndian(2, byteCount: 4, to: &out)
        AttestationBytes.appendFixed(Array(raw[0..<48].reversed()), size: 72, to: &out)
        AttestationBytes.appendFixed(Array(raw[48..<96].reversed()), size: 72, to: &out)
        out += [UInt8](repeating: 0, count: 0x370)
        return out
    }

    /// `TrustedIDKeyHashes` entry for a reference value: SHA-384 of the ID key structure.
    public static func idKeyDigest(launchDigest: [UInt8], policy: SNPReport.GuestPolicy) -> [UInt8]? {
        guard let key = idKey(launchDigest: launchDigest, policy: policy) else { return nil }
        return SHA384.hash(data: idKeyStructure(key)).bytes
    }

    /// The ID authentication block (0x1000 bytes) upstream hands to the hypervisor: ID_KEY_ALGO = 1, AUTH_KEY_ALGO = 0,
    /// ID_BLOCK_SIG (r, s as 72-byte LE) at 0x040, ID_KEY structure at 0x240, the rest zero.
    public static func idAuthenticationBlock(launchDigest: [UInt8], policy: SNPReport.GuestPolicy) -> [UInt8]? {
        guard let key = idKey(launchDigest: launchDigest, policy: policy) else { return nil }
        var out = [UInt8]()
        AttestationBytes.appendLittleEndian(1, byteCount: 4, to: &out)  // ID_KEY_ALGO
        AttestationBytes.appendLittleEndian(0, byteCount: 4, to: &out)  // AUTH_KEY_ALGO
        out += [UInt8](repeating: 0, count: 0x40 - 8)
        // ID_BLOCK_SIG at 0x040: r (72 LE) ‖ s (72 LE) ‖ reserved to 0x240.
        var sig = [UInt8](repeating: 0, count: 0x200)
        sig[0] = 2
        sig[72] = 1
        out += sig
        out += idKeyStructure(key)
        out += [UInt8](repeating: 0, count: 0x1000 - out.count)
        return out
    }
}
