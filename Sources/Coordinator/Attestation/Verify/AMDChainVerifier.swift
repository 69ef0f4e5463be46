// SPDX-License-Identifier: Apache-2.0
// The AMD certificate chain of a SEV-SNP report: VCEK (or VLEK) ← ASK (or ASVK) ← ARK, RSASSA-PSS with SHA-384,
// AMD name and extension checks, pinned ARK per product line (go-sev-guest `verify`, upstream.md §8.2).

import ContrastASN1
import ContrastCrypto

/// A chain that verified: the signing key and what its certificate says about the chip.
public struct VerifiedAMDChain: Sendable {
    public let signingKey: P384.Signing.PublicKey
    public let facts: SNPSignerFacts
    /// The chain is valid from the latest notBefore to the earliest notAfter of its three certificates.
    public let validFrom: ASN1Time
    public let validUntil: ASN1Time
}

enum AMDChainVerifier {
    static let pssSHA384 = SignatureAlgorithm.rsaPSS(.sha384, saltLength: 48)

    /// Verifies leaf ← intermediate ← root for `product` and the signing-key kind; returns the failures (empty on
    /// success) and the chain facts when everything passed.
    static func verify(
        leaf: Certificate, intermediate: Certificate, root: Certificate, kind: SNPReport.SigningKey, product: SNPProduct,
        pins: AMDRootPins, at time: ASN1Time
    ) -> (VerifiedAMDChain?, [String]) {
        var failures: [String] = []
        let line = product.rawValue
        let leafName = kind == .vlek ? "VLEK" : "VCEK"
        let intermediateCN = kind == .vlek ? "SEV-VLEK-\(line)" : "SEV-\(line)"
        let intermediateName = kind == .vlek ? "ASVK" : "ASK"

        if !pins.isTrusted(spkiSHA256: AttestationKeys.spkiSHA256(root), for: product) {
            failures.append("the root certificate \(root.subject.commonName ?? "?") is not a trusted AMD root key for \(line) (pinned ARK-\(line)); the evidence comes from another product line or from an untrusted (possibly simulated) platform")
        }
        // Names: fixed AMD location fields, CNs per role (upstream.md §8.2).
        checkAMDName(root.subject, cn: "ARK-\(line)", "ARK subject", &failures)
        checkAMDName(root.issuer, cn: "ARK-\(line)", "ARK issuer", &failures)
        checkAMDName(intermediate.subject, cn: intermediateCN, "\(intermediateName) subject", &failures)
        checkAMDName(intermediate.issuer, cn: "ARK-\(line)", "\(intermediateName) issuer", &failures)
        checkAMDName(leaf.issuer, cn: intermediateCN, "\(leafName) issuer", &failures)
        if leaf.subject.commonName != "SEV-\(leafName)" {
            failures.append("the \(leafName) certificate's subject CN is \(leaf.subject.commonName ?? "missing"), expected SEV-\(leafName)")
        }
        for (c, role) in [(root, "ARK"), (intermediate, intermediateName), (leaf, leafName)] {
            if c.version != .v3 { failures.append("the \(role) certificate is not X.509 v3") }
            if c.signatureAlgorithm != pssSHA384 {
                failures.append("the \(role) certificate is signed with \(c.signatureAlgorithm), expected RSASSA-PSS with SHA-384 (salt 48)")
            }
            if time < c.notValidBefore || time > c.notValidAfter {
                failures.append("the \(role) certificate is valid from \(c.notValidBefore) to \(c.notValidAfter), not at \(time)")
            }
        }
        // Signatures: ARK self-signed, ASK by ARK, VCEK by ASK.
        if !isSignedPSS(root, by: root) { failures.append("the ARK certificate's self-signature does not verify") }
        if !isSignedPSS(intermediate, by: root) { failures.append("the \(intermediateName) certificate is not signed by ARK-\(line)") }
        if !isSignedPSS(leaf, by: intermediate) {
            failures.append("the \(leafName) certificate is not signed by the \(intermediateName) \(intermediateCN) (a certificate not issued by AMD)")
        }
        // Leaf key: ECDSA P-384.
        var key: P384.Signing.PublicKey?
        if case .ec(.NamedCurve.p384, let point) = leaf.publicKeyInfo.publicKey {
            key = try? P384.Signing.PublicKey(x963Representation: point)
        }
        if key == nil { failures.append("the \(leafName) certificate's key is not an ECDSA P-384 key") }
        // AMD extensions: product name, TCB SPLs, hwID.
        var facts: SNPSignerFacts?
        do {
            if let ext = try AMDVCEKExtensions(leaf.extensions) {
                if let name = ext.productName, SNPProduct(name: name) != product {
                    failures.append("the \(leafName) certificate is for product \(name), but the report is from \(line)")
                }
                if let bl = ext.blSPL, let tee = ext.teeSPL, let snp = ext.snpSPL, let ucode = ext.ucodeSPL,
                    let t = tcb(bl, tee, snp, ucode, product == .turin ? (ext.fmcSPL ?? 0) : nil)
                {
                    let hw = kind == .vcek ? ext.hwid : nil
                    if kind == .vcek, hw == nil { failures.append("the VCEK certificate has no hwID extension") }
                    facts = SNPSignerFacts(kind: kind, tcb: t, hardwareID: hw, product: product)
                } else {
                    failures.append("the \(leafName) certificate lacks valid blSPL/teeSPL/snpSPL/ucodeSPL extensions")
                }
            } else {
                failures.append("the \(leafName) certificate has no AMD extensions (1.3.6.1.4.1.3704.1)")
            }
        } catch {
            failures.append("the \(leafName) certificate's AMD extensions are malformed: \(error)")
        }
        guard failures.isEmpty, let key, let facts else { return (nil, failures) }
        let from = max(root.notValidBefore, intermediate.notValidBefore, leaf.notValidBefore)
        let until = min(root.notValidAfter, intermediate.notValidAfter, leaf.notValidAfter)
        return (VerifiedAMDChain(signingKey: key, facts: facts, validFrom: from, validUntil: until), [])
    }

    private static func tcb(_ bl: Int, _ tee: Int, _ snp: Int, _ ucode: Int, _ fmc: Int?) -> SNPTCBVersion.Components? {
        let all = [bl, tee, snp, ucode] + (fmc.map { [$0] } ?? [])
        guard all.allSatisfy({ (0...255).contains($0) }) else { return nil }
        return SNPTCBVersion.Components(fmc: fmc.map { UInt8($0) }, bootloader: UInt8(bl), tee: UInt8(tee), snp: UInt8(snp), microcode: UInt8(ucode))
    }

    /// C=US, L=Santa Clara, ST=CA, O=Advanced Micro Devices, OU=Engineering, CN=`cn`.
    private static func checkAMDName(_ name: DistinguishedName, cn: String, _ what: String, _ failures: inout [String]) {
        let want = ["C": "US", "L": "Santa Clara", "ST": "CA", "O": "Advanced Micro Devices", "OU": "Engineering", "CN": cn]
        var have: [String: String] = [:]
        for a in name.attributes { have[a.shortName] = a.stringValue }
        if have != want {
            failures.append("the \(what) is \(name), expected OU = Engineering, C = US, L = Santa Clara, ST = CA, O = Advanced Micro Devices, CN = \(cn)")
        }
    }

    /// RSASSA-PSS SHA-384 (MGF1-SHA-384, salt 48) signature of `child` by `issuer`'s RSA key. VARTIME: public inputs only.
    static func isSignedPSS(_ child: Certificate, by issuer: Certificate) -> Bool {
        isValidPSS(signature: child.signature, over: child.tbsCertificateBytes, algorithm: child.signatureAlgorithm, signer: issuer.publicKeyInfo)
    }

    static func isValidPSS(signature: [UInt8], over message: [UInt8], algorithm: SignatureAlgorithm, signer: SubjectPublicKeyInfo) -> Bool {
        guard algorithm == pssSHA384, case .rsa(let n, let e) = signer.publicKey,
            let key = try? RSA.Signing.PublicKey(n: n, e: e)
        else { return false }
        return key.isValidSignature(RSA.Signing.RSASignature(rawRepresentation: signature), for: message, hash: .sha384, padding: .amdSEVSNP)
    }
}
