// SPDX-License-Identifier: Apache-2.0
// Path building (RFC 5280 §6, RFC 4158 in spirit) from a leaf through intermediates to a trust anchor, then policies.

/// Builds candidate chains and applies policies at an injected time.
public struct Verifier: Sendable {
    public let roots: CertificateStore
    public let policies: [any VerifierPolicy]
    /// Longest chain considered, leaf and anchor included.
    public var maximumChainLength = 10
    /// Stops after this many complete candidate chains (bounds work on hostile pools).
    public var maximumCandidates = 64

    public init(roots: CertificateStore, policies: [any VerifierPolicy]) {
        self.roots = roots
        self.policies = policies
    }

    /// Verifies `leaf` at `time`. Returns the first candidate chain that satisfies every policy, or the failures
    /// of the candidate with the fewest failures.
    public func validate(leaf: Certificate, intermediates: CertificateStore, at time: ASN1Time) -> VerificationResult {
        var candidates: [[Certificate]] = []
        var deadEnds: [String] = []
        build([leaf], intermediates: intermediates, into: &candidates, deadEnds: &deadEnds)
        guard !candidates.isEmpty else {
            let reason = deadEnds.first ?? "no issuer found"
            return .invalid([
                PolicyFailure(
                    policy: "PathBuilding", reason: "no path to a trust anchor: \(reason)", certificateIndex: 0,
                    subject: leaf.subject.description)
            ])
        }
        var best: [PolicyFailure]? = nil
        for chain in candidates {
            let failures = check(chain, at: time)
            if failures.isEmpty { return .valid(chain: chain) }
            if best == nil || failures.count < best?.count ?? 0 { best = failures }
        }
        return .invalid(best ?? [])
    }

    /// Applies every policy and the critical-extension rule to one chain.
    public func check(_ chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var failures: [PolicyFailure] = []
        for p in policies { failures += p.check(chain: chain, at: time) }
        let handled = Set(policies.flatMap(\.verifyingCriticalExtensions))
        for (i, c) in chain.enumerated() {
            for e in c.extensions where e.critical && !handled.contains(e.oid) {
                failures.append(
                    PolicyFailure(
                        policy: "CriticalExtensions", reason: "unhandled critical extension \(e.oid)",
                        certificateIndex: i, subject: c.subject.description))
            }
        }
        return failures
    }

    /// Depth-first search: a chain ends at a certificate in `roots`; no certificate appears twice.
    private func build(
        _ chain: [Certificate], intermediates: CertificateStore, into out: inout [[Certificate]],
        deadEnds: inout [String]
    ) {
        guard out.count < maximumCandidates, let last = chain.last else { return }
        if roots.contains(last) {
            out.append(chain)
            return
        }
        guard chain.count < maximumChainLength else {
            deadEnds.append("chain longer than \(maximumChainLength)")
            return
        }
        let issuers = Self.orderedIssuers(of: last, roots.certificates(withSubject: last.issuer))
            + Self.orderedIssuers(of: last, intermediates.certificates(withSubject: last.issuer).filter { !roots.contains($0) })
        if issuers.isEmpty { deadEnds.append("no certificate with subject \(last.issuer)") }
        for issuer in issuers where !chain.contains(issuer) {
            build(chain + [issuer], intermediates: intermediates, into: &out, deadEnds: &deadEnds)
        }
    }

    /// Candidates whose SKI matches the child's AKI come first; mismatching ones are dropped (RFC 4158 §3.5.12).
    private static func orderedIssuers(of child: Certificate, _ candidates: [Certificate]) -> [Certificate] {
        guard let aki = (try? child.extensions.authorityKeyIdentifier)??.keyIdentifier else { return candidates }
        return candidates.filter { c in
            guard let ski = (try? c.extensions.subjectKeyIdentifier)??.keyIdentifier else { return true }
            return ski == aki
        }
    }
}
