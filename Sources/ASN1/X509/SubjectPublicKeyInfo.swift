// SPDX-License-Identifier: Apache-2.0
// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with the EC (RFC 5480 §2) and RSA (RFC 8017 App. A.1.1) key forms.

/// The wire `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`.
public struct SubjectPublicKeyInfo: DERImplicitlyTaggable, Hashable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public let algorithm: AlgorithmIdentifier
    public let key: ASN1BitString

    public init(algorithm: AlgorithmIdentifier, key: ASN1BitString) {
        self.algorithm = algorithm
        self.key = key
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        (algorithm, key) = try DER.sequence(node, identifier: identifier) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (AlgorithmIdentifier, ASN1BitString) in
            (try AlgorithmIdentifier(derEncoded: try DER.required(&it, "algorithm")),
             try ASN1BitString(derEncoded: try DER.required(&it, "subjectPublicKey")))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendConstructedNode(identifier: identifier) {
            $0.serialize(algorithm)
            $0.serialize(key)
        }
    }

    /// An EC key: `id-ecPublicKey` with a named curve and an uncompressed SEC 1 point.
    public init(ecCurve: ASN1ObjectIdentifier, x963Point: [UInt8]) {
        self.init(
            algorithm: AlgorithmIdentifier(algorithm: .Algorithm.ecPublicKey, parameters: ASN1Any(ecCurve)),
            key: ASN1BitString(bytes: x963Point))
    }

    /// An RSA key: `rsaEncryption` (NULL parameters, RFC 3279 §2.3.1) with `RSAPublicKey ::= SEQUENCE { n, e }`.
    public init(rsaModulus: [UInt8], publicExponent: [UInt8]) {
        self.init(
            algorithm: AlgorithmIdentifier(algorithm: .Algorithm.rsaEncryption, parameters: ASN1Any(ASN1Null())),
            key: ASN1BitString(bytes: PKCS1RSAPublicKey(modulus: rsaModulus, publicExponent: publicExponent).derBytes()))
    }

    /// The decoded key.
    public var publicKey: PublicKeyKind { PublicKeyKind(self) }
}

/// What kind of key an SPKI holds.
public enum PublicKeyKind: Hashable, Sendable, CustomStringConvertible {
    /// EC key on a named curve: the curve OID and the SEC 1 point bytes.
    case ec(curve: ASN1ObjectIdentifier, point: [UInt8])
    /// RSA key: big-endian modulus and exponent (no leading zeros).
    case rsa(modulus: [UInt8], exponent: [UInt8])
    /// Anything else.
    case unknown(ASN1ObjectIdentifier)

    init(_ spki: SubjectPublicKeyInfo) {
        switch spki.algorithm.algorithm {
        case .Algorithm.ecPublicKey:
            guard spki.key.paddingBits == 0, let p = spki.algorithm.parameters,
                let curve = try? ASN1ObjectIdentifier(derEncoded: p.node())
            else {
                self = .unknown(spki.algorithm.algorithm)
                return
            }
            self = .ec(curve: curve, point: spki.key.bytes)
        case .Algorithm.rsaEncryption:
            guard spki.key.paddingBits == 0, spki.algorithm.hasAbsentOrNullParameters,
                let key = try? PKCS1RSAPublicKey(derEncoded: spki.key.bytes[...])
            else {
                self = .unknown(spki.algorithm.algorithm)
                return
            }
            self = .rsa(modulus: key.modulus, exponent: key.publicExponent)
        default:
            self = .unknown(spki.algorithm.algorithm)
        }
    }

    /// Key size in bits (EC: field size; RSA: modulus size).
    public var bitCount: Int {
        switch self {
        case .ec(let curve, _):
            switch curve {
            case .NamedCurve.p256: return 256
            case .NamedCurve.p384: return 384
            case .NamedCurve.p521: return 521
            default: return 0
            }
        case .rsa(let n, _):
            guard let first = n.first else { return 0 }
            return (n.count - 1) * 8 + (8 - first.leadingZeroBitCount)
        case .unknown: return 0
        }
    }

    public var description: String {
        switch self {
        case .ec(let curve, _):
            switch curve {
            case .NamedCurve.p256: return "EC P-256"
            case .NamedCurve.p384: return "EC P-384"
            case .NamedCurve.p521: return "EC P-521"
            default: return "EC \(curve)"
            }
        case .rsa: return "RSA \(bitCount) bit"
        case .unknown(let oid): return "unknown key \(oid)"
        }
    }
}
