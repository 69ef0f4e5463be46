// SPDX-License-Identifier: Apache-2.0
// Test helper: the real SEV-SNP reports and TDX quotes of ../shared/vectors/{snp,tdx} with their manifest.json rows.

import ContrastCoordinator
import TestSupport

/// One row of `snp/manifest.json`.
struct SNPSample {
    let report: String
    let signerCert: String
    let signerKind: String
    let product: String
    let chain: String
    let version: UInt32
    let vmpl: UInt32
    let policy: UInt64
    let reportedTCB: [String: Int]
    let chipID: String
    let reportData: String
    let measurement: String
    let validity: (String, String)
    let expected: [String: Bool?]

    var label: String { "snp/\(report)" }
}

/// One row of `tdx/manifest.json`.
struct TDXSample {
    let quote: String
    let fileSize: Int
    let quoteLength: Int
    let version: UInt16
    let qeVendorID: String
    let teeTCBSVN: String
    let mrTD: String
    let reportData: String
    let pckLeafValidity: (String, String)
    let fmspc: String
    let matchingTCBInfo: String?

    var label: String { "tdx/\(quote)" }
}

enum AttestationSamples {
    static let snpReportCount = 11
    static let tdxQuoteCount = 7

    static func snp() throws -> [SNPSample] {
        let m = try TestSupport.JSONValue.parse(VectorLocator.readShared("snp/manifest.json"))
        return (m["reports"]?.array ?? []).map { r in
            let tcb = (r["reported_tcb"]?.members ?? []).reduce(into: [String: Int]()) { $0[$1.key] = $1.value.int ?? -1 }
            let exp = (r["expected"]?.members ?? []).reduce(into: [String: Bool?]()) { $0[$1.key] = $1.value.bool }
            let v = r["signer_cert_validity"]?.array?.compactMap(\.string) ?? []
            return SNPSample(
                report: r["report"]?.string ?? "", signerCert: r["signer_cert"]?.string ?? "",
                signerKind: r["signer_kind"]?.string ?? "", product: r["product"]?.string ?? "",
                chain: r["ask_ark_chain"]?.string ?? "", version: UInt32(r["report_version"]?.int ?? -1),
                vmpl: UInt32(r["vmpl"]?.int ?? -1), policy: UInt64(String((r["policy"]?.string ?? "0x").dropFirst(2)), radix: 16) ?? 0,
                reportedTCB: tcb, chipID: r["chip_id"]?.string ?? "", reportData: r["report_data"]?.string ?? "",
                measurement: r["measurement"]?.string ?? "", validity: (v.first ?? "", v.last ?? ""), expected: exp)
        }
    }

    static func tdx() throws -> [TDXSample] {
        let m = try TestSupport.JSONValue.parse(VectorLocator.readShared("tdx/manifest.json"))
        return (m["quotes"]?.array ?? []).map { q in
            let v = q["pck_leaf_validity"]?.array?.compactMap(\.string) ?? []
            return TDXSample(
                quote: q["quote"]?.string ?? "", fileSize: q["file_size"]?.int ?? -1, quoteLength: q["quote_length"]?.int ?? -1,
                version: UInt16(q["version"]?.int ?? 0), qeVendorID: q["qe_vendor_id"]?.string ?? "",
                teeTCBSVN: q["tee_tcb_svn"]?.string ?? "", mrTD: q["mr_td"]?.string ?? "",
                reportData: q["report_data"]?.string ?? "", pckLeafValidity: (v.first ?? "", v.last ?? ""),
                fmspc: q["fmspc"]?.string ?? "", matchingTCBInfo: q["matching_tcbinfo_sample"]?.string)
        }
    }

    static func readSNP(_ relative: String) throws -> [UInt8] { try VectorLocator.readShared("snp/" + relative) }
    static func readTDX(_ relative: String) throws -> [UInt8] { try VectorLocator.readShared("tdx/" + relative) }
}

/// Lower-case hex for comparisons in tests.
func hex(_ b: some Sequence<UInt8>) -> String { Hex.encode(Array(b)) }
