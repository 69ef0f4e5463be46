// SPDX-License-Identifier: Apache-2.0
// Real AMD (VCEK/VLEK → ASK/ASVK → ARK, RSASSA-PSS) and Intel (PCK → Platform CA → SGX Root, ECDSA) chains
// verify at a pinned time and fail when a certificate is swapped or a signature byte flips.

import ContrastASN1
import TestSupport
import Testing

@Suite("Real chains")
struct RealChainTests {
    static func verifier(roots: [Certificate]) -> Verifier {
        Verifier(
            roots: CertificateStore(roots),
            policies: [SignaturePolicy(verifier: StandardSignatureVerifier()), ValidityPolicy(), BasicConstraintsPolicy()])
    }

    /// A certificate with one signature byte flipped (re-parsed; the TBS is unchanged).
    static func flipSignature(_ c: Certificate) throws -> Certificate {
        var der = c.derBytes
        der[der.count - 10] ^= 0x01
        return try Certificate(derEncoded: der)
    }

    @Test("AMD VCEK/VLEK chains from the SNP manifest verify, and fail when tampered",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func amdChains() throws {
        let manifest = try JSONValue.parse(try VectorLocator.readShared("snp/manifest.json"))
        var tally = VectorTally(file: "snp/manifest.json chains")
        let turinVCEK = try loadCertificates("snp/reports/oak_turin/vcek.der")[0]
        for r in manifest["reports"]?.array ?? [] {
            let leafPath = r["signer_cert"]?.string ?? ""
            let leaf = try loadCertificates("snp/" + leafPath)[0]
            let chain = try loadCertificates("snp/" + (r["ask_ark_chain"]?.string ?? ""))
            let roots = chain.filter(\.isSelfIssued)
            let inter = CertificateStore(chain.filter { !$0.isSelfIssued })
            let at = leaf.notValidBefore.adding(seconds: 86_400)
            let v = Self.verifier(roots: roots)
            let result = v.validate(leaf: leaf, intermediates: inter, at: at)
            if case .valid(let c) = result {
                tally.check(c.count == 3 || (c.count == 2 && r["signer_kind"]?.string == "VLEK"), leafPath, "chain length \(c.count)")
            } else {
                tally.check(false, leafPath, "\(result)")
            }
            tally.check(!v.validate(leaf: try Self.flipSignature(leaf), intermediates: inter, at: at).isValid, leafPath, "flipped signature accepted")
            // Swap the leaf for a VCEK of another product line.
            tally.check(!v.validate(leaf: turinVCEK, intermediates: inter, at: at).isValid || r["product"]?.string == "Turin",
                        leafPath, "foreign VCEK accepted")
            tally.check(!v.validate(leaf: leaf, intermediates: inter, at: leaf.notValidAfter.adding(seconds: 1)).isValid, leafPath, "expired accepted")
        }
        tally.expectCount(11 * 4)
        // The two VCEK-shaped certificates not issued by AMD fail on their signature.
        let milan = try loadCertificates("snp/amd-kds-cert-chains/ask_ark_milan.pem")
        for f in ["test-vcek-invalid-legacy.der", "test-vcek-invalid-new.der"] {
            let c = try loadCertificates("snp/reports/trustee_milan/" + f)[0]
            let r = Self.verifier(roots: milan.filter(\.isSelfIssued))
                .validate(leaf: c, intermediates: CertificateStore(milan), at: c.notValidBefore.adding(seconds: 60))
            guard case .invalid(let failures) = r else {
                Issue.record("\(f) verified")
                continue
            }
            #expect(failures.map(\.policy).contains("Signature"), "\(f): \(failures)")
        }
        // Swapping the ASK for another product's ASK breaks the chain.
        let genoa = try loadCertificates("snp/amd-kds-cert-chains/ask_ark_genoa.pem")
        let milanVCEK = try loadCertificates("snp/reports/go-sev-guest_milan/vcek.der")[0]
        #expect(!Self.verifier(roots: milan.filter(\.isSelfIssued))
            .validate(leaf: milanVCEK, intermediates: CertificateStore(genoa), at: milanVCEK.notValidBefore.adding(seconds: 60)).isValid)
    }

    @Test("Intel PCK chains from the TDX quotes verify to the SGX root; CRLs verify under their issuers",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func intelChains() throws {
        let manifest = try JSONValue.parse(try VectorLocator.readShared("tdx/manifest.json"))
        let root = try loadCertificates("tdx/intel-roots/Intel_SGX_Root_CA.pem")
        var tally = VectorTally(file: "tdx/manifest.json chains")
        for q in manifest["quotes"]?.array ?? [] {
            let path = q["quote"]?.string ?? ""
            let certs = try embeddedCertificates(try VectorLocator.readShared("tdx/" + path))
            guard let leaf = certs.first else {
                tally.check(false, path, "no PCK certificate")
                continue
            }
            let at = leaf.notValidBefore.adding(seconds: 86_400)
            let v = Self.verifier(roots: root)
            let inter = CertificateStore(Array(certs.dropFirst()))
            tally.check(v.validate(leaf: leaf, intermediates: inter, at: at).isValid, path, "\(v.validate(leaf: leaf, intermediates: inter, at: at))")
            tally.check(!v.validate(leaf: try Self.flipSignature(leaf), intermediates: inter, at: at).isValid, path, "flipped")
            tally.check(!v.validate(leaf: leaf, intermediates: CertificateStore([try Self.flipSignature(certs[1])]), at: at).isValid, path, "flipped CA")
        }
        tally.expectCount(7 * 3)
        let platformCA = try loadCertificates("tdx/go-tdx-guest/pck_crl_issuer_chain.pem")[0]
        let pckCRL = try CertificateRevocationList.parse(try VectorLocator.readShared("tdx/go-tdx-guest/pckcrl"))
        let rootCRL = try CertificateRevocationList.parse(try VectorLocator.readShared("tdx/go-tdx-guest/rootcrl.der"))
        #expect(pckCRL.isSigned(by: platformCA, using: StandardSignatureVerifier()))
        #expect(rootCRL.isSigned(by: root[0], using: StandardSignatureVerifier()))
        #expect(!pckCRL.isSigned(by: root[0], using: StandardSignatureVerifier()))
        // Revocation policy: at a time inside the CRL's window, the Platform CA chain passes with the root CRL.
        let rev = RevocationPolicy(crls: [rootCRL], verifier: StandardSignatureVerifier())
        #expect(rev.check(chain: [platformCA, root[0]], at: rootCRL.thisUpdate).isEmpty)
        #expect(rev.check(chain: [platformCA, root[0]], at: (rootCRL.nextUpdate ?? rootCRL.thisUpdate).adding(seconds: 1)).count == 1)
    }

    @Test("cryptography-vectors CRL signatures: valid verifies, invalid does not",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func crlSignatures() throws {
        let ca = try loadCertificates("x509/cryptography-vectors/custom/valid_signature_cert.pem")[0]
        let good = try CertificateRevocationList.parse(try VectorLocator.readShared("x509/cryptography-vectors/custom/valid_signature_crl.pem"))
        let bad = try CertificateRevocationList.parse(try VectorLocator.readShared("x509/cryptography-vectors/custom/invalid_signature_crl.pem"))
        #expect(good.isSigned(by: ca, using: StandardSignatureVerifier()))
        #expect(!bad.isSigned(by: ca, using: StandardSignatureVerifier()))
    }

    @Test("every position of a real chain fails when its certificate is swapped or an issued signature flips",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func everyPosition() throws {
        // AMD Milan (RSA-PSS): VCEK → ASK → ARK. Intel (ECDSA): PCK → Platform CA → SGX Root.
        let milan = try loadCertificates("snp/amd-kds-cert-chains/ask_ark_milan.pem")
        let genoa = try loadCertificates("snp/amd-kds-cert-chains/ask_ark_genoa.pem")
        let vcek = try loadCertificates("snp/reports/go-sev-guest_milan/vcek.der")[0]
        let intelRoot = try loadCertificates("tdx/intel-roots/Intel_SGX_Root_CA.pem")
        let quote = try embeddedCertificates(try VectorLocator.readShared("tdx/go-tdx-guest/tdx_prod_quote_SPR_E4.dat"))
        let tcbSigning = try loadCertificates("tdx/go-tdx-guest/tcb_info_issuer_chain.pem")[0]  // also issued by the root
        var tally = VectorTally(file: "real chains, every position")
        for (label, leaf, ask, ark, foreignIntermediate, foreignRoot) in [
            ("AMD Milan", vcek, milan.first { !$0.isSelfIssued }, milan.first(where: \.isSelfIssued),
             genoa.first { !$0.isSelfIssued }, genoa.first(where: \.isSelfIssued)),
            ("Intel PCK", quote[0], quote.count > 1 ? quote[1] : nil, intelRoot.first, tcbSigning, milan.first(where: \.isSelfIssued)),
        ] {
            guard let ask, let ark, let foreignIntermediate, let foreignRoot else {
                tally.check(false, label, "chain incomplete")
                continue
            }
            let at = leaf.notValidBefore.adding(seconds: 86_400)
            func valid(_ l: Certificate, _ i: Certificate, _ r: Certificate) -> Bool {
                Self.verifier(roots: [r]).validate(leaf: l, intermediates: CertificateStore([i]), at: at).isValid
            }
            tally.check(valid(leaf, ask, ark), label, "genuine chain rejected")
            tally.check(!valid(try Self.flipSignature(leaf), ask, ark), label, "leaf signature flip accepted")
            tally.check(!valid(leaf, try Self.flipSignature(ask), ark), label, "intermediate signature flip accepted")
            tally.check(!valid(leaf, foreignIntermediate, ark), label, "swapped intermediate accepted")
            tally.check(!valid(leaf, ask, foreignRoot), label, "swapped root accepted")
        }
        // The trust anchor's own self-signature is not part of path validation (RFC 5280 §6.1: the anchor is
        // input, not a certificate of the path), so a flipped root signature is not a failure by design.
        tally.expectCount(2 * 5)
    }
}
