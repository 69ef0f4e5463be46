// SPDX-License-Identifier: Apache-2.0
// A toy AEAD for record-layer framing tests only: XOR keystream and a 16-byte checksum tag (NOT secure).

import ContrastTLS

/// Deterministic stand-in for an AEAD: exercises framing, nonces and padding independent of real ciphers.
struct FakeAEAD: RecordAEAD {
    let key: [UInt8]
    var tagLength: Int { 16 }

    private func stream(_ nonce: [UInt8], _ n: Int) -> [UInt8] {
        (0..<n).map { i in key[i % key.count] &+ nonce[i % nonce.count] &+ UInt8(truncatingIfNeeded: i) }
    }

    private func tag(_ nonce: [UInt8], _ aad: [UInt8], _ ct: [UInt8]) -> [UInt8] {
        var t = [UInt8](repeating: 0, count: 16)
        for (i, b) in (key + nonce + aad + ct).enumerated() { t[i % 16] = (t[i % 16] &* 31) &+ b &+ UInt8(truncatingIfNeeded: i) }
        return t
    }

    func seal(_ plaintext: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws(TLSError) -> [UInt8] {
        let ks = stream(nonce, plaintext.count)
        let ct = zip(plaintext, ks).map { $0 ^ $1 }
        return ct + tag(nonce, additionalData, ct)
    }

    func open(_ ciphertextAndTag: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws(TLSError) -> [UInt8] {
        guard ciphertextAndTag.count >= 16 else { throw .badRecordMAC }
        let ct = Array(ciphertextAndTag.dropLast(16))
        guard tag(nonce, additionalData, ct) == Array(ciphertextAndTag.suffix(16)) else { throw .badRecordMAC }
        return zip(ct, stream(nonce, ct.count)).map { $0 ^ $1 }
    }
}
