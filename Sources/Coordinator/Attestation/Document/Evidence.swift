// SPDX-License-Identifier: Apache-2.0
// Evidence of any supported kind, detected from its bytes: raw SNP report, Azure HCL-wrapped SNP report, TDX quote,
// the aTLS attestation documents sevsnp.Attestation / tdx.QuoteV4, or an aTLS certificate carrying one
// (upstream.md §7.2, §7.4, §8.1, §8.5).

import ContrastASN1

/// A piece of attestation evidence.
public enum Evidence: Hashable, Sendable {
    case snpReport(SNPReport)
    case snpDocument(SNPAttestationDocument)
    case tdxQuote(TDXQuote)
    case tdxDocument(TDXQuote)
    /// An aTLS certificate (PEM or DER) whose extension 1.3.9901.2.1 / 1.3.9901.2.2 carries a document.
    indirect case atlsCertificate(ATLSCertificateInfo, Evidence)

    /// Azure's HCL report header magic `HCLA`; the SNP report follows at offset 0x20.
    static let hclMagic: [UInt8] = Array("HCLA".utf8)

    /// A short name of the kind (`SEV-SNP report`).
    public var kind: String {
        switch self {
        case .snpReport: return "SEV-SNP report"
        case .snpDocument: return "SEV-SNP attestation document (sevsnp.Attestation)"
        case .tdxQuote(let q): return "TDX quote v\(q.header.version)"
        case .tdxDocument: return "TDX attestation document (tdx.QuoteV4)"
        case .atlsCertificate(_, let inner): return "aTLS certificate carrying a \(inner.kind)"
        }
    }

    /// Recognises the format by structure, most specific first. Every candidate parser is tried; the error of the
    /// most plausible one is reported when none accepts the bytes.
    public static func detect(_ bytes: [UInt8]) throws(AttestationError) -> Evidence {
        if bytes.count == SNPReport.size { return .snpReport(try SNPReport(bytes: bytes)) }
        if bytes.count >= 0x20 + SNPReport.size, Array(bytes.prefix(4)) == hclMagic {
            return .snpReport(try SNPReport(bytes: Array(bytes[0x20..<(0x20 + SNPReport.size)])))
        }
        if bytes.count >= 8, bytes[0] == 4 || bytes[0] == 5, bytes[1] == 0, bytes[4] == 0x81 {
            return .tdxQuote(try TDXQuote(bytes: bytes))
        }
        if bytes.first == 0x30 || String(decoding: bytes.prefix(4096), as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") {
            return try fromCertificate(bytes)
        }
        var firstError: AttestationError?
        do {
            return .snpDocument(try SNPAttestationDocument(protobuf: bytes))
        } catch {
            firstError = error
        }
        do {
            return .tdxDocument(try TDXQuoteDocument.quote(protobuf: bytes))
        } catch {
            // A TDX document starts with field 1 (header) whose first field is version 4: 0a xx 08 04.
            if bytes.count > 3, bytes[0] == 0x0A, bytes[2] == 0x08 { throw error }
        }
        throw AttestationError(
            .malformed,
            "not a SEV-SNP report (1184 bytes), TDX quote, sevsnp.Attestation or tdx.QuoteV4: \(firstError?.reason ?? "unrecognised")")
    }

    /// Every field, in wire order, for `contrast report inspect`.
    public var fields: [EvidenceField] {
        switch self {
        case .snpReport(let r): return r.fields
        case .snpDocument(let d): return d.fields
        case .tdxQuote(let q), .tdxDocument(let q): return q.fields
        case .atlsCertificate(let info, let inner):
            return [EvidenceField("certificate", .group(info.fields)), EvidenceField("evidence", .group(inner.fields))]
        }
    }

    /// The evidence in an aTLS certificate's attestation extension (upstream.md §7.2: exactly one of the two OIDs).
    static func fromCertificate(_ bytes: [UInt8]) throws(AttestationError) -> Evidence {
        let certificates: [Certificate]
        do { certificates = try Certificate.parseAll(bytes) } catch {
            throw AttestationError(.malformed, "not an X.509 certificate: \(error)")
        }
        guard let certificate = certificates.first else { throw AttestationError(.malformed, "no CERTIFICATE block in the PEM text") }
        let found: AttestationExtensions?
        do { found = try AttestationExtensions(certificate.extensions) } catch {
            throw AttestationError(.malformed, "the certificate's attestation extensions are malformed: \(error)")
        }
        let info = ATLSCertificateInfo(certificate)
        if let doc = found?.snpDocument {
            do { return .atlsCertificate(info.with(oid: SNPAttestationDocument.extensionOID), .snpDocument(try SNPAttestationDocument(protobuf: doc))) } catch {
                throw AttestationError(error.code, "extension \(SNPAttestationDocument.extensionOID) (sevsnp.Attestation): \(error.reason)")
            }
        }
        if let doc = found?.tdxDocument {
            do { return .atlsCertificate(info.with(oid: TDXQuoteDocument.extensionOID), .tdxDocument(try TDXQuoteDocument.quote(protobuf: doc))) } catch {
                throw AttestationError(error.code, "extension \(TDXQuoteDocument.extensionOID) (tdx.QuoteV4): \(error.reason)")
            }
        }
        throw AttestationError(
            .malformed,
            "the certificate (subject \(certificate.subject)) carries no attestation document: neither extension \(SNPAttestationDocument.extensionOID) (SEV-SNP) nor \(TDXQuoteDocument.extensionOID) (TDX) is present")
    }
}

/// What `contrast report inspect` shows about the certificate around aTLS evidence.
public struct ATLSCertificateInfo: Hashable, Sendable {
    public var subject: String
    public var issuer: String
    public var serialNumber: String
    public var notBefore: String
    public var notAfter: String
    /// SHA-256 of the SubjectPublicKeyInfo: REPORT_DATA is SHA-512(SPKI ‖ nonce) of this key (upstream.md §7.2).
    public var spkiSHA256: [UInt8]
    /// The extension OID the document came from.
    public var extensionOID = ""

    init(_ c: Certificate) {
        subject = "\(c.subject)"
        issuer = "\(c.issuer)"
        serialNumber = "\(c.serialNumber)"
        notBefore = c.notValidBefore.rfc3339
        notAfter = c.notValidAfter.rfc3339
        spkiSHA256 = AttestationKeys.spkiSHA256(c)
    }

    func with(oid: String) -> ATLSCertificateInfo {
        var copy = self
        copy.extensionOID = oid
        return copy
    }

    var fields: [EvidenceField] {
        [
            EvidenceField("subject", .text(subject)), EvidenceField("issuer", .text(issuer)),
            EvidenceField("serial_number", .text(serialNumber)), EvidenceField("not_before", .text(notBefore)),
            EvidenceField("not_after", .text(notAfter)), EvidenceField("spki_sha256", .bytes(spkiSHA256)),
            EvidenceField("extension_oid", .text(extensionOID)),
        ]
    }
}

/// One named field of a piece of evidence.
public struct EvidenceField: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case integer(UInt64)
        case bytes([UInt8])
        case text(String)
        case flag(Bool)
        /// Nested fields (policy bits, TCB components, sub-messages).
        case group([EvidenceField])
    }

    public let name: String
    public let value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}
