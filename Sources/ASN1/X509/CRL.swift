// SPDX-License-Identifier: Apache-2.0
// Certificate revocation lists (RFC 5280 §5.1): parse keeping the signed bytes, look up serials, check freshness.

/// A parsed CRL.
public struct CertificateRevocationList: Hashable, Sendable {
    /// One `revokedCertificates` entry.
    public struct Entry: Hashable, Sendable {
        public let serialNumber: ASN1Integer
        public let revocationDate: ASN1Time
        public let extensions: Extensions
    }

    public let derBytes: [UInt8]
    /// The TBSCertList TLV as received: the signed bytes.
    public let tbsCertListBytes: [UInt8]
    /// 1 for v2, 0 when the version field is absent (v1).
    public let version: Int
    public let signatureAlgorithmIdentifier: AlgorithmIdentifier
    public let issuer: DistinguishedName
    public let thisUpdate: ASN1Time
    public let nextUpdate: ASN1Time?
    public let revoked: [Entry]
    public let extensions: Extensions
    public let signature: [UInt8]

    public var signatureAlgorithm: SignatureAlgorithm { SignatureAlgorithm(signatureAlgorithmIdentifier) }

    /// Parses a DER CRL.
    /// - Throws: `ASN1Error` for DER violations, a version other than v2, mismatched algorithms, extensions in a
    ///   v1 CRL.
    public init(derEncoded bytes: [UInt8]) throws(ASN1Error) {
        derBytes = bytes
        var tbsNode: ASN1Node? = nil
        var outer: AlgorithmIdentifier? = nil
        var sig: ASN1BitString? = nil
        try DER.sequence(try DER.parse(bytes)) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
            tbsNode = try DER.required(&it, "tbsCertList")
            outer = try AlgorithmIdentifier(derEncoded: try DER.required(&it, "signatureAlgorithm"))
            sig = try ASN1BitString(derEncoded: try DER.required(&it, "signatureValue"))
        }
        guard let tbsNode, let outer, let sig, sig.paddingBits == 0 else {
            throw ASN1Error(.invalidValue, "CRL signature must be whole bytes")
        }
        tbsCertListBytes = Array(tbsNode.encodedBytes)
        signature = sig.bytes
        typealias Parts = (Int, AlgorithmIdentifier, DistinguishedName, ASN1Time, ASN1Time?, [Entry], Extensions)
        let p = try DER.sequence(tbsNode) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> Parts in
            // RFC 5280 §5.1.2.1: version, if present, MUST be v2 (1).
            let version = try DER.optional(&it, identifier: .integer).map {
                (n: ASN1Node) throws(ASN1Error) -> Int in try Int(derEncoded: n)
            }
            if let version, version != 1 { throw ASN1Error(.invalidValue, "CRL version must be v2") }
            let alg = try AlgorithmIdentifier(derEncoded: try DER.required(&it, "signature"))
            let issuer = try DistinguishedName(derEncoded: try DER.required(&it, "issuer"))
            let thisUpdate = try ASN1Time(derEncoded: try DER.required(&it, "thisUpdate"))
            var nextUpdate: ASN1Time? = nil
            if let id = it.peekIdentifier(), id == .utcTime || id == .generalizedTime {
                nextUpdate = try ASN1Time(derEncoded: try DER.required(&it, "nextUpdate"))
            }
            var entries: [Entry] = []
            if let list = DER.optional(&it, identifier: .sequence) {
                try DER.sequence(list) { (l: inout ASN1NodeCollection.Iterator) throws(ASN1Error) in
                    while let e = l.next() {
                        entries.append(
                            try DER.sequence(e) { (f: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> Entry in
                                let serial = try ASN1Integer(derEncoded: try DER.required(&f, "userCertificate"))
                                let date = try ASN1Time(derEncoded: try DER.required(&f, "revocationDate"))
                                let exts = try f.next().map { (n: ASN1Node) throws(ASN1Error) -> Extensions in
                                    try Extensions(derEncoded: n)
                                }
                                return Entry(serialNumber: serial, revocationDate: date, extensions: exts ?? .empty)
                            })
                    }
                }
            }
            let exts = try DER.optionalExplicitlyTagged(&it, tagNumber: 0) {
                (n: ASN1Node) throws(ASN1Error) -> Extensions in try Extensions(derEncoded: n)
            }
            if version == nil && (exts != nil || entries.contains { !$0.extensions.isEmpty }) {
                throw ASN1Error(.invalidValue, "extensions in a v1 CRL")
            }
            return (version ?? 0, alg, issuer, thisUpdate, nextUpdate, entries, exts ?? .empty)
        }
        guard p.1 == outer else { throw ASN1Error(.invalidValue, "outer CRL signature algorithm differs from inner") }
        (version, signatureAlgorithmIdentifier, issuer, thisUpdate, nextUpdate, revoked, extensions) = p
    }

    /// Parses a PEM `X509 CRL` block or DER bytes.
    public static func parse(_ bytes: [UInt8]) throws(ASN1Error) -> CertificateRevocationList {
        if bytes.first == 0x30 { return try CertificateRevocationList(derEncoded: bytes) }
        let doc = try PEMDocument(pemString: String(decoding: bytes, as: UTF8.self))
        guard doc.type == "X509 CRL" else { throw ASN1Error(.invalidPEM, "expected X509 CRL, found \(doc.type)") }
        return try CertificateRevocationList(derEncoded: doc.derBytes)
    }

    /// The entry revoking `serial`, if any.
    public func entry(for serial: ASN1Integer) -> Entry? { revoked.first { $0.serialNumber == serial } }

    /// True when `time` is within [thisUpdate, nextUpdate] (RFC 5280 §6.3.3 (a)); no nextUpdate counts as stale.
    public func isCurrent(at time: ASN1Time) -> Bool {
        guard let nextUpdate else { return false }
        return thisUpdate <= time && time <= nextUpdate
    }

    /// The CRL number extension (RFC 5280 §5.2.3), if present.
    public var crlNumber: ASN1Integer? {
        guard let e = extensions[oid: .X509ExtensionID.crlNumber] else { return nil }
        return try? ASN1Integer(derEncoded: e.valueNode())
    }
}

extension CertificateRevocationList {
    /// Re-encodes from the parsed fields (for round-trip checks; verification never uses this).
    public func reencoded() -> [UInt8] {
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) { outer in
            outer.appendConstructedNode(identifier: .sequence) { tbs in
                if version == 1 { tbs.serialize(1) }
                tbs.serialize(signatureAlgorithmIdentifier)
                tbs.serialize(issuer)
                tbs.serialize(thisUpdate)
                if let nextUpdate { tbs.serialize(nextUpdate) }
                if !revoked.isEmpty {
                    tbs.appendConstructedNode(identifier: .sequence) { list in
                        for e in revoked {
                            list.appendConstructedNode(identifier: .sequence) {
                                $0.serialize(e.serialNumber)
                                $0.serialize(e.revocationDate)
                                if !e.extensions.isEmpty { $0.serialize(e.extensions) }
                            }
                        }
                    }
                }
                if !extensions.isEmpty { tbs.serialize(extensions, explicitlyTaggedWithTagNumber: 0) }
            }
            outer.serialize(signatureAlgorithmIdentifier)
            outer.serialize(ASN1BitString(bytes: signature))
        }
        return coder.serializedBytes
    }
}
