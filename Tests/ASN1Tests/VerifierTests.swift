// SPDX-License-Identifier: Apache-2.0
// Chain building and policies with test-time chains and a fixed clock (RFC 5280 §6).

import ContrastASN1
import Testing

@Suite("Verifier")
struct VerifierTests {
    let rootKey = StubSigner(1)
    let interKey = StubSigner(2)
    let leafKey = StubSigner(3)

    func chain() throws -> (Certificate, Certificate, Certificate) {
        let root = try TestPKI.make("Root", key: rootKey)
        let inter = try TestPKI.make("Inter", key: interKey, issuer: "Root", issuerKey: rootKey)
        let leaf = try TestPKI.make(
            "leaf", key: leafKey, issuer: "Inter", issuerKey: interKey, ca: .notCertificateAuthority,
            dns: ["api.example.com", "*.mesh.local"])
        return (root, inter, leaf)
    }

    func failures(_ r: VerificationResult) -> [PolicyFailure] {
        if case .invalid(let f) = r { return f }
        return []
    }

    @Test("valid chain is returned leaf first")
    func validChain() throws {
        let (root, inter, leaf) = try chain()
        let r = TestPKI.verifier(roots: [root], extra: [ServerIdentityPolicy(name: "api.example.com")])
            .validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow)
        guard case .valid(let c) = r else {
            Issue.record("expected valid: \(failures(r))")
            return
        }
        #expect(c == [leaf, inter, root])
    }

    @Test("expired and not-yet-valid certificates fail Validity with their index")
    func validity() throws {
        let (root, inter, leaf) = try chain()
        let v = TestPKI.verifier(roots: [root])
        let late = failures(v.validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow.adding(seconds: 2 * 86_400)))
        #expect(late.map(\.policy) == ["Validity", "Validity", "Validity"])
        #expect(late.map(\.certificateIndex) == [0, 1, 2])
        let early = failures(v.validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow.adding(seconds: -2 * 86_400)))
        #expect(early.count == 3 && early[0].reason.contains("not valid before"))
    }

    @Test("a wrong signature fails Signature for that certificate")
    func wrongSignature() throws {
        let (root, inter, _) = try chain()
        let forged = try TestPKI.make("leaf", key: leafKey, issuer: "Inter", issuerKey: StubSigner(99), ca: nil)
        let f = failures(TestPKI.verifier(roots: [root]).validate(leaf: forged, intermediates: CertificateStore([inter]), at: testNow))
        #expect(f.map(\.policy) == ["Signature"])
        #expect(f.first?.certificateIndex == 0)
    }

    @Test("an issuer that is not a CA, or exceeds its path length, fails BasicConstraints")
    func basicConstraints() throws {
        let root = try TestPKI.make("Root", key: rootKey, ca: .isCertificateAuthority(maxPathLength: 0))
        let inter = try TestPKI.make("Inter", key: interKey, issuer: "Root", issuerKey: rootKey)
        let leaf = try TestPKI.make("leaf", key: leafKey, issuer: "Inter", issuerKey: interKey, ca: nil)
        let f = failures(TestPKI.verifier(roots: [root]).validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow))
        #expect(f.map(\.policy) == ["BasicConstraints"])
        #expect(f.first?.certificateIndex == 2)

        let notCA = try TestPKI.make("Inter", key: interKey, issuer: "Root", issuerKey: rootKey, ca: .notCertificateAuthority)
        let root2 = try TestPKI.make("Root", key: rootKey)
        let g = failures(TestPKI.verifier(roots: [root2]).validate(leaf: leaf, intermediates: CertificateStore([notCA]), at: testNow))
        #expect(g.map(\.policy) == ["BasicConstraints"] && g.first?.certificateIndex == 1)

        let noSign = try TestPKI.make("Inter", key: interKey, issuer: "Root", issuerKey: rootKey, keyUsage: [KeyUsage.digitalSignature])
        let h = failures(TestPKI.verifier(roots: [root2]).validate(leaf: leaf, intermediates: CertificateStore([noSign]), at: testNow))
        #expect(h.first?.reason.contains("keyCertSign") == true)
    }

    @Test("an unknown critical extension fails unless a policy handles it")
    func criticalExtension() throws {
        let (root, inter, _) = try chain()
        let odd = Extension(oid: "1.3.6.1.4.1.55555.9", critical: true, value: [0x05, 0x00])
        let leaf = try TestPKI.make("leaf", key: leafKey, issuer: "Inter", issuerKey: interKey, ca: nil, extra: [odd])
        let f = failures(TestPKI.verifier(roots: [root]).validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow))
        #expect(f.map(\.policy) == ["CriticalExtensions"])
    }

    @Test("server identity: SAN DNS with leftmost wildcard, IP addresses, no CN fallback")
    func serverIdentity() throws {
        let (root, inter, leaf) = try chain()
        func ok(_ name: String) -> Bool {
            TestPKI.verifier(roots: [root], extra: [ServerIdentityPolicy(name: name)])
                .validate(leaf: leaf, intermediates: CertificateStore([inter]), at: testNow).isValid
        }
        #expect(ok("API.example.com"))
        #expect(ok("a.mesh.local"))
        #expect(!ok("a.b.mesh.local"))
        #expect(!ok("mesh.local"))
        #expect(!ok("leaf"))
        #expect(!ServerIdentityPolicy.matches(pattern: "*.com", host: "example.com"))
        #expect(ServerIdentityPolicy.parseIP("::1") == [UInt8](repeating: 0, count: 15) + [1])
        #expect(ServerIdentityPolicy.parseIP("10.0.0.256") == nil)
    }

    @Test("path building tries every candidate issuer and survives loops and dead ends")
    func pathBuilding() throws {
        let root = try TestPKI.make("Root", key: rootKey)
        // Two intermediates with the same name: the first has a bad signature, the second is good.
        let bad = try TestPKI.make("Inter", key: interKey, issuer: "Root", issuerKey: StubSigner(77), serial: 7)
        let good = try TestPKI.make("Inter", key: interKey, issuer: "Root", issuerKey: rootKey, serial: 8)
        let leaf = try TestPKI.make("leaf", key: leafKey, issuer: "Inter", issuerKey: interKey, ca: nil)
        let r = TestPKI.verifier(roots: [root]).validate(leaf: leaf, intermediates: CertificateStore([bad, good]), at: testNow)
        guard case .valid(let c) = r else {
            Issue.record("expected valid")
            return
        }
        #expect(c[1] == good)

        // A and B cross-sign each other; no root reachable: must terminate with a PathBuilding failure.
        let a = try TestPKI.make("A", key: StubSigner(10), issuer: "B", issuerKey: StubSigner(11))
        let b = try TestPKI.make("B", key: StubSigner(11), issuer: "A", issuerKey: StubSigner(10))
        let loopLeaf = try TestPKI.make("x", key: leafKey, issuer: "A", issuerKey: StubSigner(10), ca: nil)
        let f = failures(TestPKI.verifier(roots: [root]).validate(leaf: loopLeaf, intermediates: CertificateStore([a, b]), at: testNow))
        #expect(f.map(\.policy) == ["PathBuilding"])
    }

    @Test("extended key usage is enforced on the leaf and on intermediates that carry one")
    func eku() throws {
        let (root, inter, _) = try chain()
        let client = try TestPKI.make(
            "leaf", key: leafKey, issuer: "Inter", issuerKey: interKey, ca: nil,
            extra: [ExtendedKeyUsage([.ExtendedKeyUsage.clientAuth]).makeExtension()])
        let v = TestPKI.verifier(roots: [root], extra: [ExtendedKeyUsagePolicy(.ExtendedKeyUsage.serverAuth)])
        #expect(failures(v.validate(leaf: client, intermediates: CertificateStore([inter]), at: testNow)).map(\.policy) == ["ExtendedKeyUsage"])
        let any = AnyOfPolicies([ExtendedKeyUsagePolicy(.ExtendedKeyUsage.serverAuth), ExtendedKeyUsagePolicy(.ExtendedKeyUsage.clientAuth)])
        #expect(TestPKI.verifier(roots: [root], extra: [any]).validate(leaf: client, intermediates: CertificateStore([inter]), at: testNow).isValid)
    }

    @Test("name constraints restrict DNS names below a constrained CA")
    func nameConstraints() throws {
        let nc = NameConstraints(permitted: [.dnsName("example.com")], excluded: [.dnsName("bad.example.com")])
        let root = try TestPKI.make("Root", key: rootKey, extra: [nc.makeExtension(critical: true)])
        let v = TestPKI.verifier(roots: [root], extra: [NameConstraintsPolicy()])
        for (dns, ok) in [("a.example.com", true), ("x.bad.example.com", false), ("example.org", false)] {
            let leaf = try TestPKI.make("leaf", key: leafKey, issuer: "Root", issuerKey: rootKey, ca: nil, dns: [dns])
            #expect(v.validate(leaf: leaf, intermediates: CertificateStore(), at: testNow).isValid == ok, "\(dns)")
        }
    }
}
