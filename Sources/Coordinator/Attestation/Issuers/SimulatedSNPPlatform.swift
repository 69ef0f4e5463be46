// SPDX-License-Identifier: Apache-2.0
// A simulated SEV-SNP platform for development and tests (DESIGN.md §5): its own ARK/ASK (RSA) and VCEK (P-384),
// AMD-shaped certificates (RSASSA-PSS SHA-384, AMD names and extensions), and real-format signed reports.
// Its ARK is trusted only when a verifier is configured with `trust(in:)` explicitly; nothing falls back to it.

import ContrastASN1
import ContrastCrypto

public struct SimulatedSNPPlatform: Sendable {
    public let product: SNPProduct
    /// The TCB the VCEK is issued for and the reports carry as current/reported/committed/launch TCB.
    public let tcb: SNPTCBVersion.Components
    /// The simulated chip ID (64 bytes; Turin: 8 bytes + zeros) and the VCEK's hwID.
    public let chipID: [UInt8]
    let arkKey: RSA.Signing.PrivateKey
    let askKey: RSA.Signing.PrivateKey
    let vcekKey: P384.Signing.PrivateKey
    public let ark: Certificate
    public let ask: Certificate
    public let vcek: Certificate

    /// SHA-256 of the ARK's SubjectPublicKeyInfo: the pin to add to a verifier that should trust this platform.
    public var arkPin: [UInt8] { AttestationKeys.spkiSHA256(ark) }

    /// Adds this platform's ARK to `roots` (explicit opt-in; DESIGN.md §5).
    public func trust(in roots: inout AMDRootPins) { roots.trust(spkiSHA256: arkPin, for: product) }

    /// Creates fresh keys and certificates. `keySize` is 4096 bits like AMD's; tests may pass 2048 to save time.
    public static func create(
        product: SNPProduct, tcb: SNPTCBVersion.Components, keySize: RSA.KeySize = .bits4096, now: ASN1Time,
        random: inout some RandomSource
    ) throws(IssuerError) -> SimulatedSNPPlatform {
        do {
            let arkKey = try RSA.Signing.PrivateKey(keySize: keySize, using: &random)
            let askKey = try RSA.Signing.PrivateKey(keySize: keySize, using: &random)
            let vcekKey = try P384.Signing.PrivateKey(using: &random)
            var chipID = try random.bytes(count: product == .turin ? 8 : 64)
            chipID += [UInt8](repeating: 0, count: 64 - chipID.count)
            return try assemble(product: product, tcb: tcb, chipID: chipID, arkKey: arkKey, askKey: askKey, vcekKey: vcekKey, now: now, random: &random)
        } catch let e as IssuerError {
            throw e
        } catch {
            throw IssuerError("cannot create the simulated SEV-SNP platform: \(error)")
        }
    }

    /// Builds a platform from existing keys (e.g. keys generated elsewhere); certificates are issued now.
    public static func create(
        product: SNPProduct, tcb: SNPTCBVersion.Components, chipID: [UInt8], arkKey: RSA.Signing.PrivateKey,
        askKey: RSA.Signing.PrivateKey, vcekKey: P384.Signing.PrivateKey, now: ASN1Time, random: inout some RandomSource
    ) throws(IssuerError) -> SimulatedSNPPlatform {
        guard chipID.count == 64 else { throw IssuerError("the simulated chip ID must be 64 bytes") }
        do {
            return try assemble(product: product, tcb: tcb, chipID: chipID, arkKey: arkKey, askKey: askKey, vcekKey: vcekKey, now: now, random: &random)
        } catch {
            throw IssuerError("cannot create the simulated SEV-SNP platform: \(error)")
        }
    }

    static func assemble(
        product: SNPProduct, tcb: SNPTCBVersion.Components, chipID: [UInt8], arkKey: RSA.Signing.PrivateKey,
        askKey: RSA.Signing.PrivateKey, vcekKey: P384.Signing.PrivateKey, now: ASN1Time, random: inout some RandomSource
    ) throws -> SimulatedSNPPlatform {
        let line = product.rawValue
        let from = ASN1Time(secondsSinceEpoch: now.secondsSinceEpoch - 86400)
        let rootUntil = ASN1Time(secondsSinceEpoch: now.secondsSinceEpoch + 25 * 365 * 86400)
        let leafUntil = ASN1Time(secondsSinceEpoch: now.secondsSinceEpoch + 7 * 365 * 86400)
        let arkName = try amdName("ARK-\(line)")
        let askName = try amdName("SEV-\(line)")
        let arkSPKI = SubjectPublicKeyInfo(rsaModulus: arkKey.publicKey.n, publicExponent: arkKey.publicKey.e)
        let askSPKI = SubjectPublicKeyInfo(rsaModulus: askKey.publicKey.n, publicExponent: askKey.publicKey.e)
        let vcekSPKI = SubjectPublicKeyInfo(ecCurve: .NamedCurve.p384, x963Point: vcekKey.publicKey.x963Representation)
        let ark = try SimulatedCertificates.issue(
            serial: 1, issuer: arkName, subject: arkName, from: from, until: rootUntil, spki: arkSPKI, extensions: [],
            signer: arkKey, random: &random)
        let ask = try SimulatedCertificates.issue(
            serial: 2, issuer: arkName, subject: askName, from: from, until: rootUntil, spki: askSPKI, extensions: [],
            signer: arkKey, random: &random)
        var ext: [Extension] = [
            Extension(oid: .AMD.structVersion, encoding: 1),
            Extension(oid: .AMD.productName, encoding: try ASN1String(product == .milan ? "Milan-B0" : line, kind: .ia5)),
            Extension(oid: .AMD.blSPL, encoding: Int(tcb.bootloader)),
            Extension(oid: .AMD.teeSPL, encoding: Int(tcb.tee)),
            Extension(oid: .AMD.snpSPL, encoding: Int(tcb.snp)),
            Extension(oid: .AMD.spl4, encoding: 0), Extension(oid: .AMD.spl5, encoding: 0),
            Extension(oid: .AMD.spl6, encoding: 0), Extension(oid: .AMD.spl7, encoding: 0),
            Extension(oid: .AMD.ucodeSPL, encoding: Int(tcb.microcode)),
        ]
        if product == .turin { ext.append(Extension(oid: .AMD.fmcSPL, encoding: Int(tcb.fmc ?? 0))) }
        // KDS writes the hwID raw, not wrapped in an OCTET STRING.
        ext.append(Extension(oid: .AMD.hwid, critical: false, value: product == .turin ? Array(chipID.prefix(8)) : chipID))
        let vcek = try SimulatedCertificates.issue(
            serial: 0, issuer: askName, subject: try amdName("SEV-VCEK"), from: from, until: leafUntil, spki: vcekSPKI,
            extensions: ext, signer: askKey, random: &random)
        return SimulatedSNPPlatform(
            product: product, tcb: tcb, chipID: chipID, arkKey: arkKey, askKey: askKey, vcekKey: vcekKey, ark: ark, ask: ask, vcek: vcek)
    }

    static func amdName(_ cn: String) throws(ASN1Error) -> DistinguishedName {
        try DistinguishedName([
            (.NameAttribute.organizationalUnitName, "Engineering"), (.NameAttribute.countryName, "US"),
            (.NameAttribute.localityName, "Santa Clara"), (.NameAttribute.stateOrProvinceName, "CA"),
            (.NameAttribute.organizationName, "Advanced Micro Devices"), (.NameAttribute.commonName, cn),
        ])
    }

    /// A signed report (version 3, VMPL 0) carrying the given values; TCBs are this platform's.
    public func report(
        reportData: [UInt8], measurement: [UInt8], hostData: [UInt8] = [UInt8](repeating: 0, count: 32),
        policy: SNPReport.GuestPolicy = .init(abiMajor: 1, abiMinor: 55, smt: true), idKeyDigest: [UInt8]? = nil,
        vmpl: UInt32 = 0, platformInfo: SNPReport.PlatformInfo = .init(smtEnabled: true, eccEnabled: true)
    ) -> SNPReport {
        var r = SNPReport()
        r.version = 3
        r.guestSVN = 2
        r.policy = policy
        r.familyID = [1] + [UInt8](repeating: 0, count: 15)
        r.imageID = [2] + [UInt8](repeating: 0, count: 15)
        r.vmpl = vmpl
        let t = SNPTCBVersion(tcb, layout: product.tcbLayout)
        r.currentTCB = t
        r.reportedTCB = t
        r.committedTCB = t
        r.launchTCB = t
        r.platformInfo = platformInfo
        r.reportData = reportData
        r.measurement = measurement
        r.hostData = hostData
        if let idKeyDigest { r.idKeyDigest = idKeyDigest }
        r.chipID = chipID
        switch product {
        case .milan: (r.cpuidFamily, r.cpuidModel) = (0x19, 0x01)
        case .genoa: (r.cpuidFamily, r.cpuidModel) = (0x19, 0x11)
        case .turin: (r.cpuidFamily, r.cpuidModel) = (0x1A, 0x02)
        }
        r.cpuidStepping = 1
        (r.currentMajor, r.currentMinor, r.currentBuild) = (1, 55, 21)
        (r.committedMajor, r.committedMinor, r.committedBuild) = (1, 55, 21)
        var rng = SystemRandom()
        r.reportID = (try? rng.bytes(count: 32)) ?? [UInt8](repeating: 0, count: 32)
        let digest = SHA384.hash(data: r.serialized()[0..<SNPReport.signedSize]).bytes
        SNPReportSignature.embed(vcekKey.signature(forDigest: digest).rawRepresentation, into: &r)
        return r
    }

    /// The upstream attestation document: report, VCEK/ASK/ARK, product.
    public func document(for report: SNPReport) -> SNPAttestationDocument {
        var chain = SNPAttestationDocument.CertificateChain()
        chain.vcek = vcek.derBytes
        chain.ask = ask.derBytes
        chain.ark = ark.derBytes
        return SNPAttestationDocument(report: report, certificateChain: chain, product: .init(name: product.protobufName, machineStepping: 0))
    }
}

/// An issuer backed by a simulated platform: fixed measurement, host data and policy, fresh report data per call.
public struct SimulatedSNPIssuer: AttestationIssuer {
    public let platform: SimulatedSNPPlatform
    public var measurement: [UInt8]
    public var hostData: [UInt8]
    public var policy: SNPReport.GuestPolicy
    /// Include Contrast's deterministic ID key digest for (measurement, policy) (upstream.md §8.4).
    public var withIDBlock: Bool

    public init(
        platform: SimulatedSNPPlatform, measurement: [UInt8], hostData: [UInt8] = [UInt8](repeating: 0, count: 32),
        policy: SNPReport.GuestPolicy = .init(abiMajor: 1, abiMinor: 55, smt: true), withIDBlock: Bool = true
    ) {
        self.platform = platform
        self.measurement = measurement
        self.hostData = hostData
        self.policy = policy
        self.withIDBlock = withIDBlock
    }

    public var extensionOID: String { SNPAttestationDocument.extensionOID }

    public func issue(reportData: [UInt8]) throws(IssuerError) -> [UInt8] {
        guard reportData.count == 64 else { throw IssuerError("REPORT_DATA must be 64 bytes, got \(reportData.count)") }
        let digest = withIDBlock ? SNPIDBlock.idKeyDigest(launchDigest: measurement, policy: policy) : nil
        let r = platform.report(reportData: reportData, measurement: measurement, hostData: hostData, policy: policy, idKeyDigest: digest)
        return platform.document(for: r).protobuf()
    }
}
