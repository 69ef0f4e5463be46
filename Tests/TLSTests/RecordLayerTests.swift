// SPDX-License-Identifier: Apache-2.0
// Record-layer tests: framing, 2^14 limits, ciphertext expansion limit, padding, content-type hiding, nonces.

import ContrastTLS
import Testing

@Suite("TLS record layer")
struct RecordLayerTests {
    static func protectedPair() -> (RecordLayer, RecordLayer) {
        var writer = RecordLayer()
        var reader = RecordLayer()
        let aead = FakeAEAD(key: Array(1...16))
        let iv: [UInt8] = Array(100..<112)
        writer.writeProtection = RecordProtection(aead: aead, iv: iv)
        reader.readProtection = RecordProtection(aead: aead, iv: iv)
        return (writer, reader)
    }

    @Test("Plaintext records frame and deframe, byte by byte")
    func plaintextFraming() throws {
        var w = RecordLayer()
        let bytes = try w.seal(type: .handshake, content: [1, 0, 0, 0], legacyVersion: 0x0301)
        #expect(bytes == [22, 3, 1, 0, 4, 1, 0, 0, 0])
        var r = RecordLayer()
        for b in bytes.dropLast() {
            r.feed([b])
            #expect(try r.nextRecord() == nil)
        }
        r.feed([bytes.last ?? 0])
        #expect(try r.nextRecord() == Record(type: .handshake, content: [1, 0, 0, 0], wasProtected: false))
        #expect(try r.nextRecord() == nil)
    }

    @Test("Large content is fragmented at 2^14 bytes and reassembles")
    func fragmentation() throws {
        var (w, r) = Self.protectedPair()
        let content = (0..<40000).map { UInt8(truncatingIfNeeded: $0) }
        let bytes = try w.seal(type: .applicationData, content: content)
        r.feed(bytes)
        var got: [UInt8] = []
        var records = 0
        while let rec = try r.nextRecord() {
            #expect(rec.type == .applicationData && rec.wasProtected)
            #expect(rec.content.count <= RecordLayer.maxPlaintext)
            got += rec.content
            records += 1
        }
        #expect(records == 3)
        #expect(got == content)
    }

    @Test("Inner content type is hidden and padding is stripped")
    func paddingAndTypeHiding() throws {
        var (w, r) = Self.protectedPair()
        w.paddingLength = 100
        let bytes = try w.seal(type: .handshake, content: [20, 0, 0, 1, 0xAA])
        #expect(bytes[0] == ContentType.applicationData.rawValue)  // outer type is always application_data
        #expect(bytes.count == 5 + 5 + 1 + 100 + 16)
        r.feed(bytes)
        #expect(try r.nextRecord() == Record(type: .handshake, content: [20, 0, 0, 1, 0xAA], wasProtected: true))
    }

    @Test("Sequence numbers advance the nonce: a replayed or reordered record fails")
    func sequenceNonces() throws {
        var (w, r) = Self.protectedPair()
        let first = try w.seal(type: .applicationData, content: [1])
        let second = try w.seal(type: .applicationData, content: [2])
        r.feed(second)
        #expect(throws: TLSError.badRecordMAC) { _ = try r.nextRecord() }
        var (_, r2) = Self.protectedPair()
        r2.feed(first + second)
        #expect(try r2.nextRecord()?.content == [1])
        #expect(try r2.nextRecord()?.content == [2])
        #expect(r2.readProtection?.sequenceNumber == 2)
    }

    @Test("Oversized records are record_overflow")
    func oversized() throws {
        var r = RecordLayer()
        r.feed([22, 3, 3, 0x40, 0x01])  // 2^14 + 1 plaintext
        #expect(throws: TLSError.invalidMessage(.recordOverflow)) { _ = try r.nextRecord() }
        var (_, p) = Self.protectedPair()
        p.feed([23, 3, 3, 0x41, 0x01])  // 2^14 + 257 ciphertext
        #expect(throws: TLSError.invalidMessage(.recordOverflow)) { _ = try p.nextRecord() }
        #expect(TLSError.invalidMessage(.recordOverflow).alert == .recordOverflow)
    }

    @Test("An inner plaintext over 2^14 + 1 bytes is record_overflow even if it authenticates")
    func innerOverflow() throws {
        let aead = FakeAEAD(key: Array(1...16))
        // Build by hand: 2^14 + 2 bytes of inner plaintext (fits the 2^14 + 256 ciphertext limit).
        let inner = [UInt8](repeating: 7, count: RecordLayer.maxPlaintext + 2)
        let length = inner.count + 16
        let header: [UInt8] = [23, 3, 3, UInt8(length >> 8), UInt8(length & 0xFF)]
        let nonce = Array(100..<112).map { UInt8($0) }
        let body = try aead.seal(inner, nonce: nonce, additionalData: header)
        var (_, r) = Self.protectedPair()
        r.feed(header + body)
        #expect(throws: TLSError.invalidMessage(.recordOverflow)) { _ = try r.nextRecord() }
    }

    @Test("An all-zero inner plaintext is unexpected_message")
    func allZeroInner() throws {
        let aead = FakeAEAD(key: Array(1...16))
        let inner = [UInt8](repeating: 0, count: 10)
        let header: [UInt8] = [23, 3, 3, 0, UInt8(inner.count + 16)]
        let body = try aead.seal(inner, nonce: Array(100..<112).map { UInt8($0) }, additionalData: header)
        var (_, r) = Self.protectedPair()
        r.feed(header + body)
        #expect(throws: TLSError.peerMisbehaved(.unexpectedRecord(.invalid))) { _ = try r.nextRecord() }
    }

    @Test("Tampered header or body fails authentication")
    func tamper() throws {
        var (w, _) = Self.protectedPair()
        let bytes = try w.seal(type: .applicationData, content: [1, 2, 3])
        for i in [2, 5, bytes.count - 1] {
            var t = bytes
            t[i] ^= 1
            var (_, r) = Self.protectedPair()
            r.feed(t)
            #expect(throws: TLSError.self) { _ = try r.nextRecord() }
        }
    }

    @Test("Plaintext handshake after keys, unknown types, and empty handshake records are rejected")
    func plaintextAfterKeys() throws {
        var (_, r) = Self.protectedPair()
        r.feed([22, 3, 3, 0, 1, 0])
        #expect(throws: TLSError.peerMisbehaved(.unexpectedRecord(.handshake))) { _ = try r.nextRecord() }
        var u = RecordLayer()
        u.feed([99, 3, 3, 0, 1, 0])
        #expect(throws: TLSError.self) { _ = try u.nextRecord() }
        var e = RecordLayer()
        e.feed([22, 3, 3, 0, 0])
        #expect(throws: TLSError.self) { _ = try e.nextRecord() }
        var a = RecordLayer()
        a.feed([23, 3, 3, 0, 1, 0])  // application data before any keys
        #expect(throws: TLSError.self) { _ = try a.nextRecord() }
    }
}
