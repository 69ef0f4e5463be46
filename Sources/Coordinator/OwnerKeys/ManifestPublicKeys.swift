// SPDX-License-Identifier: Apache-2.0
// The two public-key encodings manifests carry, parsed with ContrastASN1: PKCS#1 RSAPublicKey (RFC 8017 App. A.1.1) and EC SubjectPublicKeyInfo (RFC 5480 §2).

import ContrastASN1
import ContrastCrypto

/// Why a manifest public key was rejected (the reason reads like Go's x509 error it mirrors).
public struct ManifestKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Parsers for `SeedshareOwnerPubKeys` and `WorkloadOwnerPubKeys` entries (after hex decoding).
/// VARTIME: public inputs only.
public enum ManifestPublicKey {
    /// Go `x509.ParsePKCS1PublicKey`: `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` in
    /// DER with nothing after it; modulus > 0; 0 < exponent < 2^63 (Go reads it into an `int`).
    /// - Returns: big-endian modulus and exponent without leading zeros.
    public static func parsePKCS1RSA(_ der: [UInt8]) throws(ManifestKeyError) -> (modulus: [UInt8], publicExponent: [UInt8]) {
        let parts: (ASN1Integer, ASN1Integer)
        do {
            parts = try DER.sequence(try DER.parse(der)) {
                (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1Integer, ASN1Integer) in
                (try ASN1Integer(derEncoded: try DER.required(&it, "modulus")),
                 try ASN1Integer(derEncoded: try DER.required(&it, "publicExponent")))
            }
        } catch { throw ManifestKeyError("malformed RSAPublicKey: \(error.reason)") }
        let (n, e) = parts
        guard !n.isNegative, !n.isZero else { throw ManifestKeyError("RSA modulus is not a positive number") }
        guard !e.isNegative, !e.isZero else { throw ManifestKeyError("RSA public exponent is not a positive number") }
        guard e.bytes.count <= 8 else { throw ManifestKeyError("RSA public exponent too large") }
        return (n.unsignedBytes, e.unsignedBytes)
    }

    /// Go `x509.ParsePKIXPublicKey` returning an `*ecdsa.PublicKey`: a SubjectPublicKeyInfo with
    /// `id-ecPublicKey`, a named curve P-256, P-384 or P-521 and an uncompressed point; P-256 and P-384 points
    /// must lie on the curve (P-521 points are checked for form only: ContrastCrypto has no P-521).
    /// - Returns: the curve OID and the SEC 1 point.
    public static func parseECSubjectPublicKeyInfo(_ der: [UInt8]) throws(ManifestKeyError)
        -> (curve: ASN1ObjectIdentifier, x963Point: [UInt8])
    {
        let spki: SubjectPublicKeyInfo
        do { spki = try SubjectPublicKeyInfo(derEncoded: der) } catch {
            throw ManifestKeyError("malformed SubjectPublicKeyInfo: \(error.reason)")
        }
        guard case .ec(let curve, let point) = spki.publicKey else { throw ManifestKeyError("not an EC public key") }
        let size: Int
        switch curve {
        case .NamedCurve.p256: size = 32
        case .NamedCurve.p384: size = 48
        case .NamedCurve.p521: size = 66
        default: throw ManifestKeyError("unsupported elliptic curve \(curve)")
        }
        guard point.count == 2 * size + 1, point.first == 0x04 else {
            throw ManifestKeyError("EC point must be uncompressed with \(2 * size + 1) bytes")
        }
        let onCurve: Bool
        switch curve {
        case .NamedCurve.p256: onCurve = (try? P256.Signing.PublicKey(x963Representation: point)) != nil
        case .NamedCurve.p384: onCurve = (try? P384.Signing.PublicKey(x963Representation: point)) != nil
        default: onCurve = true
        }
        guard onCurve else { throw ManifestKeyError("EC point is not on the curve") }
        return (curve, point)
    }

    /// `RSAPublicKey` DER (what Go's `x509.MarshalPKCS1PublicKey` writes).
    public static func pkcs1RSA(modulus: [UInt8], publicExponent: [UInt8]) -> [UInt8] {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(ASN1Integer(unsignedBytes: modulus))
            $0.serialize(ASN1Integer(unsignedBytes: publicExponent))
        }
        return coder.serializedBytes
    }
}
