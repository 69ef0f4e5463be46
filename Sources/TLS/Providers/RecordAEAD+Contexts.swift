// SPDX-License-Identifier: Apache-2.0
// RecordAEAD over ContrastCrypto's in-place AEAD contexts: AES-GCM and ChaCha20-Poly1305 (RFC 8446 §5.2, §B.4).

import ContrastCrypto

/// Adapts an `AEADContext` (key schedule done once per epoch) to record protection.
struct ContextRecordAEAD<C: AEADContext>: RecordAEAD {
    let context: C
    var tagLength: Int { C.tagByteCount }

    /// - CT: time depends on the lengths only.
    func seal(_ plaintext: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws(TLSError) -> [UInt8] {
        var buffer = plaintext
        buffer.reserveCapacity(plaintext.count + C.tagByteCount)
        let n = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: C.tagByteCount))
        do {
            let tag = try context.seal(in: &buffer, range: 0..<n, nonce: nonce, authenticating: additionalData)
            try tag.write(to: &buffer, at: n)
        } catch {
            throw .internal("AEAD seal: \(error)")
        }
        return buffer
    }

    /// RFC 8446 §5.2: a record that fails to deprotect is bad_record_mac.
    func open(_ ciphertextAndTag: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws(TLSError) -> [UInt8] {
        let n = ciphertextAndTag.count - C.tagByteCount
        guard n >= 0 else { throw .badRecordMAC }
        var buffer = ciphertextAndTag
        do {
            let tag = try AEADTag(reading: buffer, at: n)
            try context.open(in: &buffer, range: 0..<n, nonce: nonce, authenticating: additionalData, tag: tag)
        } catch {
            throw .badRecordMAC
        }
        buffer.removeLast(C.tagByteCount)
        return buffer
    }
}

extension TLSAEADAlgorithm {
    static func context<C: AEADContext>(_ type: C.Type, keyLength: Int) -> TLSAEADAlgorithm {
        TLSAEADAlgorithm(keyLength: keyLength) { key throws(TLSError) in
            do { return ContextRecordAEAD(context: try C(key: SymmetricKey(data: key))) } catch {
                throw .internal("AEAD key: \(error)")
            }
        }
    }

    public static let aes128GCM = context(AES.GCM.Context.self, keyLength: 16)
    public static let aes256GCM = context(AES.GCM.Context.self, keyLength: 32)
    public static let chacha20Poly1305 = context(ChaChaPoly.Context.self, keyLength: 32)
}

extension CipherSuiteParameters {
    public static let aes128GCMSHA256 = CipherSuiteParameters(suite: .aes128GCMSHA256, aead: .aes128GCM, hash: .sha256)
    public static let aes256GCMSHA384 = CipherSuiteParameters(suite: .aes256GCMSHA384, aead: .aes256GCM, hash: .sha384)
    public static let chacha20Poly1305SHA256 = CipherSuiteParameters(
        suite: .chacha20Poly1305SHA256, aead: .chacha20Poly1305, hash: .sha256)

    /// The three TLS 1.3 suites we implement, AES-128-GCM first (RFC 8446 §9.1).
    public static let all: [CipherSuiteParameters] = [aes128GCMSHA256, aes256GCMSHA384, chacha20Poly1305SHA256]
}
