// SPDX-License-Identifier: Apache-2.0
// SEV-SNP evidence through /dev/sev-guest: SNP_GET_EXT_REPORT (Linux include/uapi/linux/sev-guest.h) returns the
// report and the host's certificate table (VCEK/ASK/ARK).
// NOT TESTABLE HERE: needs an SEV-SNP guest; the code path is exercised only on real hardware.

#if canImport(Glibc)
import Glibc
#endif

public struct SEVGuestIssuer: AttestationIssuer {
    public let devicePath: String
    /// VMPL to request the report for (Contrast: 0).
    public let vmpl: UInt32

    public init(devicePath: String = "/dev/sev-guest", vmpl: UInt32 = 0) {
        self.devicePath = devicePath
        self.vmpl = vmpl
    }

    public var extensionOID: String { SNPAttestationDocument.extensionOID }
    public var isAvailable: Bool { SystemFiles.exists(devicePath) }

    /// _IOWR('S', 0x2, struct snp_guest_request_ioctl) with sizeof = 32.
    static let snpGetExtReport: UInt = 0xC020_5302
    /// struct snp_guest_request_ioctl: msg_version u8 (+7 pad), req_data u64, resp_data u64, exitinfo2 u64.
    static let requestSize = 32
    /// struct snp_ext_report_req: snp_report_req {user_data[64], vmpl u32, rsvd[28]}, certs_address u64, certs_len u32 (+pad).
    static let extReportRequestSize = 112
    /// struct snp_report_resp: data[4000] = MSG_REPORT_RSP {status u32, report_size u32, reserved[24], report}.
    static let responseSize = 4000
    /// SNP_GUEST_VMM_ERR_INVALID_LEN in the upper half of exitinfo2: the certificate buffer was too small.
    static let vmmErrorInvalidLength: UInt64 = 1

    public func issue(reportData: [UInt8]) throws(IssuerError) -> [UInt8] {
        guard reportData.count == 64 else { throw IssuerError("REPORT_DATA must be 64 bytes, got \(reportData.count)") }
        let fd = open(devicePath, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw IssuerError("cannot open \(devicePath): \(SystemFiles.errorText()); is this an SEV-SNP guest?") }
        defer { close(fd) }
        var certLength = 4 * 4096
        for _ in 0..<3 {
            switch try request(fd, reportData, certLength: certLength) {
            case .done(let report, let table):
                do {
                    let r = try SNPReport(bytes: report)
                    let chain = try SNPCertificateTable.parse(table)
                    let product = r.productFromCPUID.map { SNPAttestationDocument.Product(name: $0.protobufName, machineStepping: 0) }
                    return SNPAttestationDocument(report: r, certificateChain: chain.isEmpty ? nil : chain.documentChain, product: product).protobuf()
                } catch {
                    throw IssuerError("the firmware's report is not usable: \(error)")
                }
            case .needCertificateBuffer(let n):
                certLength = n
            }
        }
        throw IssuerError("SNP_GET_EXT_REPORT kept asking for a larger certificate buffer")
    }

    private enum Outcome {
        case done([UInt8], [UInt8])
        case needCertificateBuffer(Int)
    }

    private func request(_ fd: Int32, _ reportData: [UInt8], certLength: Int) throws(IssuerError) -> Outcome {
        var certs = [UInt8](repeating: 0, count: certLength)
        var response = [UInt8](repeating: 0, count: SEVGuestIssuer.responseSize)
        var req = [UInt8](repeating: 0, count: SEVGuestIssuer.extReportRequestSize)
        var ioctlArg = [UInt8](repeating: 0, count: SEVGuestIssuer.requestSize)
        let rc: Int32 = certs.withUnsafeMutableBytes { certBuf in
            response.withUnsafeMutableBytes { respBuf in
                req.withUnsafeMutableBytes { reqBuf in
                    for i in 0..<64 { reqBuf[i] = reportData[i] }
                    reqBuf.storeBytes(of: vmpl.littleEndian, toByteOffset: 64, as: UInt32.self)
                    reqBuf.storeBytes(of: UInt64(UInt(bitPattern: certBuf.baseAddress)).littleEndian, toByteOffset: 96, as: UInt64.self)
                    reqBuf.storeBytes(of: UInt32(certBuf.count).littleEndian, toByteOffset: 104, as: UInt32.self)
                    return ioctlArg.withUnsafeMutableBytes { arg in
                        arg[0] = 1  // msg_version
                        arg.storeBytes(of: UInt64(UInt(bitPattern: reqBuf.baseAddress)).littleEndian, toByteOffset: 8, as: UInt64.self)
                        arg.storeBytes(of: UInt64(UInt(bitPattern: respBuf.baseAddress)).littleEndian, toByteOffset: 16, as: UInt64.self)
                        guard let p = arg.baseAddress else { return -1 }
                        return ioctl(fd, SEVGuestIssuer.snpGetExtReport, p)
                    }
                }
            }
        }
        let exitInfo2 = ioctlArg.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) }
        if rc < 0 {
            if exitInfo2 >> 32 == SEVGuestIssuer.vmmErrorInvalidLength {
                let needed = req.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 104, as: UInt32.self))) }
                guard needed > certLength, needed <= 1 << 20 else { throw IssuerError("SNP_GET_EXT_REPORT: bad certificate length \(needed)") }
                return .needCertificateBuffer(needed)
            }
            throw IssuerError("SNP_GET_EXT_REPORT failed: \(SystemFiles.errorText()) (firmware error 0x\(String(exitInfo2 & 0xFFFF_FFFF, radix: 16)), VMM error 0x\(String(exitInfo2 >> 32, radix: 16)))")
        }
        let status = response.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) }
        let size = response.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self))) }
        guard status == 0 else { throw IssuerError("the SEV firmware returned status 0x\(String(status, radix: 16)) for MSG_REPORT_REQ") }
        guard size >= SNPReport.size, 32 + SNPReport.size <= response.count else {
            throw IssuerError("MSG_REPORT_RSP report size \(size) is smaller than 1184 bytes")
        }
        return .done(Array(response[32..<(32 + SNPReport.size)]), certs)
    }
}
