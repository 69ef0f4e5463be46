// SPDX-License-Identifier: Apache-2.0
// Private-key containers: SEC 1 ECPrivateKey (RFC 5915 §3), PKCS#8 PrivateKeyInfo (RFC 5208 §5),
// PKCS#1 RSAPrivateKey (RFC 8017 App. A.1.2). The raw components go to and from ContrastCrypto's key types.

/// `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, parameters [0] OID, publicKey [1] BIT STRING }`.
public struct SEC1PrivateKey: DERParseable, DERSerializable, Hashable {
    /// The big-endian scalar, as wide as the curve order.
    public let privateKey: [UInt8]
    /// The named curve (required here: RFC 5915 says it SHOULD be present; Go and OpenSSL always write it).
    public let curve: ASN1ObjectIdentifier?
    /// The uncompressed public point, if present.
    public let publicKey: [UInt8]?

    public init(privateKey: [UInt8], curve: ASN1ObjectIdentifier?, publicKey: [UInt8]?) {
        self.privateKey = privateKey
        self.curve = curve
        self.publicKey = publicKey
    }

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        (privateKey, curve, publicKey) = try DER.sequence(node) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> ([UInt8], ASN1ObjectIdentifier?, [UInt8]?) in
            guard try Int(derEncoded: try DER.required(&it, "version")) == 1 else {
                throw ASN1Error(.unsupported, "ECPrivateKey version must be 1")
            }
            let key = try ASN1OctetString(derEncoded: try DER.required(&it, "privateKey")).bytes
            let curve = try DER.optionalExplicitlyTagged(&it, tagNumber: 0) {
                (n: ASN1Node) throws(ASN1Error) -> ASN1ObjectIdentifier in try ASN1ObjectIdentifier(derEncoded: n)
            }
            let pub = try DER.optionalExplicitlyTagged(&it, tagNumber: 1) {
                (n: ASN1Node) throws(ASN1Error) -> [UInt8] in
                let bits = try ASN1BitString(derEncoded: n)
                guard bits.paddingBits == 0 else { throw ASN1Error(.invalidBitString, "EC public key has padding bits") }
                return bits.bytes
            }
            return (key, curve, pub)
        }
    }

    public func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(1)
            $0.serialize(ASN1OctetString(privateKey))
            if let curve { $0.serialize(curve, explicitlyTaggedWithTagNumber: 0) }
            if let publicKey { $0.serialize(ASN1BitString(bytes: publicKey), explicitlyTaggedWithTagNumber: 1) }
        }
    }
}

/// `PrivateKeyInfo ::= SEQUENCE { version 0, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING }`.
public struct PKCS8PrivateKey: DERParseable, DERSerializable, Hashable {
    public let algorithm: AlgorithmIdentifier
    /// The inner key encoding (ECPrivateKey or RSAPrivateKey DER).
    public let privateKey: [UInt8]

    public init(algorithm: AlgorithmIdentifier, privateKey: [UInt8]) {
        self.algorithm = algorithm
        self.privateKey = privateKey
    }

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        (algorithm, privateKey) = try DER.sequence(node) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (AlgorithmIdentifier, [UInt8]) in
            guard try Int(derEncoded: try DER.required(&it, "version")) == 0 else {
                throw ASN1Error(.unsupported, "PrivateKeyInfo version must be 0")
            }
            let alg = try AlgorithmIdentifier(derEncoded: try DER.required(&it, "privateKeyAlgorithm"))
            let key = try ASN1OctetString(derEncoded: try DER.required(&it, "privateKey")).bytes
            // attributes [0] IMPLICIT SET OF Attribute OPTIONAL: accepted and dropped.
            _ = DER.optional(&it, identifier: .contextSpecific(0))
            return (alg, key)
        }
    }

    public func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(0)
            $0.serialize(algorithm)
            $0.serialize(ASN1OctetString(privateKey))
        }
    }
}

/// `RSAPrivateKey` (two-prime, version 0) with big-endian magnitudes.
public struct PKCS1RSAPrivateKey: DERParseable, DERSerializable, Hashable {
    public let modulus: [UInt8]
    public let publicExponent: [UInt8]
    public let privateExponent: [UInt8]
    public let prime1: [UInt8]
    public let prime2: [UInt8]
    public let exponent1: [UInt8]
    public let exponent2: [UInt8]
    public let coefficient: [UInt8]

    public init(
        modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8],
        exponent1: [UInt8], exponent2: [UInt8], coefficient: [UInt8]
    ) {
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
    }

    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        let parts = try DER.sequence(node) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> [[UInt8]] in
            guard try Int(derEncoded: try DER.required(&it, "version")) == 0 else {
                throw ASN1Error(.unsupported, "only two-prime RSAPrivateKey (version 0) is supported")
            }
            var out: [[UInt8]] = []
            for what in ["n", "e", "d", "p", "q", "dP", "dQ", "qInv"] {
                let v = try ASN1Integer(derEncoded: try DER.required(&it, what))
                guard !v.isNegative else { throw ASN1Error(.invalidInteger, "RSA \(what) is negative") }
                out.append(v.unsignedBytes)
            }
            return out
        }
        (modulus, publicExponent, privateExponent) = (parts[0], parts[1], parts[2])
        (prime1, prime2, exponent1, exponent2, coefficient) = (parts[3], parts[4], parts[5], parts[6], parts[7])
    }

    public func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(0)
            for v in [modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient] {
                $0.serialize(ASN1Integer(unsignedBytes: v))
            }
        }
    }

    /// `RSAPublicKey ::= SEQUENCE { modulus, publicExponent }` of this key.
    public var publicKeyDER: [UInt8] {
        PKCS1RSAPublicKey(modulus: modulus, publicExponent: publicExponent).derBytes()
    }
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 App. A.1.1), the
/// `RSA PUBLIC KEY` PEM body and the BIT STRING content of an `rsaEncryption` SubjectPublicKeyInfo.
/// Both values are big-endian magnitudes without leading zeros.
public struct PKCS1RSAPublicKey: DERParseable, DERSerializable, Hashable {
    public let modulus: [UInt8]
    public let publicExponent: [UInt8]

    /// Leading zero bytes are stripped.
    public init(modulus: some Collection<UInt8>, publicExponent: some Collection<UInt8>) {
        self.modulus = ASN1Integer(unsignedBytes: modulus).unsignedBytes
        self.publicExponent = ASN1Integer(unsignedBytes: publicExponent).unsignedBytes
    }

    /// Decodes; both integers must be positive (RFC 8017 §3.1).
    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        (modulus, publicExponent) = try DER.sequence(node) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> ([UInt8], [UInt8]) in
            let n = try ASN1Integer(derEncoded: try DER.required(&it, "modulus"))
            let e = try ASN1Integer(derEncoded: try DER.required(&it, "publicExponent"))
            guard !n.isNegative, !n.isZero, !e.isNegative, !e.isZero else {
                throw ASN1Error(.invalidValue, "RSA modulus and exponent must be positive")
            }
            return (n.unsignedBytes, e.unsignedBytes)
        }
    }

    public func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(ASN1Integer(unsignedBytes: modulus))
            $0.serialize(ASN1Integer(unsignedBytes: publicExponent))
        }
    }
}
