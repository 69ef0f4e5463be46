// SPDX-License-Identifier: Apache-2.0
// Revocation of an AMD chain by the ARK-signed CRL (go-sev-guest `VcekNotRevoked` with CheckRevocations, as Contrast
// sets it; upstream.md §8.2): the CRL must be signed by the chain's ARK and current, and list neither the ASK/ASVK
// nor the VCEK/VLEK serial.

import ContrastASN1

enum AMDRevocation {
    /// Problems with `crl` for the chain `leaf` ← `intermediate` ← `root` at `time`; empty when not revoked.
    static func problems(
        _ crl: CertificateRevocationList, leaf: Certificate, intermediate: Certificate, root: Certificate,
        names: (leaf: String, intermediate: String), at time: ASN1Time
    ) -> [String] {
        var out: [String] = []
        let line = root.subject.commonName ?? "the ARK"
        if crl.issuer != root.subject {
            out.append("the CRL is issued by \(crl.issuer), not by \(line); supply the CRL of this product line (KDS …/crl)")
            return out
        }
        if !AMDChainVerifier.isValidPSS(signature: crl.signature, over: crl.tbsCertListBytes, algorithm: crl.signatureAlgorithm, signer: root.publicKeyInfo) {
            out.append("the CRL's signature does not verify with \(line)'s key (RSASSA-PSS SHA-384); the CRL was altered or is not AMD's")
        }
        if !crl.isCurrent(at: time) {
            out.append("the CRL from \(line) is valid from \(crl.thisUpdate) to \(crl.nextUpdate?.description ?? "(no next update)"), not at \(time); fetch a current CRL from AMD KDS")
        }
        if let e = crl.entry(for: intermediate.serialNumber) {
            out.append("the \(names.intermediate) certificate (serial \(intermediate.serialNumber)) was revoked by \(line) on \(e.revocationDate)")
        }
        if let e = crl.entry(for: leaf.serialNumber) {
            out.append("the \(names.leaf) certificate (serial \(leaf.serialNumber)) was revoked by \(line) on \(e.revocationDate)")
        }
        return out
    }
}
