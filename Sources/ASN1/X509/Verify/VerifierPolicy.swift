// SPDX-License-Identifier: Apache-2.0
// Verification outcomes and the policy protocol (the shape of swift-certificates' VerifierPolicy).

/// One failed check.
public struct PolicyFailure: Hashable, Sendable, CustomStringConvertible {
    /// The policy that failed (`Validity`, `BasicConstraints`, …).
    public let policy: String
    /// Why, for people.
    public let reason: String
    /// Position in the candidate chain (0 = leaf), when the failure concerns one certificate.
    public let certificateIndex: Int?
    /// Subject of that certificate, for messages.
    public let subject: String?

    public init(policy: String, reason: String, certificateIndex: Int? = nil, subject: String? = nil) {
        self.policy = policy
        self.reason = reason
        self.certificateIndex = certificateIndex
        self.subject = subject
    }

    public var description: String {
        let at = certificateIndex.map { " [certificate \($0)\(subject.map { ": " + $0 } ?? "")]" } ?? ""
        return "\(policy): \(reason)\(at)"
    }
}

/// The outcome of verification: a policy failure is a result, not an error (STYLE.md §8.3).
public enum VerificationResult: Sendable {
    /// The chain from the leaf (index 0) to a trust anchor (last).
    case valid(chain: [Certificate])
    /// Every failed check of the best candidate chain (or why no chain could be built).
    case invalid([PolicyFailure])

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}

/// A check applied to a candidate chain.
public protocol VerifierPolicy: Sendable {
    /// Name used in failures.
    var name: String { get }
    /// Critical extensions this policy understands; a critical extension nobody handles fails verification
    /// (RFC 5280 §4.2).
    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { get }
    /// Returns every failure for `chain` (leaf first, trust anchor last), at `time`.
    func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure]
}

extension VerifierPolicy {
    /// A failure of this policy about certificate `index` of `chain`.
    public func failure(_ reason: String, _ index: Int? = nil, in chain: [Certificate] = []) -> PolicyFailure {
        let subject = index.flatMap { $0 < chain.count ? chain[$0].subject.description : nil }
        return PolicyFailure(policy: name, reason: reason, certificateIndex: index, subject: subject)
    }
}

/// Passes when any one of its policies passes (e.g. several acceptable EKUs); reports all failures otherwise.
public struct AnyOfPolicies: VerifierPolicy {
    public let policies: [any VerifierPolicy]
    public var name: String { "AnyOf(" + policies.map(\.name).joined(separator: ", ") + ")" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { policies.flatMap(\.verifyingCriticalExtensions) }

    public init(_ policies: [any VerifierPolicy]) { self.policies = policies }

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var all: [PolicyFailure] = []
        for p in policies {
            let f = p.check(chain: chain, at: time)
            if f.isEmpty { return [] }
            all += f
        }
        return all
    }
}

/// A set of certificates indexed by subject name.
public struct CertificateStore: Sendable {
    private var bySubject: [DistinguishedName: [Certificate]] = [:]
    public private(set) var all: [Certificate] = []

    public init(_ certificates: [Certificate] = []) {
        for c in certificates { insert(c) }
    }

    public mutating func insert(_ c: Certificate) {
        guard !all.contains(c) else { return }
        all.append(c)
        bySubject[c.subject, default: []].append(c)
    }

    public func contains(_ c: Certificate) -> Bool { bySubject[c.subject]?.contains(c) ?? false }

    /// Certificates whose subject is `name`.
    public func certificates(withSubject name: DistinguishedName) -> [Certificate] { bySubject[name] ?? [] }
}
