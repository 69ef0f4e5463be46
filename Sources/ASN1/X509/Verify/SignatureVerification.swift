// SPDX-License-Identifier: Apache-2.0
// Signature checks for certificates and CRLs: one switch over SignatureAlgorithm, behind a protocol for tests.

/// Checks a signature made with `algorithm` by the key in `publicKey` over `message`.
public protocol CertificateSignatureVerifier: Sendable {
    /// True only when the signature is valid. Unsupported algorithms or keys are `false`.
    /// VARTIME: public inputs only.
    func isValidSignature(
        _ signature: [UInt8], over message: [UInt8], algorithm: SignatureAlgorithm, publicKey: SubjectPublicKeyInfo
    ) -> Bool
}

extension Certificate {
    /// True when `issuer`'s key signed this certificate's TBS bytes (RFC 5280 §6.1.3 (a)(1)).
    public func isSigned(by issuer: Certificate, using verifier: some CertificateSignatureVerifier) -> Bool {
        verifier.isValidSignature(
            signature, over: tbsCertificateBytes, algorithm: signatureAlgorithm, publicKey: issuer.publicKeyInfo)
    }
}

extension CertificateRevocationList {
    /// True when `issuer`'s key signed this CRL (RFC 5280 §6.3.3 (f)).
    public func isSigned(by issuer: Certificate, using verifier: some CertificateSignatureVerifier) -> Bool {
        verifier.isValidSignature(
            signature, over: tbsCertListBytes, algorithm: signatureAlgorithm, publicKey: issuer.publicKeyInfo)
    }
}
