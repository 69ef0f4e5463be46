// SPDX-License-Identifier: Apache-2.0
// The SEV-SNP aTLS attestation document: protobuf `sevsnp.Attestation` (go-sev-guest proto/sevsnp.proto;
// upstream.md §7.4–§7.5), carried in certificate extension 1.3.9901.2.1.

/// `sevsnp.Attestation { Report report = 1; CertificateChain certificate_chain = 2; SevProduct product = 3; }`.
public struct SNPAttestationDocument: Hashable, Sendable {
    /// aTLS certificate extension OID carrying this document.
    public static let extensionOID = "1.3.9901.2.1"
    /// Key under which upstream puts the ARK-signed CRL (DER) in `CertificateChain.extras`.
    public static let crlExtrasKey = "00569ee4-e480-4fba-bbf4-45b629901180"

    /// `sevsnp.CertificateChain`: DER certificates.
    public struct CertificateChain: Hashable, Sendable {
        public var vcek: [UInt8] = []
        public var ask: [UInt8] = []
        public var ark: [UInt8] = []
        /// Deprecated field 4.
        public var firmware: [UInt8] = []
        public var vlek: [UInt8] = []
        public var extras: [String: [UInt8]] = [:]
        public init() {}

        /// The CRL carried in `extras`, if any.
        public var crl: [UInt8]? { extras[SNPAttestationDocument.crlExtrasKey] }
    }

    /// `sevsnp.SevProduct`.
    public struct Product: Hashable, Sendable {
        /// Enum value: 0 UNKNOWN, 1 MILAN, 2 GENOA, 3 TURIN.
        public var name: UInt64 = 0
        /// Deprecated field 2.
        public var stepping: UInt32 = 0
        /// `google.protobuf.UInt32Value machine_stepping = 3` (nil when absent).
        public var machineStepping: UInt32?
        public init(name: UInt64 = 0, stepping: UInt32 = 0, machineStepping: UInt32? = nil) {
            self.name = name
            self.stepping = stepping
            self.machineStepping = machineStepping
        }

        /// The product line, or nil for UNKNOWN and undefined values.
        public var productLine: SNPProduct? { SNPProduct(protobufName: name) }
    }

    public var report: SNPReport
    public var certificateChain: CertificateChain?
    public var product: Product?

    public init(report: SNPReport, certificateChain: CertificateChain? = nil, product: Product? = nil) {
        self.report = report
        self.certificateChain = certificateChain
        self.product = product
    }

    /// The product line: from the report's CPUID fields (ABI v3+), else from `product` (go-sev-guest
    /// `verify.fillInAttestation` order, upstream.md §8.2).
    public var productLine: SNPProduct? { report.productFromCPUID ?? product?.productLine }

    /// Decodes the protobuf encoding. The report is rebuilt in its binary form and parsed again, so every check of
    /// `SNPReport(bytes:)` (reserved bits, algorithm, version) applies.
    public init(protobuf bytes: [UInt8]) throws(AttestationError) {
        var r = ProtobufReader(bytes, message: "sevsnp.Attestation")
        var report: SNPReport?
        while let f = try r.next() {
            switch f.number {
            case 1: report = try SNPAttestationDocument.decodeReport(f.message("sevsnp.Report"))
            case 2: certificateChain = try SNPAttestationDocument.decodeChain(f.message("sevsnp.CertificateChain"))
            case 3: product = try SNPAttestationDocument.decodeProduct(f.message("sevsnp.SevProduct"))
            default: continue
            }
        }
        guard let report else { throw AttestationError(.malformed, "sevsnp.Attestation has no report (field 1)") }
        self.report = report
    }

    /// The protobuf encoding (fields in number order, as Go's `proto.Marshal` writes them; map keys sorted).
    public func protobuf() -> [UInt8] {
        var w = ProtobufWriter()
        w.message(1, SNPAttestationDocument.encodeReport(report))
        if let c = certificateChain {
            var m = ProtobufWriter()
            m.bytes(1, c.vcek)
            m.bytes(2, c.ask)
            m.bytes(3, c.ark)
            m.bytes(4, c.firmware)
            m.bytes(6, c.vlek)
            for key in c.extras.keys.sorted() {
                var entry = ProtobufWriter()
                entry.bytes(1, Array(key.utf8))
                entry.bytes(2, c.extras[key] ?? [])
                m.message(7, entry)
            }
            w.message(2, m)
        }
        if let p = product {
            var m = ProtobufWriter()
            m.uint(1, p.name)
            m.uint(2, UInt64(p.stepping))
            if let ms = p.machineStepping {
                var wrapper = ProtobufWriter()
                wrapper.uint(1, UInt64(ms))
                m.message(3, wrapper)
            }
            w.message(3, m)
        }
        return w.bytes
    }

    static func encodeReport(_ r: SNPReport) -> ProtobufWriter {
        var m = ProtobufWriter()
        m.uint(1, UInt64(r.version))
        m.uint(2, UInt64(r.guestSVN))
        m.uint(3, r.policy.rawValue)
        m.bytes(4, r.familyID)
        m.bytes(5, r.imageID)
        m.uint(6, UInt64(r.vmpl))
        m.uint(7, UInt64(r.signatureAlgorithm))
        m.uint(8, r.currentTCB.rawValue)
        m.uint(9, r.platformInfo.rawValue)
        m.uint(10, UInt64(r.signerInfo.rawValue))
        m.bytes(11, r.reportData)
        m.bytes(12, r.measurement)
        m.bytes(13, r.hostData)
        m.bytes(14, r.idKeyDigest)
        m.bytes(15, r.authorKeyDigest)
        m.bytes(16, r.reportID)
        m.bytes(17, r.reportIDMA)
        m.uint(18, r.reportedTCB.rawValue)
        m.bytes(19, r.chipID)
        m.uint(20, r.committedTCB.rawValue)
        m.uint(21, UInt64(r.currentBuild))
        m.uint(22, UInt64(r.currentMinor))
        m.uint(23, UInt64(r.currentMajor))
        m.uint(24, UInt64(r.committedBuild))
        m.uint(25, UInt64(r.committedMinor))
        m.uint(26, UInt64(r.committedMajor))
        m.uint(27, r.launchTCB.rawValue)
        m.bytes(28, r.signature)
        m.uint(29, UInt64(r.cpuid1EAX))
        if r.version >= 5 {
            m.uint(30, r.launchMitigationVector)
            m.uint(31, r.currentMitigationVector)
        }
        return m
    }

    static func decodeReport(_ reader: ProtobufReader) throws(AttestationError) -> SNPReport {
        var r = reader
        var rep = SNPReport()
        rep.version = 0
        rep.signatureAlgorithm = 0
        rep.policy = SNPReport.GuestPolicy(rawValue: 0)
        var signerInfo: UInt32 = 0
        var eax: UInt32 = 0
        func fixed(_ f: ProtobufField, _ n: Int, _ name: String) throws(AttestationError) -> [UInt8] {
            let b = try f.bytes()
            guard b.count == n else {
                throw AttestationError(.invalidLength, "sevsnp.Report.\(name) must be \(n) bytes, got \(b.count)")
            }
            return b
        }
        func byte(_ f: ProtobufField, _ name: String) throws(AttestationError) -> UInt8 {
            let v = try f.uint32()
            guard v <= 0xFF else { throw AttestationError(.invalidField, "sevsnp.Report.\(name) \(v) does not fit a byte") }
            return UInt8(v)
        }
        while let f = try r.next() {
            switch f.number {
            case 1: rep.version = try f.uint32()
            case 2: rep.guestSVN = try f.uint32()
            case 3: rep.policy = SNPReport.GuestPolicy(rawValue: try f.uint64())
            case 4: rep.familyID = try fixed(f, 16, "family_id")
            case 5: rep.imageID = try fixed(f, 16, "image_id")
            case 6: rep.vmpl = try f.uint32()
            case 7: rep.signatureAlgorithm = try f.uint32()
            case 8: rep.currentTCB = SNPTCBVersion(rawValue: try f.uint64())
            case 9: rep.platformInfo = SNPReport.PlatformInfo(rawValue: try f.uint64())
            case 10: signerInfo = try f.uint32()
            case 11: rep.reportData = try fixed(f, 64, "report_data")
            case 12: rep.measurement = try fixed(f, 48, "measurement")
            case 13: rep.hostData = try fixed(f, 32, "host_data")
            case 14: rep.idKeyDigest = try fixed(f, 48, "id_key_digest")
            case 15: rep.authorKeyDigest = try fixed(f, 48, "author_key_digest")
            case 16: rep.reportID = try fixed(f, 32, "report_id")
            case 17: rep.reportIDMA = try fixed(f, 32, "report_id_ma")
            case 18: rep.reportedTCB = SNPTCBVersion(rawValue: try f.uint64())
            case 19: rep.chipID = try fixed(f, 64, "chip_id")
            case 20: rep.committedTCB = SNPTCBVersion(rawValue: try f.uint64())
            case 21: rep.currentBuild = try byte(f, "current_build")
            case 22: rep.currentMinor = try byte(f, "current_minor")
            case 23: rep.currentMajor = try byte(f, "current_major")
            case 24: rep.committedBuild = try byte(f, "committed_build")
            case 25: rep.committedMinor = try byte(f, "committed_minor")
            case 26: rep.committedMajor = try byte(f, "committed_major")
            case 27: rep.launchTCB = SNPTCBVersion(rawValue: try f.uint64())
            case 28: rep.signature = try fixed(f, 0x200, "signature")
            case 29: eax = try f.uint32()
            case 30: rep.launchMitigationVector = try f.uint64()
            case 31: rep.currentMitigationVector = try f.uint64()
            default: continue
            }
        }
        rep.signerInfo = try SNPReport.SignerInfo(rawValue: signerInfo)
        if rep.version >= 3 { rep.setCPUID1EAX(eax) }
        if rep.version < 5, rep.launchMitigationVector != 0 || rep.currentMitigationVector != 0 {
            throw AttestationError(.invalidField, "sevsnp.Report: mitigation vectors are only defined from report version 5")
        }
        // Round trip through the binary form so that every binary-level check applies.
        return try SNPReport(bytes: rep.serialized())
    }

    static func decodeChain(_ reader: ProtobufReader) throws(AttestationError) -> CertificateChain {
        var r = reader
        var c = CertificateChain()
        while let f = try r.next() {
            switch f.number {
            case 1: c.vcek = try f.bytes()
            case 2: c.ask = try f.bytes()
            case 3: c.ark = try f.bytes()
            case 4: c.firmware = try f.bytes()
            case 6: c.vlek = try f.bytes()
            case 7:
                var e = try f.message("sevsnp.CertificateChain.ExtrasEntry")
                var key = ""
                var value: [UInt8] = []
                while let g = try e.next() {
                    switch g.number {
                    case 1: key = try g.string()
                    case 2: value = try g.bytes()
                    default: continue
                    }
                }
                c.extras[key] = value
            default: continue
            }
        }
        return c
    }

    static func decodeProduct(_ reader: ProtobufReader) throws(AttestationError) -> Product {
        var r = reader
        var p = Product()
        while let f = try r.next() {
            switch f.number {
            case 1: p.name = try f.uint64()
            case 2: p.stepping = try f.uint32()
            case 3:
                var w = try f.message("google.protobuf.UInt32Value")
                var v: UInt32 = 0
                while let g = try w.next() {
                    if g.number == 1 { v = try g.uint32() }
                }
                p.machineStepping = v
            default: continue
            }
        }
        return p
    }
}
