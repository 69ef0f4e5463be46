// SPDX-License-Identifier: Apache-2.0
// Evidence of any supported kind, detected from its bytes: raw SNP report, Azure HCL-wrapped SNP report, TDX quote,
// or the aTLS attestation documents sevsnp.Attestation / tdx.QuoteV4 (upstream.md §7.4, §8.1, §8.5).

/// A piece of attestation evidence.
public enum Evidence: Hashable, Sendable {
    case snpReport(SNPReport)
    case snpDocument(SNPAttestationDocument)
    case tdxQuote(TDXQuote)
    case tdxDocument(TDXQuote)

    /// Azure's HCL report header magic `HCLA`; the SNP report follows at offset 0x20.
    static let hclMagic: [UInt8] = Array("HCLA".utf8)

    /// A short name of the kind (`SEV-SNP report`).
    public var kind: String {
        switch self {
        case .snpReport: return "SEV-SNP report"
        case .snpDocument: return "SEV-SNP attestation document (sevsnp.Attestation)"
        case .tdxQuote(let q): return "TDX quote v\(q.header.version)"
        case .tdxDocument: return "TDX attestation document (tdx.QuoteV4)"
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
        }
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
