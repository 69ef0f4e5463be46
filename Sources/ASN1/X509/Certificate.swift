// SPDX-License-Identifier: Apache-2.0
// X.509 v1–v3 certificate (RFC 5280 §4.1): immutable, keeps the exact TBSCertificate bytes for verification.

/// A parsed certificate. Signatures are always checked over `tbsCertificateBytes` as received, never over a
/// re-encoding.
public struct Certificate: Hashable, Sendable, CustomStringConvertible {
    /// `Version ::= INTEGER { v1(0), v2(1), v3(2) }`.
    public enum Version: Int, Sendable {
        case v1 = 0
        case v2 = 1
        case v3 = 2
    }

    /// The whole certificate as received.
    public let derBytes: [UInt8]
    /// The TBSCertificate TLV as received: the signed bytes.
    public let tbsCertificateBytes: [UInt8]
    public let version: Version
    /// Serial number; never negative (RFC 5280 §4.1.2.2). Zero is accepted: AMD VCEKs use it.
    public let serialNumber: ASN1Integer
    /// The signature algorithm inside TBSCertificate (must equal the outer one).
    public let signatureAlgorithmIdentifier: AlgorithmIdentifier
    public let issuer: DistinguishedName
    public let notValidBefore: ASN1Time
    public let notValidAfter: ASN1Time
    public let subject: DistinguishedName
    public let publicKeyInfo: SubjectPublicKeyInfo
    public let issuerUniqueID: ASN1BitString?
    public let subjectUniqueID: ASN1BitString?
    public let extensions: Extensions
    /// The signature value bytes.
    public let signature: [UInt8]

    /// The decoded signature algorithm.
    public var signatureAlgorithm: SignatureAlgorithm { SignatureAlgorithm(signatureAlgorithmIdentifier) }

    /// Parses a DER certificate.
    /// - Throws: `ASN1Error`: DER violations, `.invalidValue` (version, negative serial, algorithm mismatch,
    ///   signature padding, fields not allowed in the version), `.duplicateExtension`.
    public init(derEncoded bytes: [UInt8]) throws(ASN1Error) {
        let root = try DER.parse(bytes)
        derBytes = bytes
        var tbsNode: ASN1Node? = nil
        var outerAlgorithm: AlgorithmIdentifier? = nil
        var signatureBits: ASN1BitString? = nil
        // RFC 5280 §4.1.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
        try DER.sequence(root) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
            tbsNode = try DER.required(&it, "tbsCertificate")
            outerAlgorithm = try AlgorithmIdentifier(derEncoded: try DER.required(&it, "signatureAlgorithm"))
            signatureBits = try ASN1BitString(derEncoded: try DER.required(&it, "signatureValue"))
        }
        guard let tbsNode, let outerAlgorithm, let signatureBits else {
            throw ASN1Error(.invalidFieldCount, "certificate is incomplete")
        }
        guard signatureBits.paddingBits == 0 else {
            throw ASN1Error(.invalidValue, "signature BIT STRING must be whole bytes")
        }
        tbsCertificateBytes = Array(tbsNode.encodedBytes)
        signature = signatureBits.bytes
        let tbs = try TBSCertificate(derEncoded: tbsNode)
        // RFC 5280 §4.1.1.2: signatureAlgorithm MUST equal TBSCertificate.signature.
        guard tbs.signature == outerAlgorithm else {
            throw ASN1Error(.invalidValue, "outer signature algorithm differs from the TBSCertificate's")
        }
        version = tbs.version
        serialNumber = tbs.serialNumber
        signatureAlgorithmIdentifier = tbs.signature
        issuer = tbs.issuer
        notValidBefore = tbs.notBefore
        notValidAfter = tbs.notAfter
        subject = tbs.subject
        publicKeyInfo = tbs.publicKeyInfo
        issuerUniqueID = tbs.issuerUniqueID
        subjectUniqueID = tbs.subjectUniqueID
        extensions = tbs.extensions
    }

    /// Parses a PEM `CERTIFICATE` block.
    public init(pemEncoded text: String) throws(ASN1Error) {
        let doc = try PEMDocument(pemString: text)
        guard doc.type == "CERTIFICATE" else { throw ASN1Error(.invalidPEM, "expected CERTIFICATE, found \(doc.type)") }
        try self.init(derEncoded: doc.derBytes)
    }

    /// Every `CERTIFICATE` block of a PEM text, or a single DER certificate.
    public static func parseAll(_ bytes: [UInt8]) throws(ASN1Error) -> [Certificate] {
        if bytes.first == 0x30 { return [try Certificate(derEncoded: bytes)] }
        var out: [Certificate] = []
        for doc in try PEMDocument.parseMultiple(String(decoding: bytes, as: UTF8.self)) where doc.type == "CERTIFICATE" {
            out.append(try Certificate(derEncoded: doc.derBytes))
        }
        return out
    }

    /// The PEM form.
    public var pemEncoded: String { PEMDocument(type: "CERTIFICATE", derBytes: derBytes).pemString }

    /// True when issuer and subject names are identical.
    public var isSelfIssued: Bool { issuer == subject }

    public var description: String { "Certificate(subject: \(subject), issuer: \(issuer), serial: \(serialNumber))" }

    public static func == (a: Certificate, b: Certificate) -> Bool { a.derBytes == b.derBytes }
    public func hash(into h: inout Hasher) { h.combine(derBytes) }
}

/// The wire TBSCertificate (RFC 5280 §4.1.2).
struct TBSCertificate {
    var version: Certificate.Version
    var serialNumber: ASN1Integer
    var signature: AlgorithmIdentifier
    var issuer: DistinguishedName
    var notBefore: ASN1Time
    var notAfter: ASN1Time
    var subject: DistinguishedName
    var publicKeyInfo: SubjectPublicKeyInfo
    var issuerUniqueID: ASN1BitString?
    var subjectUniqueID: ASN1BitString?
    var extensions: Extensions

    init(
        version: Certificate.Version, serialNumber: ASN1Integer, signature: AlgorithmIdentifier,
        issuer: DistinguishedName, notBefore: ASN1Time, notAfter: ASN1Time, subject: DistinguishedName,
        publicKeyInfo: SubjectPublicKeyInfo, issuerUniqueID: ASN1BitString?, subjectUniqueID: ASN1BitString?,
        extensions: Extensions
    ) {
        self.version = version
        self.serialNumber = serialNumber
        self.signature = signature
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subject = subject
        self.publicKeyInfo = publicKeyInfo
        self.issuerUniqueID = issuerUniqueID
        self.subjectUniqueID = subjectUniqueID
        self.extensions = extensions
    }

    init(derEncoded node: ASN1Node) throws(ASN1Error) {
        self = try DER.sequence(node) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> TBSCertificate in
            // version [0] EXPLICIT Version DEFAULT v1
            let raw = try DER.decodeDefaultExplicitlyTagged(&it, tagNumber: 0, defaultValue: 0)
            guard let version = Certificate.Version(rawValue: raw) else {
                throw ASN1Error(.invalidValue, "unknown certificate version \(raw)")
            }
            let serial = try ASN1Integer(derEncoded: try DER.required(&it, "serialNumber"))
            guard !serial.isNegative else { throw ASN1Error(.invalidValue, "serial number is negative (RFC 5280 §4.1.2.2)") }
            guard serial.bytes.count <= 21 else {
                throw ASN1Error(.invalidValue, "serial number exceeds 20 octets (RFC 5280 §4.1.2.2)")
            }
            let signature = try AlgorithmIdentifier(derEncoded: try DER.required(&it, "signature"))
            let issuer = try DistinguishedName(derEncoded: try DER.required(&it, "issuer"))
            let (notBefore, notAfter) = try DER.sequence(try DER.required(&it, "validity")) {
                (v: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (ASN1Time, ASN1Time) in
                (try ASN1Time(derEncoded: try DER.required(&v, "notBefore")),
                 try ASN1Time(derEncoded: try DER.required(&v, "notAfter")))
            }
            let subject = try DistinguishedName(derEncoded: try DER.required(&it, "subject"))
            let spki = try SubjectPublicKeyInfo(derEncoded: try DER.required(&it, "subjectPublicKeyInfo"))
            let issuerUID = try DER.optionalImplicitlyTagged(&it, tag: .contextSpecific(1), as: ASN1BitString.self)
            let subjectUID = try DER.optionalImplicitlyTagged(&it, tag: .contextSpecific(2), as: ASN1BitString.self)
            let extensions = try DER.optionalExplicitlyTagged(&it, tagNumber: 3) {
                (n: ASN1Node) throws(ASN1Error) -> Extensions in try Extensions(derEncoded: n)
            }
            // RFC 5280 §4.1.2.8–9: unique IDs need v2 or v3, extensions need v3.
            if (issuerUID != nil || subjectUID != nil) && version == .v1 {
                throw ASN1Error(.invalidValue, "unique identifiers in a v1 certificate")
            }
            if extensions != nil && version != .v3 {
                throw ASN1Error(.invalidValue, "extensions in a \(version) certificate")
            }
            let exts: Extensions
            if let extensions { exts = extensions } else { exts = try Extensions([]) }
            return TBSCertificate(
                version: version, serialNumber: serial, signature: signature, issuer: issuer, notBefore: notBefore,
                notAfter: notAfter, subject: subject, publicKeyInfo: spki, issuerUniqueID: issuerUID,
                subjectUniqueID: subjectUID, extensions: exts)
        }
    }

    func serialize(into coder: inout DER.Serializer) {
        coder.appendConstructedNode(identifier: .sequence) {
            if version != .v1 { $0.serialize(version.rawValue, explicitlyTaggedWithTagNumber: 0) }
            $0.serialize(serialNumber)
            $0.serialize(signature)
            $0.serialize(issuer)
            $0.appendConstructedNode(identifier: .sequence) {
                $0.serialize(notBefore)
                $0.serialize(notAfter)
            }
            $0.serialize(subject)
            $0.serialize(publicKeyInfo)
            if let issuerUniqueID { issuerUniqueID.serialize(into: &$0, withIdentifier: .contextSpecific(1)) }
            if let subjectUniqueID { subjectUniqueID.serialize(into: &$0, withIdentifier: .contextSpecific(2)) }
            if !extensions.isEmpty { $0.serialize(extensions, explicitlyTaggedWithTagNumber: 3) }
        }
    }
}

extension Certificate {
    /// Re-encodes from the parsed fields (for round-trip checks; verification never uses this).
    public func reencoded() -> [UInt8] {
        let tbs = TBSCertificate(
            version: version, serialNumber: serialNumber, signature: signatureAlgorithmIdentifier, issuer: issuer,
            notBefore: notValidBefore, notAfter: notValidAfter, subject: subject, publicKeyInfo: publicKeyInfo,
            issuerUniqueID: issuerUniqueID, subjectUniqueID: subjectUniqueID, extensions: extensions)
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) {
            tbs.serialize(into: &$0)
            $0.serialize(signatureAlgorithmIdentifier)
            $0.serialize(ASN1BitString(bytes: signature))
        }
        return coder.serializedBytes
    }
}
