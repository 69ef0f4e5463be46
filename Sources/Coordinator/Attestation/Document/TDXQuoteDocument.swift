// SPDX-License-Identifier: Apache-2.0
// The TDX aTLS attestation document: protobuf `tdx.QuoteV4` (go-tdx-guest proto/tdx.proto; upstream.md §7.4–§7.5),
// carried in certificate extension 1.3.9901.2.2.

/// Converts between `TDXQuote` (version 4) and the protobuf `tdx.QuoteV4` message.
public enum TDXQuoteDocument {
    /// aTLS certificate extension OID carrying this document.
    public static let extensionOID = "1.3.9901.2.2"

    /// Encodes a version-4 quote as `tdx.QuoteV4`.
    /// - Throws: `.unsupportedVersion` for version-5 quotes (upstream's message has no place for the v5 body type).
    public static func protobuf(_ q: TDXQuote) throws(AttestationError) -> [UInt8] {
        guard q.header.version == 4, q.bodyType == nil, q.body.teeTCBSVN2 == nil else {
            throw AttestationError(.unsupportedVersion, "tdx.QuoteV4 can only carry version-4 quotes")
        }
        var w = ProtobufWriter()
        var h = ProtobufWriter()
        h.uint(1, UInt64(q.header.version))
        h.uint(2, UInt64(q.header.attestationKeyType))
        h.uint(3, UInt64(q.header.teeType))
        h.bytes(4, [UInt8(truncatingIfNeeded: q.header.qeSVN), UInt8(truncatingIfNeeded: q.header.qeSVN >> 8)])
        h.bytes(5, [UInt8(truncatingIfNeeded: q.header.pceSVN), UInt8(truncatingIfNeeded: q.header.pceSVN >> 8)])
        h.bytes(6, q.header.qeVendorID)
        h.bytes(7, q.header.userData)
        w.message(1, h)

        var b = ProtobufWriter()
        let body = q.body
        for (n, f) in [body.teeTCBSVN, body.mrSeam, body.mrSignerSeam, body.seamAttributes, body.tdAttributes, body.xfam,
            body.mrTD, body.mrConfigID, body.mrOwner, body.mrOwnerConfig].enumerated()
        {
            b.bytes(UInt64(n + 1), f)
        }
        for r in body.rtmrs { b.bytes(11, r) }
        b.bytes(12, body.reportData)
        w.message(2, b)

        w.uint(3, UInt64(q.signedData().count))

        var er = ProtobufWriter()
        let e = q.qeReport
        er.bytes(1, e.cpuSVN)
        er.uint(2, UInt64(e.miscSelect))
        er.bytes(3, e.reserved1)
        er.bytes(4, e.attributes)
        er.bytes(5, e.mrEnclave)
        er.bytes(6, e.reserved2)
        er.bytes(7, e.mrSigner)
        er.bytes(8, e.reserved3)
        er.uint(9, UInt64(e.isvProdID))
        er.uint(10, UInt64(e.isvSVN))
        er.bytes(11, e.reserved4)
        er.bytes(12, e.reportData)

        var auth = ProtobufWriter()
        auth.uint(1, UInt64(q.qeAuthData.count))
        auth.bytes(2, q.qeAuthData)

        var pck = ProtobufWriter()
        pck.uint(1, UInt64(q.pckCertificationDataType))
        pck.uint(2, UInt64(q.pckCertificationData.count))
        pck.bytes(3, q.pckCertificationData)

        var qrcd = ProtobufWriter()
        qrcd.message(1, er)
        qrcd.bytes(2, q.qeReportSignature)
        qrcd.message(3, auth)
        qrcd.message(4, pck)

        var cd = ProtobufWriter()
        cd.uint(1, UInt64(TDXQuote.qeReportCertificationDataType))
        cd.uint(2, UInt64(q.certificationData().count))
        cd.message(3, qrcd)

        var sd = ProtobufWriter()
        sd.bytes(1, q.signature)
        sd.bytes(2, q.attestationKey)
        sd.message(3, cd)
        w.message(4, sd)
        w.bytes(5, q.extraBytes)
        return w.bytes
    }

    /// Decodes `tdx.QuoteV4`, rebuilds the binary quote and parses it again so that every binary-level check applies;
    /// the size fields of the message must agree with the rebuilt structure.
    public static func quote(protobuf bytes: [UInt8]) throws(AttestationError) -> TDXQuote {
        var q = TDXQuote()
        var r = ProtobufReader(bytes, message: "tdx.QuoteV4")
        var signedDataSize: UInt32?
        var sawHeader = false
        var sawBody = false
        var sawSigned = false
        while let f = try r.next() {
            switch f.number {
            case 1: q.header = try decodeHeader(f.message("tdx.Header")); sawHeader = true
            case 2: q.body = try decodeBody(f.message("tdx.TDQuoteBody")); sawBody = true
            case 3: signedDataSize = try f.uint32()
            case 4: try decodeSignedData(f.message("tdx.Ecdsa256BitQuoteV4AuthData"), into: &q); sawSigned = true
            case 5: q.extraBytes = try f.bytes()
            default: continue
            }
        }
        guard sawHeader, sawBody, sawSigned else {
            throw AttestationError(.malformed, "tdx.QuoteV4 needs header (1), td_quote_body (2) and signed_data (4)")
        }
        if let signedDataSize, Int(signedDataSize) != q.signedData().count {
            throw AttestationError(.invalidLength, "tdx.QuoteV4.signed_data_size \(signedDataSize) does not match the signed data (\(q.signedData().count) bytes)")
        }
        var reparsed = try TDXQuote(bytes: q.serialized())
        reparsed.extraBytes = q.extraBytes
        return reparsed
    }

    private static func fixed(_ f: ProtobufField, _ n: Int, _ name: String) throws(AttestationError) -> [UInt8] {
        let b = try f.bytes()
        guard b.count == n else { throw AttestationError(.invalidLength, "\(name) must be \(n) bytes, got \(b.count)") }
        return b
    }

    private static func uint16(_ f: ProtobufField, _ name: String) throws(AttestationError) -> UInt16 {
        let v = try f.uint32()
        guard v <= 0xFFFF else { throw AttestationError(.invalidField, "\(name) \(v) does not fit 16 bits") }
        return UInt16(v)
    }

    private static func decodeHeader(_ reader: ProtobufReader) throws(AttestationError) -> TDXQuote.Header {
        var r = reader
        var h = TDXQuote.Header()
        h.version = 0
        h.attestationKeyType = 0
        h.teeType = 0
        while let f = try r.next() {
            switch f.number {
            case 1: h.version = try uint16(f, "tdx.Header.version")
            case 2: h.attestationKeyType = try uint16(f, "tdx.Header.attestation_key_type")
            case 3: h.teeType = try f.uint32()
            case 4:
                let b = try fixed(f, 2, "tdx.Header.qe_svn")
                h.qeSVN = UInt16(b[0]) | UInt16(b[1]) << 8
            case 5:
                let b = try fixed(f, 2, "tdx.Header.pce_svn")
                h.pceSVN = UInt16(b[0]) | UInt16(b[1]) << 8
            case 6: h.qeVendorID = try fixed(f, 16, "tdx.Header.qe_vendor_id")
            case 7: h.userData = try fixed(f, 20, "tdx.Header.user_data")
            default: continue
            }
        }
        return h
    }

    private static func decodeBody(_ reader: ProtobufReader) throws(AttestationError) -> TDXQuote.Body {
        var r = reader
        var b = TDXQuote.Body()
        var rtmrs: [[UInt8]] = []
        while let f = try r.next() {
            switch f.number {
            case 1: b.teeTCBSVN = try fixed(f, 16, "tdx.TDQuoteBody.tee_tcb_svn")
            case 2: b.mrSeam = try fixed(f, 48, "tdx.TDQuoteBody.mr_seam")
            case 3: b.mrSignerSeam = try fixed(f, 48, "tdx.TDQuoteBody.mr_signer_seam")
            case 4: b.seamAttributes = try fixed(f, 8, "tdx.TDQuoteBody.seam_attributes")
            case 5: b.tdAttributes = try fixed(f, 8, "tdx.TDQuoteBody.td_attributes")
            case 6: b.xfam = try fixed(f, 8, "tdx.TDQuoteBody.xfam")
            case 7: b.mrTD = try fixed(f, 48, "tdx.TDQuoteBody.mr_td")
            case 8: b.mrConfigID = try fixed(f, 48, "tdx.TDQuoteBody.mr_config_id")
            case 9: b.mrOwner = try fixed(f, 48, "tdx.TDQuoteBody.mr_owner")
            case 10: b.mrOwnerConfig = try fixed(f, 48, "tdx.TDQuoteBody.mr_owner_config")
            case 11: rtmrs.append(try fixed(f, 48, "tdx.TDQuoteBody.rtmrs"))
            case 12: b.reportData = try fixed(f, 64, "tdx.TDQuoteBody.report_data")
            default: continue
            }
        }
        guard rtmrs.count == 4 else {
            throw AttestationError(.invalidField, "tdx.TDQuoteBody.rtmrs must hold 4 values, got \(rtmrs.count)")
        }
        b.rtmrs = rtmrs
        return b
    }

    private static func decodeSignedData(_ reader: ProtobufReader, into q: inout TDXQuote) throws(AttestationError) {
        var r = reader
        var sawCert = false
        while let f = try r.next() {
            switch f.number {
            case 1: q.signature = try fixed(f, 64, "tdx.Ecdsa256BitQuoteV4AuthData.signature")
            case 2: q.attestationKey = try fixed(f, 64, "tdx.Ecdsa256BitQuoteV4AuthData.ecdsa_attestation_key")
            case 3:
                sawCert = true
                var cd = try f.message("tdx.CertificationData")
                var type: UInt32 = 0
                var size: UInt32?
                while let g = try cd.next() {
                    switch g.number {
                    case 1: type = try g.uint32()
                    case 2: size = try g.uint32()
                    case 3: try decodeQEReportCertificationData(g.message("tdx.QEReportCertificationData"), into: &q)
                    default: continue
                    }
                }
                guard type == UInt32(TDXQuote.qeReportCertificationDataType) else {
                    throw AttestationError(.invalidField, "tdx.CertificationData type \(type) is not supported (6)")
                }
                if let size, Int(size) != q.certificationData().count {
                    throw AttestationError(.invalidLength, "tdx.CertificationData.size \(size) does not match its content")
                }
            default: continue
            }
        }
        guard sawCert else { throw AttestationError(.malformed, "tdx.Ecdsa256BitQuoteV4AuthData has no certification_data") }
    }

    private static func decodeQEReportCertificationData(_ reader: ProtobufReader, into q: inout TDXQuote) throws(AttestationError) {
        var r = reader
        while let f = try r.next() {
            switch f.number {
            case 1: q.qeReport = try decodeEnclaveReport(f.message("tdx.EnclaveReport"))
            case 2: q.qeReportSignature = try fixed(f, 64, "tdx.QEReportCertificationData.qe_report_signature")
            case 3:
                var a = try f.message("tdx.QeAuthData")
                var declared: UInt32?
                var data: [UInt8] = []
                while let g = try a.next() {
                    switch g.number {
                    case 1: declared = try g.uint32()
                    case 2: data = try g.bytes()
                    default: continue
                    }
                }
                if let declared, Int(declared) != data.count {
                    throw AttestationError(.invalidLength, "tdx.QeAuthData.parsed_data_size \(declared) does not match \(data.count) bytes")
                }
                guard data.count <= 0xFFFF else { throw AttestationError(.invalidLength, "tdx.QeAuthData.data is too long") }
                q.qeAuthData = data
            case 4:
                var p = try f.message("tdx.PCKCertificateChainData")
                var declared: UInt32?
                while let g = try p.next() {
                    switch g.number {
                    case 1: q.pckCertificationDataType = try uint16(g, "tdx.PCKCertificateChainData.certificate_data_type")
                    case 2: declared = try g.uint32()
                    case 3: q.pckCertificationData = try g.bytes()
                    default: continue
                    }
                }
                if let declared, Int(declared) != q.pckCertificationData.count {
                    throw AttestationError(.invalidLength, "tdx.PCKCertificateChainData.size \(declared) does not match its content")
                }
            default: continue
            }
        }
    }

    private static func decodeEnclaveReport(_ reader: ProtobufReader) throws(AttestationError) -> TDXQuote.EnclaveReport {
        var r = reader
        var e = TDXQuote.EnclaveReport()
        while let f = try r.next() {
            switch f.number {
            case 1: e.cpuSVN = try fixed(f, 16, "tdx.EnclaveReport.cpu_svn")
            case 2: e.miscSelect = try f.uint32()
            case 3: e.reserved1 = try fixed(f, 28, "tdx.EnclaveReport.reserved1")
            case 4: e.attributes = try fixed(f, 16, "tdx.EnclaveReport.attributes")
            case 5: e.mrEnclave = try fixed(f, 32, "tdx.EnclaveReport.mr_enclave")
            case 6: e.reserved2 = try fixed(f, 32, "tdx.EnclaveReport.reserved2")
            case 7: e.mrSigner = try fixed(f, 32, "tdx.EnclaveReport.mr_signer")
            case 8: e.reserved3 = try fixed(f, 96, "tdx.EnclaveReport.reserved3")
            case 9: e.isvProdID = try uint16(f, "tdx.EnclaveReport.isv_prod_id")
            case 10: e.isvSVN = try uint16(f, "tdx.EnclaveReport.isv_svn")
            case 11: e.reserved4 = try fixed(f, 60, "tdx.EnclaveReport.reserved4")
            case 12: e.reportData = try fixed(f, 64, "tdx.EnclaveReport.report_data")
            default: continue
            }
        }
        return e
    }
}
