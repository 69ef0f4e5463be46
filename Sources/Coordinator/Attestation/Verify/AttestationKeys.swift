// SPDX-License-Identifier: Apache-2.0
// Key and signature plumbing for attestation certificates: SPKI digests for pinning, ECDSA-Sig-Value (DER) to r ‖ s
// (RFC 5480 §2.2, RFC 3279 §2.2.3), and ECDSA certificate/CRL signature checks on P-256 and P-384.

import ContrastASN1
import ContrastCrypto

enum AttestationKeys {
    /// SHA-256 of the DER SubjectPublicKeyInfo (the pin form of the AMD ARKs and the Intel root).
    static func spkiSHA256(_ c: Certificate) -> [UInt8] {
        var s = DER.Serializer()
        s.serialize(c.publicKeyInfo)
        return SHA256.hash(data: s.serializedBytes).bytes
    }

    /// DER SubjectPublicKeyInfo bytes.
    static func spkiDER(_ c: Certificate) -> [UInt8] {
        var s = DER.Serializer()
        s.serialize(c.publicKeyInfo)
        return s.serializedBytes
    }

    /// Converts `SEQUENCE { r INTEGER, s INTEGER }` to fixed-width r ‖ s, or nil if malformed or too wide.
    static func rawECDSASignature(der: [UInt8], width: Int) -> [UInt8]? {
        guard let node = try? DER.parse(der),
            let pair = try? DER.sequence(node, { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1Integer, ASN1Integer) in
                let r = try ASN1Integer(derEncoded: try DER.required(&it, "r"))
                let s = try ASN1Integer(derEncoded: try DER.required(&it, "s"))
                return (r, s)
            })
        else { return nil }
        var out: [UInt8] = []
        for v in [pair.0, pair.1] {
            guard !v.isNegative else { return nil }
            let mag = v.unsignedBytes
            guard mag.count <= width else { return nil }
            out += [UInt8](repeating: 0, count: width - mag.count) + mag
        }
        return out
    }

    /// Whether `signature` (DER ECDSA-Sig-Value) over `message` verifies with the EC key of `signer` for the digest
    /// `algorithm` names. Only P-256/SHA-256 and P-384/SHA-384 (and the cross pairs) are accepted.
    /// VARTIME: public inputs only.
    static func isValidECDSA(signatureDER: [UInt8], over message: [UInt8], algorithm: SignatureAlgorithm, signer: SubjectPublicKeyInfo) -> Bool {
        guard case .ec(let curve, let point) = signer.publicKey, case .ecdsa(let digestAlgorithm) = algorithm else { return false }
        let digest: [UInt8]
        switch digestAlgorithm {
        case .sha256: digest = SHA256.hash(data: message).bytes
        case .sha384: digest = SHA384.hash(data: message).bytes
        case .sha512: digest = SHA512.hash(data: message).bytes
        default: return false
        }
        switch curve {
        case .NamedCurve.p256:
            guard let raw = rawECDSASignature(der: signatureDER, width: 32),
                let key = try? P256.Signing.PublicKey(x963Representation: point),
                let sig = try? P256.Signing.ECDSASignature(rawRepresentation: raw)
            else { return false }
            return key.isValidSignature(sig, forDigest: digest)
        case .NamedCurve.p384:
            guard let raw = rawECDSASignature(der: signatureDER, width: 48),
                let key = try? P384.Signing.PublicKey(x963Representation: point),
                let sig = try? P384.Signing.ECDSASignature(rawRepresentation: raw)
            else { return false }
            return key.isValidSignature(sig, forDigest: digest)
        default:
            return false
        }
    }

    /// Whether `child` carries a valid ECDSA signature by `issuer`'s key. VARTIME: public inputs only.
    static func isSignedECDSA(_ child: Certificate, by issuer: Certificate) -> Bool {
        isValidECDSA(signatureDER: child.signature, over: child.tbsCertificateBytes, algorithm: child.signatureAlgorithm, signer: issuer.publicKeyInfo)
    }
}
