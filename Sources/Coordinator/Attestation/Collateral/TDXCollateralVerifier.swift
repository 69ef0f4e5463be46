// SPDX-License-Identifier: Apache-2.0
// Checks of a TDX quote against Intel collateral (go-tdx-guest `verifyCollateral`, `verifyTCBinfo`,
// `verifyQeIdentity`, `verifyTdQuoteBody`, `verifyQeReport` and the CRL checks of `verifyPCKCertificationChain`;
// TCB level selection per Intel's DCAP quote verification library; upstream.md §8.5).

import ContrastASN1
import ContrastCrypto

/// What the collateral says about a quote's platform once every signature and freshness check passed.
public struct TDXTCBAssessment: Hashable, Sendable {
    /// The worst of the platform, TDX module and QE statuses.
    public var status: TDXTCBStatus
    public var platformStatus: TDXTCBStatus
    /// Status of the TDX module's own TCB level (TCB Info `tdxModuleIdentities`), nil when the quote's module
    /// version is 0 or the TCB Info has no identities.
    public var moduleStatus: TDXTCBStatus?
    public var qeStatus: TDXTCBStatus
    /// `tcbDate` of the matched platform TCB level.
    public var tcbDate: String
    /// Intel security advisories of every matched level (platform, module, QE), without repeats.
    public var advisoryIDs: [String]
    /// The smaller of the TCB Info's and the QE Identity's `tcbEvaluationDataNumber`.
    public var tcbEvaluationDataNumber: Int

    public init(
        status: TDXTCBStatus, platformStatus: TDXTCBStatus, moduleStatus: TDXTCBStatus?, qeStatus: TDXTCBStatus, tcbDate: String,
        advisoryIDs: [String], tcbEvaluationDataNumber: Int
    ) {
        self.status = status
        self.platformStatus = platformStatus
        self.moduleStatus = moduleStatus
        self.qeStatus = qeStatus
        self.tcbDate = tcbDate
        self.advisoryIDs = advisoryIDs
        self.tcbEvaluationDataNumber = tcbEvaluationDataNumber
    }
}

package enum TDXCollateralVerifier {
    /// Verifies `collateral` for a quote whose PCK chain (`leaf` ← `intermediate` ← `root`) already verified.
    /// Returns the assessment, or the failures (every one found) when something does not hold.
    package static func check(
        _ quote: TDXQuote, collateral c: TDXCollateral, pck: PCKCertificateExtensions, leaf: Certificate,
        intermediate: Certificate, root: Certificate, rootPins: [[UInt8]], at time: ASN1Time
    ) -> (TDXTCBAssessment?, [String]) {
        var failures: [String] = []
        let fetch = "fetch current collateral from Intel PCS (or refresh the collateral cache)"
        guard let tcbInfo = c.tcbInfo else { return (nil, ["no TDX TCB Info was supplied for FMSPC \(pck.fmspc?.hexString ?? "?"); \(fetch)"]) }
        guard let qeIdentity = c.qeIdentity else { return (nil, ["no TD_QE QE Identity was supplied; \(fetch)"]) }

        // Issuer chain of TCB Info and QE Identity: Intel SGX TCB Signing ← pinned Intel SGX Root CA.
        let signer = c.issuerChain.first { $0.subject.commonName == "Intel SGX TCB Signing" }
        let issuerRoot = c.issuerChain.first { $0.subject.commonName == "Intel SGX Root CA" } ?? root
        guard let signer else {
            return (nil, ["the collateral issuer chain has no Intel SGX TCB Signing certificate; supply the Tcb-Info-Issuer-Chain"])
        }
        if !rootPins.contains(AttestationKeys.spkiSHA256(issuerRoot)) {
            failures.append("the collateral issuer chain ends in \(issuerRoot.subject), which is not the pinned Intel SGX Root CA")
        }
        if !AttestationKeys.isSignedECDSA(issuerRoot, by: issuerRoot) { failures.append("the collateral issuer chain's root certificate is not validly self-signed") }
        if signer.issuer != issuerRoot.subject || !AttestationKeys.isSignedECDSA(signer, by: issuerRoot) {
            failures.append("the Intel SGX TCB Signing certificate is not signed by the Intel SGX Root CA")
        }
        if time < signer.notValidBefore || time > signer.notValidAfter {
            failures.append("the Intel SGX TCB Signing certificate is valid from \(signer.notValidBefore) to \(signer.notValidAfter), not at \(time); fetch the current Tcb-Info-Issuer-Chain from Intel PCS")
        }

        failures += revocationProblems(rootCRL: c.rootCRL, pckCRL: c.pckCRL, leaf: leaf, intermediate: intermediate, root: root, signer: signer, at: time)

        // Signatures over the exact signed bytes, and freshness.
        for (what, bytes, sig, from, until) in [
            ("TCB Info", tcbInfo.signedBytes, tcbInfo.signature, tcbInfo.issueDate, tcbInfo.nextUpdate),
            ("QE Identity", qeIdentity.signedBytes, qeIdentity.signature, qeIdentity.issueDate, qeIdentity.nextUpdate),
        ] {
            if !isSignedP256(bytes, signature: sig, by: signer) {
                failures.append("the \(what) signature does not verify with the Intel SGX TCB Signing key (altered or not from Intel)")
            }
            if time < from || time > until {
                failures.append("the \(what) was issued \(from) and is valid until \(until), not at \(time); \(fetch)")
            }
        }

        // The TCB Info must be the one for this platform.
        if let f = pck.fmspc, f != tcbInfo.fmspc {
            failures.append("the TCB Info is for FMSPC \(tcbInfo.fmspc.hexString), but the PCK certificate has FMSPC \(f.hexString); fetch the TCB Info for \(f.hexString)")
        }
        if let p = pck.pceID, p != tcbInfo.pceID {
            failures.append("the TCB Info is for PCE ID \(tcbInfo.pceID.hexString), but the PCK certificate has PCE ID \(p.hexString)")
        }
        guard failures.isEmpty else { return (nil, failures) }
        return evaluate(quote, tcbInfo: tcbInfo, qeIdentity: qeIdentity, pck: pck)
    }

    /// TCB level selection and QE identity matching on verified collateral.
    package static func evaluate(_ quote: TDXQuote, tcbInfo: IntelTCBInfo, qeIdentity: IntelQEIdentity, pck: PCKCertificateExtensions) -> (TDXTCBAssessment?, [String]) {
        var failures: [String] = []
        let tee = quote.body.teeTCBSVN
        guard tee.count == 16, pck.tcbComponents.count == 16, let pceSVN = pck.pceSVN else {
            return (nil, ["the PCK certificate lacks its SGX TCB components or PCESVN"])
        }
        // TDX module identity: TEE_TCB_SVN[1] is the module's major version, [0] its SVN.
        var module = tcbInfo.tdxModule
        var moduleStatus: TDXTCBStatus?
        var advisories: [String] = []
        if tee[1] > 0, !tcbInfo.tdxModuleIdentities.isEmpty {
            let wanted = "TDX_" + [tee[1]].hexString.uppercased()
            if let m = tcbInfo.tdxModuleIdentities.first(where: { $0.id.uppercased() == wanted }) {
                module = m
                if let level = TDXISVTCBLevel.matching(m.tcbLevels, svn: Int(tee[0])) {
                    moduleStatus = level.status
                    advisories += level.advisoryIDs
                } else {
                    failures.append("the TDX module \(wanted) SVN \(tee[0]) is below every TCB level in the TCB Info (unsupported module); update the TDX module")
                }
            } else {
                failures.append("the TCB Info has no identity \(wanted) for the quote's TDX module version \(tee[1]); fetch newer TCB Info")
            }
        }
        if module.mrSigner != quote.body.mrSignerSeam {
            failures.append("MRSIGNERSEAM \(quote.body.mrSignerSeam.hexString) is not the TDX module signer \(module.mrSigner.hexString) in the TCB Info")
        }
        let masked = zip(quote.body.seamAttributes, module.attributesMask).map { $0 & $1 }
        if masked != module.attributes {
            failures.append("SEAMATTRIBUTES \(quote.body.seamAttributes.hexString) under mask \(module.attributesMask.hexString) are not the TDX module attributes \(module.attributes.hexString) in the TCB Info")
        }
        // Platform level: the first (newest) level that the PCK's SGX components, PCESVN and TEE_TCB_SVN all reach.
        // With a module version in TEE_TCB_SVN[1], bytes 0–1 are judged by the module identity instead.
        let tdxStart = tee[1] > 0 ? 2 : 0
        let level = tcbInfo.tcbLevels.first { l in
            l.sgxComponents.count == 16 && l.tdxComponents.count == 16
                && zip(pck.tcbComponents, l.sgxComponents).allSatisfy { $0 >= $1 } && pceSVN >= l.pceSVN
                && zip(tee, l.tdxComponents).dropFirst(tdxStart).allSatisfy { $0 >= $1 }
        }
        guard let level else {
            return (nil, failures + [
                "no TCB level in the TCB Info (evaluation \(tcbInfo.tcbEvaluationDataNumber)) is reached by SGX components \(pck.tcbComponents.hexString), PCESVN \(pceSVN) and TEE_TCB_SVN \(tee.hexString); the platform's TCB is not supported: update microcode/BIOS and the TDX module"
            ])
        }
        advisories += level.advisoryIDs
        // QE report against the QE Identity.
        let qe = quote.qeReport
        if qe.miscSelect & qeIdentity.miscSelectMask != qeIdentity.miscSelect {
            failures.append("the QE report's MISCSELECT \(String(qe.miscSelect, radix: 16)) under mask \(String(qeIdentity.miscSelectMask, radix: 16)) is not \(String(qeIdentity.miscSelect, radix: 16)) (QE Identity)")
        }
        if zip(qe.attributes, qeIdentity.attributesMask).map({ $0 & $1 }) != qeIdentity.attributes {
            failures.append("the QE report's ATTRIBUTES \(qe.attributes.hexString) under mask \(qeIdentity.attributesMask.hexString) are not \(qeIdentity.attributes.hexString) (QE Identity)")
        }
        if qe.mrSigner != qeIdentity.mrSigner {
            failures.append("the QE report's MRSIGNER \(qe.mrSigner.hexString) is not Intel's TD_QE signer \(qeIdentity.mrSigner.hexString); the quote was not made by Intel's TD Quoting Enclave")
        }
        if Int(qe.isvProdID) != qeIdentity.isvProdID {
            failures.append("the QE report's ISVPRODID \(qe.isvProdID) is not \(qeIdentity.isvProdID) (TD_QE)")
        }
        let qeLevel = TDXISVTCBLevel.matching(qeIdentity.tcbLevels, svn: Int(qe.isvSVN))
        if qeLevel == nil {
            failures.append("the QE's ISVSVN \(qe.isvSVN) is below every TCB level of the QE Identity; update the platform's quoting enclave")
        }
        guard failures.isEmpty, let qeLevel else { return (nil, failures) }
        advisories += qeLevel.advisoryIDs
        var seen = Set<String>()
        let status = max(level.status, moduleStatus ?? .upToDate, qeLevel.status)
        return (
            TDXTCBAssessment(
                status: status, platformStatus: level.status, moduleStatus: moduleStatus, qeStatus: qeLevel.status, tcbDate: level.tcbDate,
                advisoryIDs: advisories.filter { seen.insert($0).inserted },
                tcbEvaluationDataNumber: min(tcbInfo.tcbEvaluationDataNumber, qeIdentity.tcbEvaluationDataNumber)),
            []
        )
    }

    /// Revocation (upstream sets CheckRevocations): the root CA CRL covers the PCK CA and the TCB Signing
    /// certificate, the PCK CA's CRL covers the PCK certificate. Both CRLs are required.
    package static func revocationProblems(
        rootCRL: CertificateRevocationList?, pckCRL: CertificateRevocationList?, leaf: Certificate, intermediate: Certificate,
        root: Certificate, signer: Certificate?, at time: ASN1Time
    ) -> [String] {
        var failures: [String] = []
        let fetch = "fetch current collateral from Intel PCS (or refresh the collateral cache)"
        if let rootCRL {
            failures += crlProblems(rootCRL, "root CA CRL", issuer: root, at: time)
            if let e = rootCRL.entry(for: intermediate.serialNumber) {
                failures.append("the PCK CA certificate \(intermediate.subject.commonName ?? "?") (serial \(intermediate.serialNumber)) was revoked on \(e.revocationDate)")
            }
            if let signer, let e = rootCRL.entry(for: signer.serialNumber) {
                failures.append("the Intel SGX TCB Signing certificate (serial \(signer.serialNumber)) was revoked on \(e.revocationDate)")
            }
        } else {
            failures.append("no \(root.subject.commonName ?? "root CA") CRL was supplied, but revocation is checked; \(fetch)")
        }
        if let pckCRL {
            failures += crlProblems(pckCRL, "PCK CRL", issuer: intermediate, at: time)
            if let e = pckCRL.entry(for: leaf.serialNumber) {
                failures.append("the PCK certificate (serial \(leaf.serialNumber)) was revoked on \(e.revocationDate); this platform's key is no longer trusted")
            }
        } else {
            failures.append("no PCK CRL from \(intermediate.subject.commonName ?? "the PCK CA") was supplied, but revocation is checked; \(fetch)")
        }
        return failures
    }

    /// Problems of a CRL from `issuer`: wrong issuer, bad signature, not current (go-tdx-guest `validateCRL` and
    /// `checkCollateralExpiration`).
    static func crlProblems(_ crl: CertificateRevocationList, _ what: String, issuer: Certificate, at time: ASN1Time) -> [String] {
        var out: [String] = []
        if crl.issuer != issuer.subject {
            out.append("the \(what) is issued by \(crl.issuer), not by \(issuer.subject)")
        } else if !AttestationKeys.isValidECDSA(signatureDER: crl.signature, over: crl.tbsCertListBytes, algorithm: crl.signatureAlgorithm, signer: issuer.publicKeyInfo) {
            out.append("the \(what) signature does not verify with \(issuer.subject.commonName ?? "its issuer")'s key")
        }
        if !crl.isCurrent(at: time) {
            out.append("the \(what) is valid from \(crl.thisUpdate) to \(crl.nextUpdate?.description ?? "(no next update)"), not at \(time); fetch a current CRL from Intel PCS")
        }
        return out
    }

    /// ECDSA P-256/SHA-256 with raw r ‖ s by the key of `certificate`. VARTIME: public inputs only.
    static func isSignedP256(_ message: [UInt8], signature: [UInt8], by certificate: Certificate) -> Bool {
        guard case .ec(.NamedCurve.p256, let point) = certificate.publicKeyInfo.publicKey,
            let key = try? P256.Signing.PublicKey(x963Representation: point),
            let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
        else { return false }
        return key.isValidSignature(sig, for: message)
    }
}
