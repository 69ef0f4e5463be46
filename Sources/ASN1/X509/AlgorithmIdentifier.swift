// SPDX-License-Identifier: Apache-2.0
// AlgorithmIdentifier (RFC 5280 §4.1.1.2) and the signature algorithms X.509 here supports (RFC 5758, RFC 4055).

/// The wire `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
public struct AlgorithmIdentifier: DERImplicitlyTaggable, Hashable, CustomStringConvertible {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public let algorithm: ASN1ObjectIdentifier
    public let parameters: ASN1Any?

    public init(algorithm: ASN1ObjectIdentifier, parameters: ASN1Any? = nil) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        (algorithm, parameters) = try DER.sequence(node, identifier: identifier) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1ObjectIdentifier, ASN1Any?) in
            let oid = try ASN1ObjectIdentifier(derEncoded: try DER.required(&it, "algorithm"))
            let params = try it.next().map { (n: ASN1Node) throws(ASN1Error) -> ASN1Any in try ASN1Any(derEncoded: n) }
            return (oid, params)
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendConstructedNode(identifier: identifier) {
            $0.serialize(algorithm)
            if let parameters { $0.serialize(parameters) }
        }
    }

    /// True when parameters are absent or NULL (RFC 4055 §2.1 allows both for hash identifiers).
    var hasAbsentOrNullParameters: Bool { parameters == nil || parameters?.encodedBytes == [0x05, 0x00] }

    public var description: String { SignatureAlgorithm(self).description }
}

/// Digest algorithms used by the signature algorithms.
public enum DigestAlgorithm: String, Hashable, Sendable {
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    init?(_ id: AlgorithmIdentifier) {
        guard id.hasAbsentOrNullParameters else { return nil }
        switch id.algorithm {
        case .Algorithm.sha1: self = .sha1
        case .Algorithm.sha256: self = .sha256
        case .Algorithm.sha384: self = .sha384
        case .Algorithm.sha512: self = .sha512
        default: return nil
        }
    }

    var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha1: return .Algorithm.sha1
        case .sha256: return .Algorithm.sha256
        case .sha384: return .Algorithm.sha384
        case .sha512: return .Algorithm.sha512
        }
    }

    /// Output size in bytes.
    public var byteCount: Int {
        switch self {
        case .sha1: return 20
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        }
    }
}

/// A signature algorithm, decoded from an `AlgorithmIdentifier`.
public enum SignatureAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// ECDSA with the digest (RFC 5758 §3.2: parameters absent).
    case ecdsa(DigestAlgorithm)
    /// RSASSA-PKCS1-v1_5 with the digest (RFC 8017 App. C: parameters NULL).
    case rsaPKCS1(DigestAlgorithm)
    /// RSASSA-PSS with MGF1 over the same digest (RFC 4055 §3.1), as the AMD certificates use.
    case rsaPSS(DigestAlgorithm, saltLength: Int)
    /// Anything else (kept so that parsing never depends on algorithm support).
    case unknown(AlgorithmIdentifier)

    /// Decodes; unsupported or malformed parameters give `.unknown`.
    public init(_ id: AlgorithmIdentifier) {
        switch id.algorithm {
        case .Algorithm.ecdsaWithSHA1 where id.parameters == nil: self = .ecdsa(.sha1)
        case .Algorithm.ecdsaWithSHA256 where id.parameters == nil: self = .ecdsa(.sha256)
        case .Algorithm.ecdsaWithSHA384 where id.parameters == nil: self = .ecdsa(.sha384)
        case .Algorithm.ecdsaWithSHA512 where id.parameters == nil: self = .ecdsa(.sha512)
        case .Algorithm.sha1WithRSAEncryption where id.hasAbsentOrNullParameters: self = .rsaPKCS1(.sha1)
        case .Algorithm.sha256WithRSAEncryption where id.hasAbsentOrNullParameters: self = .rsaPKCS1(.sha256)
        case .Algorithm.sha384WithRSAEncryption where id.hasAbsentOrNullParameters: self = .rsaPKCS1(.sha384)
        case .Algorithm.sha512WithRSAEncryption where id.hasAbsentOrNullParameters: self = .rsaPKCS1(.sha512)
        case .Algorithm.rsassaPSS:
            self = (try? SignatureAlgorithm.decodePSS(id.parameters)) ?? .unknown(id)
        default: self = .unknown(id)
        }
    }

    /// RFC 4055 §3.1 RSASSA-PSS-params. MGF1 must use the same digest; trailerField must be 1. An explicit
    /// trailerField of 1 is tolerated although it is a DEFAULT value: AMD's ARK/ASK/VCEK certificates carry it.
    private static func decodePSS(_ parameters: ASN1Any?) throws(ASN1Error) -> SignatureAlgorithm {
        guard let parameters else { throw ASN1Error(.unsupported, "PSS without parameters (SHA-1) is not supported") }
        return try DER.sequence(try parameters.node()) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> SignatureAlgorithm in
            let hashID = try DER.optionalExplicitlyTagged(&it, tagNumber: 0) {
                (n: ASN1Node) throws(ASN1Error) -> AlgorithmIdentifier in try AlgorithmIdentifier(derEncoded: n)
            }
            guard let hashID, let hash = DigestAlgorithm(hashID) else {
                throw ASN1Error(.unsupported, "PSS hash must be SHA-2")
            }
            let mgf = try DER.optionalExplicitlyTagged(&it, tagNumber: 1) {
                (n: ASN1Node) throws(ASN1Error) -> AlgorithmIdentifier in try AlgorithmIdentifier(derEncoded: n)
            }
            guard let mgf, mgf.algorithm == .Algorithm.mgf1, let inner = mgf.parameters,
                let mgfHash = DigestAlgorithm(try AlgorithmIdentifier(derEncoded: try inner.node())), mgfHash == hash
            else { throw ASN1Error(.unsupported, "PSS MGF must be MGF1 with the same hash") }
            let salt = try DER.optionalExplicitlyTagged(&it, tagNumber: 2) {
                (n: ASN1Node) throws(ASN1Error) -> Int in try Int(derEncoded: n)
            } ?? 20
            let trailer = try DER.optionalExplicitlyTagged(&it, tagNumber: 3) {
                (n: ASN1Node) throws(ASN1Error) -> Int in try Int(derEncoded: n)
            } ?? 1
            guard trailer == 1, salt >= 0 else { throw ASN1Error(.invalidValue, "PSS trailerField must be 1") }
            return .rsaPSS(hash, saltLength: salt)
        }
    }

    /// The wire identifier (PSS written with explicit parameters as RFC 4055 §3.1 recommends).
    public var algorithmIdentifier: AlgorithmIdentifier {
        let null = ASN1Any(ASN1Null())
        switch self {
        case .ecdsa(let h):
            let oid: ASN1ObjectIdentifier
            switch h {
            case .sha1: oid = .Algorithm.ecdsaWithSHA1
            case .sha256: oid = .Algorithm.ecdsaWithSHA256
            case .sha384: oid = .Algorithm.ecdsaWithSHA384
            case .sha512: oid = .Algorithm.ecdsaWithSHA512
            }
            return AlgorithmIdentifier(algorithm: oid)
        case .rsaPKCS1(let h):
            let oid: ASN1ObjectIdentifier
            switch h {
            case .sha1: oid = .Algorithm.sha1WithRSAEncryption
            case .sha256: oid = .Algorithm.sha256WithRSAEncryption
            case .sha384: oid = .Algorithm.sha384WithRSAEncryption
            case .sha512: oid = .Algorithm.sha512WithRSAEncryption
            }
            return AlgorithmIdentifier(algorithm: oid, parameters: null)
        case .rsaPSS(let h, let salt):
            let hashID = AlgorithmIdentifier(algorithm: h.oid, parameters: null)
            var coder = DER.Serializer()
            coder.appendConstructedNode(identifier: .sequence) {
                $0.serialize(hashID, explicitlyTaggedWithTagNumber: 0)
                $0.serialize(
                    AlgorithmIdentifier(algorithm: .Algorithm.mgf1, parameters: ASN1Any(hashID)),
                    explicitlyTaggedWithTagNumber: 1)
                if salt != 20 { $0.serialize(salt, explicitlyTaggedWithTagNumber: 2) }
            }
            let params = (try? ASN1Any(encoded: coder.serializedBytes)) ?? null
            return AlgorithmIdentifier(algorithm: .Algorithm.rsassaPSS, parameters: params)
        case .unknown(let id):
            return id
        }
    }

    /// The `openssl x509 -text` name.
    public var description: String {
        switch self {
        case .ecdsa(.sha1): return "ecdsa-with-SHA1"
        case .ecdsa(.sha256): return "ecdsa-with-SHA256"
        case .ecdsa(.sha384): return "ecdsa-with-SHA384"
        case .ecdsa(.sha512): return "ecdsa-with-SHA512"
        case .rsaPKCS1(.sha1): return "sha1WithRSAEncryption"
        case .rsaPKCS1(.sha256): return "sha256WithRSAEncryption"
        case .rsaPKCS1(.sha384): return "sha384WithRSAEncryption"
        case .rsaPKCS1(.sha512): return "sha512WithRSAEncryption"
        case .rsaPSS: return "rsassaPss"
        case .unknown(let id): return id.algorithm.description
        }
    }
}
