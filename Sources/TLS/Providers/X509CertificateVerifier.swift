// SPDX-License-Identifier: Apache-2.0
// Peer certificate verification by RFC 5280 path validation (ContrastASN1's Verifier) for TLS 1.3 (RFC 8446 §4.4.2.4).

import ContrastASN1

extension CertificateVerifiers {
    /// Verifies the peer chain against `roots` at `now()` and returns the leaf key.
    ///
    /// The chain's first certificate is the leaf; the rest is an unordered pool of intermediates (RFC 8446
    /// §4.4.2 lets peers send extra or out-of-order certificates). A server peer must name `identity` (or,
    /// when it is nil, the SNI we sent) in a dNSName or iPAddress SAN (RFC 6125 §6.4) and allow serverAuth;
    /// a client peer must allow clientAuth. A server peer with neither identity nor SNI is refused: accepting
    /// any name under a trusted root would let any certificate from that root impersonate the server.
    /// Failures become `.badCertificate` with every failed check, in words (the alert is bad_certificate).
    public static func x509(
        roots: [Certificate], identity: String? = nil, crls: [CertificateRevocationList] = [],
        now: @escaping @Sendable () -> ASN1Time
    ) -> CertificateVerifier {
        let anchors = CertificateStore(roots)
        return { context throws(TLSError) in
            guard !context.chain.isEmpty else { throw .badCertificate("empty certificate chain") }
            var parsed: [Certificate] = []
            for (i, der) in context.chain.enumerated() {
                do throws(ASN1Error) { parsed.append(try Certificate(derEncoded: der)) } catch {
                    throw .badCertificate("certificate \(i) does not parse: \(error.reason)")
                }
            }
            let signatures = StandardSignatureVerifier()
            var policies: [any VerifierPolicy] = [
                SignaturePolicy(verifier: signatures), ValidityPolicy(), BasicConstraintsPolicy(),
                NameConstraintsPolicy(),
            ]
            if !crls.isEmpty { policies.append(RevocationPolicy(crls: crls, verifier: signatures)) }
            if context.verifyingServer {
                guard let name = identity ?? context.serverName else {
                    throw .badCertificate("no server name to check the certificate against (give one)")
                }
                policies.append(ServerIdentityPolicy(name: name))
                policies.append(ExtendedKeyUsagePolicy(.ExtendedKeyUsage.serverAuth))
            } else {
                policies.append(ExtendedKeyUsagePolicy(.ExtendedKeyUsage.clientAuth))
            }
            let verifier = Verifier(roots: anchors, policies: policies)
            let time = now()
            switch verifier.validate(leaf: parsed[0], intermediates: CertificateStore(Array(parsed.dropFirst())), at: time) {
            case .valid:
                return try TLSPublicKeys.leafKey(publicKeyInfo: parsed[0].publicKeyInfo)
            case .invalid(let failures):
                let reasons = failures.map(\.description).joined(separator: "; ")
                throw .badCertificate("peer certificate not trusted at \(time.rfc3339): \(reasons)")
            }
        }
    }
}
