// SPDX-License-Identifier: Apache-2.0
// Parts of an Intel TDX quote: header, TD report body, SGX enclave (QE) report, certification data
// (Intel TDX DCAP Quote Generation Library and Quote Verification Library API, Appendix A; upstream.md §8.5).

extension TDXQuote {
    /// The 48-byte quote header.
    public struct Header: Hashable, Sendable {
        public static let size = 48
        /// Attestation key type 2: ECDSA-256-with-P-256 curve (the only one defined for TDX).
        public static let ecdsaP256: UInt16 = 2
        /// TEE type 0x81: TDX (0x00 is SGX).
        public static let teeTypeTDX: UInt32 = 0x81

        public var version: UInt16 = 4
        public var attestationKeyType: UInt16 = Header.ecdsaP256
        public var teeType: UInt32 = Header.teeTypeTDX
        /// Bytes 8–9 (reserved in TDX, QE SVN in go-tdx-guest's naming).
        public var qeSVN: UInt16 = 0
        /// Bytes 10–11 (reserved in TDX, PCE SVN in go-tdx-guest's naming).
        public var pceSVN: UInt16 = 0
        /// Intel's QE vendor ID 939a7233f79c4ca9940a0db3957f0607 (16 bytes).
        public var qeVendorID = [UInt8](repeating: 0, count: 16)
        /// User data (20 bytes; the first 16 are the platform instance key ID).
        public var userData = [UInt8](repeating: 0, count: 20)

        public init() {}

        init(_ c: inout AttestationByteCursor) throws(AttestationError) {
            version = try c.readUInt16("header.version")
            guard version == 4 || version == 5 else {
                throw AttestationError(.unsupportedVersion, "TDX quote version \(version) is not supported (4 and 5 are)")
            }
            attestationKeyType = try c.readUInt16("header.attestation_key_type")
            guard attestationKeyType == Header.ecdsaP256 else {
                throw AttestationError(.unknownAlgorithm, "TDX attestation key type \(attestationKeyType) is not supported (2 = ECDSA P-256)")
            }
            teeType = try c.readUInt32("header.tee_type")
            guard teeType == Header.teeTypeTDX else {
                throw AttestationError(.invalidField, "TEE type 0x\(String(teeType, radix: 16)) is not TDX (0x81)")
            }
            qeSVN = try c.readUInt16("header.qe_svn")
            pceSVN = try c.readUInt16("header.pce_svn")
            qeVendorID = try c.read(16, "header.qe_vendor_id")
            userData = try c.read(20, "header.user_data")
        }

        func serialize(into out: inout [UInt8]) {
            AttestationBytes.appendLittleEndian(UInt64(version), byteCount: 2, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(attestationKeyType), byteCount: 2, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(teeType), byteCount: 4, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(qeSVN), byteCount: 2, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(pceSVN), byteCount: 2, to: &out)
            AttestationBytes.appendFixed(qeVendorID, size: 16, to: &out)
            AttestationBytes.appendFixed(userData, size: 20, to: &out)
        }
    }

    /// The TD quote body: TDX 1.0 (584 bytes) or TDX 1.5 (648 bytes, adds TEE_TCB_SVN_2 and MRSERVICETD).
    public struct Body: Hashable, Sendable {
        public static let size10 = 584
        public static let size15 = 648

        public var teeTCBSVN = [UInt8](repeating: 0, count: 16)
        public var mrSeam = [UInt8](repeating: 0, count: 48)
        public var mrSignerSeam = [UInt8](repeating: 0, count: 48)
        public var seamAttributes = [UInt8](repeating: 0, count: 8)
        public var tdAttributes = [UInt8](repeating: 0, count: 8)
        public var xfam = [UInt8](repeating: 0, count: 8)
        public var mrTD = [UInt8](repeating: 0, count: 48)
        public var mrConfigID = [UInt8](repeating: 0, count: 48)
        public var mrOwner = [UInt8](repeating: 0, count: 48)
        public var mrOwnerConfig = [UInt8](repeating: 0, count: 48)
        /// RTMR0–RTMR3, 48 bytes each.
        public var rtmrs = [[UInt8]](repeating: [UInt8](repeating: 0, count: 48), count: 4)
        public var reportData = [UInt8](repeating: 0, count: 64)
        /// TDX 1.5 only.
        public var teeTCBSVN2: [UInt8]?
        /// TDX 1.5 only.
        public var mrServiceTD: [UInt8]?

        public init() {}

        init(_ c: inout AttestationByteCursor, tdx15: Bool) throws(AttestationError) {
            teeTCBSVN = try c.read(16, "body.tee_tcb_svn")
            mrSeam = try c.read(48, "body.mr_seam")
            mrSignerSeam = try c.read(48, "body.mr_signer_seam")
            seamAttributes = try c.read(8, "body.seam_attributes")
            tdAttributes = try c.read(8, "body.td_attributes")
            xfam = try c.read(8, "body.xfam")
            mrTD = try c.read(48, "body.mr_td")
            mrConfigID = try c.read(48, "body.mr_config_id")
            mrOwner = try c.read(48, "body.mr_owner")
            mrOwnerConfig = try c.read(48, "body.mr_owner_config")
            var r = [[UInt8]]()
            for i in 0..<4 { r.append(try c.read(48, "body.rtmr\(i)")) }
            rtmrs = r
            reportData = try c.read(64, "body.report_data")
            if tdx15 {
                teeTCBSVN2 = try c.read(16, "body.tee_tcb_svn_2")
                mrServiceTD = try c.read(48, "body.mr_servicetd")
            }
        }

        var size: Int { teeTCBSVN2 == nil ? Body.size10 : Body.size15 }

        func serialize(into out: inout [UInt8]) {
            for (f, n) in [(teeTCBSVN, 16), (mrSeam, 48), (mrSignerSeam, 48), (seamAttributes, 8), (tdAttributes, 8),
                (xfam, 8), (mrTD, 48), (mrConfigID, 48), (mrOwner, 48), (mrOwnerConfig, 48)]
            {
                AttestationBytes.appendFixed(f, size: n, to: &out)
            }
            for i in 0..<4 { AttestationBytes.appendFixed(i < rtmrs.count ? rtmrs[i] : [], size: 48, to: &out) }
            AttestationBytes.appendFixed(reportData, size: 64, to: &out)
            if let teeTCBSVN2 {
                AttestationBytes.appendFixed(teeTCBSVN2, size: 16, to: &out)
                AttestationBytes.appendFixed(mrServiceTD ?? [], size: 48, to: &out)
            }
        }
    }

    /// An SGX enclave report (384 bytes): here the Quoting Enclave's report, signed by the PCK key.
    /// Reserved areas are kept verbatim (newer SGX versions assign some of them) so the signed bytes round-trip.
    public struct EnclaveReport: Hashable, Sendable {
        public static let size = 384

        public var cpuSVN = [UInt8](repeating: 0, count: 16)
        public var miscSelect: UInt32 = 0
        public var reserved1 = [UInt8](repeating: 0, count: 28)
        public var attributes = [UInt8](repeating: 0, count: 16)
        public var mrEnclave = [UInt8](repeating: 0, count: 32)
        public var reserved2 = [UInt8](repeating: 0, count: 32)
        public var mrSigner = [UInt8](repeating: 0, count: 32)
        public var reserved3 = [UInt8](repeating: 0, count: 96)
        public var isvProdID: UInt16 = 0
        public var isvSVN: UInt16 = 0
        public var reserved4 = [UInt8](repeating: 0, count: 60)
        public var reportData = [UInt8](repeating: 0, count: 64)

        public init() {}

        init(_ c: inout AttestationByteCursor) throws(AttestationError) {
            cpuSVN = try c.read(16, "qe_report.cpu_svn")
            miscSelect = try c.readUInt32("qe_report.misc_select")
            reserved1 = try c.read(28, "qe_report.reserved1")
            attributes = try c.read(16, "qe_report.attributes")
            mrEnclave = try c.read(32, "qe_report.mr_enclave")
            reserved2 = try c.read(32, "qe_report.reserved2")
            mrSigner = try c.read(32, "qe_report.mr_signer")
            reserved3 = try c.read(96, "qe_report.reserved3")
            isvProdID = try c.readUInt16("qe_report.isv_prod_id")
            isvSVN = try c.readUInt16("qe_report.isv_svn")
            reserved4 = try c.read(60, "qe_report.reserved4")
            reportData = try c.read(64, "qe_report.report_data")
        }

        public func serialized() -> [UInt8] {
            var out = [UInt8]()
            out.reserveCapacity(EnclaveReport.size)
            AttestationBytes.appendFixed(cpuSVN, size: 16, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(miscSelect), byteCount: 4, to: &out)
            AttestationBytes.appendFixed(reserved1, size: 28, to: &out)
            AttestationBytes.appendFixed(attributes, size: 16, to: &out)
            AttestationBytes.appendFixed(mrEnclave, size: 32, to: &out)
            AttestationBytes.appendFixed(reserved2, size: 32, to: &out)
            AttestationBytes.appendFixed(mrSigner, size: 32, to: &out)
            AttestationBytes.appendFixed(reserved3, size: 96, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(isvProdID), byteCount: 2, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(isvSVN), byteCount: 2, to: &out)
            AttestationBytes.appendFixed(reserved4, size: 60, to: &out)
            AttestationBytes.appendFixed(reportData, size: 64, to: &out)
            return out
        }
    }
}
