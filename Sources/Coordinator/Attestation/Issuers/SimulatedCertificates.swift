// SPDX-License-Identifier: Apache-2.0
// X.509 v3 certificates for the simulated SEV-SNP chain (RFC 5280 §4.1), signed with RSASSA-PSS SHA-384, salt 48
// (RFC 4055), exactly the scheme of AMD's ARK/ASK/VCEK.

import ContrastASN1
import ContrastCrypto

enum SimulatedCertificates {
    static func issue(
        serial: Int, issuer: DistinguishedName, subject: DistinguishedName, from: ASN1Time, until: ASN1Time,
        spki: SubjectPublicKeyInfo, extensions: [Extension], signer: RSA.Signing.PrivateKey, random: inout some RandomSource
    ) throws -> Certificate {
        let algorithm = SignatureAlgorithm.rsaPSS(.sha384, saltLength: 48).algorithmIdentifier
        var tbs = DER.Serializer()
        let exts = try Extensions(extensions)
        tbs.appendConstructedNode(identifier: .sequence) {
            $0.serialize(2, explicitlyTaggedWithTagNumber: 0)  // v3
            $0.serialize(ASN1Integer(serial))
            $0.serialize(algorithm)
            $0.serialize(issuer)
            $0.appendConstructedNode(identifier: .sequence) {
                $0.serialize(from)
                $0.serialize(until)
            }
            $0.serialize(subject)
            $0.serialize(spki)
            if !exts.isEmpty { $0.serialize(exts, explicitlyTaggedWithTagNumber: 3) }
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try signer.signature(for: tbsBytes, hash: .sha384, padding: .amdSEVSNP, using: &random)
        var cert = DER.Serializer()
        cert.appendConstructedNode(identifier: .sequence) {
            $0.serializeRawBytes(tbsBytes)
            $0.serialize(algorithm)
            $0.serialize(ASN1BitString(bytes: signature.rawRepresentation))
        }
        return try Certificate(derEncoded: cert.serializedBytes)
    }
}
