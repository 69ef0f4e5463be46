// SPDX-License-Identifier: Apache-2.0
// The Intel SGX PCK certificate extension 1.2.840.113741.1.13.1: FMSPC, PCE ID, TCB components, PIID and platform
// configuration (Intel SGX PCK Certificate and CRL Profile, §3.5; upstream.md §8.5).

import ContrastASN1

/// The values Contrast uses from a PCK leaf certificate.
public struct PCKCertificateExtensions: Hashable, Sendable {
    static let sgxExtensions: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1"
    static let tcb: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1.2"
    static let pceID: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1.3"
    static let fmspc: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1.4"
    static let platformInstanceID: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1.6"
    static let configuration: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1.7"

    /// FMSPC (6 bytes): family-model-stepping-platform-custom SKU, the key to TCB Info.
    public var fmspc: [UInt8]?
    public var pceID: [UInt8]?
    /// SGX TCB components 1–16.
    public var tcbComponents: [UInt8] = []
    public var pceSVN: Int?
    /// Platform instance ID (multi-package platforms), 16 bytes.
    public var platformInstanceID: [UInt8]?
    public var dynamicPlatform: Bool?
    public var cachedKeys: Bool?
    public var smtEnabled: Bool?

    public init() {}

    /// Decodes the SGX extension of `certificate`; nil when it has none.
    public init?(_ certificate: Certificate) throws(ASN1Error) {
        guard let ext = certificate.extensions[oid: PCKCertificateExtensions.sgxExtensions] else { return nil }
        var out = PCKCertificateExtensions()
        try PCKCertificateExtensions.pairs(try ext.valueNode()) { (oid: ASN1ObjectIdentifier, value: ASN1Node) throws(ASN1Error) in
            switch oid {
            case PCKCertificateExtensions.fmspc: out.fmspc = try ASN1OctetString(derEncoded: value).bytes
            case PCKCertificateExtensions.pceID: out.pceID = try ASN1OctetString(derEncoded: value).bytes
            case PCKCertificateExtensions.platformInstanceID: out.platformInstanceID = try ASN1OctetString(derEncoded: value).bytes
            case PCKCertificateExtensions.tcb:
                var comps = [UInt8](repeating: 0, count: 16)
                try PCKCertificateExtensions.pairs(value) { (o: ASN1ObjectIdentifier, v: ASN1Node) throws(ASN1Error) in
                    // 1.2.840.113741.1.13.1.2.N: N = 1…16 SGX TCB components, 17 PCESVN, 18 CPUSVN.
                    guard let c = o.components, let last = c.last, c.count == 9 else { return }
                    if (1...16).contains(last), let n = try ASN1Integer(derEncoded: v).intValue, (0...255).contains(n) {
                        comps[Int(last) - 1] = UInt8(n)
                    } else if last == 17 {
                        out.pceSVN = try ASN1Integer(derEncoded: v).intValue
                    }
                }
                out.tcbComponents = comps
            case PCKCertificateExtensions.configuration:
                try PCKCertificateExtensions.pairs(value) { (o: ASN1ObjectIdentifier, v: ASN1Node) throws(ASN1Error) in
                    switch o.components?.last {
                    case 1: out.dynamicPlatform = try Bool(derEncoded: v)
                    case 2: out.cachedKeys = try Bool(derEncoded: v)
                    case 3: out.smtEnabled = try Bool(derEncoded: v)
                    default: break
                    }
                }
            default: break
            }
        }
        self = out
    }

    /// Calls `body` for every `SEQUENCE { OID, value }` inside the SEQUENCE `node`.
    private static func pairs(_ node: ASN1Node, _ body: (ASN1ObjectIdentifier, ASN1Node) throws(ASN1Error) -> Void) throws(ASN1Error) {
        guard case .constructed(let children) = node.content else { throw ASN1Error(.unexpectedTag, "SGX extension: expected a SEQUENCE") }
        for child in children {
            guard case .constructed(let pair) = child.content else { throw ASN1Error(.unexpectedTag, "SGX extension: expected an OID/value pair") }
            var it = pair.makeIterator()
            let oid = try ASN1ObjectIdentifier(derEncoded: try DER.required(&it, "OID"))
            let value = try DER.required(&it, "value")
            try body(oid, value)
        }
    }
}
