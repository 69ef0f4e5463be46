// SPDX-License-Identifier: Apache-2.0
// Basic constraints (RFC 5280 §4.2.1.9), key usage (§4.2.1.3) and extended key usage (§4.2.1.12).

/// Whether the subject is a CA, and its path length limit.
public enum BasicConstraints: CertificateExtension, Hashable, CustomStringConvertible {
    case isCertificateAuthority(maxPathLength: Int?)
    case notCertificateAuthority

    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.basicConstraints }

    /// `SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }`.
    public init(_ e: Extension) throws(ASN1Error) {
        self = try DER.sequence(try e.valueNode()) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> BasicConstraints in
            let ca = try DER.decodeDefault(&it, defaultValue: false)
            let pathLen = try DER.optional(&it, identifier: .integer).map {
                (n: ASN1Node) throws(ASN1Error) -> Int in try Int(derEncoded: n)
            }
            if let pathLen, pathLen < 0 { throw ASN1Error(.invalidValue, "negative pathLenConstraint") }
            guard ca || pathLen == nil else {
                throw ASN1Error(.invalidValue, "pathLenConstraint without cA (RFC 5280 §4.2.1.9)")
            }
            return ca ? .isCertificateAuthority(maxPathLength: pathLen) : .notCertificateAuthority
        }
    }

    public func makeExtension(critical: Bool = true) -> Extension {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) {
            if case .isCertificateAuthority(let len) = self {
                $0.serialize(true)
                if let len { $0.serialize(len) }
            }
        }
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }

    public var description: String {
        switch self {
        case .isCertificateAuthority(let len): return "CA:TRUE" + (len.map { ", pathlen:\($0)" } ?? "")
        case .notCertificateAuthority: return "CA:FALSE"
        }
    }
}

/// The key usage bits (named-bit list).
public struct KeyUsage: CertificateExtension, Hashable, CustomStringConvertible {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.keyUsage }

    /// Bit numbers (0 = digitalSignature … 8 = decipherOnly).
    public let bits: Set<Int>

    public static let digitalSignature = 0
    public static let nonRepudiation = 1
    public static let keyEncipherment = 2
    public static let dataEncipherment = 3
    public static let keyAgreement = 4
    public static let keyCertSign = 5
    public static let cRLSign = 6
    public static let encipherOnly = 7
    public static let decipherOnly = 8

    public init(bits: Set<Int>) { self.bits = bits }

    public init(_ e: Extension) throws(ASN1Error) {
        let bs = try ASN1BitString(derEncoded: try e.valueNode())
        var bits = Set<Int>()
        for i in 0..<(bs.bytes.count * 8) where bs.bit(i) { bits.insert(i) }
        self.bits = bits
    }

    public func makeExtension(critical: Bool = true) -> Extension {
        Extension(oid: Self.oid, critical: critical, encoding: ASN1BitString(namedBits: bits.sorted()))
    }

    public func contains(_ bit: Int) -> Bool { bits.contains(bit) }

    public var description: String {
        let names = [
            "Digital Signature", "Non Repudiation", "Key Encipherment", "Data Encipherment", "Key Agreement",
            "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only",
        ]
        return bits.sorted().map { $0 < names.count ? names[$0] : "bit \($0)" }.joined(separator: ", ")
    }
}

/// Extended key usage purposes.
public struct ExtendedKeyUsage: CertificateExtension, Hashable, CustomStringConvertible {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.extendedKeyUsage }

    public let usages: [ASN1ObjectIdentifier]

    public init(_ usages: [ASN1ObjectIdentifier]) { self.usages = usages }

    /// `SEQUENCE SIZE (1..MAX) OF KeyPurposeId`.
    public init(_ e: Extension) throws(ASN1Error) {
        usages = try DER.sequence(of: ASN1ObjectIdentifier.self, try e.valueNode())
        guard !usages.isEmpty else { throw ASN1Error(.invalidFieldCount, "empty ExtendedKeyUsage") }
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        var coder = DER.Serializer()
        coder.serializeSequenceOf(usages)
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }

    public var description: String {
        usages.map { u -> String in
            switch u {
            case .ExtendedKeyUsage.serverAuth: return "TLS Web Server Authentication"
            case .ExtendedKeyUsage.clientAuth: return "TLS Web Client Authentication"
            case .ExtendedKeyUsage.codeSigning: return "Code Signing"
            case .ExtendedKeyUsage.emailProtection: return "E-mail Protection"
            case .ExtendedKeyUsage.timeStamping: return "Time Stamping"
            case .ExtendedKeyUsage.ocspSigning: return "OCSP Signing"
            case .ExtendedKeyUsage.any: return "Any Extended Key Usage"
            default: return u.description
            }
        }.joined(separator: ", ")
    }
}

/// Subject key identifier (RFC 5280 §4.2.1.2).
public struct SubjectKeyIdentifier: CertificateExtension, Hashable {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.subjectKeyIdentifier }
    public let keyIdentifier: [UInt8]

    public init(keyIdentifier: [UInt8]) { self.keyIdentifier = keyIdentifier }

    public init(_ e: Extension) throws(ASN1Error) {
        keyIdentifier = try ASN1OctetString(derEncoded: try e.valueNode()).bytes
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        Extension(oid: Self.oid, critical: critical, encoding: ASN1OctetString(keyIdentifier))
    }
}

/// Authority key identifier (RFC 5280 §4.2.1.1).
public struct AuthorityKeyIdentifier: CertificateExtension, Hashable {
    public static var oid: ASN1ObjectIdentifier { .X509ExtensionID.authorityKeyIdentifier }
    public let keyIdentifier: [UInt8]?
    public let authorityCertIssuer: [GeneralName]?
    public let authorityCertSerialNumber: ASN1Integer?

    public init(keyIdentifier: [UInt8]) {
        self.keyIdentifier = keyIdentifier
        authorityCertIssuer = nil
        authorityCertSerialNumber = nil
    }

    public init(_ e: Extension) throws(ASN1Error) {
        (keyIdentifier, authorityCertIssuer, authorityCertSerialNumber) = try DER.sequence(try e.valueNode()) {
            (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> ([UInt8]?, [GeneralName]?, ASN1Integer?) in
            let kid = try DER.optionalImplicitlyTagged(&it, tag: .contextSpecific(0), as: ASN1OctetString.self)
            let issuer = try DER.optional(&it, identifier: .contextSpecific(1)).map {
                (n: ASN1Node) throws(ASN1Error) -> [GeneralName] in
                try DER.sequence(of: GeneralName.self, identifier: .contextSpecific(1), n)
            }
            let serial = try DER.optionalImplicitlyTagged(&it, tag: .contextSpecific(2), as: ASN1Integer.self)
            return (kid?.bytes, issuer, serial)
        }
    }

    public func makeExtension(critical: Bool = false) -> Extension {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) {
            if let keyIdentifier {
                ASN1OctetString(keyIdentifier).serialize(into: &$0, withIdentifier: .contextSpecific(0))
            }
            if let authorityCertIssuer { $0.serializeSequenceOf(authorityCertIssuer, identifier: .contextSpecific(1)) }
            if let authorityCertSerialNumber {
                authorityCertSerialNumber.serialize(into: &$0, withIdentifier: .contextSpecific(2))
            }
        }
        return Extension(oid: Self.oid, critical: critical, value: coder.serializedBytes)
    }
}
