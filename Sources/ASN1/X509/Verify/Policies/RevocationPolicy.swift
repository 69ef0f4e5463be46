// SPDX-License-Identifier: Apache-2.0
// CRL checking (RFC 5280 §6.3): for each certificate with a CRL from its issuer, the CRL verifies, is current,
// and does not list the serial.

/// Revocation against a fixed set of CRLs. A certificate whose issuer published no CRL here passes unless
/// `requireCRL` is set.
public struct RevocationPolicy: VerifierPolicy {
    public let crls: [CertificateRevocationList]
    public let verifier: any CertificateSignatureVerifier
    public let requireCRL: Bool
    public var name: String { "Revocation" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [] }

    public init(crls: [CertificateRevocationList], verifier: any CertificateSignatureVerifier, requireCRL: Bool = false) {
        self.crls = crls
        self.verifier = verifier
        self.requireCRL = requireCRL
    }

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for i in 0..<max(0, chain.count - 1) {
            let issuer = chain[i + 1]
            let relevant = crls.filter { $0.issuer == issuer.subject && $0.isSigned(by: issuer, using: verifier) }
            guard !relevant.isEmpty else {
                if requireCRL { out.append(failure("no CRL signed by \(issuer.subject) available", i, in: chain)) }
                continue
            }
            for crl in relevant {
                if !crl.isCurrent(at: time) {
                    out.append(
                        failure("CRL from \(issuer.subject) is not current (next update \(crl.nextUpdate?.description ?? "absent"))", i, in: chain))
                }
                if let entry = crl.entry(for: chain[i].serialNumber) {
                    out.append(failure("serial \(chain[i].serialNumber) revoked at \(entry.revocationDate)", i, in: chain))
                }
            }
        }
        return out
    }
}
