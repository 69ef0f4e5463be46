// SPDX-License-Identifier: Apache-2.0
// Test-time PKI with a stub signature scheme (SHA-256 over key id ‖ message) and a fixed clock, so chain and
// policy logic is tested independently of the curve and RSA code.

import ContrastASN1
import ContrastCrypto
import TestSupport

/// The stub scheme's identifiers (a private arc: never a real algorithm).
let stubKeyOID: ASN1ObjectIdentifier = "1.3.6.1.4.1.55555.1"
let stubSignatureAlgorithm = SignatureAlgorithm.unknown(AlgorithmIdentifier(algorithm: "1.3.6.1.4.1.55555.2"))

/// A "key" whose signature is SHA-256(id ‖ message): verifiable by anyone who knows the public id.
struct StubSigner: CertificateSigner {
    let id: [UInt8]
    init(_ seed: UInt64) {
        var r = DeterministicRandom(seed: seed)
        id = r.bytes(16)
    }
    var publicKeyInfo: SubjectPublicKeyInfo {
        SubjectPublicKeyInfo(algorithm: AlgorithmIdentifier(algorithm: stubKeyOID), key: ASN1BitString(bytes: id))
    }
    var signatureAlgorithm: SignatureAlgorithm { stubSignatureAlgorithm }
    func certificateSignature(for message: [UInt8]) throws(X509Error) -> [UInt8] { Array(SHA256.hash(data: id + message)) }
}

struct StubVerifier: CertificateSignatureVerifier {
    func isValidSignature(
        _ signature: [UInt8], over message: [UInt8], algorithm: SignatureAlgorithm, publicKey: SubjectPublicKeyInfo
    ) -> Bool {
        algorithm == stubSignatureAlgorithm && publicKey.algorithm.algorithm == stubKeyOID
            && signature == Array(SHA256.hash(data: publicKey.key.bytes + message))
    }
}

/// The fixed clock for chain tests.
let testNow = ASN1Time(year: 2026, month: 6, day: 1, hour: 12)

enum TestPKI {
    static func name(_ cn: String) -> DistinguishedName {
        (try? DistinguishedName([(.NameAttribute.organizationName, "Test"), (.NameAttribute.commonName, cn)]))
            ?? DistinguishedName([RelativeDistinguishedName]())
    }

    /// A certificate for `subjectKey` issued by `issuerKey` under `issuerName`.
    static func make(
        _ cn: String, key: StubSigner, issuer: String? = nil, issuerKey: StubSigner? = nil, serial: Int = 1,
        ca: BasicConstraints? = .isCertificateAuthority(maxPathLength: nil), keyUsage: [Int]? = nil,
        dns: [String] = [], extra: [Extension] = [], notBefore: ASN1Time = testNow.adding(seconds: -86_400),
        notAfter: ASN1Time = testNow.adding(seconds: 86_400)
    ) throws -> Certificate {
        var exts: [Extension] = []
        if let ca { exts.append(ca.makeExtension(critical: true)) }
        if let keyUsage { exts.append(KeyUsage(bits: Set(keyUsage)).makeExtension(critical: true)) }
        if !dns.isEmpty { exts.append(SubjectAlternativeNames(dns.map(GeneralName.dnsName)).makeExtension()) }
        let b = CertificateBuilder(
            serialNumber: ASN1Integer(serial), issuer: name(issuer ?? cn), subject: name(cn), notValidBefore: notBefore,
            notValidAfter: notAfter, publicKeyInfo: key.publicKeyInfo, extensions: exts + extra)
        return try b.sign(with: issuerKey ?? key)
    }

    /// The default policy set for TLS-style verification.
    static func verifier(roots: [Certificate], extra: [any VerifierPolicy] = []) -> Verifier {
        Verifier(
            roots: CertificateStore(roots),
            policies: [SignaturePolicy(verifier: StubVerifier()), ValidityPolicy(), BasicConstraintsPolicy()] + extra)
    }
}
