// SPDX-License-Identifier: Apache-2.0
// Core chain policies: signatures (RFC 5280 §6.1.3 (a)(1)), validity (§6.1.3 (a)(2)), CA and path length
// (§6.1.4 (k)(l)(m), §4.2.1.9), issuer key usage (§6.1.4 (n)).

/// Each certificate is signed by the next; the trust anchor's own signature is not checked.
public struct SignaturePolicy: VerifierPolicy {
    public let verifier: any CertificateSignatureVerifier
    public var name: String { "Signature" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [] }

    public init(verifier: any CertificateSignatureVerifier) { self.verifier = verifier }

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for i in 0..<max(0, chain.count - 1) where !chain[i].isSigned(by: chain[i + 1], using: verifier) {
            let algorithm = chain[i].signatureAlgorithm
            if SignaturePolicy.isSHA1(algorithm) {
                // SHA-1 is not implemented in ContrastCrypto and is refused for signatures (SHAttered; CA/B
                // Forum BR §7.1.3.2): such certificates parse and display, but never verify.
                out.append(failure("signature algorithm \(algorithm) is not accepted (SHA-1)", i, in: chain))
            } else {
                out.append(failure("signature (\(algorithm)) does not verify under the issuer's key", i, in: chain))
            }
        }
        return out
    }

    static func isSHA1(_ a: SignatureAlgorithm) -> Bool {
        switch a {
        case .ecdsa(.sha1), .rsaPKCS1(.sha1), .rsaPSS(.sha1, _): return true
        default: return false
        }
    }
}

/// Every certificate is within its validity period at the verification time.
public struct ValidityPolicy: VerifierPolicy {
    public var name: String { "Validity" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [] }

    public init() {}

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for (i, c) in chain.enumerated() {
            if time < c.notValidBefore {
                out.append(failure("not valid before \(c.notValidBefore) (checked at \(time))", i, in: chain))
            } else if time > c.notValidAfter {
                out.append(failure("expired at \(c.notValidAfter) (checked at \(time))", i, in: chain))
            }
        }
        return out
    }
}

/// Issuers are CAs (basic constraints cA, keyCertSign when key usage is present) within their path length.
public struct BasicConstraintsPolicy: VerifierPolicy {
    public var name: String { "BasicConstraints" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] {
        [.X509ExtensionID.basicConstraints, .X509ExtensionID.keyUsage]
    }

    public init() {}

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for i in 1..<max(1, chain.count) {
            let c = chain[i]
            let isAnchor = i == chain.count - 1
            let bc: BasicConstraints?
            do { bc = try c.extensions.basicConstraints } catch {
                out.append(failure("malformed basic constraints: \(error.reason)", i, in: chain))
                continue
            }
            switch bc {
            case .isCertificateAuthority(let maxPathLength):
                // RFC 5280 §4.2.1.9: pathLen counts non-self-issued intermediates below this certificate.
                if let maxPathLength {
                    let below = chain[1..<i].filter { !$0.isSelfIssued }.count
                    if below > maxPathLength {
                        out.append(failure("path length \(below) exceeds pathLenConstraint \(maxPathLength)", i, in: chain))
                    }
                }
            case .notCertificateAuthority:
                out.append(failure("issues certificates but basic constraints say CA:FALSE", i, in: chain))
            case nil:
                // A v1 trust anchor carries no extensions (RFC 5280 §6.1 treats anchors as input, not certificates).
                if !(isAnchor && c.version == .v1) {
                    out.append(failure("issues certificates but has no basic constraints", i, in: chain))
                }
            }
            if let ku = try? c.extensions.keyUsage, !ku.contains(KeyUsage.keyCertSign) {
                out.append(failure("key usage lacks keyCertSign", i, in: chain))
            }
        }
        if let leafKU = try? chain.first?.extensions.keyUsage, leafKU.bits.isEmpty {
            out.append(failure("key usage has no bits set", 0, in: chain))
        }
        return out
    }
}

/// The leaf's extended key usage (if present) allows `usage`; so do intermediates that carry one.
public struct ExtendedKeyUsagePolicy: VerifierPolicy {
    public let usage: ASN1ObjectIdentifier
    public var name: String { "ExtendedKeyUsage" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [.X509ExtensionID.extendedKeyUsage] }

    public init(_ usage: ASN1ObjectIdentifier) { self.usage = usage }

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for (i, c) in chain.enumerated().dropLast() {
            let eku: ExtendedKeyUsage?
            do { eku = try c.extensions.extendedKeyUsage } catch {
                out.append(failure("malformed extended key usage: \(error.reason)", i, in: chain))
                continue
            }
            guard let eku else { continue }
            if !eku.usages.contains(usage) && !(i == 0 && eku.usages.contains(.ExtendedKeyUsage.any)) {
                out.append(failure("extended key usage does not allow \(usage)", i, in: chain))
            }
        }
        return out
    }
}
