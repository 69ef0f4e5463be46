// SPDX-License-Identifier: Apache-2.0
// EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify, Finished (RFC 8446 §4.3, §4.4).

/// EncryptedExtensions (RFC 8446 §4.3.1).
public struct EncryptedExtensions: Hashable, Sendable {
    public var extensions: [Extension]
    public init(extensions: [Extension]) { self.extensions = extensions }
}

/// CertificateRequest (RFC 8446 §4.3.2).
public struct CertificateRequest: Hashable, Sendable {
    public var context: [UInt8]
    public var extensions: [Extension]
    public init(context: [UInt8] = [], extensions: [Extension]) {
        self.context = context
        self.extensions = extensions
    }
}

/// One certificate with its per-entry extensions (RFC 8446 §4.4.2).
public struct CertificateEntry: Hashable, Sendable {
    public var data: [UInt8]
    public var extensions: [Extension]
    public init(data: [UInt8], extensions: [Extension] = []) {
        self.data = data
        self.extensions = extensions
    }
}

/// Certificate (RFC 8446 §4.4.2). The first entry is the end-entity certificate.
public struct CertificateMessage: Hashable, Sendable {
    public var context: [UInt8]
    public var entries: [CertificateEntry]
    public init(context: [UInt8] = [], entries: [CertificateEntry]) {
        self.context = context
        self.entries = entries
    }
}

/// CertificateVerify (RFC 8446 §4.4.3).
public struct CertificateVerify: Hashable, Sendable {
    public var scheme: SignatureScheme
    public var signature: [UInt8]
    public init(scheme: SignatureScheme, signature: [UInt8]) {
        self.scheme = scheme
        self.signature = signature
    }
}

/// Finished (RFC 8446 §4.4.4): verify_data is the whole body; its length is checked by the machine.
public struct Finished: Hashable, Sendable {
    public var verifyData: [UInt8]
    public init(verifyData: [UInt8]) { self.verifyData = verifyData }
}

/// KeyUpdate (RFC 8446 §4.6.3).
public struct KeyUpdate: Hashable, Sendable {
    public var updateRequested: Bool
    public init(updateRequested: Bool) { self.updateRequested = updateRequested }
}

/// NewSessionTicket (RFC 8446 §4.6.1). Parsed for well-formedness and ignored: no resumption.
public struct NewSessionTicket: Hashable, Sendable {
    public var lifetime: UInt32
    public var ageAdd: UInt32
    public var nonce: [UInt8]
    public var ticket: [UInt8]
    public var extensions: [Extension]
    public init(lifetime: UInt32, ageAdd: UInt32, nonce: [UInt8], ticket: [UInt8], extensions: [Extension]) {
        self.lifetime = lifetime
        self.ageAdd = ageAdd
        self.nonce = nonce
        self.ticket = ticket
        self.extensions = extensions
    }
}

extension CertificateMessage {
    func encodeBody(into w: inout ByteWriter) {
        w.writeVector(1, context)
        w.lengthPrefixed(3) { w in
            for e in entries {
                w.writeVector(3, e.data)
                e.extensions.encode(into: &w)
            }
        }
    }

    static func decodeBody(_ r: inout ByteReader) throws(TLSError) -> CertificateMessage {
        let context = try r.readVector(lengthBytes: 1)
        var list = try r.readSubReader(lengthBytes: 3)
        var entries: [CertificateEntry] = []
        while !list.isAtEnd {
            let data = try list.readVector(lengthBytes: 3)
            guard !data.isEmpty else { throw .invalidMessage(.emptyVector) }  // cert_data<1..2^24-1>
            entries.append(CertificateEntry(data: data, extensions: try [Extension].decode(from: &list)))
        }
        return CertificateMessage(context: context, entries: entries)
    }
}
