// SPDX-License-Identifier: Apache-2.0
// Default TLS 1.3 configurations over ContrastCrypto: all three suites, x25519 and NIST groups, ECDSA and RSA-PSS schemes.

import ContrastCrypto

extension TLSConfiguration {
    /// Signature schemes we verify in CertificateVerify, preference order (RSA-PSS with rsaEncryption keys, RFC 8446 §4.2.3).
    public static let defaultSignatureSchemes: [SignatureScheme] = [
        .ecdsaSecp384r1SHA384, .ecdsaSecp256r1SHA256, .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512,
    ]

    /// All suites; groups x25519 (the first key share: cheapest, and what Go clients send), secp384r1, secp256r1;
    /// ECDSA and RSA-PSS schemes.
    public static func standard() -> TLSConfiguration {
        TLSConfiguration(
            cipherSuites: CipherSuiteParameters.all, groups: [.x25519, .secp384r1, .secp256r1],
            signatureSchemes: defaultSignatureSchemes)
    }

    /// A client verifying the server with `verifier`.
    public static func client(serverName: String?, verifier: @escaping CertificateVerifier) -> TLSConfiguration {
        var c = standard()
        c.serverName = serverName
        c.verifyPeer = verifier
        return c
    }

    /// A server presenting `chain` with `key` on every connection.
    public static func server(chain: [[UInt8]], key: any TLSSigningKey) -> TLSConfiguration {
        var c = standard()
        let certified = CertifiedKey(chain: chain, key: key)
        c.selectCertificate = { _ throws(TLSError) in certified }
        return c
    }
}
