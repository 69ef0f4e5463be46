// SPDX-License-Identifier: Apache-2.0
// Certificate revocation lists for simulated hierarchies (RFC 5280 §5.1, v2, no extensions): the simulated ARK's
// CRL (AMD signs with RSASSA-PSS SHA-384, upstream.md §8.2), and test CAs.

import ContrastASN1
import ContrastCrypto

public enum SimulatedCRL {
    /// Encodes and signs a CRL. `sign` returns the signatureValue bytes for the TBSCertList.
    public static func issue(
        issuer: DistinguishedName, revoked: [(serial: ASN1Integer, date: ASN1Time)], thisUpdate: ASN1Time,
        nextUpdate: ASN1Time, algorithm: SignatureAlgorithm, sign: ([UInt8]) throws -> [UInt8]
    ) throws -> CertificateRevocationList {
        let alg = algorithm.algorithmIdentifier
        var tbs = DER.Serializer()
        tbs.appendConstructedNode(identifier: .sequence) {
            $0.serialize(1)  // v2
            $0.serialize(alg)
            $0.serialize(issuer)
            $0.serialize(thisUpdate)
            $0.serialize(nextUpdate)
            if !revoked.isEmpty {
                $0.appendConstructedNode(identifier: .sequence) { list in
                    for r in revoked {
                        list.appendConstructedNode(identifier: .sequence) {
                            $0.serialize(r.serial)
                            $0.serialize(r.date)
                        }
                    }
                }
            }
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try sign(tbsBytes)
        var out = DER.Serializer()
        out.appendConstructedNode(identifier: .sequence) {
            $0.serializeRawBytes(tbsBytes)
            $0.serialize(alg)
            $0.serialize(ASN1BitString(bytes: signature))
        }
        return try CertificateRevocationList(derEncoded: out.serializedBytes)
    }
}

extension SimulatedSNPPlatform {
    /// A CRL signed by this platform's ARK (RSASSA-PSS SHA-384, salt 48, like AMD's KDS CRL) revoking `serials`.
    public func crl(revoking serials: [ASN1Integer], thisUpdate: ASN1Time, nextUpdate: ASN1Time) throws -> CertificateRevocationList {
        var random = SystemRandom()
        return try SimulatedCRL.issue(
            issuer: ark.subject, revoked: serials.map { ($0, thisUpdate) }, thisUpdate: thisUpdate, nextUpdate: nextUpdate,
            algorithm: AMDChainVerifier.pssSHA384
        ) { tbs in
            try arkKey.signature(for: tbs, hash: .sha384, padding: .amdSEVSNP, using: &random).rawRepresentation
        }
    }
}
