// SPDX-License-Identifier: Apache-2.0
// The SEV-SNP extended-report certificate table (GHCB spec, "SNP Extended Guest Request": GUID-keyed entries
// {guid[16], offset u32, length u32}, terminated by an all-zero entry).

/// Certificates delivered with an extended report (or in configfs-tsm's auxblob).
public struct SNPCertificateTable: Hashable, Sendable {
    public static let vcekGUID = "63da758d-e664-4564-adc5-f4b93be8accd"
    public static let askGUID = "4ab7b379-bbac-4fe4-a02f-05aef327c782"
    public static let arkGUID = "c0b406a4-a803-4952-9743-3fb6014cd0ae"
    public static let vlekGUID = "a8074bc2-a25a-483e-aae6-39c045a0b8a1"

    /// Entries by lower-case GUID string.
    public var entries: [String: [UInt8]] = [:]

    public var isEmpty: Bool { entries.isEmpty }

    /// The entries as an attestation-document chain; unknown GUIDs go to `extras`.
    public var documentChain: SNPAttestationDocument.CertificateChain {
        var c = SNPAttestationDocument.CertificateChain()
        for (guid, der) in entries {
            switch guid {
            case SNPCertificateTable.vcekGUID: c.vcek = der
            case SNPCertificateTable.askGUID: c.ask = der
            case SNPCertificateTable.arkGUID: c.ark = der
            case SNPCertificateTable.vlekGUID: c.vlek = der
            default: c.extras[guid] = der
            }
        }
        return c
    }

    /// Parses a table; an empty buffer is an empty table.
    public static func parse(_ bytes: [UInt8]) throws(AttestationError) -> SNPCertificateTable {
        var t = SNPCertificateTable()
        var c = AttestationByteCursor(bytes)
        while c.remaining > 0 {
            let guid = try c.read(16, "certificate table GUID")
            let offset = Int(try c.readUInt32("certificate table offset"))
            let length = Int(try c.readUInt32("certificate table length"))
            if guid.allSatisfy({ $0 == 0 }) && offset == 0 && length == 0 { break }
            guard offset <= bytes.count, length <= bytes.count - offset else {
                throw AttestationError(.truncated, "certificate table entry \(guidString(guid)) points outside the table (\(offset)+\(length) > \(bytes.count))")
            }
            t.entries[guidString(guid)] = Array(bytes[offset..<(offset + length)])
        }
        return t
    }

    /// The mixed-endian GUID text form (first three groups little-endian).
    static func guidString(_ g: [UInt8]) -> String {
        let order = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15]
        var s = ""
        for i in order {
            if i < 0 { s += "-" } else { s += AttestationBytes.hex([g[i]]) }
        }
        return s
    }
}
