// SPDX-License-Identifier: Apache-2.0
// Upstream certificate profiles (upstream.md §5.3, §5.4, §7.2) and key container encodings.

import ContrastASN1
import ContrastCrypto
import TestSupport
import Testing

@Suite("Contrast profiles and key encodings")
struct ProfileAndKeyTests {
    let rootKey = StubSigner(21)
    let meshKey = StubSigner(22)
    let workloadKey = StubSigner(23)

    @Test("root, intermediate, mesh CA and mesh leaf follow the upstream profile; the leaf verifies both ways")
    func coordinatorPKI() throws {
        var rng = DeterministicRandom(seed: 1)
        let root = try ContrastProfiles.rootCA(signer: rootKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: testNow)
        let inter = try ContrastProfiles.intermediateCA(
            meshCAKey: meshKey.publicKeyInfo, root: root, rootSigner: rootKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: testNow)
        let mesh = try ContrastProfiles.meshCA(meshSigner: meshKey, serial: try CertificateBuilder.randomSerial(using: &rng), now: testNow)
        let claims = [
            AttestationClaim(platform: .snp, number: 1, value: .integer(ASN1Integer(3))),
            AttestationClaim(platform: .snp, number: 5, value: .boolean(false)),
            AttestationClaim(platform: .snp, number: 22, value: .bytes([UInt8](repeating: 0xAB, count: 48))),
        ]
        let leaf = try ContrastProfiles.meshLeaf(
            publicKeyInfo: workloadKey.publicKeyInfo, dnsNames: ["web", "web.default.svc"], ipAddresses: [[10, 1, 2, 3]],
            uris: ["spiffe://mesh/web"], claims: claims, workloadSecretID: "web-secret", meshCA: mesh, meshSigner: meshKey,
            serial: try CertificateBuilder.randomSerial(using: &rng), now: testNow)

        #expect(root.subject.commonName == "system:coordinator:root" && root.isSelfIssued)
        #expect(inter.subject.commonName == "system:coordinator:intermediate" && inter.issuer == root.subject)
        #expect(mesh.subject == inter.subject && mesh.publicKeyInfo == inter.publicKeyInfo && mesh.isSelfIssued)
        for ca in [root, inter, mesh] {
            #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
            #expect(try ca.extensions.keyUsage?.bits == [KeyUsage.digitalSignature, KeyUsage.keyCertSign])
            #expect(ca.extensions[oid: .X509ExtensionID.keyUsage]?.critical == true)
            #expect(ca.notValidBefore == testNow.adding(seconds: -3600))
            #expect(ca.notValidAfter == ASN1Time(year: 2036, month: 6, day: 1, hour: 12))
            #expect(ca.version == .v3 && ca.serialNumber.unsignedBytes.count <= 16)
        }
        #expect(try inter.extensions.authorityKeyIdentifier?.keyIdentifier == root.extensions.subjectKeyIdentifier?.keyIdentifier)
        #expect(root.extensions[oid: .X509ExtensionID.authorityKeyIdentifier] == nil)

        #expect(leaf.subject.commonName == "web")
        #expect(try leaf.extensions.basicConstraints == BasicConstraints.notCertificateAuthority)
        #expect(try leaf.extensions.keyUsage?.bits == [KeyUsage.digitalSignature])
        #expect(try leaf.extensions.extendedKeyUsage?.usages == [ASN1ObjectIdentifier.ExtendedKeyUsage.clientAuth, .ExtendedKeyUsage.serverAuth])
        #expect(try leaf.extensions.subjectAlternativeNames?.names == [
            .dnsName("web"), .dnsName("web.default.svc"), .ipAddress([10, 1, 2, 3]), .uri("spiffe://mesh/web"),
        ])
        #expect(leaf.notValidAfter == ASN1Time(year: 2027, month: 6, day: 1, hour: 12))
        let att = try #require(try AttestationExtensions(leaf.extensions))
        #expect(att.claims == claims && att.workloadSecretID == "web-secret")
        #expect(leaf.extensions.all.map(\.oid).suffix(4) == ["1.3.9901.2.1.1", "1.3.9901.2.1.5", "1.3.9901.2.1.22", "1.3.9901.3.1"])

        // Cross-signing: the leaf verifies against the mesh CA alone, and against the root via the intermediate.
        let policies: [any VerifierPolicy] = [SignaturePolicy(verifier: StubVerifier()), ValidityPolicy(), BasicConstraintsPolicy(),
                                              ExtendedKeyUsagePolicy(.ExtendedKeyUsage.serverAuth)]
        #expect(Verifier(roots: CertificateStore([mesh]), policies: policies).validate(leaf: leaf, intermediates: CertificateStore(), at: testNow).isValid)
        let viaRoot = Verifier(roots: CertificateStore([root]), policies: policies).validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow)
        if case .valid(let chain) = viaRoot { #expect(chain == [leaf, inter, root]) } else { Issue.record("\(viaRoot)") }
    }

    @Test("aTLS certificate: CN Contrast, ±2 h, only the attestation extension")
    func attestedTLS() throws {
        let doc: [UInt8] = [0x0A, 0x03, 1, 2, 3]
        let c = try ContrastProfiles.attestedTLS(signer: workloadKey, attestation: (.Contrast.snpAttestation, doc), serial: ASN1Integer(7), now: testNow)
        #expect(c.subject.commonName == "Contrast" && c.isSelfIssued)
        #expect(c.notValidAfter.secondsSinceEpoch - c.notValidBefore.secondsSinceEpoch == 4 * 3600)
        #expect(c.extensions.all.map(\.oid) == [.Contrast.snpAttestation])
        #expect(try AttestationExtensions(c.extensions)?.snpDocument == doc)
        // Go writes a printable CN as PrintableString (tag 0x13).
        #expect(c.subject.rdns[0].attributes[0].value.encodedBytes.first == 0x13)
    }

    @Test("seed-engine root CA and transaction keys: SEC 1 DER decodes, and the scalars encode to exactly the published bytes")
    func seedEngineSEC1() throws {
        // upstream.md §5.2 (internal/seedengine/seedengine_test.go).
        for hex in [
            "3081a40201010430b17a061a04d93454c9530d247b336a9112a5209da0d0199929484cba350d25159f2ead15d2d1334d6c908dad63ce7ee4a00706052b81040022a16403620004b30650a5c9b1653038ee779d0cef9da66f7207adf6b2a055ddbd13545734b4ababe5f1e6a062ba1694654f2b886fd6ec488ef7742af5cb8a9abd8823981c987d1868ce8708b29baea7963ae4428c7ea29c5d181006b2566dc21f34892c23d482",
            "3081a402010104305a58b771eef6bd6d2967b933ef3474e71bea849fd2b900f431dafe843d267b0b08875a95f4e442c6863663090c7c8576a00706052b81040022a16403620004f38a9990332aa58557780eff947e75c78a3486bbebce9f80d3e1f98f57b71ceaa207df91394d0eed25307d03ee460785db0afa958567089885e34ea693d861dfaa567fb34e6b3da51de25dfaf2a32aef01fb9d654f895712f1f4468281cd8ee9",
        ] {
            let der = try [UInt8](hexString: hex)
            let key = try SEC1PrivateKey(derEncoded: der[...])
            #expect(key.curve == .NamedCurve.p384 && key.privateKey.count == 48 && key.publicKey?.count == 97)
            #expect(key.derBytes() == der)
            // The encoder, given only the derived scalar, writes exactly upstream's bytes (curve and public key
            // included); the derivation itself is checked in CoordinatorTests.
            #expect(try P384.Signing.PrivateKey(rawRepresentation: key.privateKey).sec1DERRepresentation == der)
            let wrapped = PKCS8PrivateKey(
                algorithm: AlgorithmIdentifier(algorithm: .Algorithm.ecPublicKey, parameters: ASN1Any(ASN1ObjectIdentifier.NamedCurve.p384)),
                privateKey: der)
            #expect(try PKCS8PrivateKey(derEncoded: wrapped.derBytes()[...]) == wrapped)
            let pem = PEMDocument(type: "EC PRIVATE KEY", derBytes: der)
            #expect(try PEMDocument(pemString: pem.pemString) == pem)
        }
    }

    @Test("ECDSA-Sig-Value: fixed-width conversion, rejects zero, negative and oversized values")
    func ecdsaSigValue() throws {
        let raw = [UInt8](repeating: 0, count: 47) + [5] + [0x80] + [UInt8](repeating: 1, count: 47)
        let der = ECDSASigValue.derRepresentation(fromRaw: raw)
        #expect(der.prefix(5) == [0x30, 0x36, 0x02, 0x01, 0x05])  // s needs a 0x00: 2 + 49
        #expect(try ECDSASigValue.rawRepresentation(fromDER: der, coordinateByteCount: 48) == raw)
        for bad in ["3006020100020101", "30060201ff020101", "3006020101020101" + "00", "300602810101020101"] {
            #expect((try? ECDSASigValue.rawRepresentation(fromDER: try [UInt8](hexString: bad), coordinateByteCount: 48)) == nil, "\(bad)")
        }
        let wide = [0x30, 0x36, 0x02, 0x31, 0x01] + [UInt8](repeating: 0, count: 48) + [0x02, 0x01, 0x01]
        #expect((try? ECDSASigValue.rawRepresentation(fromDER: wide, coordinateByteCount: 48)) == nil)
    }

    @Test("PEM: several blocks, label checks, strict base64")
    func pem() throws {
        let a = PEMDocument(type: "CERTIFICATE", derBytes: [1, 2, 3])
        let b = PEMDocument(type: "X509 CRL", derBytes: Array(0..<100))
        #expect(try PEMDocument.parseMultiple("intro\n" + a.pemString + "between\n" + b.pemString) == [a, b])
        for bad in [
            "-----BEGIN A-----\nAQID\n-----END B-----\n", "-----BEGIN A-----\nAQID\n", "-----END A-----\n",
            "-----BEGIN A-----\nAQI=D\n-----END A-----\n", "-----BEGIN A-----\nAQJ=\n-----END A-----\n",
            "-----BEGIN A-----\nAQ!D\n-----END A-----\n", "-----BEGIN A-----\nProc-Type: 4\nAQID\n-----END A-----\n",
        ] {
            #expect((try? PEMDocument.parseMultiple(bad)) == nil, "\(bad)")
        }
        #expect(PEMDocument(type: "A", derBytes: [0xFB, 0xFF]).pemString == "-----BEGIN A-----\n+/8=\n-----END A-----\n")
    }
}
