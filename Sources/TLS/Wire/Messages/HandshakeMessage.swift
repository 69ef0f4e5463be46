// SPDX-License-Identifier: Apache-2.0
// HandshakeMessage: the tagged union of handshake messages with their 4-byte header (RFC 8446 §4).

/// A decoded handshake message. `encode()` returns header + body, the bytes that enter the transcript.
public enum HandshakeMessage: Hashable, Sendable {
    case clientHello(ClientHello)
    case serverHello(ServerHello)
    case newSessionTicket(NewSessionTicket)
    case encryptedExtensions(EncryptedExtensions)
    case certificate(CertificateMessage)
    case certificateRequest(CertificateRequest)
    case certificateVerify(CertificateVerify)
    case finished(Finished)
    case keyUpdate(KeyUpdate)

    /// Largest handshake message body we accept (certificate chains dominate; 2^16 + slack, like OpenSSL's
    /// default 100 KiB cap on Certificate).
    public static let maximumBodyLength = 1 << 17

    public var type: HandshakeType {
        switch self {
        case .clientHello: return .clientHello
        case .serverHello: return .serverHello
        case .newSessionTicket: return .newSessionTicket
        case .encryptedExtensions: return .encryptedExtensions
        case .certificate: return .certificate
        case .certificateRequest: return .certificateRequest
        case .certificateVerify: return .certificateVerify
        case .finished: return .finished
        case .keyUpdate: return .keyUpdate
        }
    }

    /// Header (type, uint24 length) and body.
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        w.writeU8(type.rawValue)
        w.lengthPrefixed(3) { w in
            switch self {
            case .clientHello(let m): m.encodeBody(into: &w)
            case .serverHello(let m): m.encodeBody(into: &w)
            case .newSessionTicket(let m):
                w.writeU32(m.lifetime)
                w.writeU32(m.ageAdd)
                w.writeVector(1, m.nonce)
                w.writeVector(2, m.ticket)
                m.extensions.encode(into: &w)
            case .encryptedExtensions(let m): m.extensions.encode(into: &w)
            case .certificate(let m): m.encodeBody(into: &w)
            case .certificateRequest(let m):
                w.writeVector(1, m.context)
                m.extensions.encode(into: &w)
            case .certificateVerify(let m):
                w.writeU16(m.scheme.rawValue)
                w.writeVector(2, m.signature)
            case .finished(let m): w.writeBytes(m.verifyData)
            case .keyUpdate(let m): w.writeU8(m.updateRequested ? 1 : 0)
            }
        }
        return w.bytes
    }

    /// Decodes one complete message (header included); trailing bytes are an error.
    public static func decode(_ bytes: [UInt8]) throws(TLSError) -> HandshakeMessage {
        var r = ByteReader(bytes)
        let type = HandshakeType(rawValue: try r.readU8())
        var body = try r.readSubReader(lengthBytes: 3)
        try r.expectEnd()
        return try decodeBody(type: type, &body)
    }

    /// Decodes a body of `type`; the whole body must be consumed.
    static func decodeBody(type: HandshakeType, _ r: inout ByteReader) throws(TLSError) -> HandshakeMessage {
        let message: HandshakeMessage
        switch type {
        case .clientHello: message = .clientHello(try ClientHello.decodeBody(&r))
        case .serverHello: message = .serverHello(try ServerHello.decodeBody(&r))
        case .newSessionTicket:
            let lifetime = try r.readU32()
            let ageAdd = try r.readU32()
            let nonce = try r.readVector(lengthBytes: 1)
            let ticket = try r.readVector(lengthBytes: 2)
            guard !ticket.isEmpty else { throw .invalidMessage(.emptyVector) }
            message = .newSessionTicket(
                NewSessionTicket(
                    lifetime: lifetime, ageAdd: ageAdd, nonce: nonce, ticket: ticket,
                    extensions: try [Extension].decode(from: &r)))
        case .encryptedExtensions:
            message = .encryptedExtensions(EncryptedExtensions(extensions: try [Extension].decode(from: &r)))
        case .certificate: message = .certificate(try CertificateMessage.decodeBody(&r))
        case .certificateRequest:
            let context = try r.readVector(lengthBytes: 1)
            message = .certificateRequest(
                CertificateRequest(context: context, extensions: try [Extension].decode(from: &r)))
        case .certificateVerify:
            let scheme = SignatureScheme(rawValue: try r.readU16())
            let sig = try r.readVector(lengthBytes: 2)
            message = .certificateVerify(CertificateVerify(scheme: scheme, signature: sig))
        case .finished:
            message = .finished(Finished(verifyData: r.readRest()))
        case .keyUpdate:
            let v = try r.readU8()
            // RFC 8446 §4.6.3: values other than 0 and 1 are an illegal_parameter.
            guard v <= 1 else { throw .invalidMessage(.badValue("KeyUpdate.request_update")) }
            message = .keyUpdate(KeyUpdate(updateRequested: v == 1))
        default:
            throw .peerMisbehaved(.unexpectedMessage(expected: "a TLS 1.3 handshake message", got: type))
        }
        try r.expectEnd()
        return message
    }
}
