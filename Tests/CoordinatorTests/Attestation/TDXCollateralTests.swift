// SPDX-License-Identifier: Apache-2.0
// Intel TDX collateral: TCB Info v3 and QE Identity v2 parsing over the exact signed bytes, signature by the Intel SGX
// TCB Signing key, freshness, FMSPC, CRLs, TCB level selection and the QE identity check (upstream.md §8.5).

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import Testing
import TestSupport

@Suite("TDX collateral")
struct TDXCollateralTests {
    /// Inside the validity of sample_tcbInfo_response (2023-06-18..07-18), the QE Identity and PCK CRL (06-08..07-08).
    static let collateralTime = ASN1Time(year: 2023, month: 7, day: 1)
    static let dir = "go-tdx-guest/"

    static func read(_ name: String) throws -> [UInt8] { try AttestationSamples.readTDX(dir + name) }

    static func collateral(tcbInfo: String = "sample_tcbInfo_response") throws -> TDXCollateral {
        var c = TDXCollateral()
        #expect(try c.add(read(tcbInfo)) == "TCB Info")
        #expect(try c.add(read("sample_qeIdentity_response")) == "QE Identity")
        #expect(try c.add(read("tcb_info_issuer_chain.pem")) == "issuer chain")
        #expect(try c.add(read("pckcrl")) == "PCK CRL")
        #expect(try c.add(read("rootcrl.der")) == "root CA CRL")
        return c
    }

    static func signer() throws -> Certificate {
        try Certificate.parseAll(read("tcb_info_issuer_chain.pem"))[0]
    }

    @Test("TCB Info v3 parses, keeps the signed bytes and its signature verifies", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tcbInfoV3() throws {
        let raw = try Self.read("sample_tcbInfo_response")
        let t = try IntelTCBInfo(json: raw)
        #expect(hex(t.fmspc) == "50806f000000")
        #expect(hex(t.pceID) == "0000")
        #expect(t.tcbEvaluationDataNumber == 15)
        #expect(t.issueDate == ASN1Time(year: 2023, month: 6, day: 18, hour: 8, minute: 42, second: 58))
        #expect(t.tcbLevels.map(\.status) == [.upToDate, .outOfDate])
        #expect(t.tcbLevels[0].sgxComponents == [5, 5, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(t.tcbLevels[0].pceSVN == 11)
        #expect(t.tcbLevels[0].tdxComponents == [3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(t.tcbLevels[1].advisoryIDs.count == 13)
        #expect(t.tdxModuleIdentities.isEmpty)
        let text = String(decoding: t.signedBytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"id\":\"TDX\"") && text.hasSuffix("}]}"))
        #expect(t.isSigned(by: try Self.signer()))
    }

    @Test("TCB Info with TDX module identities parses", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tcbInfoModuleIdentities() throws {
        let t = try IntelTCBInfo(json: Self.read("sample_tcbinfo_response_v5"))
        #expect(hex(t.fmspc) == "90c06f000000")
        #expect(t.tcbEvaluationDataNumber == 18)
        #expect(t.tdxModuleIdentities.map(\.id) == ["TDX_03", "TDX_01"])
        #expect(t.tdxModuleIdentities[1].tcbLevels.map(\.isvSVN) == [6, 4, 2])
        #expect(t.tcbLevels.map(\.status) == [.upToDate, .outOfDate, .outOfDate])
        #expect(t.isSigned(by: try Self.signer()))
    }

    @Test("QE Identity v2 parses and its signature verifies", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func qeIdentity() throws {
        let q = try IntelQEIdentity(json: Self.read("sample_qeIdentity_response"))
        #expect(hex(q.mrSigner) == "dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5")
        #expect(q.isvProdID == 2)
        #expect(q.miscSelect == 0 && q.miscSelectMask == 0xFFFF_FFFF)
        #expect(hex(q.attributes) == "11000000000000000000000000000000")
        #expect(q.tcbLevels == [TDXISVTCBLevel(isvSVN: 4, tcbDate: "2023-02-15T00:00:00Z", status: .upToDate)])
        #expect(q.isSigned(by: try Self.signer()))
    }

    @Test("any change to the signed JSON bytes or the signature is detected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tamperedJSON() throws {
        let signer = try Self.signer()
        var checked = 0
        for (file, edits) in [
            ("sample_tcbInfo_response", [("\"tcbEvaluationDataNumber\":15", "\"tcbEvaluationDataNumber\":16"), ("\"pcesvn\":5,", "\"pcesvn\":4,"),
                                         ("\"tcbStatus\":\"OutOfDate\"", "\"tcbStatus\":\"UpToDate\""), ("\"version\":3,", "\"version\":3 ,")]),
            ("sample_qeIdentity_response", [("\"isvsvn\":4", "\"isvsvn\":3"), ("\"isvprodid\":2,", "\"isvprodid\": 2,")]),
        ] {
            let text = String(decoding: try Self.read(file), as: UTF8.self)
            for (from, to) in edits {
                #expect(text.contains(from), "\(file): \(from)")
                let edited = Array(text.replacing(from, with: to).utf8)
                let valid = file.contains("tcbInfo") ? try IntelTCBInfo(json: edited).isSigned(by: signer) : try IntelQEIdentity(json: edited).isSigned(by: signer)
                #expect(!valid, "\(file): \(from) -> \(to)")
                checked += 1
            }
            // The signature: flip one hex digit of r and one of s.
            for position in [10, 100] {
                var t = try file.contains("tcbInfo") ? IntelTCBInfo(json: Self.read(file)).signature : IntelQEIdentity(json: Self.read(file)).signature
                t[position / 2] ^= 0x10
                let valid: Bool
                if file.contains("tcbInfo") {
                    var info = try IntelTCBInfo(json: Self.read(file))
                    info.signature = t
                    valid = info.isSigned(by: signer)
                } else {
                    var info = try IntelQEIdentity(json: Self.read(file))
                    info.signature = t
                    valid = info.isSigned(by: signer)
                }
                #expect(!valid, "\(file): signature byte \(position / 2)")
                checked += 1
            }
        }
        #expect(checked == 10)
    }

    @Test("malformed collateral is rejected with the JSON path")
    func malformed() {
        let cases: [(String, String)] = [
            ("{\"tcbInfo\":{\"id\":\"SGX\",\"version\":3},\"signature\":\"\(String(repeating: "00", count: 64))\"}", "not TDX TCB Info version 3"),
            ("{\"tcbInfo\":{\"id\":\"TDX\",\"version\":3},\"signature\":\"00\"}", "signature must be 64 bytes"),
            ("{\"tcbInfo\":{\"id\":\"TDX\",\"version\":3,\"issueDate\":\"yesterday\"},\"signature\":\"\(String(repeating: "00", count: 64))\"}", "tcbInfo.issueDate"),
            ("{\"tcbInfo\":[1,2],\"signature\":\"\(String(repeating: "00", count: 64))\"}", "tcbInfo is missing or not an object"),
            ("{\"tcb\\u0049nfo\":{},\"signature\":\"\(String(repeating: "00", count: 64))\"}", "written without escapes"),
            ("{\"tcbInfo\":{}", "not JSON"),
        ]
        for (text, want) in cases {
            #expect(throws: AttestationError.self, "\(want)") { try IntelTCBInfo(json: Array(text.utf8)) }
            do {
                _ = try IntelTCBInfo(json: Array(text.utf8))
            } catch {
                #expect(error.reason.contains(want), "\(want): \(error)")
            }
        }
    }
}

@Suite("TDX collateral verification")
struct TDXCollateralVerificationTests {
    static let t = TDXCollateralTests.collateralTime

    static func quote(_ path: String) throws -> TDXQuote { try TDXQuote(bytes: AttestationSamples.readTDX(path)) }

    static func failures(_ r: TDXVerificationResult) -> [String] {
        if case .failed(let f) = r { return f }
        return []
    }

    @Test("the quotes manifest.json pairs with sample_tcbInfo_response are judged at a pinned time", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realQuotesWithCollateral() throws {
        let c = try TDXCollateralTests.collateral()
        let samples = try AttestationSamples.tdx().filter { $0.matchingTCBInfo == "go-tdx-guest/sample_tcbInfo_response" }
        #expect(samples.map(\.quote) == ["go-tdx-guest/tdx_prod_quote_SPR_E4.dat", "trustee/tdx_quote_4.dat"])
        // tdx_quote_4 (TEE_TCB_SVN 03 00 05) reaches the newest level.
        let r4 = TDXQuoteVerifier().verify(try Self.quote("trustee/tdx_quote_4.dat"), collateral: c, at: Self.t)
        guard case .verified(let facts, _) = r4, let tcb = facts.tcb else {
            Issue.record("tdx_quote_4: \(r4)")
            return
        }
        #expect(tcb.status == .upToDate, "\(tcb)")
        #expect(tcb.tcbEvaluationDataNumber == 15)
        #expect(facts.tcbEvaluationDataNumber == 15)
        // SPR_E4 (TEE_TCB_SVN 03 00 04) is below both levels' TDX late microcode SVN 5: not supported.
        let rE4 = Self.failures(TDXQuoteVerifier().verify(try Self.quote("go-tdx-guest/tdx_prod_quote_SPR_E4.dat"), collateral: c, at: Self.t))
        #expect(rE4.contains { $0.contains("no TCB level in the TCB Info (evaluation 15)") && $0.contains("TEE_TCB_SVN 03000400") }, "\(rE4)")
    }

    @Test("the PCK certificate's SGX TCB components and PCESVN are read (values from openssl asn1parse)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func pckTCB() throws {
        for (path, sgx, pceSVN) in [
            ("trustee/tdx_quote_4.dat", [5, 5, 13, 2, 3, 1, 0, 3] as [UInt8], 11),
            ("go-tdx-guest/quote_v5_sample.dat", [4, 4, 2, 2, 4, 1, 0, 5], 13),
        ] {
            guard case .verified(_, let pck) = TDXQuoteVerifier().verify(try Self.quote(path), at: ASN1Time(year: 2026, month: 6, day: 1)) else {
                Issue.record("\(path) does not verify")
                continue
            }
            #expect(pck.tcbComponents == sgx + [UInt8](repeating: 0, count: 8), "\(path)")
            #expect(pck.pceSVN == pceSVN, "\(path)")
            #expect(pck.pceID == [0, 0], "\(path)")
        }
    }

    @Test("stale collateral, missing parts and a foreign FMSPC are reported", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func staleMissingForeign() throws {
        let q = try Self.quote("trustee/tdx_quote_4.dat")
        let c = try TDXCollateralTests.collateral()
        let late = Self.failures(TDXQuoteVerifier().verify(q, collateral: c, at: ASN1Time(year: 2023, month: 7, day: 10)))
        #expect(late.contains { $0.contains("the QE Identity was issued") && $0.contains("not at 2023-07-10") })
        #expect(late.contains { $0.contains("the PCK CRL is valid from") })
        #expect(!late.contains { $0.contains("the TCB Info was issued") })
        let early = Self.failures(TDXQuoteVerifier().verify(q, collateral: c, at: ASN1Time(year: 2023, month: 6, day: 10)))
        #expect(early.contains { $0.contains("the TCB Info was issued 2023-06-18") })

        for (drop, want) in [("tcb", "no TDX TCB Info"), ("qe", "no TD_QE QE Identity"), ("chain", "no Intel SGX TCB Signing"),
                             ("pck", "no PCK CRL from Intel SGX PCK Platform CA"), ("root", "no Intel SGX Root CA CRL")] {
            var m = c
            switch drop {
            case "tcb": m.tcbInfo = nil
            case "qe": m.qeIdentity = nil
            case "chain": m.issuerChain = []
            case "pck": m.pckCRL = nil
            default: m.rootCRL = nil
            }
            let f = Self.failures(TDXQuoteVerifier().verify(q, collateral: m, at: Self.t))
            #expect(f.contains { $0.contains(want) }, "\(drop): \(f)")
        }
        var foreign = c
        foreign.tcbInfo = try IntelTCBInfo(json: TDXCollateralTests.read("sample_tcbinfo_response_v5"))
        let f = Self.failures(TDXQuoteVerifier().verify(q, collateral: foreign, at: Self.t))
        #expect(f.contains { $0.contains("the TCB Info is for FMSPC 90c06f000000, but the PCK certificate has FMSPC 50806f000000") }, "\(f)")
    }

    @Test("tampered collateral signatures and CRLs are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tamperedCollateral() throws {
        let q = try Self.quote("trustee/tdx_quote_4.dat")
        let c = try TDXCollateralTests.collateral()
        var m = c
        m.tcbInfo?.signedBytes[20] ^= 0x01
        #expect(Self.failures(TDXQuoteVerifier().verify(q, collateral: m, at: Self.t)).contains { $0.contains("the TCB Info signature does not verify") })
        m = c
        m.qeIdentity?.signature[40] ^= 0x01
        #expect(Self.failures(TDXQuoteVerifier().verify(q, collateral: m, at: Self.t)).contains { $0.contains("the QE Identity signature does not verify") })
        for (file, want) in [("pckcrl", "the PCK CRL signature does not verify"), ("rootcrl.der", "the root CA CRL signature does not verify")] {
            var der = try TDXCollateralTests.read(file)
            der[der.count - 10] ^= 0x01
            m = c
            try m.add(der)
            #expect(Self.failures(TDXQuoteVerifier().verify(q, collateral: m, at: Self.t)).contains { $0.contains(want) }, "\(file)")
        }
        // The issuer chain's signing certificate: one flipped byte in its TBS.
        var chain = try Certificate.parseAll(TDXCollateralTests.read("tcb_info_issuer_chain.pem"))
        var der = chain[0].derBytes
        der[200] ^= 0x01
        if let bad = try? Certificate(derEncoded: der) {
            chain[0] = bad
            m = c
            m.issuerChain = chain
            #expect(!TDXQuoteVerifier().verify(q, collateral: m, at: Self.t).isVerified)
        }
    }

    @Test("TCB levels: module identities, platform level and QE identity decide the status", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func levelSelection() throws {
        let q5 = try Self.quote("go-tdx-guest/quote_v5_sample.dat")
        guard case .verified(_, let pck5) = TDXQuoteVerifier().verify(q5, at: ASN1Time(year: 2026, month: 6, day: 1)) else {
            Issue.record("quote_v5_sample does not verify")
            return
        }
        let info5 = try IntelTCBInfo(json: TDXCollateralTests.read("sample_tcbinfo_response_v5"))
        var qeID = try IntelQEIdentity(json: TDXCollateralTests.read("sample_qeIdentity_response"))
        // TEE_TCB_SVN 0b 01 04: module TDX_01 at SVN 11 (level isvsvn 6: UpToDate); platform from byte 2 on.
        let (a, f) = TDXCollateralVerifier.evaluate(q5, tcbInfo: info5, qeIdentity: qeID, pck: pck5)
        #expect(f.isEmpty, "\(f)")
        #expect(a?.moduleStatus == .upToDate)
        #expect(a?.tcbEvaluationDataNumber == 15)
        // Module SVN 5: the TDX_01 level with isvsvn 4 is OutOfDate, its advisories are reported.
        var old = q5
        old.body.teeTCBSVN[0] = 5
        let (b, _) = TDXCollateralVerifier.evaluate(old, tcbInfo: info5, qeIdentity: qeID, pck: pck5)
        #expect(b?.moduleStatus == .outOfDate && b?.status == .outOfDate)
        #expect(b?.advisoryIDs.contains("INTEL-SA-01036") == true)
        // Module SVN 1: below every TDX_01 level.
        old.body.teeTCBSVN[0] = 1
        #expect(TDXCollateralVerifier.evaluate(old, tcbInfo: info5, qeIdentity: qeID, pck: pck5).1.contains { $0.contains("TDX_01 SVN 1 is below every TCB level") })
        // Module version 2: no TDX_02 identity.
        old.body.teeTCBSVN[1] = 2
        #expect(TDXCollateralVerifier.evaluate(old, tcbInfo: info5, qeIdentity: qeID, pck: pck5).1.contains { $0.contains("no identity TDX_02") })
        // MRSIGNERSEAM and SEAM attributes against the module identity.
        var signer = q5
        signer.body.mrSignerSeam[0] = 1
        signer.body.seamAttributes[7] = 0x80
        let sf = TDXCollateralVerifier.evaluate(signer, tcbInfo: info5, qeIdentity: qeID, pck: pck5).1
        #expect(sf.contains { $0.contains("MRSIGNERSEAM") } && sf.contains { $0.contains("SEAMATTRIBUTES") })
        // QE identity: MRSIGNER, ISVPRODID, attributes under the mask, MISCSELECT, ISVSVN level.
        var qe = q5
        qe.qeReport.mrSigner[0] ^= 1
        qe.qeReport.isvProdID = 1
        qe.qeReport.attributes[0] ^= 0x01
        qe.qeReport.miscSelect = 1
        qe.qeReport.isvSVN = 3
        let qf = TDXCollateralVerifier.evaluate(qe, tcbInfo: info5, qeIdentity: qeID, pck: pck5).1
        for want in ["MRSIGNER", "ISVPRODID 1", "ATTRIBUTES", "MISCSELECT", "ISVSVN 3"] {
            #expect(qf.contains { $0.contains(want) }, "\(want): \(qf)")
        }
        // An attribute bit outside the mask is ignored (byte 8 is masked out).
        var masked = q5
        masked.qeReport.attributes[8] ^= 0xFF
        #expect(TDXCollateralVerifier.evaluate(masked, tcbInfo: info5, qeIdentity: qeID, pck: pck5).1.isEmpty)
        // QE Identity whose level for this ISVSVN is OutOfDate makes the whole status OutOfDate.
        qeID.tcbLevels = [TDXISVTCBLevel(isvSVN: 99, tcbDate: "2030-01-01T00:00:00Z", status: .upToDate),
                          TDXISVTCBLevel(isvSVN: 0, tcbDate: "2020-01-01T00:00:00Z", status: .outOfDate, advisoryIDs: ["INTEL-SA-X"])]
        let (c, _) = TDXCollateralVerifier.evaluate(q5, tcbInfo: info5, qeIdentity: qeID, pck: pck5)
        #expect(c?.qeStatus == .outOfDate && c?.status == .outOfDate && c?.advisoryIDs.contains("INTEL-SA-X") == true)
    }

    @Test("the v5 TCB Info pairs of manifest.json: tdx_quote_5's SGX TCB is below every level; the 2018–2025 TCB Signing certificate has expired by the v5 TCB Info's issue date", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func v5Pairs() throws {
        let samples = try AttestationSamples.tdx().filter { $0.matchingTCBInfo == "go-tdx-guest/sample_tcbinfo_response_v5" }
        #expect(samples.map(\.quote) == ["go-tdx-guest/quote_v5_sample.dat", "trustee/tdx_quote_5.dat"])
        let info5 = try IntelTCBInfo(json: TDXCollateralTests.read("sample_tcbinfo_response_v5"))
        let qeID = try IntelQEIdentity(json: TDXCollateralTests.read("sample_qeIdentity_response"))
        let q = try Self.quote("trustee/tdx_quote_5.dat")
        guard case .verified(_, let pck) = TDXQuoteVerifier().verify(q, at: ASN1Time(year: 2026, month: 6, day: 1)) else {
            Issue.record("tdx_quote_5 does not verify")
            return
        }
        #expect(pck.tcbComponents.prefix(8) == [1, 1, 2, 2, 3, 1, 0, 3])
        let f = TDXCollateralVerifier.evaluate(q, tcbInfo: info5, qeIdentity: qeID, pck: pck).1
        #expect(f.contains { $0.contains("no TCB level in the TCB Info (evaluation 18)") }, "\(f)")
        // Full check inside the v5 TCB Info's window: the signature is Intel's, but the issuer certificate expired.
        var c = try TDXCollateralTests.collateral(tcbInfo: "sample_tcbinfo_response_v5")
        c.qeIdentity = qeID
        let full = Self.failures(TDXQuoteVerifier().verify(try Self.quote("go-tdx-guest/quote_v5_sample.dat"), collateral: c, at: ASN1Time(year: 2026, month: 2, day: 15)))
        #expect(full.contains { $0.contains("the Intel SGX TCB Signing certificate is valid from 2018-05-21T10:50:10Z to 2025-05-21T10:50:10Z") }, "\(full)")
        #expect(!full.contains { $0.contains("the TCB Info signature does not verify") })
    }
}
