// SPDX-License-Identifier: Apache-2.0
// Protobuf attestation documents: sevsnp.Attestation and tdx.QuoteV4 round trips and rejections (upstream.md §7.4–§7.5).

import ContrastCoordinator
import Testing
import TestSupport

@Suite("Attestation documents")
struct AttestationDocumentTests {
    @Test("every real SNP report survives sevsnp.Attestation encoding byte for byte",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func snpDocuments() throws {
        for s in try AttestationSamples.snp() {
            let bytes = try AttestationSamples.readSNP(s.report)
            let report = try SNPReport(bytes: bytes)
            var chain = SNPAttestationDocument.CertificateChain()
            chain.vcek = [1, 2, 3]
            chain.ask = [4]
            chain.extras[SNPAttestationDocument.crlExtrasKey] = [9, 9]
            let doc = SNPAttestationDocument(
                report: report, certificateChain: chain,
                product: .init(name: SNPProduct(name: s.product)?.protobufName ?? 0, machineStepping: 0))
            let encoded = doc.protobuf()
            let back = try SNPAttestationDocument(protobuf: encoded)
            #expect(back == doc, "\(s.label)")
            #expect(back.report.serialized() == bytes, "\(s.label)")
            #expect(back.certificateChain?.crl == [9, 9], "\(s.label)")
            #expect(back.productLine == SNPProduct(name: s.product), "\(s.label)")
            #expect(back.protobuf() == encoded, "\(s.label): canonical re-encoding")
        }
    }

    @Test("a hand-encoded sevsnp.Attestation with unknown fields decodes")
    func snpUnknownFields() throws {
        var r = SNPReport()
        r.version = 2
        let doc = SNPAttestationDocument(report: r)
        // Unknown field 15 (varint), 16 (fixed64), 17 (fixed32), 18 (bytes) before and after the report.
        let unknown: [UInt8] = [0x78, 0x05, 0x81, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x8D, 0x01, 1, 2, 3, 4, 0x92, 0x01, 0x01, 0xFF]
        let bytes = unknown + doc.protobuf() + unknown
        #expect(try SNPAttestationDocument(protobuf: bytes) == doc)
    }

    @Test("a sevsnp.Attestation without a report or with wrong field sizes is rejected")
    func snpRejects() throws {
        #expect(throws: AttestationError(.malformed, "")) { try SNPAttestationDocument(protobuf: []) }
        // Field 1 (report) holding field 12 (measurement) with 3 bytes.
        let short: [UInt8] = [0x0A, 0x05, 0x62, 0x03, 1, 2, 3]
        #expect(throws: AttestationError(.invalidLength, "")) { try SNPAttestationDocument(protobuf: short) }
        // Wire type mismatch: report as a varint.
        #expect(throws: AttestationError(.malformed, "")) { try SNPAttestationDocument(protobuf: [0x08, 0x01]) }
        // Group wire type.
        #expect(throws: AttestationError(.malformed, "")) { try SNPAttestationDocument(protobuf: [0x0B]) }
        // Overlong varint.
        #expect(throws: AttestationError(.malformed, "")) {
            try SNPAttestationDocument(protobuf: [0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01])
        }
    }

    @Test("the report inside a document gets the binary checks (reserved policy bit)")
    func snpDocumentReportChecked() throws {
        var r = SNPReport()
        r.policy = .init(rawValue: 0)  // bit 17 missing
        let bytes = SNPAttestationDocument(report: r).protobuf()
        #expect(throws: AttestationError(.reservedValue, "")) { try SNPAttestationDocument(protobuf: bytes) }
    }

    @Test("every real v4 TDX quote survives tdx.QuoteV4 encoding byte for byte",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tdxDocuments() throws {
        var v4 = 0
        for s in try AttestationSamples.tdx() {
            let bytes = try AttestationSamples.readTDX(s.quote)
            let q = try TDXQuote(bytes: bytes)
            guard q.header.version == 4 else {
                #expect(throws: AttestationError(.unsupportedVersion, ""), "\(s.label)") { try TDXQuoteDocument.protobuf(q) }
                continue
            }
            v4 += 1
            let encoded = try TDXQuoteDocument.protobuf(q)
            let back = try TDXQuoteDocument.quote(protobuf: encoded)
            #expect(back == q, "\(s.label)")
            #expect(back.serialized() == Array(bytes.prefix(s.quoteLength)), "\(s.label)")
            #expect(try TDXQuoteDocument.protobuf(back) == encoded, "\(s.label)")
        }
        #expect(v4 == 5)
    }

    @Test("tdx.QuoteV4 with missing parts or wrong sizes is rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tdxRejects() throws {
        #expect(throws: AttestationError(.malformed, "")) { try TDXQuoteDocument.quote(protobuf: []) }
        let q = try TDXQuote(bytes: AttestationSamples.readTDX("trustee/tdx_quote_4.dat"))
        var bad = q
        bad.body.rtmrs.removeLast()
        // Encoding writes only three RTMRs; decoding must notice.
        let encoded = try TDXQuoteDocument.protobuf(bad)
        #expect(throws: AttestationError(.invalidField, "")) { try TDXQuoteDocument.quote(protobuf: encoded) }
    }
}
