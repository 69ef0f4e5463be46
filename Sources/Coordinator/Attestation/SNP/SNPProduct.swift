// SPDX-License-Identifier: Apache-2.0
// AMD EPYC product lines that sign SEV-SNP reports, and how a report names its line (upstream.md §8.2).

/// An AMD product line with its own ARK/ASK (and ASVK) chain.
public enum SNPProduct: String, Hashable, Sendable, CaseIterable {
    case milan = "Milan"
    case genoa = "Genoa"
    case turin = "Turin"

    /// How TCB versions are laid out on this line.
    public var tcbLayout: SNPTCBVersion.Layout {
        switch self {
        case .milan, .genoa: return .milanGenoa
        case .turin: return .turin
        }
    }

    /// `sevsnp.SevProduct.SevProductName` (MILAN 1, GENOA 2, TURIN 3).
    public var protobufName: UInt64 {
        switch self {
        case .milan: return 1
        case .genoa: return 2
        case .turin: return 3
        }
    }

    public init?(protobufName: UInt64) {
        switch protobufName {
        case 1: self = .milan
        case 2: self = .genoa
        case 3: self = .turin
        default: return nil
        }
    }

    /// Case-insensitive name as used in manifests and KDS URLs (`Milan`, `genoa`, also `Milan-B0`).
    public init?(name: String) {
        let lower = name.lowercased()
        let base = lower.split(separator: "-").first.map(String.init) ?? lower
        guard let p = SNPProduct.allCases.first(where: { $0.rawValue.lowercased() == base }) else { return nil }
        self = p
    }

    /// The line from the CPUID family/model the report carries (ABI v3+ bytes 0x188–0x189).
    /// Family 19h: models 00h–0Fh Milan, 10h–1Fh and A0h–AFh Genoa (Genoa, Bergamo, Siena share Genoa keys).
    /// Family 1Ah: models 00h–1Fh Turin. Anything else is unknown (nil).
    public init?(cpuidFamily family: UInt8, model: UInt8) {
        switch (family, model) {
        case (0x19, 0x00...0x0F): self = .milan
        case (0x19, 0x10...0x1F), (0x19, 0xA0...0xAF): self = .genoa
        case (0x1A, 0x00...0x1F): self = .turin
        default: return nil
        }
    }
}
