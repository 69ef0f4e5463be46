// SPDX-License-Identifier: Apache-2.0
// The SEV-SNP TCB_VERSION word and its product-specific layouts (SEV-SNP ABI spec, TCB_VERSION; upstream.md §8.1).

/// A 64-bit TCB version as it appears in reports (CURRENT_TCB, REPORTED_TCB, COMMITTED_TCB, LAUNCH_TCB) and,
/// split into SPL extensions, in VCEK certificates.
///
/// The byte layout depends on the product line:
/// - Milan and Genoa: byte 0 boot loader, byte 1 TEE, bytes 2–5 reserved, byte 6 SNP, byte 7 microcode.
/// - Turin: byte 0 FMC, byte 1 boot loader, byte 2 TEE, byte 3 SNP, bytes 4–6 reserved, byte 7 microcode.
public struct SNPTCBVersion: Hashable, Sendable, CustomStringConvertible {
    /// The little-endian u64 exactly as read from the report.
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// How the eight bytes are assigned to components.
    public enum Layout: Hashable, Sendable {
        /// Milan and Genoa.
        case milanGenoa
        /// Turin and later: adds the FMC security patch level.
        case turin
    }

    /// Security patch levels of each firmware component.
    public struct Components: Hashable, Sendable {
        /// FMC SPL (Turin only; nil on Milan/Genoa).
        public var fmc: UInt8?
        public var bootloader: UInt8
        public var tee: UInt8
        public var snp: UInt8
        public var microcode: UInt8

        public init(fmc: UInt8? = nil, bootloader: UInt8, tee: UInt8, snp: UInt8, microcode: UInt8) {
            self.fmc = fmc
            self.bootloader = bootloader
            self.tee = tee
            self.snp = snp
            self.microcode = microcode
        }

        /// `bl=2 tee=0 snp=5 ucode=68` (with `fmc=` first on Turin).
        public var summary: String {
            let base = "bl=\(bootloader) tee=\(tee) snp=\(snp) ucode=\(microcode)"
            guard let fmc else { return base }
            return "fmc=\(fmc) " + base
        }

        /// The components that are below `minimum`, named as upstream's JSON names them
        /// (`BootloaderVersion`, `TEEVersion`, `SNPVersion`, `MicrocodeVersion`, `FMCVersion`).
        /// A nil entry in `minimum` is not checked.
        public func shortfalls(against minimum: Minimum) -> [(name: String, have: UInt8, need: UInt8)] {
            var out: [(String, UInt8, UInt8)] = []
            if let need = minimum.bootloader, bootloader < need { out.append(("BootloaderVersion", bootloader, need)) }
            if let need = minimum.tee, tee < need { out.append(("TEEVersion", tee, need)) }
            if let need = minimum.snp, snp < need { out.append(("SNPVersion", snp, need)) }
            if let need = minimum.microcode, microcode < need { out.append(("MicrocodeVersion", microcode, need)) }
            if let need = minimum.fmc, let have = fmc, have < need { out.append(("FMCVersion", have, need)) }
            return out
        }

        /// True when every component is ≤ the same component of `other` (go-sev-guest `TCBPartsLE`).
        public func isLessThanOrEqual(to other: Components) -> Bool {
            bootloader <= other.bootloader && tee <= other.tee && snp <= other.snp && microcode <= other.microcode
                && (fmc ?? 0) <= (other.fmc ?? 0)
        }
    }

    /// A component-wise minimum; nil components are not constrained.
    public struct Minimum: Hashable, Sendable {
        public var fmc: UInt8?
        public var bootloader: UInt8?
        public var tee: UInt8?
        public var snp: UInt8?
        public var microcode: UInt8?

        public init(fmc: UInt8? = nil, bootloader: UInt8? = nil, tee: UInt8? = nil, snp: UInt8? = nil, microcode: UInt8? = nil) {
            self.fmc = fmc
            self.bootloader = bootloader
            self.tee = tee
            self.snp = snp
            self.microcode = microcode
        }
    }

    /// Builds the word from components in `layout`.
    public init(_ c: Components, layout: Layout) {
        var v: UInt64
        switch layout {
        case .milanGenoa:
            v = UInt64(c.bootloader) | UInt64(c.tee) << 8 | UInt64(c.snp) << 48
        case .turin:
            v = UInt64(c.fmc ?? 0) | UInt64(c.bootloader) << 8 | UInt64(c.tee) << 16 | UInt64(c.snp) << 24
        }
        v |= UInt64(c.microcode) << 56
        self.rawValue = v
    }

    private func byte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt64(i))) }

    /// Splits the word according to `layout`.
    public func components(_ layout: Layout) -> Components {
        switch layout {
        case .milanGenoa:
            return Components(bootloader: byte(0), tee: byte(1), snp: byte(6), microcode: byte(7))
        case .turin:
            return Components(fmc: byte(0), bootloader: byte(1), tee: byte(2), snp: byte(3), microcode: byte(7))
        }
    }

    /// Hex of the eight bytes in report order (`0200000000000544`).
    public var description: String {
        AttestationBytes.hex((0..<8).map { byte($0) })
    }
}
