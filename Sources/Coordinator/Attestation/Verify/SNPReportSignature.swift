// SPDX-License-Identifier: Apache-2.0
// The SEV-SNP report signature: ECDSA P-384 with SHA-384 over bytes [0x000, 0x2A0), r and s stored as 72-byte
// little-endian integers at 0x2A0 and 0x2E8 (SEV-SNP ABI spec, Table "ECDSA P-384 Signature"; upstream.md §8.1).

import ContrastCrypto

public enum SNPReportSignature {
    /// The signature as r ‖ s (48 + 48 big-endian bytes), or nil when the 24 high bytes of r or s are not zero
    /// (such a value is ≥ 2^384 > n and can never verify).
    public static func rawSignature(_ report: [UInt8]) -> [UInt8]? {
        guard report.count == SNPReport.size else { return nil }
        let r = report[0x2A0..<0x2E8]
        let s = report[0x2E8..<0x330]
        guard r.dropFirst(48).allSatisfy({ $0 == 0 }), s.dropFirst(48).allSatisfy({ $0 == 0 }) else { return nil }
        return Array(r.prefix(48).reversed()) + Array(s.prefix(48).reversed())
    }

    /// Writes r ‖ s (big-endian 48 + 48) into the report's signature field (little-endian, zero-padded to 72).
    public static func embed(_ rs: [UInt8], into report: inout SNPReport) {
        var sig = [UInt8](repeating: 0, count: 0x200)
        if rs.count == 96 {
            for i in 0..<48 {
                sig[i] = rs[47 - i]
                sig[72 + i] = rs[95 - i]
            }
        }
        report.signature = sig
    }

    /// Whether the raw report bytes carry a valid signature by `key`. VARTIME: public inputs only.
    public static func isValid(report bytes: [UInt8], key: P384.Signing.PublicKey) -> Bool {
        guard let raw = rawSignature(bytes), let sig = try? P384.Signing.ECDSASignature(rawRepresentation: raw) else { return false }
        let digest = bytes.withUnsafeBytes { SHA384.hash(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<SNPReport.signedSize])) }
        return digest.withUnsafeBytes { key.isValidSignature(sig, forDigest: $0) }
    }
}
