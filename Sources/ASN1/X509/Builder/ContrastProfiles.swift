// SPDX-License-Identifier: Apache-2.0
// Upstream Contrast certificate profiles: coordinator root/intermediate/mesh CA (upstream.md §5.3), mesh leaf
// (§5.4) and the aTLS self-signed certificate (§7.2), with Go crypto/x509's extension order and criticality.

import ContrastCrypto

/// Builders for the exact certificates upstream Contrast issues.
public enum ContrastProfiles {
    static let rootName = "system:coordinator:root"
    static let intermediateName = "system:coordinator:intermediate"

    /// Go order: KeyUsage (critical), ExtKeyUsage, BasicConstraints (critical), SKI, AKI, SAN, extra extensions.
    static func goExtensions(
        keyUsage: [Int]?, extendedKeyUsage: [ASN1ObjectIdentifier]?, basicConstraints: BasicConstraints?,
        subjectKeyIdentifier: [UInt8]?, authorityKeyIdentifier: [UInt8]?, subjectAltNames: [GeneralName],
        extra: [Extension]
    ) -> [Extension] {
        var out: [Extension] = []
        if let keyUsage { out.append(KeyUsage(bits: Set(keyUsage)).makeExtension(critical: true)) }
        if let extendedKeyUsage { out.append(ExtendedKeyUsage(extendedKeyUsage).makeExtension(critical: false)) }
        if let basicConstraints { out.append(basicConstraints.makeExtension(critical: true)) }
        if let subjectKeyIdentifier { out.append(SubjectKeyIdentifier(keyIdentifier: subjectKeyIdentifier).makeExtension()) }
        if let authorityKeyIdentifier { out.append(AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier).makeExtension()) }
        if !subjectAltNames.isEmpty { out.append(SubjectAlternativeNames(subjectAltNames).makeExtension()) }
        return out + extra
    }

    /// A coordinator CA certificate (§5.3): NotBefore now−1h, NotAfter now+10y, CA, KU DigitalSignature|CertSign.
    /// Self-signed when `issuer` is nil, else signed by `signer` as `issuer`.
    static func caCertificate(
        commonName: String, publicKeyInfo: SubjectPublicKeyInfo, issuer: Certificate?,
        signer: some CertificateSigner, serial: ASN1Integer, now: ASN1Time
    ) throws(X509Error) -> Certificate {
        let subject: DistinguishedName
        do { subject = try .goStyle(commonName: commonName) } catch { throw X509Error(.invalidInput, error.reason) }
        let aki = issuer.flatMap { (try? $0.extensions.subjectKeyIdentifier)??.keyIdentifier }
        let builder = CertificateBuilder(
            serialNumber: serial, issuer: issuer?.subject ?? subject, subject: subject,
            notValidBefore: now.adding(seconds: -3600), notValidAfter: now.addingYears(10), publicKeyInfo: publicKeyInfo,
            extensions: goExtensions(
                keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyCertSign], extendedKeyUsage: nil,
                basicConstraints: .isCertificateAuthority(maxPathLength: nil),
                subjectKeyIdentifier: CertificateBuilder.keyIdentifier(for: publicKeyInfo),
                authorityKeyIdentifier: issuer == nil ? nil : aki, subjectAltNames: [], extra: []))
        return try builder.sign(with: signer)
    }

    /// Root CA: CN `system:coordinator:root`, self-signed with the root key.
    public static func rootCA(signer: some CertificateSigner, serial: ASN1Integer, now: ASN1Time) throws(X509Error) -> Certificate {
        try caCertificate(
            commonName: rootName, publicKeyInfo: signer.publicKeyInfo, issuer: nil, signer: signer, serial: serial, now: now)
    }

    /// Intermediate: CN `system:coordinator:intermediate`, mesh CA key, signed by the root.
    public static func intermediateCA(
        meshCAKey: SubjectPublicKeyInfo, root: Certificate, rootSigner: some CertificateSigner, serial: ASN1Integer,
        now: ASN1Time
    ) throws(X509Error) -> Certificate {
        try caCertificate(
            commonName: intermediateName, publicKeyInfo: meshCAKey, issuer: root, signer: rootSigner, serial: serial,
            now: now)
    }

    /// Mesh CA: CN `system:coordinator:intermediate`, self-signed by the mesh CA key (the cross-signing trick).
    public static func meshCA(meshSigner: some CertificateSigner, serial: ASN1Integer, now: ASN1Time) throws(X509Error) -> Certificate {
        try caCertificate(
            commonName: intermediateName, publicKeyInfo: meshSigner.publicKeyInfo, issuer: nil, signer: meshSigner,
            serial: serial, now: now)
    }

    /// Workload certificate (§5.4): CN = first DNS SAN, 1 year, KU DigitalSignature, EKU ClientAuth+ServerAuth,
    /// not a CA, attestation claims and the workload secret ID as non-critical extensions.
    public static func meshLeaf(
        publicKeyInfo: SubjectPublicKeyInfo, dnsNames: [String], ipAddresses: [[UInt8]], uris: [String],
        claims: [AttestationClaim], workloadSecretID: String?, meshCA: Certificate, meshSigner: some CertificateSigner,
        serial: ASN1Integer, now: ASN1Time
    ) throws(X509Error) -> Certificate {
        var subject = DistinguishedName([RelativeDistinguishedName]())
        if let first = dnsNames.first {
            do { subject = try .goStyle(commonName: first) } catch { throw X509Error(.invalidInput, error.reason) }
        }
        // Go writes SANs in the order DNS, email, IP, URI.
        let sans = dnsNames.map(GeneralName.dnsName) + ipAddresses.map(GeneralName.ipAddress) + uris.map(GeneralName.uri)
        let aki = (try? meshCA.extensions.subjectKeyIdentifier)??.keyIdentifier
        let builder = CertificateBuilder(
            serialNumber: serial, issuer: meshCA.subject, subject: subject, notValidBefore: now.adding(seconds: -3600),
            notValidAfter: now.addingYears(1), publicKeyInfo: publicKeyInfo,
            extensions: goExtensions(
                keyUsage: [KeyUsage.digitalSignature],
                extendedKeyUsage: [.ExtendedKeyUsage.clientAuth, .ExtendedKeyUsage.serverAuth],
                basicConstraints: .notCertificateAuthority, subjectKeyIdentifier: nil, authorityKeyIdentifier: aki,
                subjectAltNames: sans,
                extra: AttestationExtensions.makeExtensions(claims: claims, workloadSecretID: workloadSecretID)))
        return try builder.sign(with: meshSigner)
    }

    /// aTLS certificate (§7.2): CN `Contrast`, ±2 h, no KU/EKU/BC, optionally one attestation document extension.
    public static func attestedTLS(
        signer: some CertificateSigner, attestation: (oid: ASN1ObjectIdentifier, document: [UInt8])?,
        serial: ASN1Integer, now: ASN1Time
    ) throws(X509Error) -> Certificate {
        let name: DistinguishedName
        do { name = try .goStyle(commonName: "Contrast") } catch { throw X509Error(.invalidInput, error.reason) }
        let extra = attestation.map { [Extension(oid: $0.oid, critical: false, value: $0.document)] } ?? []
        let builder = CertificateBuilder(
            serialNumber: serial, issuer: name, subject: name, notValidBefore: now.adding(seconds: -7200),
            notValidAfter: now.adding(seconds: 7200), publicKeyInfo: signer.publicKeyInfo, extensions: extra)
        return try builder.sign(with: signer)
    }
}
