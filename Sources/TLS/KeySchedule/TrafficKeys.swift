// SPDX-License-Identifier: Apache-2.0
// TrafficKeys: write key and IV from a traffic secret (RFC 8446 §7.3).

/// `[sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)` and the matching IV.
public struct TrafficKeys: Sendable {
    public let key: [UInt8]
    public let iv: [UInt8]

    public init(secret: [UInt8], hash: TLSHash, keyLength: Int, ivLength: Int) {
        key = HKDFLabel.expandLabel(hash, secret: secret, label: .key, context: [], length: keyLength)
        iv = HKDFLabel.expandLabel(hash, secret: secret, label: .iv, context: [], length: ivLength)
    }
}
