// SPDX-License-Identifier: Apache-2.0
// TDX quote verification on every real quote: PCK chain to the pinned Intel root, QE report signature and binding,
// quote signature; tampering anywhere in the signed data, signatures or certificates is detected (upstream.md §8.5).

import ContrastASN1
import ContrastCoordinator
import Testing
import TestSupport

@Suite("TDX quote verification")
struct TDXVerificationTests {
    /// Inside every sample's PCK validity period.
    static let pinnedTime = ASN1Time(year: 2026, month: 6, day: 1)

    @Test("every real quote verifies with the results manifest.json states", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realQuotesVerify() throws {
        let samples = try AttestationSamples.tdx()
        #expect(samples.count == AttestationSamples.tdxQuoteCount)
        for s in samples {
            let q = try TDXQuote(bytes: AttestationSamples.readTDX(s.quote))
            let result = TDXQuoteVerifier().verify(q, at: Self.pinnedTime)
            guard case .verified(_, let pck) = result else {
                Issue.record("\(s.label): \(result)")
                continue
            }
            #expect(pck.fmspc.map(hex) == s.fmspc, "\(s.label): FMSPC")
        }
    }

    @Test("outside the PCK validity period the quote is rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func expired() throws {
        let q = try TDXQuote(bytes: AttestationSamples.readTDX("go-tdx-guest/tdx_prod_quote_SPR_E4.dat"))
        guard case .failed(let reasons) = TDXQuoteVerifier().verify(q, at: ASN1Time(year: 2030, month: 1, day: 1)) else {
            Issue.record("expired PCK accepted")
            return
        }
        #expect(reasons.contains { $0.contains("PCK certificate is valid from") })
    }

    @Test("flipping bytes of the signed region, the signatures, the keys or the QE data fails", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tampering() throws {
        let bytes = try AttestationSamples.readTDX("trustee/tdx_quote_4.dat")
        let q = try TDXQuote(bytes: bytes)
        let verifier = TDXQuoteVerifier()
        var checked = 0
        /// Flips one bit of the raw quote at `offset`; a quote that no longer parses counts as rejected.
        func expectRejected(_ offset: Int, _ what: String) {
            var raw = bytes
            raw[offset] ^= 0x01
            checked += 1
            guard let m = try? TDXQuote(bytes: raw) else { return }
            #expect(!verifier.verify(m, at: Self.pinnedTime).isVerified, "\(what) byte \(offset)")
        }
        // Header and TD report body: signed by the attestation key.
        for i in stride(from: 0, to: 48 + 584, by: 11) { expectRejected(i, "header/body") }
        let signed = 48 + 584 + 4
        for i in stride(from: 0, to: 64, by: 5) {
            expectRejected(signed + i, "quote signature")
            expectRejected(signed + 64 + i, "attestation key")
        }
        let qeReport = signed + 128 + 6
        for i in stride(from: 0, to: 384, by: 13) { expectRejected(qeReport + i, "QE report") }
        for i in stride(from: 0, to: 64, by: 5) { expectRejected(qeReport + 384 + i, "QE report signature") }
        #expect(checked >= 100)
        if !q.qeAuthData.isEmpty {
            var m = q
            m.qeAuthData[0] ^= 1
            #expect(!verifier.verify(m, at: Self.pinnedTime).isVerified, "QE auth data")
        }
        #expect(checked > 80)
    }

    @Test("tampered PCK certificates and a foreign root are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func certificates() throws {
        let q = try TDXQuote(bytes: AttestationSamples.readTDX("go-tdx-guest/quote_v5_sample.dat"))
        let docs = try PEMDocument.parseMultiple(String(decoding: q.pckCertificationData.filter { $0 != 0 }, as: UTF8.self))
        #expect(docs.count == 3)
        let verifier = TDXQuoteVerifier()
        for (index, doc) in docs.enumerated() {
            for offset in stride(from: 4, to: doc.derBytes.count, by: max(1, doc.derBytes.count / 12)) {
                var der = doc.derBytes
                der[offset] ^= 0x01
                var parts = docs.map(\.pemString)
                parts[index] = PEMDocument(type: "CERTIFICATE", derBytes: der).pemString
                var m = q
                m.pckCertificationData = Array(parts.joined().utf8)
                #expect(!verifier.verify(m, at: Self.pinnedTime).isVerified, "certificate \(index) byte \(offset)")
            }
        }
        var other = TDXQuoteVerifier()
        other.trustedRootSPKIHashes = [[UInt8](repeating: 0, count: 32)]
        guard case .failed(let reasons) = other.verify(q, at: Self.pinnedTime) else {
            Issue.record("unpinned root accepted")
            return
        }
        #expect(reasons.contains { $0.contains("not the pinned Intel SGX Root CA") })
    }
}
