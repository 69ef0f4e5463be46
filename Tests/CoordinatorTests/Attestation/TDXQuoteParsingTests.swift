// SPDX-License-Identifier: Apache-2.0
// TDX quote v4/v5 parsing and serialisation on every real sample, plus rejection rules (upstream.md §8.5).

import ContrastCoordinator
import Testing
import TestSupport

@Suite("TDX quote parsing")
struct TDXQuoteParsingTests {
    @Test("every real quote parses with the fields manifest.json states and serialises to the same bytes",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realQuotesParse() throws {
        let samples = try AttestationSamples.tdx()
        #expect(samples.count == AttestationSamples.tdxQuoteCount)
        for s in samples {
            let bytes = try AttestationSamples.readTDX(s.quote)
            #expect(bytes.count == s.fileSize, "\(s.label)")
            let q = try TDXQuote(bytes: bytes)
            let out = q.serialized()
            #expect(out.count == s.quoteLength, "\(s.label): quote length")
            #expect(out == Array(bytes.prefix(s.quoteLength)), "\(s.label): round trip")
            #expect(q.extraBytes.count == s.fileSize - s.quoteLength, "\(s.label): trailing bytes")
            #expect(q.header.version == s.version, "\(s.label)")
            #expect(hex(q.header.qeVendorID) == s.qeVendorID, "\(s.label)")
            #expect(hex(q.body.teeTCBSVN) == s.teeTCBSVN, "\(s.label)")
            #expect(hex(q.body.mrTD) == s.mrTD, "\(s.label)")
            #expect(hex(q.body.reportData) == s.reportData, "\(s.label)")
            #expect(q.pckCertificationDataType == 5, "\(s.label)")
            let pem = String(decoding: q.pckCertificationData, as: UTF8.self)
            #expect(pem.split(separator: "\n").filter { $0 == "-----BEGIN CERTIFICATE-----" }.count == 3, "\(s.label): three PEM certificates")
            #expect((q.bodyType != nil) == (s.version == 5), "\(s.label)")
        }
    }

    private func sample() throws -> [UInt8] { try AttestationSamples.readTDX("trustee/tdx_quote_4.dat") }

    private func expectRejected(_ bytes: [UInt8], _ code: AttestationError.Code, _ comment: Comment) {
        #expect(throws: AttestationError(code, ""), comment) { try TDXQuote(bytes: bytes) }
    }

    @Test("header fields outside the supported set are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func header() throws {
        let b = try sample()
        var m = b
        m[0] = 3
        expectRejected(m, .unsupportedVersion, "version 3")
        m = b
        m[2] = 3
        expectRejected(m, .unknownAlgorithm, "attestation key type 3 (P-384)")
        m = b
        m[4] = 0
        expectRejected(m, .invalidField, "tee type SGX")
    }

    @Test("every truncation is rejected without trapping", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func truncations() throws {
        let b = try sample()
        for n in 0..<b.count {
            #expect(throws: AttestationError.self, "prefix \(n)") { try TDXQuote(bytes: Array(b.prefix(n))) }
        }
    }

    @Test("inconsistent length fields are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func lengths() throws {
        let b = try sample()
        let signedDataSizeOffset = 48 + 584
        var m = b
        m[signedDataSizeOffset] &+= 1
        expectRejected(m, .truncated, "signed data size + 1")
        let certSizeOffset = signedDataSizeOffset + 4 + 128 + 2
        m = b
        m[certSizeOffset] &+= 1
        expectRejected(m, .invalidLength, "certification data size + 1")
        m = b
        m[certSizeOffset - 2] = 5
        expectRejected(m, .invalidField, "certification data type 5 at the outer level")
    }

    @Test("version 5 body types other than 2 and 3 are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func v5BodyType() throws {
        var b = try AttestationSamples.readTDX("trustee/tdx_quote_5.dat")
        #expect(b[48] == 3)
        b[48] = 1
        expectRejected(b, .invalidField, "SGX body in a TDX quote")
        b[48] = 2
        expectRejected(b, .invalidLength, "TDX 1.0 body type with a 648-byte size")
    }
}
