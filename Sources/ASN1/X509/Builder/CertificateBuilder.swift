// SPDX-License-Identifier: Apache-2.0
// Certificate builder (RFC 5280 §4.1): v3 TBSCertificate from fields, signed by a CertificateSigner.

import ContrastCrypto

/// Something that can sign a TBSCertificate: a private key plus its algorithm.
public protocol CertificateSigner: Sendable {
    /// The signer's public key, as it appears in certificates it self-signs.
    var publicKeyInfo: SubjectPublicKeyInfo { get }
    /// The signature algorithm written into certificates.
    var signatureAlgorithm: SignatureAlgorithm { get }
    /// Signs `message`, returning the signatureValue bytes (DER ECDSA-Sig-Value for ECDSA).
    func certificateSignature(for message: [UInt8]) throws(X509Error) -> [UInt8]
}

/// The fields of a certificate to be signed. Extensions are written in the order given.
public struct CertificateBuilder: Sendable {
    public var serialNumber: ASN1Integer
    public var issuer: DistinguishedName
    public var subject: DistinguishedName
    public var notValidBefore: ASN1Time
    public var notValidAfter: ASN1Time
    public var publicKeyInfo: SubjectPublicKeyInfo
    public var extensions: [Extension]

    public init(
        serialNumber: ASN1Integer, issuer: DistinguishedName, subject: DistinguishedName, notValidBefore: ASN1Time,
        notValidAfter: ASN1Time, publicKeyInfo: SubjectPublicKeyInfo, extensions: [Extension] = []
    ) {
        self.serialNumber = serialNumber
        self.issuer = issuer
        self.subject = subject
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.publicKeyInfo = publicKeyInfo
        self.extensions = extensions
    }

    /// Encodes the TBSCertificate, signs it, and parses the result back.
    /// - Throws: `X509Error` when extensions repeat, the serial is negative, or signing fails.
    public func sign(with signer: some CertificateSigner) throws(X509Error) -> Certificate {
        guard !serialNumber.isNegative else { throw X509Error(.invalidInput, "serial number must not be negative") }
        let exts: Extensions
        do { exts = try Extensions(extensions) } catch { throw X509Error(.invalidInput, error.reason) }
        let algorithm = signer.signatureAlgorithm.algorithmIdentifier
        let tbs = TBSCertificate(
            version: .v3, serialNumber: serialNumber, signature: algorithm, issuer: issuer, notBefore: notValidBefore,
            notAfter: notValidAfter, subject: subject, publicKeyInfo: publicKeyInfo, issuerUniqueID: nil,
            subjectUniqueID: nil, extensions: exts)
        var tbsCoder = DER.Serializer()
        tbs.serialize(into: &tbsCoder)
        let tbsBytes = tbsCoder.serializedBytes
        let signature = try signer.certificateSignature(for: tbsBytes)
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serializeRawBytes(tbsBytes)
            $0.serialize(algorithm)
            $0.serialize(ASN1BitString(bytes: signature))
        }
        do { return try Certificate(derEncoded: coder.serializedBytes) } catch {
            throw X509Error(.encodingFailed, "built certificate does not parse: \(error)")
        }
    }

    /// A uniformly random serial in [0, 2^128) (upstream.md §5.3).
    /// - Throws: `X509Error.signingFailed` when the random source fails.
    public static func randomSerial(using random: inout some RandomSource) throws(X509Error) -> ASN1Integer {
        do { return ASN1Integer(unsignedBytes: try random.bytes(count: 16)) } catch {
            throw X509Error(.signingFailed, "random source failed")
        }
    }

    /// RFC 7093 §2 method 1: the leftmost 160 bits of SHA-256 over the subjectPublicKey bits (what Go ≥ 1.25
    /// writes when a CA template has no SubjectKeyId).
    public static func keyIdentifier(for spki: SubjectPublicKeyInfo) -> [UInt8] {
        Array(Array(SHA256.hash(data: spki.key.bytes)).prefix(20))
    }
}

extension DistinguishedName {
    /// `CN=<name>` encoded as Go's crypto/x509 does: PrintableString when every character allows it, else UTF8String.
    public static func goStyle(commonName: String) throws(ASN1Error) -> DistinguishedName {
        let kind: ASN1String.Kind = (try? ASN1String(commonName, kind: .printable)) != nil ? .printable : .utf8
        let value = ASN1Any(try ASN1String(commonName, kind: kind))
        return DistinguishedName([RelativeDistinguishedName([AttributeTypeAndValue(type: .NameAttribute.commonName, value: value)])])
    }
}

extension ASN1Time {
    /// This time moved by whole calendar years (Go's `AddDate(years, 0, 0)`; Feb 29 rolls to Mar 1).
    public func addingYears(_ years: Int) -> ASN1Time {
        let c = ASN1Time.civil(secondsSinceEpoch)
        let leap = { (y: Int) in (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        var (month, day) = (c.month, c.day)
        if month == 2 && day == 29 && !leap(c.year + years) { (month, day) = (3, 1) }
        return ASN1Time(year: c.year + years, month: month, day: day, hour: c.hour, minute: c.minute, second: c.second)
    }

    /// This time moved by `seconds`.
    public func adding(seconds: Int64) -> ASN1Time { ASN1Time(secondsSinceEpoch: secondsSinceEpoch + seconds) }
}
