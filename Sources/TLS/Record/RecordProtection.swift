// SPDX-License-Identifier: Apache-2.0
// RecordProtection: per-epoch AEAD keys, sequence-number nonces and the TLSInnerPlaintext (RFC 8446 §5.2, §5.3, §5.4).

/// Protects records in one direction for one epoch (handshake or an application generation).
/// The per-record nonce is the static IV XOR the 64-bit sequence number, left-padded (RFC 8446 §5.3).
public struct RecordProtection: Sendable {
    package let aead: any RecordAEAD
    package let iv: [UInt8]
    /// Number of records sealed or opened with these keys.
    public private(set) var sequenceNumber: UInt64 = 0

    public init(aead: any RecordAEAD, iv: [UInt8]) {
        self.aead = aead
        self.iv = iv
    }

    /// Keys for `secret` under `parameters` (RFC 8446 §7.3).
    public init(secret: [UInt8], parameters: CipherSuiteParameters) throws(TLSError) {
        let keys = TrafficKeys(secret: secret, hash: parameters.hash, keyLength: parameters.aead.keyLength,
            ivLength: parameters.aead.ivLength)
        self.init(aead: try parameters.aead.makeContext(keys.key), iv: keys.iv)
    }

    var tagLength: Int { aead.tagLength }

    /// RFC 8446 §5.3: the nonce is the IV XOR the sequence number, big-endian, left-padded to the IV length.
    func nonce() -> [UInt8] {
        var n = iv
        let count = n.count
        for i in 0..<8 where count - 1 - i >= 0 {
            n[count - 1 - i] ^= UInt8(truncatingIfNeeded: sequenceNumber >> (8 * UInt64(i)))
        }
        return n
    }

    /// Advances the sequence number. RFC 8446 §5.3: it must not wrap; we stop at 2^64-1.
    mutating func advance() throws(TLSError) {
        guard sequenceNumber < UInt64.max else { throw .internal("record sequence number exhausted") }
        sequenceNumber += 1
    }

    /// Seals `content` of `type` into a complete TLSCiphertext record (header included), with `padding` zeros.
    /// - CT: time depends on the lengths only; the key and the content do not leak.
    public mutating func seal(type: ContentType, content: [UInt8], padding: Int = 0) throws(TLSError) -> [UInt8] {
        var inner = content
        inner.reserveCapacity(content.count + 1 + padding + aead.tagLength)
        inner.append(type.rawValue)
        if padding > 0 { inner.append(contentsOf: repeatElement(0, count: padding)) }
        let length = inner.count + aead.tagLength
        // RFC 8446 §5.2: TLSInnerPlaintext is at most 2^14 + 1 bytes.
        guard inner.count <= RecordLayer.maxPlaintext + 1 else { throw .internal("record too large to seal") }
        let header: [UInt8] = [
            ContentType.applicationData.rawValue, 0x03, 0x03, UInt8(truncatingIfNeeded: length >> 8),
            UInt8(truncatingIfNeeded: length),
        ]
        let sealed = try aead.seal(inner, nonce: nonce(), additionalData: header)
        try advance()
        return header + sealed
    }

    /// Opens the fragment of a TLSCiphertext whose 5-byte header is `header`; returns content and true type.
    /// RFC 8446 §5.4: the type is the last non-zero byte; an all-zero inner plaintext is unexpected_message.
    public mutating func open(header: [UInt8], fragment: [UInt8]) throws(TLSError) -> (ContentType, [UInt8]) {
        guard fragment.count >= aead.tagLength + 1 else { throw .badRecordMAC }
        var inner = try aead.open(fragment, nonce: nonce(), additionalData: header)
        try advance()
        // RFC 8446 §5.2: the inner plaintext must not exceed 2^14 + 1 bytes.
        guard inner.count <= RecordLayer.maxPlaintext + 1 else { throw .invalidMessage(.recordOverflow) }
        // VARTIME: the padding length is a public property of the record (its sender chose it in the clear of
        // the AEAD's authenticated output); scanning from the end is what RFC 8446 §5.4 describes.
        while let last = inner.last, last == 0 { inner.removeLast() }
        guard let typeByte = inner.popLast() else {
            throw .peerMisbehaved(.unexpectedRecord(.invalid))
        }
        return (ContentType(rawValue: typeByte), inner)
    }
}
