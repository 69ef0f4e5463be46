// SPDX-License-Identifier: Apache-2.0
// Real AMD (ARK/ASK/VCEK/VLEK) and Intel (PCK chain, root, CRLs) certificates: parse, round-trip, and decode the
// VCEK extensions against ../shared/vectors/snp/manifest.json.

import ContrastASN1
import TestSupport
import Testing

/// PEM certificate blocks inside a binary file (TDX quotes carry the PCK chain as PEM text).
func embeddedCertificates(_ bytes: [UInt8]) throws -> [Certificate] {
    let begin = Array("-----BEGIN CERTIFICATE-----".utf8)
    let end = Array("-----END CERTIFICATE-----".utf8)
    var out: [Certificate] = []
    var i = 0
    while let s = find(begin, in: bytes, from: i), let e = find(end, in: bytes, from: s) {
        let text = String(decoding: bytes[s..<(e + end.count)], as: UTF8.self)
        out.append(try Certificate(pemEncoded: text))
        i = e + end.count
    }
    return out
}

private func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
    guard hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
    for i in from...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
        return i
    }
    return nil
}

@Suite("Attestation certificates")
struct AttestationCertificateTests {
    static let snpFiles = [
        "amd-roots/milan_ark.pem", "amd-roots/milan_ask.pem", "amd-roots/genoa_ark.pem", "amd-roots/genoa_ask.pem",
        "amd-roots/turin_ark.pem", "amd-roots/turin_ask.pem", "amd-kds-cert-chains/ask_ark_milan.pem",
        "amd-kds-cert-chains/ask_ark_milan_vlek.pem", "amd-kds-cert-chains/ask_ark_genoa.pem",
        "amd-kds-cert-chains/ask_ark_genoa_vlek.pem", "amd-kds-cert-chains/ask_ark_turin_vcek.pem",
        "amd-kds-cert-chains/ask_ark_turin_vlek.pem", "reports/virtee-sev/vcek_turin.der",
        "reports/virtee-sev/vcek_milan.der", "reports/trustee_azure-milan/vcek_ask_ark.pem",
        "reports/trustee_milan/test-vcek-invalid-new.der", "reports/trustee_milan/test-vcek-invalid-legacy.der",
        "reports/trustee_milan/test-vcek.der", "reports/oak_milan/vcek.der", "reports/oak_genoa/vcek.der",
        "reports/trustee_azure-genoa/vcek-genoa.pem", "reports/teekit_gcp-milan/sev-gcp-vcek.pem",
        "reports/teekit_gcp-milan/sev-gcp-cert-chain.pem", "reports/go-sev-guest_milan/vcek.der",
        "reports/trustee_milan-vlek/test-vlek.der", "reports/oak_turin/vcek.der",
    ]

    @Test("every AMD certificate parses, re-encodes byte-identically and decodes its extensions",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func amdCertificates() throws {
        var tally = VectorTally(file: "snp")
        for f in Self.snpFiles {
            do {
                let certs = try loadCertificates("snp/" + f)
                for c in certs {
                    tally.check(c.reencoded() == c.derBytes, f, "re-encoding differs")
                    try decodeAllExtensions(c)
                    // AMD profile: every AMD certificate is RSASSA-PSS with SHA-384, salt 48.
                    tally.check(c.signatureAlgorithm == .rsaPSS(.sha384, saltLength: 48), f, "\(c.signatureAlgorithm)")
                }
            } catch {
                tally.check(false, f, "\(error)")
            }
        }
        tally.expectCount(2 * 35)  // 35 certificates in the 26 files
    }

    @Test("VCEK/VLEK extensions match the manifest (product, TCB, hwID = chip_id)",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func vcekExtensions() throws {
        let manifest = try JSONValue.parse(try VectorLocator.readShared("snp/manifest.json"))
        var tally = VectorTally(file: "snp/manifest.json")
        for r in manifest["reports"]?.array ?? [] {
            let path = r["signer_cert"]?.string ?? ""
            guard let cert = try loadCertificates("snp/" + path).first, let amd = try AMDVCEKExtensions(cert.extensions) else {
                tally.check(false, path, "no AMD extensions")
                continue
            }
            let tcb = r["reported_tcb"]
            tally.check(amd.productName == r["productName_ext"]?.string, path, "product \(amd.productName ?? "-")")
            tally.check(amd.blSPL == tcb?["blSPL"]?.int, path, "blSPL")
            tally.check(amd.teeSPL == tcb?["teeSPL"]?.int, path, "teeSPL")
            tally.check(amd.snpSPL == tcb?["snpSPL"]?.int, path, "snpSPL")
            tally.check(amd.ucodeSPL == tcb?["ucodeSPL"]?.int, path, "ucodeSPL")
            if tcb?["fmcSPL"] != nil { tally.check(amd.fmcSPL == tcb?["fmcSPL"]?.int, path, "fmcSPL") }
            let chip = try [UInt8](hexString: r["chip_id"]?.string ?? "")
            if r["signer_kind"]?.string == "VLEK" {
                tally.check(amd.hwid == nil && amd.cspID != nil, path, "VLEK has cspID, no hwID")
            } else {
                let hwid = amd.hwid ?? []
                tally.check(!hwid.isEmpty && Array(chip.prefix(hwid.count)) == hwid && chip.dropFirst(hwid.count).allSatisfy { $0 == 0 }, path, "hwID ≠ chip_id")
            }
            let validity = r["signer_cert_validity"]?.array?.compactMap(\.string) ?? []
            tally.check(validity.count == 2 && (try? ASN1Time(rfc3339: validity[0])) == cert.notValidBefore, path, "notBefore")
        }
        tally.expectCount(11 * 7 + 1)  // 11 reports × 7 checks, + fmcSPL for the Turin report
        // The two hwID encodings of the negative VCEKs decode to the same 64 bytes.
        let legacy = try #require(try AMDVCEKExtensions(try loadCertificates("snp/reports/trustee_milan/test-vcek-invalid-legacy.der")[0].extensions))
        let new = try #require(try AMDVCEKExtensions(try loadCertificates("snp/reports/trustee_milan/test-vcek-invalid-new.der")[0].extensions))
        #expect(legacy.hwid == Array(0..<64) && new.hwid == legacy.hwid)
        let turin = try #require(try AMDVCEKExtensions(try loadCertificates("snp/reports/virtee-sev/vcek_turin.der")[0].extensions))
        #expect(turin.hwid == (try [UInt8](hexString: "1e550a8ee5cf9f4d")) && turin.productName == "Turin" && turin.ucodeSPL == 9)
    }

    @Test("Intel PCK chains embedded in TDX quotes, the SGX root and the TCB/CRL issuer chains parse",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func intelCertificates() throws {
        let manifest = try JSONValue.parse(try VectorLocator.readShared("tdx/manifest.json"))
        var tally = VectorTally(file: "tdx")
        for q in manifest["quotes"]?.array ?? [] {
            let path = q["quote"]?.string ?? ""
            let certs = try embeddedCertificates(try VectorLocator.readShared("tdx/" + path))
            let subjects = q["pck_chain_subjects"]?.array?.compactMap(\.string) ?? []
            tally.check(certs.count == 3 && certs.count == subjects.count, path, "\(certs.count) certificates")
            for (c, s) in zip(certs, subjects) {
                tally.check(c.reencoded() == c.derBytes, path, "re-encoding")
                tally.check(c.subject.commonName.map { s.hasSuffix("CN=" + $0) } == true, path, "subject \(c.subject)")
                tally.check((try? decodeAllExtensions(c)) != nil, path, "extensions")
                tally.check(c.signatureAlgorithm == .ecdsa(.sha256), path, "\(c.signatureAlgorithm)")
            }
        }
        for f in ["intel-roots/Intel_SGX_Root_CA.pem", "go-tdx-guest/tcb_info_issuer_chain.pem", "go-tdx-guest/pck_crl_issuer_chain.pem"] {
            for c in try loadCertificates("tdx/" + f) { tally.check(c.reencoded() == c.derBytes, f, "re-encoding") }
        }
        tally.expectCount(7 * 13 + 5)
    }

    @Test("CRLs parse, re-encode, and answer serial lookups",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func crls() throws {
        let files = [
            "tdx/go-tdx-guest/pckcrl", "tdx/go-tdx-guest/rootcrl.der",
            "x509/cryptography-vectors/custom/valid_signature_crl.pem",
            "x509/cryptography-vectors/custom/invalid_signature_crl.pem",
        ]
        var tally = VectorTally(file: "crls")
        for f in files {
            let crl = try CertificateRevocationList.parse(try VectorLocator.readShared(f))
            tally.check(crl.reencoded() == crl.derBytes, f, "re-encoding differs")
            tally.check(crl.nextUpdate != nil, f, "nextUpdate")
        }
        tally.expectCount(8)
        let pck = try CertificateRevocationList.parse(try VectorLocator.readShared("tdx/go-tdx-guest/pckcrl"))
        #expect(pck.issuer.commonName == "Intel SGX PCK Platform CA")
        let first = try #require(pck.revoked.first)
        #expect(pck.entry(for: first.serialNumber) != nil)
        #expect(pck.entry(for: ASN1Integer(unsignedBytes: [0x01, 0x02, 0x03])) == nil)
        #expect(pck.isCurrent(at: pck.thisUpdate) && !pck.isCurrent(at: (pck.nextUpdate ?? pck.thisUpdate).adding(seconds: 1)))
    }
}
