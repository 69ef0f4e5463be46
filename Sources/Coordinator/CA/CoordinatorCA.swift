// SPDX-License-Identifier: Apache-2.0
// The Coordinator CA: root, intermediate and mesh CA certificates and attested mesh (workload) certificates (spec/upstream.md §5.3–5.4).

import ContrastASN1
import ContrastCrypto

/// Why a CA certificate or a mesh certificate could not be issued.
public enum CAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The random source failed while drawing a serial number or the mesh CA key.
    case randomSourceFailure
    /// A SAN list or workload secret ID that cannot be written into a certificate (e.g. a DNS name that is not
    /// IA5), or a build step that failed; the reason names which.
    case invalidCertificateInput(String)

    public var description: String {
        switch self {
        case .randomSourceFailure: return "the random source failed"
        case .invalidCertificateInput(let why): return "cannot issue certificate: \(why)"
        }
    }
}

/// The CA of one Coordinator state. Upstream builds it anew on every SetManifest and recovery (so PEMs, serials
/// and validity change) from the seed-derived root key and the per-manifest random mesh CA key:
/// - root: CN `system:coordinator:root`, self-signed by the root key;
/// - intermediate: CN `system:coordinator:intermediate`, mesh CA key, signed by the root;
/// - mesh CA: the same subject and key, self-signed (the cross-signing trick: a workload certificate
///   verifies against the mesh CA alone, pinning this manifest, or against root → intermediate, which
///   survives manifest updates).
/// All three (§5.3): serial uniform in [0, 2^128), NotBefore now − 1 h, NotAfter now + 10 y, CA,
/// KU DigitalSignature|CertSign, ECDSA-with-SHA384. The profiles themselves are ContrastASN1's `ContrastProfiles`.
public struct CoordinatorCA: Sendable {
    public let root: Certificate
    public let intermediate: Certificate
    public let meshCA: Certificate
    /// The mesh CA key (upstream hands it to peers whose manifest is identical, §6).
    public let meshCAKey: P384.Signing.PrivateKey
    private let clock: any WallClock

    /// Builds the three CA certificates at the clock's current time.
    /// - Parameters:
    ///   - rootKey: `SeedEngine.rootCAKey()`.
    ///   - meshCAKey: the per-manifest mesh CA key (`P384.Signing.PrivateKey(using:)`, or one received from a peer).
    ///   - random: draws the three serial numbers.
    /// - Throws: `CAError.randomSourceFailure`, or `.invalidCertificateInput` if a build step fails.
    public init(
        rootKey: P384.Signing.PrivateKey, meshCAKey: P384.Signing.PrivateKey, clock: any WallClock = SystemWallClock(),
        random: inout some RandomSource
    ) throws(CAError) {
        let now = ASN1Time(secondsSinceEpoch: clock.secondsSinceEpoch())
        let serials = try CoordinatorCA.serials(3, using: &random)
        do {
            root = try ContrastProfiles.rootCA(signer: rootKey, serial: serials[0], now: now)
            intermediate = try ContrastProfiles.intermediateCA(
                meshCAKey: meshCAKey.publicKeyInfo, root: root, rootSigner: rootKey, serial: serials[1], now: now)
            meshCA = try ContrastProfiles.meshCA(meshSigner: meshCAKey, serial: serials[2], now: now)
        } catch { throw .invalidCertificateInput("building CA certificates: \(error.reason)") }
        self.meshCAKey = meshCAKey
        self.clock = clock
    }

    /// Builds the CA with a fresh mesh CA key drawn from `random` (what SetManifest does).
    public init(rootKey: P384.Signing.PrivateKey, clock: any WallClock = SystemWallClock(), random: inout some RandomSource)
        throws(CAError)
    {
        let meshKey: P384.Signing.PrivateKey
        do { meshKey = try P384.Signing.PrivateKey(using: &random) } catch { throw .randomSourceFailure }
        try self.init(rootKey: rootKey, meshCAKey: meshKey, clock: clock, random: &random)
    }

    /// `RootCA` in API responses: the root certificate as PEM.
    public var rootPEM: String { root.pemEncoded }
    /// `MeshCA` in API responses: the mesh CA certificate as PEM.
    public var meshCAPEM: String { meshCA.pemEncoded }
    /// The intermediate certificate as PEM (second half of a mesh certificate chain).
    public var intermediatePEM: String { intermediate.pemEncoded }

    /// Issues a workload (mesh) certificate (upstream `NewAttestedMeshCert`, §5.4): subject CN = first DNS SAN,
    /// SANs classified as IP / URI / DNS (`SubjectAltNames.classify`), NotBefore now − 1 h, NotAfter now + 1 y,
    /// KU DigitalSignature, EKU ClientAuth+ServerAuth, not a CA, random 128-bit serial, the attestation claims
    /// and (if non-empty) the workload secret ID as non-critical extensions; issuer = the mesh CA certificate,
    /// signed by the mesh CA key.
    /// - Parameters:
    ///   - publicKeyInfo: the initializer's aTLS client key (ECDSA P-256 upstream; any key is accepted).
    ///   - sans: the policy's SANs as written in the manifest.
    ///   - claims: the attestation claims of the verified report (§7.4).
    ///   - workloadSecretID: the policy's `WorkloadSecretID`; empty means no extension.
    /// - Returns: the certificate; `chainPEM(for:)` gives upstream's `CertChain` (leaf ‖ intermediate).
    public func issueMeshCertificate(
        publicKeyInfo: SubjectPublicKeyInfo, sans: [String], claims: [AttestationClaim] = [], workloadSecretID: String = "",
        random: inout some RandomSource
    ) throws(CAError) -> Certificate {
        let classified = SubjectAltNames.classify(sans)
        // RFC 5280 §4.2.1.6: dNSName and uniformResourceIdentifier are IA5String (Go's CreateCertificate refuses
        // anything else).
        for name in classified.dnsNames + classified.uris where !name.utf8.allSatisfy({ $0 < 0x80 }) {
            throw .invalidCertificateInput("SAN \(name) is not an IA5String")
        }
        let now = ASN1Time(secondsSinceEpoch: clock.secondsSinceEpoch())
        let serial = try CoordinatorCA.serials(1, using: &random)[0]
        do {
            return try ContrastProfiles.meshLeaf(
                publicKeyInfo: publicKeyInfo, dnsNames: classified.dnsNames, ipAddresses: classified.ipAddresses,
                uris: classified.uris, claims: claims, workloadSecretID: workloadSecretID.isEmpty ? nil : workloadSecretID,
                meshCA: meshCA, meshSigner: meshCAKey, serial: serial, now: now)
        } catch { throw .invalidCertificateInput("issuing mesh certificate: \(error.reason)") }
    }

    /// Upstream `CertChain`: PEM of the workload certificate followed by PEM of the intermediate.
    public func chainPEM(for leaf: Certificate) -> String {
        leaf.pemEncoded + intermediatePEM
    }

    /// `count` serials uniform in [0, 2^128) (upstream `crypto.GenerateCertificateSerialNumber`).
    private static func serials(_ count: Int, using random: inout some RandomSource) throws(CAError) -> [ASN1Integer] {
        var out: [ASN1Integer] = []
        for _ in 0..<count {
            do { out.append(try CertificateBuilder.randomSerial(using: &random)) } catch { throw .randomSourceFailure }
        }
        return out
    }
}
