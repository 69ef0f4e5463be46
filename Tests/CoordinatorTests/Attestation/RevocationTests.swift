// SPDX-License-Identifier: Apache-2.0
// Revocation: the ARK-signed CRL of an AMD chain (upstream.md §8.2, go-sev-guest CheckRevocations), using the
// simulated ARK since no real AMD CRL is in the vectors; and the Intel PCK / root CA CRL logic (§8.5) with a CA
// made in the test, since no real PCK certificate in the vectors is revoked.

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import Testing
import TestSupport

@Suite("AMD CRL revocation", .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed (simulated ARK keys)"))
struct AMDRevocationTests {
    static let now = SimulatedIssuerTests.now

    struct Setup {
        let platform: SimulatedSNPPlatform
        let document: SNPAttestationDocument
        let verifier: SNPVerifier
    }

    static func setup() throws -> Setup {
        let platform = try #require(SimulatedIssuerTests.platform)
        let report = platform.report(reportData: [UInt8](repeating: 1, count: 64), measurement: [UInt8](repeating: 2, count: 48))
        var roots = AMDRootPins.amd
        platform.trust(in: &roots)
        return Setup(platform: platform, document: platform.document(for: report), verifier: SNPVerifier(roots: roots, cache: SNPChainCache()))
    }

    static func failures(_ r: SNPVerificationResult) -> [String] {
        if case .failed(let f) = r { return f }
        return []
    }

    static func day(_ d: Int) -> ASN1Time { ASN1Time(secondsSinceEpoch: now.secondsSinceEpoch + Int64(d) * 86400) }

    @Test("a CRL that does not list the chain is accepted and marks revocation as checked")
    func notRevoked() throws {
        let s = try Self.setup()
        let crl = try s.platform.crl(revoking: [ASN1Integer(77)], thisUpdate: Self.day(-1), nextUpdate: Self.day(6))
        guard case .verified(_, let signer) = s.verifier.verify(s.document, crls: [crl], at: Self.now) else {
            Issue.record("not-revoked chain rejected")
            return
        }
        #expect(signer.revocationChecked)
        // Without any CRL: accepted, but revocation is not checked; with requireCRL it is rejected.
        guard case .verified(_, let unchecked) = s.verifier.verify(s.document, at: Self.now) else {
            Issue.record("chain without CRL rejected")
            return
        }
        #expect(!unchecked.revocationChecked)
        var strict = s.verifier
        strict.requireCRL = true
        #expect(Self.failures(strict.verify(s.document, at: Self.now)).contains { $0.contains("no CRL signed by ARK-Milan was supplied") })
    }

    @Test("a revoked ASK or VCEK is rejected, also from the document's extras and after the chain was cached")
    func revoked() throws {
        let s = try Self.setup()
        // Warm the chain cache: revocation must still be checked on a cache hit.
        #expect(s.verifier.verify(s.document, at: Self.now).isVerified)
        for (serial, role) in [(s.platform.ask.serialNumber, "ASK"), (s.platform.vcek.serialNumber, "VCEK")] {
            let crl = try s.platform.crl(revoking: [ASN1Integer(5), serial], thisUpdate: Self.day(-1), nextUpdate: Self.day(6))
            let f = Self.failures(s.verifier.verify(s.document, crls: [crl], at: Self.now))
            #expect(f.contains { $0.contains("the \(role) certificate (serial \(serial)) was revoked by ARK-Milan") }, "\(role): \(f)")
            var doc = s.document
            doc.certificateChain?.extras[SNPAttestationDocument.crlExtrasKey] = crl.derBytes
            // Through the protobuf document, as upstream's issuer delivers it.
            let parsed = try SNPAttestationDocument(protobuf: doc.protobuf())
            #expect(!s.verifier.verify(parsed, at: Self.now).isVerified, "\(role) via extras")
        }
    }

    @Test("a CRL with a bad signature, an expired CRL or another issuer's CRL is rejected")
    func badCRLs() throws {
        let s = try Self.setup()
        let good = try s.platform.crl(revoking: [], thisUpdate: Self.day(-1), nextUpdate: Self.day(6))
        var der = good.derBytes
        der[der.count - 3] ^= 0x01
        let forged = try CertificateRevocationList(derEncoded: der)
        #expect(Self.failures(s.verifier.verify(s.document, crls: [forged], at: Self.now)).contains { $0.contains("the CRL's signature does not verify with ARK-Milan's key") })
        let expired = try s.platform.crl(revoking: [], thisUpdate: Self.day(-30), nextUpdate: Self.day(-2))
        #expect(Self.failures(s.verifier.verify(s.document, crls: [expired], at: Self.now)).contains { $0.contains("the CRL from ARK-Milan is valid from") })
        // A CRL signed by the ASK key under the ARK's name does not verify either.
        var doc = s.document
        doc.certificateChain?.extras[SNPAttestationDocument.crlExtrasKey] = [0x30, 0x03, 0x02, 0x01, 0x00]
        #expect(Self.failures(s.verifier.verify(doc, at: Self.now)).contains { $0.contains("the document's CRL") })
    }
}

@Suite("Intel PCK and root CA CRLs")
struct IntelRevocationTests {
    static let now = ASN1Time(year: 2026, month: 11, day: 29)

    struct CA {
        let key: P256.Signing.PrivateKey
        let certificate: Certificate
    }

    static func make(_ cn: String, serial: Int, issuer: CA?, rng: inout DeterministicRandom) throws -> CA {
        let key = try P256.Signing.PrivateKey(using: &rng)
        let subject = try DistinguishedName(commonName: cn)
        let builder = CertificateBuilder(
            serialNumber: ASN1Integer(serial), issuer: issuer?.certificate.subject ?? subject, subject: subject,
            notValidBefore: ASN1Time(year: 2020, month: 1, day: 1), notValidAfter: ASN1Time(year: 2040, month: 1, day: 1),
            publicKeyInfo: key.publicKeyInfo)
        return CA(key: key, certificate: try builder.sign(with: issuer?.key ?? key))
    }

    static func crl(by ca: CA, revoking: [Int], next: ASN1Time = ASN1Time(year: 2027, month: 1, day: 1)) throws -> CertificateRevocationList {
        try SimulatedCRL.issue(
            issuer: ca.certificate.subject, revoked: revoking.map { (ASN1Integer($0), ASN1Time(year: 2026, month: 1, day: 1)) },
            thisUpdate: ASN1Time(year: 2026, month: 1, day: 1), nextUpdate: next, algorithm: .ecdsa(.sha256)
        ) { tbs in try ca.key.certificateSignature(for: tbs) }
    }

    @Test("revoked PCK or PCK CA, forged and stale CRLs are reported; clean CRLs pass")
    func pckRevocation() throws {
        var rng = DeterministicRandom(seed: 8)
        let root = try Self.make("Intel SGX Root CA", serial: 1, issuer: nil, rng: &rng)
        let platformCA = try Self.make("Intel SGX PCK Platform CA", serial: 2, issuer: root, rng: &rng)
        let signer = try Self.make("Intel SGX TCB Signing", serial: 3, issuer: root, rng: &rng)
        let pck = try Self.make("Intel SGX PCK Certificate", serial: 4, issuer: platformCA, rng: &rng)
        func problems(_ rootCRL: CertificateRevocationList?, _ pckCRL: CertificateRevocationList?) -> [String] {
            TDXCollateralVerifier.revocationProblems(
                rootCRL: rootCRL, pckCRL: pckCRL, leaf: pck.certificate, intermediate: platformCA.certificate, root: root.certificate,
                signer: signer.certificate, at: Self.now)
        }
        let cleanRoot = try Self.crl(by: root, revoking: [99])
        let cleanPCK = try Self.crl(by: platformCA, revoking: [98])
        #expect(problems(cleanRoot, cleanPCK) == [])
        #expect(problems(cleanRoot, try Self.crl(by: platformCA, revoking: [4])).contains { $0.contains("the PCK certificate (serial 4) was revoked") })
        #expect(problems(try Self.crl(by: root, revoking: [2]), cleanPCK).contains { $0.contains("the PCK CA certificate Intel SGX PCK Platform CA (serial 2) was revoked") })
        #expect(problems(try Self.crl(by: root, revoking: [3]), cleanPCK).contains { $0.contains("TCB Signing certificate (serial 3) was revoked") })
        // PCK CRL signed by the root instead of the PCK CA: wrong issuer.
        #expect(problems(cleanRoot, try Self.crl(by: root, revoking: [])).contains { $0.contains("the PCK CRL is issued by") })
        var der = cleanPCK.derBytes
        der[der.count - 5] ^= 0x01
        #expect(problems(cleanRoot, try CertificateRevocationList(derEncoded: der)).contains { $0.contains("the PCK CRL signature does not verify") })
        let stale = try Self.crl(by: platformCA, revoking: [], next: ASN1Time(year: 2026, month: 6, day: 1))
        #expect(problems(cleanRoot, stale).contains { $0.contains("the PCK CRL is valid from") })
        #expect(problems(nil, nil).count == 2)
    }
}
