// SPDX-License-Identifier: Apache-2.0
// Evidence through the Linux configfs-tsm report interface (Documentation/ABI/testing/configfs-tsm):
// /sys/kernel/config/tsm/report/<entry>/{inblob, privlevel, outblob, auxblob, provider, generation}.
// NOT TESTABLE HERE: needs a TDX or SEV-SNP guest kernel; the code path is exercised only on real hardware.

import ContrastCrypto

#if canImport(Glibc)
import Glibc
#endif

/// Requests a TDX quote or an SNP report from the kernel's TSM report interface.
public struct ConfigFSTSMIssuer: AttestationIssuer {
    public enum Platform: Sendable { case tdx, snp }

    public let platform: Platform
    /// `/sys/kernel/config/tsm/report` by default.
    public let root: String

    public init(platform: Platform, root: String = "/sys/kernel/config/tsm/report") {
        self.platform = platform
        self.root = root
    }

    public var extensionOID: String {
        platform == .tdx ? TDXQuoteDocument.extensionOID : SNPAttestationDocument.extensionOID
    }

    /// True when the interface exists (a guest kernel with configfs-tsm mounted).
    public var isAvailable: Bool { SystemFiles.exists(root) }

    public func issue(reportData: [UInt8]) throws(IssuerError) -> [UInt8] {
        guard reportData.count == 64 else { throw IssuerError("REPORT_DATA must be 64 bytes, got \(reportData.count)") }
        let (outblob, auxblob) = try request(reportData)
        switch platform {
        case .tdx:
            do {
                return try TDXQuoteDocument.protobuf(try TDXQuote(bytes: outblob))
            } catch {
                throw IssuerError("the TDX quote from configfs-tsm is not usable: \(error)")
            }
        case .snp:
            do {
                let report = try SNPReport(bytes: Array(outblob.prefix(SNPReport.size)))
                let chain = try SNPCertificateTable.parse(auxblob)
                let product = report.productFromCPUID.map { SNPAttestationDocument.Product(name: $0.protobufName, machineStepping: 0) }
                return SNPAttestationDocument(report: report, certificateChain: chain.isEmpty ? nil : chain.documentChain, product: product).protobuf()
            } catch {
                throw IssuerError("the SNP report from configfs-tsm is not usable: \(error)")
            }
        }
    }

    /// Creates an entry, writes inblob (and privlevel 0 for SNP), reads outblob/auxblob, checks that the generation
    /// did not change underneath (another writer), and removes the entry.
    private func request(_ reportData: [UInt8]) throws(IssuerError) -> ([UInt8], [UInt8]) {
        var rng = SystemRandom()
        guard let suffix = try? rng.bytes(count: 8) else { throw IssuerError("the system random source failed") }
        let entry = "\(root)/contrast-\(AttestationBytes.hex(suffix))"
        guard mkdir(entry, 0o700) == 0 else { throw IssuerError("cannot create \(entry): \(SystemFiles.errorText())") }
        defer { rmdir(entry) }
        if platform == .snp, SystemFiles.exists(entry + "/privlevel") {
            try SystemFiles.write(entry + "/privlevel", Array("0".utf8))
        }
        try SystemFiles.write(entry + "/inblob", reportData)
        let before = try SystemFiles.read(entry + "/generation")
        let out = try SystemFiles.read(entry + "/outblob")
        let aux = SystemFiles.exists(entry + "/auxblob") ? ((try? SystemFiles.read(entry + "/auxblob")) ?? []) : []
        let after = try SystemFiles.read(entry + "/generation")
        guard before == after else { throw IssuerError("configfs-tsm entry \(entry) was modified concurrently; retry") }
        let provider = String(decoding: (try? SystemFiles.read(entry + "/provider")) ?? [], as: UTF8.self)
        let expected = platform == .tdx ? "tdx_guest" : "sev_guest"
        guard provider.hasPrefix(expected) else {
            throw IssuerError("configfs-tsm provider is '\(provider.filter { $0 != "\n" })', expected \(expected)")
        }
        return (out, aux)
    }
}
