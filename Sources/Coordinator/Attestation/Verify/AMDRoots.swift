// SPDX-License-Identifier: Apache-2.0
// The AMD Root Keys (ARK) trusted for SEV-SNP, pinned by the SHA-256 of their SubjectPublicKeyInfo (upstream.md §8.2).
// The certificates themselves arrive in the attestation document or a local collateral cache.

/// Which ARKs a verifier trusts, per product line.
public struct AMDRootPins: Hashable, Sendable {
    /// ARK-Milan (2020-10-22 .. 2045-10-22).
    public static let milanARK: [UInt8] = [
        0x9f, 0x05, 0x6b, 0xee, 0x44, 0x37, 0x7e, 0x29, 0x30, 0x8c, 0xb5, 0xff, 0xa8, 0x95, 0xbd, 0xfb,
        0x62, 0xd1, 0x88, 0x81, 0xfa, 0x6b, 0xed, 0x8d, 0x6f, 0x07, 0x5b, 0x02, 0x04, 0x08, 0x9c, 0xb9,
    ]
    /// ARK-Genoa (2022-01-26 .. 2047-01-26).
    public static let genoaARK: [UInt8] = [
        0x42, 0x9a, 0x69, 0xc9, 0x42, 0x2a, 0xa2, 0x58, 0xee, 0x4d, 0x8d, 0xb5, 0xfc, 0xda, 0x9c, 0x64,
        0x70, 0xef, 0x15, 0xf8, 0xcd, 0x5a, 0x9c, 0xeb, 0xd6, 0xcb, 0xc7, 0xd9, 0x0b, 0x86, 0x38, 0x31,
    ]
    /// ARK-Turin (2023-05-15 .. 2048-05-15).
    public static let turinARK: [UInt8] = [
        0x4f, 0x12, 0x54, 0x10, 0x56, 0x3a, 0x2a, 0xb9, 0xa5, 0x03, 0x56, 0xf9, 0x24, 0x3f, 0x6f, 0xe0,
        0xb6, 0xf7, 0x3d, 0xe9, 0x86, 0x03, 0xf5, 0x3f, 0x90, 0x33, 0x9c, 0x70, 0xe9, 0xd7, 0xad, 0x08,
    ]

    /// SPKI SHA-256 pins per product line.
    public var pins: [SNPProduct: [[UInt8]]]

    /// AMD's real roots only.
    public static let amd = AMDRootPins(pins: [.milan: [milanARK], .genoa: [genoaARK], .turin: [turinARK]])

    public init(pins: [SNPProduct: [[UInt8]]]) { self.pins = pins }

    /// Adds a root (e.g. the simulated issuer's ARK). Only ever called from explicit configuration (DESIGN.md §5).
    public mutating func trust(spkiSHA256: [UInt8], for product: SNPProduct) {
        pins[product, default: []].append(spkiSHA256)
    }

    public func isTrusted(spkiSHA256: [UInt8], for product: SNPProduct) -> Bool {
        pins[product]?.contains(spkiSHA256) ?? false
    }
}
