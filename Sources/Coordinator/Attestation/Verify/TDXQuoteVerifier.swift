// SPDX-License-Identifier: Apache-2.0
// TDX quote verification: PCK chain to the pinned Intel SGX Root CA, QE report signature by the PCK key, QE report-data
// binding, and the quote signature by the attestation key (go-tdx-guest `verify.TdxQuote`; upstream.md §8.5).

import ContrastASN1
import ContrastCrypto

/// The outcome of verifying a quote's signatures and certificates.
public enum TDXVerificationResult: Sendable {
    /// Every check passed; the facts feed `TDXValidator`.
    case verified(TDXPlatformFacts, pck: PCKCertificateExtensions)
    /// What failed, in words.
    case failed([String])

    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}

public struct TDXQuoteVerifier: Sendable {
    /// SHA-256 of the SubjectPublicKeyInfo of the Intel SGX Root CA (CN=Intel SGX Root CA, 2018-05-21 .. 2049-12-31).
    public static let intelSGXRootSPKISHA256: [UInt8] = [
        0xa0, 0xaf, 0x03, 0x12, 0x89, 0xf5, 0xd5, 0xd4, 0x13, 0x2f, 0x91, 0x86, 0x06, 0x8a, 0x7f, 0xc1,
        0x36, 0x28, 0x63, 0x3b, 0xa2, 0x35, 0x77, 0x74, 0x72, 0xe2, 0x9b, 0x6b, 0x6c, 0x67, 0xa4, 0x9e,
    ]

    /// Root key pins (SHA-256 of SPKI) the PCK chain may end in.
    public var trustedRootSPKIHashes: [[UInt8]] = [TDXQuoteVerifier.intelSGXRootSPKISHA256]

    public init() {}

    /// Verifies `quote` at `time` (validity of the PCK chain). With `collateral`, also checks the TCB Info and QE
    /// Identity (signature by the Intel SGX TCB Signing key, freshness, FMSPC), the PCK and root CA CRLs, the QE
    /// report against the QE Identity, and selects the platform's TCB level; the facts then carry its status.
    /// Without collateral only signatures and the PCK chain are checked (upstream always fetches collateral, so a
    /// policy with `requireCollateral` rejects such facts).
    public func verify(_ quote: TDXQuote, collateral: TDXCollateral? = nil, at time: ASN1Time) -> TDXVerificationResult {
        var failures: [String] = []
        guard quote.pckCertificationDataType == TDXQuote.pckCertChainType else {
            return .failed(["the quote's certification data type is \(quote.pckCertificationDataType), not 5 (PEM PCK certificate chain); fetch the PCK certificate from Intel PCS"])
        }
        let chain: [Certificate]
        do {
            chain = try Certificate.parseAll(quote.pckCertificationData.filter { $0 != 0 })
        } catch {
            return .failed(["the PCK certificate chain in the quote does not parse: \(error)"])
        }
        guard chain.count == 3 else {
            return .failed(["the PCK certificate chain has \(chain.count) certificates, expected 3 (PCK leaf, platform/processor CA, root)"])
        }
        let (leaf, intermediate, root) = (chain[0], chain[1], chain[2])
        if !trustedRootSPKIHashes.contains(AttestationKeys.spkiSHA256(root)) {
            failures.append("the PCK chain ends in \(root.subject), which is not the pinned Intel SGX Root CA")
        }
        if !AttestationKeys.isSignedECDSA(root, by: root) { failures.append("the Intel SGX Root CA certificate is not validly self-signed") }
        if !AttestationKeys.isSignedECDSA(intermediate, by: root) { failures.append("\(intermediate.subject) is not signed by the root CA") }
        if !AttestationKeys.isSignedECDSA(leaf, by: intermediate) { failures.append("the PCK certificate is not signed by \(intermediate.subject)") }
        if leaf.issuer != intermediate.subject || intermediate.issuer != root.subject {
            failures.append("the PCK chain's issuer and subject names do not link up")
        }
        for (c, role) in [(leaf, "PCK certificate"), (intermediate, "PCK CA certificate"), (root, "root CA certificate")] {
            if time < c.notValidBefore || time > c.notValidAfter {
                failures.append("the \(role) is valid from \(c.notValidBefore) to \(c.notValidAfter), not at \(time)")
            }
        }
        guard case .ec(.NamedCurve.p256, let pckPoint) = leaf.publicKeyInfo.publicKey,
            let pckKey = try? P256.Signing.PublicKey(x963Representation: pckPoint)
        else {
            return .failed(failures + ["the PCK certificate's key is not an ECDSA P-256 key"])
        }
        // QE report: ECDSA-P256/SHA-256 by the PCK key over the 384-byte enclave report.
        if let sig = try? P256.Signing.ECDSASignature(rawRepresentation: quote.qeReportSignature),
            pckKey.isValidSignature(sig, for: quote.qeReport.serialized())
        {
        } else {
            failures.append("the QE report signature does not verify with the PCK certificate's key")
        }
        // QE report data = SHA-256(attestation key ‖ QE auth data) ‖ 32 zero bytes.
        let binding = SHA256.hash(data: quote.attestationKey + quote.qeAuthData).bytes
        if Array(quote.qeReport.reportData[0..<32]) != binding || !quote.qeReport.reportData[32...].allSatisfy({ $0 == 0 }) {
            failures.append("the QE report does not bind the attestation key (report data is not SHA-256(attestation key ‖ QE auth data) ‖ zeros)")
        }
        // Quote: ECDSA-P256/SHA-256 by the attestation key over header ‖ body.
        if let ak = try? P256.Signing.PublicKey(rawRepresentation: quote.attestationKey),
            let sig = try? P256.Signing.ECDSASignature(rawRepresentation: quote.signature),
            ak.isValidSignature(sig, for: quote.signedRegion())
        {
        } else {
            failures.append("the quote signature does not verify with the attestation key")
        }
        let pck: PCKCertificateExtensions
        do {
            guard let p = try PCKCertificateExtensions(leaf) else {
                return .failed(failures + ["the PCK certificate has no SGX extension (1.2.840.113741.1.13.1)"])
            }
            pck = p
        } catch {
            return .failed(failures + ["the PCK certificate's SGX extension is malformed: \(error)"])
        }
        guard failures.isEmpty else { return .failed(failures) }
        var facts = TDXPlatformFacts(platformInstanceID: pck.platformInstanceID, dynamicPlatform: pck.dynamicPlatform, smtEnabled: pck.smtEnabled)
        if let collateral {
            let (assessment, why) = TDXCollateralVerifier.check(
                quote, collateral: collateral, pck: pck, leaf: leaf, intermediate: intermediate, root: root,
                rootPins: trustedRootSPKIHashes, at: time)
            guard let assessment else { return .failed(why) }
            facts.tcb = assessment
            facts.tcbEvaluationDataNumber = assessment.tcbEvaluationDataNumber
        }
        return .verified(facts, pck: pck)
    }
}
