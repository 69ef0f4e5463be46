// SPDX-License-Identifier: Apache-2.0
// Proof types and the checks that alone can create them (RFC 8446 §4.4.2, §4.4.3, §4.4.4).

import ContrastCrypto

/// The peer's chain was accepted by the verifier. Only `HandshakeChecks.verifyChain` makes one.
public struct CertificateChainVerified: Sendable {
    fileprivate init() {}
}

/// The peer's CertificateVerify verified under its end-entity key. Only `HandshakeChecks.verifySignature` makes one.
public struct SignatureVerified: Sendable {
    fileprivate init() {}
}

/// The peer's Finished matched. Only `HandshakeChecks.verifyFinished` makes one.
public struct FinishedVerified: Sendable {
    fileprivate init() {}
}

enum HandshakeChecks {
    /// Runs the configured verifier over the chain. RFC 8446 §4.4.2.4: no verifier means no way to trust.
    static func verifyChain(
        _ context: PeerCertificateContext, verifier: CertificateVerifier?
    ) throws(TLSError) -> (any TLSPublicKey, CertificateChainVerified) {
        guard let verifier else { throw .badCertificate("no certificate verifier configured") }
        return (try verifier(context), CertificateChainVerified())
    }

    /// RFC 8446 §4.4.3: the signed content is 64 spaces, the context string, a zero byte and the transcript hash.
    static func signedContent(transcriptHash: [UInt8], server: Bool) -> [UInt8] {
        let label = server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify"
        return [UInt8](repeating: 0x20, count: 64) + Array(label.utf8) + [0] + transcriptHash
    }

    /// RFC 8446 §4.4.3: the scheme must be one we offered and the key supports; the signature must verify
    /// (decrypt_error otherwise).
    static func verifySignature(
        _ cv: CertificateVerify, key: any TLSPublicKey, offered: [SignatureScheme], transcriptHash: [UInt8],
        signerIsServer: Bool, _ chain: CertificateChainVerified
    ) throws(TLSError) -> SignatureVerified {
        guard offered.contains(cv.scheme), key.signatureSchemes.contains(cv.scheme) else {
            throw .peerMisbehaved(.illegalParameter("CertificateVerify scheme \(cv.scheme) not offered or not the key's"))
        }
        let content = signedContent(transcriptHash: transcriptHash, server: signerIsServer)
        guard key.isValidSignature(cv.signature, scheme: cv.scheme, message: content) else {
            throw .peerMisbehaved(.badSignature)
        }
        return SignatureVerified()
    }

    /// RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash); compared in constant time.
    /// - CT: the comparison does not depend on where the bytes differ; lengths are public.
    static func verifyFinished(
        _ finished: Finished, hash: TLSHash, baseKey: [UInt8], transcriptHash: [UInt8]
    ) throws(TLSError) -> FinishedVerified {
        let expected = TrafficSecret.verifyData(hash, baseKey: baseKey, transcriptHash: transcriptHash)
        guard finished.verifyData.count == expected.count else { throw .invalidMessage(.badLength) }
        guard constantTimeEquals(expected, finished.verifyData) else { throw .peerMisbehaved(.badFinished) }
        return FinishedVerified()
    }
}
