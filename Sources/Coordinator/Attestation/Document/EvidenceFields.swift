// SPDX-License-Identifier: Apache-2.0
// Field lists of SNP reports, SNP documents and TDX quotes for display (`contrast report inspect`).

extension SNPTCBVersion {
    func field(_ name: String, layout: SNPTCBVersion.Layout) -> EvidenceField {
        let c = components(layout)
        var parts: [EvidenceField] = [.init("raw", .bytes((0..<8).map { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt64($0))) }))]
        if let fmc = c.fmc { parts.append(.init("fmc", .integer(UInt64(fmc)))) }
        parts += [
            .init("bootloader", .integer(UInt64(c.bootloader))), .init("tee", .integer(UInt64(c.tee))),
            .init("snp", .integer(UInt64(c.snp))), .init("microcode", .integer(UInt64(c.microcode))),
        ]
        return EvidenceField(name, .group(parts))
    }
}

extension SNPReport {
    /// Every field. TCB values are split with the layout of the product the CPUID names (Milan/Genoa when unknown).
    public var fields: [EvidenceField] { fields(product: productFromCPUID) }

    public func fields(product: SNPProduct?) -> [EvidenceField] {
        let layout = (product ?? .milan).tcbLayout
        func int<T: BinaryInteger>(_ n: String, _ v: T) -> EvidenceField { .init(n, .integer(UInt64(v))) }
        let p = policy
        let policyGroup: [EvidenceField] = [
            .init("raw", .text("0x" + String(p.rawValue, radix: 16))), int("abi_major", p.abiMajor), int("abi_minor", p.abiMinor),
            .init("smt", .flag(p.smt)), .init("migrate_ma", .flag(p.migrateMA)), .init("debug", .flag(p.debug)),
            .init("single_socket", .flag(p.singleSocket)), .init("cxl_allowed", .flag(p.cxlAllowed)),
            .init("mem_aes_256_xts", .flag(p.memAES256XTS)), .init("rapl_dis", .flag(p.raplDisabled)),
            .init("ciphertext_hiding_dram", .flag(p.cipherTextHidingDRAM)), .init("page_swap_disable", .flag(p.pageSwapDisable)),
        ]
        let i = platformInfo
        let infoGroup: [EvidenceField] = [
            .init("raw", .text("0x" + String(i.rawValue, radix: 16))), .init("smt_enabled", .flag(i.smtEnabled)),
            .init("tsme_enabled", .flag(i.tsmeEnabled)), .init("ecc_enabled", .flag(i.eccEnabled)),
            .init("rapl_disabled", .flag(i.raplDisabled)), .init("ciphertext_hiding_dram_enabled", .flag(i.ciphertextHidingDRAMEnabled)),
            .init("alias_check_complete", .flag(i.aliasCheckComplete)), .init("tio_enabled", .flag(i.tioEnabled)),
        ]
        let signer: String
        switch signerInfo.signingKey {
        case .vcek: signer = "VCEK"
        case .vlek: signer = "VLEK"
        case .none: signer = "none"
        }
        var out: [EvidenceField] = [
            int("version", version), int("guest_svn", guestSVN), .init("policy", .group(policyGroup)),
            .init("family_id", .bytes(familyID)), .init("image_id", .bytes(imageID)), int("vmpl", vmpl),
            int("signature_algo", signatureAlgorithm), currentTCB.field("current_tcb", layout: layout),
            .init("platform_info", .group(infoGroup)),
            .init("signer_info", .group([
                .init("author_key_en", .flag(signerInfo.authorKeyEnabled)), .init("mask_chip_key", .flag(signerInfo.maskChipKey)),
                .init("signing_key", .text(signer)),
            ])),
            .init("report_data", .bytes(reportData)), .init("measurement", .bytes(measurement)),
            .init("host_data", .bytes(hostData)), .init("id_key_digest", .bytes(idKeyDigest)),
            .init("author_key_digest", .bytes(authorKeyDigest)), .init("report_id", .bytes(reportID)),
            .init("report_id_ma", .bytes(reportIDMA)), reportedTCB.field("reported_tcb", layout: layout),
        ]
        if version >= 3 {
            out += [int("cpuid_fam_id", cpuidFamily), int("cpuid_mod_id", cpuidModel), int("cpuid_step", cpuidStepping)]
            out.append(.init("product", .text(productFromCPUID?.rawValue ?? "unknown")))
        }
        out += [
            .init("chip_id", .bytes(chipID)), committedTCB.field("committed_tcb", layout: layout),
            .init("current_version", .text("\(currentMajor).\(currentMinor) build \(currentBuild)")),
            .init("committed_version", .text("\(committedMajor).\(committedMinor) build \(committedBuild)")),
            launchTCB.field("launch_tcb", layout: layout),
        ]
        if version >= 5 {
            out += [int("launch_mit_vector", launchMitigationVector), int("current_mit_vector", currentMitigationVector)]
        }
        out.append(.init("signature", .group([
            .init("r", .bytes(Array(signature[0..<72]))), .init("s", .bytes(Array(signature[72..<144]))),
        ])))
        return out
    }
}

extension SNPAttestationDocument {
    public var fields: [EvidenceField] {
        var out: [EvidenceField] = [.init("report", .group(report.fields(product: productLine)))]
        if let c = certificateChain {
            var chain: [EvidenceField] = []
            for (n, v) in [("vcek_cert", c.vcek), ("ask_cert", c.ask), ("ark_cert", c.ark), ("firmware_cert", c.firmware), ("vlek_cert", c.vlek)]
            where !v.isEmpty {
                chain.append(.init(n, .text("\(v.count) bytes DER")))
            }
            for k in c.extras.keys.sorted() {
                chain.append(.init("extras[\(k)]", .text("\(c.extras[k]?.count ?? 0) bytes" + (k == SNPAttestationDocument.crlExtrasKey ? " (CRL)" : ""))))
            }
            out.append(.init("certificate_chain", .group(chain)))
        }
        if let p = product {
            var g: [EvidenceField] = [.init("name", .text(p.productLine?.rawValue ?? "UNKNOWN(\(p.name))"))]
            if p.stepping != 0 { g.append(.init("stepping", .integer(UInt64(p.stepping)))) }
            if let m = p.machineStepping { g.append(.init("machine_stepping", .integer(UInt64(m)))) }
            out.append(.init("product", .group(g)))
        }
        return out
    }
}

extension TDXQuote {
    public var fields: [EvidenceField] {
        func int<T: BinaryInteger>(_ n: String, _ v: T) -> EvidenceField { .init(n, .integer(UInt64(v))) }
        let h = header
        var body: [EvidenceField] = [
            .init("tee_tcb_svn", .bytes(self.body.teeTCBSVN)), .init("mr_seam", .bytes(self.body.mrSeam)),
            .init("mr_signer_seam", .bytes(self.body.mrSignerSeam)), .init("seam_attributes", .bytes(self.body.seamAttributes)),
            .init("td_attributes", .bytes(self.body.tdAttributes)), .init("xfam", .bytes(self.body.xfam)),
            .init("mr_td", .bytes(self.body.mrTD)), .init("mr_config_id", .bytes(self.body.mrConfigID)),
            .init("mr_owner", .bytes(self.body.mrOwner)), .init("mr_owner_config", .bytes(self.body.mrOwnerConfig)),
        ]
        for (i, r) in self.body.rtmrs.enumerated() { body.append(.init("rtmr\(i)", .bytes(r))) }
        body.append(.init("report_data", .bytes(self.body.reportData)))
        if let t = self.body.teeTCBSVN2 { body.append(.init("tee_tcb_svn_2", .bytes(t))) }
        if let m = self.body.mrServiceTD { body.append(.init("mr_servicetd", .bytes(m))) }
        let e = qeReport
        let qe: [EvidenceField] = [
            .init("cpu_svn", .bytes(e.cpuSVN)), int("misc_select", e.miscSelect), .init("attributes", .bytes(e.attributes)),
            .init("mr_enclave", .bytes(e.mrEnclave)), .init("mr_signer", .bytes(e.mrSigner)), int("isv_prod_id", e.isvProdID),
            int("isv_svn", e.isvSVN), .init("report_data", .bytes(e.reportData)),
        ]
        var out: [EvidenceField] = [
            .init("header", .group([
                int("version", h.version), int("attestation_key_type", h.attestationKeyType),
                .init("tee_type", .text("0x" + String(h.teeType, radix: 16))), int("qe_svn", h.qeSVN), int("pce_svn", h.pceSVN),
                .init("qe_vendor_id", .bytes(h.qeVendorID)), .init("user_data", .bytes(h.userData)),
            ])),
        ]
        if let t = bodyType { out.append(int("body_type", t)) }
        out += [
            .init("td_quote_body", .group(body)),
            .init("signature", .bytes(signature)), .init("attestation_key", .bytes(attestationKey)),
            .init("qe_report", .group(qe)), .init("qe_report_signature", .bytes(qeReportSignature)),
            .init("qe_auth_data", .bytes(qeAuthData)),
            int("pck_certification_data_type", pckCertificationDataType),
            .init("pck_certification_data", .text("\(pckCertificationData.count) bytes")),
        ]
        if !extraBytes.isEmpty { out.append(.init("extra_bytes", .text("\(extraBytes.count) bytes"))) }
        return out
    }
}
