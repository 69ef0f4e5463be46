// SPDX-License-Identifier: Apache-2.0
// Certificate-profile conformance for TLS server chains: RFC 5280 §4.1–4.2 MUSTs plus the Web PKI choices
// x509-limbo tests (CA/B Forum BR §7.1). Opt-in: the AMD VCEK profile (serial 0, no AKI) would fail it.

/// Structural profile checks on every certificate of the chain.
public struct ProfilePolicy: VerifierPolicy {
    /// Adds the Web PKI (CA/B Forum) rules: leaf EKU required and not critical, no anyEKU, no EKU in roots,
    /// leaf not a CA; drops RFC 5280's "name constraints MUST be critical", which the Web PKI relaxes.
    public let webPKI: Bool
    public var name: String { webPKI ? "WebPKIProfile" : "RFC5280Profile" }
    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [] }

    public init(webPKI: Bool = false) { self.webPKI = webPKI }

    public func check(chain: [Certificate], at time: ASN1Time) -> [PolicyFailure] {
        var out: [PolicyFailure] = []
        for (i, c) in chain.enumerated() {
            let isLeaf = i == 0
            let isRoot = i == chain.count - 1
            let e = c.extensions
            func fail(_ reason: String) { out.append(failure(reason, i, in: chain)) }
            // RFC 5280 §4.1.2.2: serial numbers are positive.
            if c.serialNumber.isZero { fail("serial number is zero") }
            let bc = try? e.basicConstraints
            let isCA: Bool = { if case .isCertificateAuthority = bc { return true } else { return false } }()
            // §4.1.2.4 / §4.1.2.6: CAs and issuers need non-empty names.
            if c.issuer.rdns.isEmpty { fail("empty issuer name") }
            if !isLeaf && c.subject.rdns.isEmpty { fail("CA with an empty subject") }
            // §4.2.1.6: an empty subject needs a critical SAN; BR §7.1.2.7.12: otherwise the SAN is not critical.
            if let san = e[oid: .X509ExtensionID.subjectAlternativeName] {
                if c.subject.rdns.isEmpty != san.critical { fail("SAN criticality does not match the subject (RFC 5280 §4.2.1.6)") }
                if let names = try? e.subjectAlternativeNames {
                    for case .dnsName(let d) in names.names where !Self.isValidDNSName(d) { fail("invalid DNS SAN \(d)") }
                }
            }
            // §4.2.1.1: AKI in every certificate except self-signed roots; when a root has one it is keyIdentifier only.
            let aki = try? e.authorityKeyIdentifier
            if !(isRoot && c.isSelfIssued) && aki == nil { fail("missing authority key identifier") }
            if isRoot, let aki {
                if aki.keyIdentifier == nil || aki.authorityCertIssuer != nil || aki.authorityCertSerialNumber != nil {
                    fail("root AKI must hold only a keyIdentifier")
                } else if let ski = try? e.subjectKeyIdentifier, c.isSelfIssued, ski.keyIdentifier != aki.keyIdentifier {
                    fail("self-signed root AKI does not match its SKI")
                }
            }
            // §4.2.1.2: CAs carry a SKI.
            if !isLeaf && (try? e.subjectKeyIdentifier) == nil { fail("CA without subject key identifier") }
            // §4.2.1.9: CA basic constraints are critical.
            if !isLeaf, let ext = e[oid: .X509ExtensionID.basicConstraints], !ext.critical { fail("CA basic constraints not critical") }
            if webPKI && isLeaf && isCA { fail("end-entity certificate is a CA") }
            // §4.2.1.3: keyCertSign only with cA.
            if let ku = try? e.keyUsage, ku.contains(KeyUsage.keyCertSign), !isCA { fail("keyCertSign without cA") }
            // §4.2.1.10: name constraints only in CAs, and critical.
            if let nc = e[oid: .X509ExtensionID.nameConstraints] {
                if isLeaf { fail("name constraints in an end-entity certificate") }
                if !webPKI && !nc.critical { fail("name constraints not critical") }
            }
            if e[oid: .X509ExtensionID.authorityInformationAccess] != nil && (try? e.decode(AuthorityInformationAccess.self)) == nil {
                fail("malformed authority information access")
            }
            // BR §6.1.5: keys are P-256/P-384 or RSA ≥ 2048; signatures SHA-2 based.
            switch c.publicKeyInfo.publicKey {
            case .ec(let curve, _) where curve == .NamedCurve.p256 || curve == .NamedCurve.p384: break
            case .rsa where c.publicKeyInfo.publicKey.bitCount >= 2048: break
            default: fail("key \(c.publicKeyInfo.publicKey) not allowed")
            }
            // The anchor's own signature is never checked, so its algorithm does not matter.
            switch c.signatureAlgorithm {
            case .ecdsa(.sha1), .rsaPKCS1(.sha1), .unknown: if !isRoot { fail("signature algorithm \(c.signatureAlgorithm) not allowed") }
            default: break
            }
            // Web PKI EKU profile: the leaf names serverAuth explicitly, not critically, without anyEKU; roots have none.
            let ekuExt = e[oid: .X509ExtensionID.extendedKeyUsage]
            if webPKI && isLeaf {
                if ekuExt == nil { fail("end-entity certificate without extended key usage") }
                if ekuExt?.critical == true { fail("critical extended key usage") }
                if (try? e.extendedKeyUsage)?.usages.contains(.ExtendedKeyUsage.any) == true { fail("anyExtendedKeyUsage in the leaf") }
            }
            if webPKI && isRoot && !isLeaf && ekuExt != nil { fail("root with extended key usage") }
        }
        return out
    }

    /// LDH labels (RFC 1034 §3.5), optional leading `*.` wildcard label.
    public static func isValidDNSName(_ name: String) -> Bool {
        var labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.first == "*" { labels.removeFirst() }
        guard !labels.isEmpty, name.utf8.count <= 253 else { return false }
        for l in labels {
            guard !l.isEmpty, l.utf8.count <= 63, !l.hasPrefix("-"), !l.hasSuffix("-"),
                l.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return false }
        }
        return true
    }
}
