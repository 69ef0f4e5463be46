// SPDX-License-Identifier: Apache-2.0
// TLSError: the one error type of ContrastTLS, with the alert it maps to derived in one place (RFC 8446 §6.2).

/// Everything that can go wrong in TLS. Errors are data; the alert sent to the peer is derived from the
/// error by `alert` only, never chosen at the call site (STYLE.md §8.3).
public enum TLSError: Error, Hashable, Sendable {
    /// The peer sent bytes that do not parse as the message they claim to be.
    case invalidMessage(InvalidMessage)
    /// The peer sent something well-formed that the protocol forbids at this point.
    case peerMisbehaved(PeerMisbehaved)
    /// The peer offered nothing we can accept.
    case peerIncompatible(Incompatibility)
    /// The peer's certificate chain was rejected (the summary names the failing policy).
    case badCertificate(String)
    /// A record failed authentication, or a Finished / CertificateVerify did not verify.
    case decryptError
    /// The peer's record did not decrypt (bad_record_mac, RFC 8446 §5.2).
    case badRecordMAC
    /// The peer sent us an alert.
    case alertReceived(AlertDescription)
    /// The peer asked for something this implementation leaves out on purpose.
    case unsupported(String)
    /// A local failure (random source, our own key), not the peer's fault.
    case `internal`(String)
    /// The connection was closed cleanly (close_notify) and no more data flows.
    case closed
    /// The transport failed (socket error, peer reset, end of stream) or a deadline passed.
    case transport(String)

    /// Parse failures.
    public enum InvalidMessage: Hashable, Sendable {
        case truncated
        case trailingBytes
        case badLength
        case emptyVector
        case duplicateExtension(ExtensionType)
        case illegalExtension(ExtensionType)
        case badValue(String)
        case recordOverflow
        case badCertificateEncoding
        case messageTooLarge
    }

    /// Well-formed but forbidden.
    public enum PeerMisbehaved: Hashable, Sendable {
        case unexpectedMessage(expected: String, got: HandshakeType)
        case unexpectedRecord(ContentType)
        case illegalParameter(String)
        case missingExtension(ExtensionType)
        case badFinished
        case badSignature
        case keyUpdateDuringHandshake
        case dataAfterCloseNotify
        case secondHelloRetryRequest
        case handshakeAcrossKeyChange
        case tooManyEmptyRecords
    }

    /// No common ground.
    public enum Incompatibility: Hashable, Sendable {
        case noCommonCipherSuite
        case noCommonGroup
        case noCommonSignatureScheme
        case noTLS13
        case noApplicationProtocol
        case certificateRequired
    }

    /// The alert this error is reported with, or nil when none is sent (the peer's own alert, clean close).
    /// RFC 8446 §6.2 names which alert goes with which failure.
    public var alert: AlertDescription? {
        switch self {
        case .invalidMessage(let m):
            switch m {
            case .recordOverflow: return .recordOverflow
            case .badCertificateEncoding: return .badCertificate
            case .illegalExtension: return .unsupportedExtension
            case .duplicateExtension, .badValue: return .illegalParameter
            default: return .decodeError
            }
        case .peerMisbehaved(let m):
            switch m {
            case .unexpectedMessage, .unexpectedRecord, .keyUpdateDuringHandshake, .dataAfterCloseNotify,
                .handshakeAcrossKeyChange, .tooManyEmptyRecords:
                return .unexpectedMessage
            case .illegalParameter, .secondHelloRetryRequest: return .illegalParameter
            case .missingExtension: return .missingExtension
            case .badFinished, .badSignature: return .decryptError
            }
        case .peerIncompatible(let i):
            switch i {
            case .noTLS13: return .protocolVersion
            case .noApplicationProtocol: return .noApplicationProtocol
            case .certificateRequired: return .certificateRequired
            default: return .handshakeFailure
            }
        case .badCertificate: return .badCertificate
        case .decryptError: return .decryptError
        case .badRecordMAC: return .badRecordMAC
        case .alertReceived, .closed, .transport: return nil
        case .unsupported: return .handshakeFailure
        case .internal: return .internalError
        }
    }
}
