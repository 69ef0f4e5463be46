// SPDX-License-Identifier: Apache-2.0
// OBJECT IDENTIFIER (X.690 §8.19): minimal base-128 arcs, dotted form, arbitrarily large arcs preserved.

/// An OBJECT IDENTIFIER, kept as its content octets so arcs of any size round-trip.
public struct ASN1ObjectIdentifier: DERImplicitlyTaggable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public static var defaultIdentifier: ASN1Identifier { .objectIdentifier }

    /// The content octets.
    public let contentBytes: [UInt8]

    /// Decodes, rejecting empty content, a leading 0x80 in any arc, and an unterminated last arc.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws(ASN1Error) {
        guard node.identifier == identifier else {
            throw ASN1Error(.unexpectedTag, "expected OBJECT IDENTIFIER \(identifier), found \(node.identifier)")
        }
        let content = try node.primitiveContent()
        try ASN1ObjectIdentifier.validate(content)
        contentBytes = Array(content)
    }

    static func validate(_ content: ArraySlice<UInt8>) throws(ASN1Error) {
        guard let last = content.last else { throw ASN1Error(.invalidObjectIdentifier, "OID has no arcs") }
        guard last & 0x80 == 0 else { throw ASN1Error(.invalidObjectIdentifier, "last OID arc is unterminated") }
        var atArcStart = true
        for b in content {
            if atArcStart && b == 0x80 {
                throw ASN1Error(.invalidObjectIdentifier, "OID arc is not minimally encoded")
            }
            atArcStart = b & 0x80 == 0
        }
    }

    /// Parses the dotted form (`"1.2.840.10045.4.3.3"`).
    /// - Throws: `.invalidObjectIdentifier` for fewer than two arcs, a first arc above 2, or a second arc above 39
    ///   under arcs 0 and 1.
    public init(dotted: String) throws(ASN1Error) {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false)
        var arcs: [UInt64] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 19, let v = UInt64(p), p == "0" || !p.hasPrefix("0") else {
                throw ASN1Error(.invalidObjectIdentifier, "bad OID arc '\(p)' in \(dotted)")
            }
            arcs.append(v)
        }
        guard arcs.count >= 2, arcs[0] <= 2, arcs[0] == 2 || arcs[1] < 40 else {
            throw ASN1Error(.invalidObjectIdentifier, "OID \(dotted) has an invalid first or second arc")
        }
        var out: [UInt8] = []
        func put(_ v: UInt64) {
            var groups: [UInt8] = [UInt8(v & 0x7F)]
            var n = v >> 7
            while n > 0 {
                groups.append(UInt8(n & 0x7F) | 0x80)
                n >>= 7
            }
            out.append(contentsOf: groups.reversed())
        }
        put(arcs[0] * 40 + arcs[1])
        for a in arcs.dropFirst(2) { put(a) }
        contentBytes = out
    }

    /// A literal OID; literals are written by programmers, so a malformed one is a programming error.
    public init(stringLiteral value: String) {
        do {
            try self.init(dotted: value)
        } catch {
            preconditionFailure("invalid OID literal \(value)")  // programmer error: literals are fixed in source
        }
    }

    /// The arcs, or nil when one does not fit in 64 bits.
    public var components: [UInt64]? {
        var arcs: [UInt64] = []
        var v: UInt64 = 0
        for b in contentBytes {
            guard v >> 57 == 0 else { return nil }
            v = (v << 7) | UInt64(b & 0x7F)
            if b & 0x80 == 0 {
                arcs.append(v)
                v = 0
            }
        }
        guard let first = arcs.first else { return nil }
        let head: [UInt64] = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80]
        return head + arcs.dropFirst()
    }

    /// Dotted decimal, exact for arcs of any size.
    public var description: String {
        var out: [String] = []
        var arc: [UInt8] = []
        var first = true
        for b in contentBytes {
            arc.append(b & 0x7F)
            guard b & 0x80 == 0 else { continue }
            if first {
                // X.690 §8.19.4: the first subidentifier is 40·X + Y, with X = 2 for values ≥ 80.
                let v = ASN1ObjectIdentifier.decimal(base128: arc)
                if arc.count <= 8, let small = UInt64(v) {
                    out.append(contentsOf: small < 80 ? ["\(small / 40)", "\(small % 40)"] : ["2", "\(small - 80)"])
                } else {
                    out.append(contentsOf: ["2", ASN1ObjectIdentifier.decimal(base128: arc, minus80: true)])
                }
                first = false
            } else {
                out.append(ASN1ObjectIdentifier.decimal(base128: arc))
            }
            arc = []
        }
        return out.joined(separator: ".")
    }

    /// Decimal of a big-endian base-128 number (schoolbook, for printing only).
    private static func decimal(base128 digits: [UInt8], minus80: Bool = false) -> String {
        var value: [UInt32] = [0]  // little-endian base 10^9 limbs
        for d in digits {
            var carry = UInt64(d)
            for i in value.indices {
                let t = UInt64(value[i]) * 128 + carry
                value[i] = UInt32(t % 1_000_000_000)
                carry = t / 1_000_000_000
            }
            if carry > 0 { value.append(UInt32(carry)) }
        }
        if minus80 {
            var borrow: UInt64 = 80
            for i in value.indices where borrow > 0 {
                if UInt64(value[i]) >= borrow {
                    value[i] -= UInt32(borrow)
                    borrow = 0
                } else {
                    value[i] = UInt32(UInt64(value[i]) + 1_000_000_000 - borrow)
                    borrow = 1
                }
            }
            while value.count > 1 && value[value.count - 1] == 0 { value.removeLast() }
        }
        var s = String(value[value.count - 1])
        for limb in value.dropLast().reversed() {
            let part = String(limb)
            s += String(repeating: "0", count: 9 - part.count) + part
        }
        return s
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) {
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: contentBytes) }
    }
}
