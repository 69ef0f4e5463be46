// SPDX-License-Identifier: Apache-2.0
// The Coordinator CA: root, intermediate and mesh CA certificates and attested mesh (workload) certificates (spec/upstream.md §5.3–5.4).

import ContrastASN1
import ContrastCrypto

/// Why a certificate could not be issued.
public struct CAError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// The CA of one Coordinator state. Built anew on every SetManifest and recovery (so PEMs, serials and
/// validity change), from the seed-derived root key and the per-manifest random mesh CA key:
/// - root: CN `system:coordinator:root`, self-signed by the root key;
/// - intermediate: CN `system:coordinator:intermediate`, mesh CA key, signed by the root;
/// - mesh CA: the same subject and key, self-signed (the cross-signing trick: a workload certificate
///   verifies against the mesh CA alone, pinning this manifest, or against root → intermediate, which
///   survives manifest updates).
/// All: serial uniform in [0, 2^128), NotBefore now − 1 h, NotAfter now + 10 y, CA, KU DigitalSignature|CertSign.
public struct CoordinatorCA: Sendable {
    public let root: Certificate
    public let intermediate: Certificate
    public let meshCA: Certificate
    private let meshSigner: P384CertificateSigner
    private let clock: any WallClock

    /// Builds the three CA certificates at the clock's current time.
    public init(
        rootKey: P384.Signing.PrivateKey, meshCAKey: P384.Signing.PrivateKey, clock: any WallClock = SystemWallClock(),
        random: inout some RandomSource
    ) throws(CAError) {
        let now = ASN1Time(secondsSinceEpoch: clock.secondsSinceEpoch())
        let rootSigner = P384CertificateSigner(key: rootKey)
        let meshSigner = P384CertificateSigner(key: meshCAKey)
        do {
            root = try ContrastProfiles.rootCA(signer: rootSigner, serial: try CertificateBuilder.randomSerial(using: &random), now: now)
            intermediate = try ContrastProfiles.intermediateCA(
                meshCAKey: meshSigner.publicKeyInfo, root: root, rootSigner: rootSigner,
                serial: try CertificateBuilder.randomSerial(using: &random), now: now)
            meshCA = try ContrastProfiles.meshCA(meshSigner: meshSigner, serial: try CertificateBuilder.randomSerial(using: &random), now: now)
        } catch { throw CAError("building CA certificates: \(error)") }
        self.meshSigner = meshSigner
        self.clock = clock
    }

    /// `RootCA` in API responses: the root certificate as PEM.
    public var rootPEM: String { PEMDocument(type: "CERTIFICATE", derBytes: root.derBytes).pemString }
    /// `MeshCA` in API responses: the mesh CA certificate as PEM.
    public var meshCAPEM: String { PEMDocument(type: "CERTIFICATE", derBytes: meshCA.derBytes).pemString }
    /// The intermediate certificate as PEM (second half of a mesh certificate chain).
    public var intermediatePEM: String { PEMDocument(type: "CERTIFICATE", derBytes: intermediate.derBytes).pemString }

    /// Issues a workload (mesh) certificate (upstream `NewAttestedMeshCert`): subject CN = first DNS SAN,
    /// SANs classified as IP / URI / DNS, 1 year, KU DigitalSignature, EKU ClientAuth+ServerAuth, not a CA,
    /// the attestation claims and (if non-empty) the workload secret ID as non-critical extensions; signed
    /// by the mesh CA key with the mesh CA certificate as issuer.
    /// - Returns: the certificate; `chainPEM(for:)` gives upstream's `CertChain` (leaf ‖ intermediate).
    public func issueMeshCertificate(
        publicKeyInfo: SubjectPublicKeyInfo, sans: [String], claims: [AttestationClaim], workloadSecretID: String,
        random: inout some RandomSource
    ) throws(CAError) -> Certificate {
        let classified = SubjectAltNames.classify(sans)
        let now = ASN1Time(secondsSinceEpoch: clock.secondsSinceEpoch())
        do {
            return try ContrastProfiles.meshLeaf(
                publicKeyInfo: publicKeyInfo, dnsNames: classified.dnsNames, ipAddresses: classified.ipAddresses,
                uris: classified.uris, claims: claims, workloadSecretID: workloadSecretID.isEmpty ? nil : workloadSecretID,
                meshCA: meshCA, meshSigner: meshSigner, serial: try CertificateBuilder.randomSerial(using: &random), now: now)
        } catch { throw CAError("issuing mesh certificate: \(error)") }
    }

    /// Upstream `CertChain`: PEM of the workload certificate followed by PEM of the intermediate.
    public func chainPEM(for leaf: Certificate) -> String {
        PEMDocument(type: "CERTIFICATE", derBytes: leaf.derBytes).pemString + intermediatePEM
    }
}
