// SPDX-License-Identifier: Apache-2.0
// AMD VCEK/VLEK extensions 1.3.6.1.4.1.3704.1.* (AMD VCEK spec §3; upstream.md §8.2): product, TCB SPLs, hwID.

/// The decoded AMD KDS extensions of a VCEK or VLEK certificate.
public struct AMDVCEKExtensions: Hashable, Sendable {
    public var structVersion: Int?
    /// `Milan`, `Genoa`, `Turin` (maybe with a stepping suffix such as `Milan-B0`).
    public var productName: String?
    public var blSPL: Int?
    public var teeSPL: Int?
    public var snpSPL: Int?
    public var spl4: Int?
    public var spl5: Int?
    public var spl6: Int?
    public var spl7: Int?
    public var ucodeSPL: Int?
    /// Turin only.
    public var fmcSPL: Int?
    /// Chip ID: 64 bytes (Milan/Genoa) or 8 bytes (Turin). VLEKs have none.
    public var hwid: [UInt8]?
    /// Cloud service provider of a VLEK.
    public var cspID: String?

    /// Decodes every AMD extension present; returns nil when the certificate has none.
    /// - Throws: `ASN1Error` when an AMD extension value is malformed.
    public init?(_ extensions: Extensions) throws(ASN1Error) {
        var any = false
        func int(_ oid: ASN1ObjectIdentifier) throws(ASN1Error) -> Int? {
            guard let e = extensions[oid: oid] else { return nil }
            any = true
            return try Int(derEncoded: try e.valueNode())
        }
        func text(_ oid: ASN1ObjectIdentifier) throws(ASN1Error) -> String? {
            guard let e = extensions[oid: oid] else { return nil }
            any = true
            return try ASN1String(derEncoded: try e.valueNode()).description
        }
        structVersion = try int(.AMD.structVersion)
        productName = try text(.AMD.productName)
        blSPL = try int(.AMD.blSPL)
        teeSPL = try int(.AMD.teeSPL)
        snpSPL = try int(.AMD.snpSPL)
        spl4 = try int(.AMD.spl4)
        spl5 = try int(.AMD.spl5)
        spl6 = try int(.AMD.spl6)
        spl7 = try int(.AMD.spl7)
        ucodeSPL = try int(.AMD.ucodeSPL)
        fmcSPL = try int(.AMD.fmcSPL)
        cspID = try text(.AMD.cspID)
        if let e = extensions[oid: .AMD.hwid] {
            any = true
            hwid = AMDVCEKExtensions.hwidBytes(e.value)
        }
        guard any else { return nil }
    }

    /// KDS writes the hwID raw (64 or 8 bytes); some tools wrap it in an OCTET STRING (`04 40 …`/`04 08 …`).
    static func hwidBytes(_ v: [UInt8]) -> [UInt8] {
        if (v.count == 66 && v[0] == 0x04 && v[1] == 0x40) || (v.count == 10 && v[0] == 0x04 && v[1] == 0x08) {
            return Array(v.dropFirst(2))
        }
        return v
    }

    /// Human-readable name of an AMD extension OID.
    public static func name(of oid: ASN1ObjectIdentifier) -> String? {
        switch oid {
        case .AMD.structVersion: return "AMD structVersion"
        case .AMD.productName: return "AMD productName"
        case .AMD.blSPL: return "AMD blSPL"
        case .AMD.teeSPL: return "AMD teeSPL"
        case .AMD.snpSPL: return "AMD snpSPL"
        case .AMD.spl4: return "AMD spl_4"
        case .AMD.spl5: return "AMD spl_5"
        case .AMD.spl6: return "AMD spl_6"
        case .AMD.spl7: return "AMD spl_7"
        case .AMD.ucodeSPL: return "AMD ucodeSPL"
        case .AMD.fmcSPL: return "AMD fmcSPL"
        case .AMD.hwid: return "AMD hwID"
        case .AMD.cspID: return "AMD cspID"
        default: return nil
        }
    }
}
