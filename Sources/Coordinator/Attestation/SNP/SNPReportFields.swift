// SPDX-License-Identifier: Apache-2.0
// Bit fields of the SEV-SNP report: guest policy, platform info, signer info (SEV-SNP ABI spec; upstream.md §8.1).

extension SNPReport {
    /// GUEST_POLICY (report offset 0x08). Bits 0–7 ABI minor, 8–15 ABI major, 16 SMT, 17 reserved (must be 1),
    /// 18 MIGRATE_MA, 19 DEBUG, 20 SINGLE_SOCKET, 21 CXL_ALLOW, 22 MEM_AES_256_XTS, 23 RAPL_DIS,
    /// 24 CIPHERTEXT_HIDING (DRAM), 25 PAGE_SWAP_DISABLE, 26–63 reserved (must be 0).
    public struct GuestPolicy: Hashable, Sendable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }

        /// Bit 17 must be one.
        public static let reservedOneBit: UInt64 = 1 << 17
        /// Bits 26–63 must be zero.
        public static let reservedZeroMask: UInt64 = ~((1 << 26) - 1)

        public var abiMinor: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
        public var abiMajor: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 8) }
        public var smt: Bool { bit(16) }
        public var migrateMA: Bool { bit(18) }
        public var debug: Bool { bit(19) }
        public var singleSocket: Bool { bit(20) }
        public var cxlAllowed: Bool { bit(21) }
        public var memAES256XTS: Bool { bit(22) }
        public var raplDisabled: Bool { bit(23) }
        public var cipherTextHidingDRAM: Bool { bit(24) }
        public var pageSwapDisable: Bool { bit(25) }

        private func bit(_ n: UInt64) -> Bool { rawValue >> n & 1 == 1 }

        /// Builds a policy; the reserved-one bit is always set.
        public init(
            abiMajor: UInt8 = 0, abiMinor: UInt8 = 0, smt: Bool = false, migrateMA: Bool = false, debug: Bool = false,
            singleSocket: Bool = false, cxlAllowed: Bool = false, memAES256XTS: Bool = false, raplDisabled: Bool = false,
            cipherTextHidingDRAM: Bool = false, pageSwapDisable: Bool = false
        ) {
            func b(_ on: Bool, _ n: UInt64) -> UInt64 { on ? 1 << n : 0 }
            rawValue = UInt64(abiMinor) | UInt64(abiMajor) << 8 | b(smt, 16) | GuestPolicy.reservedOneBit
                | b(migrateMA, 18) | b(debug, 19) | b(singleSocket, 20) | b(cxlAllowed, 21) | b(memAES256XTS, 22)
                | b(raplDisabled, 23) | b(cipherTextHidingDRAM, 24) | b(pageSwapDisable, 25)
        }

        /// Throws if a reserved bit has the wrong value.
        func checkReserved() throws(AttestationError) {
            guard rawValue & GuestPolicy.reservedOneBit != 0 else {
                throw AttestationError(.reservedValue, "guest policy 0x\(String(rawValue, radix: 16)): reserved bit 17 must be 1")
            }
            guard rawValue & GuestPolicy.reservedZeroMask == 0 else {
                throw AttestationError(.reservedValue, "guest policy 0x\(String(rawValue, radix: 16)): reserved bits 26-63 must be 0")
            }
        }
    }

    /// PLATFORM_INFO (report offset 0x40): bit 0 SMT_EN, 1 TSME_EN, 2 ECC_EN, 3 RAPL_DIS,
    /// 4 CIPHERTEXT_HIDING_DRAM_EN, 5 ALIAS_CHECK_COMPLETE, 7 TIO_EN. Other bits are reserved by the ABI but
    /// are not rejected here: newer firmware defines them, and validation reports unknown enabled features.
    public struct PlatformInfo: Hashable, Sendable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }

        public var smtEnabled: Bool { bit(0) }
        public var tsmeEnabled: Bool { bit(1) }
        public var eccEnabled: Bool { bit(2) }
        public var raplDisabled: Bool { bit(3) }
        public var ciphertextHidingDRAMEnabled: Bool { bit(4) }
        public var aliasCheckComplete: Bool { bit(5) }
        public var tioEnabled: Bool { bit(7) }

        private func bit(_ n: UInt64) -> Bool { rawValue >> n & 1 == 1 }

        /// Builds the word from named features.
        public init(
            smtEnabled: Bool = false, tsmeEnabled: Bool = false, eccEnabled: Bool = false, raplDisabled: Bool = false,
            ciphertextHidingDRAMEnabled: Bool = false, aliasCheckComplete: Bool = false, tioEnabled: Bool = false
        ) {
            func b(_ on: Bool, _ n: UInt64) -> UInt64 { on ? 1 << n : 0 }
            rawValue = b(smtEnabled, 0) | b(tsmeEnabled, 1) | b(eccEnabled, 2) | b(raplDisabled, 3)
                | b(ciphertextHidingDRAMEnabled, 4) | b(aliasCheckComplete, 5) | b(tioEnabled, 7)
        }
    }

    /// Which key signed the report (SIGNER_INFO bits 2–4).
    public enum SigningKey: UInt32, Hashable, Sendable {
        /// Versioned Chip Endorsement Key.
        case vcek = 0
        /// Versioned Loaded Endorsement Key (cloud-provider key, no chip ID).
        case vlek = 1
        /// The report is unsigned.
        case none = 7
    }

    /// SIGNER_INFO (report offset 0x48): bit 0 AUTHOR_KEY_EN, bit 1 MASK_CHIP_KEY, bits 2–4 SIGNING_KEY,
    /// bits 5–31 reserved (must be 0). Values 2–6 of SIGNING_KEY are reserved and rejected.
    public struct SignerInfo: Hashable, Sendable {
        public var authorKeyEnabled: Bool
        public var maskChipKey: Bool
        public var signingKey: SigningKey

        public init(authorKeyEnabled: Bool = false, maskChipKey: Bool = false, signingKey: SigningKey = .vcek) {
            self.authorKeyEnabled = authorKeyEnabled
            self.maskChipKey = maskChipKey
            self.signingKey = signingKey
        }

        public init(rawValue: UInt32) throws(AttestationError) {
            guard rawValue >> 5 == 0 else {
                throw AttestationError(.reservedValue, "signer info 0x\(String(rawValue, radix: 16)): reserved bits 5-31 must be 0")
            }
            guard let key = SigningKey(rawValue: rawValue >> 2 & 7) else {
                throw AttestationError(.invalidField, "signer info: signing key \(rawValue >> 2 & 7) is reserved (0 VCEK, 1 VLEK, 7 none)")
            }
            authorKeyEnabled = rawValue & 1 == 1
            maskChipKey = rawValue >> 1 & 1 == 1
            signingKey = key
        }

        public var rawValue: UInt32 {
            (authorKeyEnabled ? 1 : 0) | (maskChipKey ? 2 : 0) | signingKey.rawValue << 2
        }
    }
}
