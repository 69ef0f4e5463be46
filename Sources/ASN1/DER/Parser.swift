// SPDX-License-Identifier: Apache-2.0
// Strict DER reader (X.690 §8.1, §10.1): one pass into a flat pre-order node list with a depth cap.

/// One TLV found by the parser, stored in pre-order with its depth (the root has depth 1).
struct ParsedNode: Sendable {
    var identifier: ASN1Identifier
    var isConstructed: Bool
    var depth: Int
    var encodedBytes: ArraySlice<UInt8>
    var contentBytes: ArraySlice<UInt8>
}

/// DER entry points and decoding helpers.
public enum DER {
    /// The deepest nesting the parser accepts. X.509 needs about 10; the cap stops stack exhaustion.
    public static let maximumDepth = 32

    /// Parses exactly one DER value that must span all of `bytes`.
    /// - Throws: `ASN1Error` with `.truncated`, `.invalidLength`, `.indefiniteLength`, `.trailingBytes`, `.tooDeep`
    ///   or `.unexpectedTag`.
    public static func parse(_ bytes: [UInt8]) throws(ASN1Error) -> ASN1Node {
        try parse(bytes[...])
    }

    /// Parses exactly one DER value that must span all of `bytes`.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ASN1Error) -> ASN1Node {
        var nodes: [ParsedNode] = []
        var rest = bytes
        try parseNode(&rest, depth: 1, into: &nodes)
        guard rest.isEmpty else {
            throw ASN1Error(.trailingBytes, "\(rest.count) bytes follow the outermost DER value")
        }
        return ASN1Node(nodes: nodes[...])
    }

    private static func parseNode(
        _ input: inout ArraySlice<UInt8>, depth: Int, into nodes: inout [ParsedNode]
    ) throws(ASN1Error) {
        guard depth <= maximumDepth else {
            throw ASN1Error(.tooDeep, "nesting exceeds \(maximumDepth) levels")
        }
        let whole = input
        let start = input.startIndex
        let (identifier, constructed) = try readIdentifier(&input)
        let length = try readLength(&input)
        guard input.count >= length else {
            throw ASN1Error(.truncated, "content of \(identifier) needs \(length) bytes, \(input.count) remain")
        }
        let content = input.prefix(length)
        input = input.dropFirst(length)
        let encoded = whole[start..<content.endIndex]
        nodes.append(
            ParsedNode(
                identifier: identifier, isConstructed: constructed, depth: depth, encodedBytes: encoded,
                contentBytes: content))
        guard constructed else { return }
        var children = content
        while !children.isEmpty {
            try parseNode(&children, depth: depth + 1, into: &nodes)
        }
    }

    /// X.690 §8.1.2: identifier octets; the high-tag-number form must be minimal and only used for tags ≥ 31.
    private static func readIdentifier(_ input: inout ArraySlice<UInt8>) throws(ASN1Error) -> (ASN1Identifier, Bool) {
        guard let first = input.popFirst() else { throw ASN1Error(.truncated, "missing identifier octet") }
        let tagClass = ASN1Identifier.TagClass(rawValue: first >> 6) ?? .universal
        let constructed = first & 0x20 != 0
        var number = UInt(first & 0x1F)
        if number == 0x1F {
            number = 0
            var count = 0
            while true {
                guard let b = input.popFirst() else { throw ASN1Error(.truncated, "high tag number cut short") }
                if count == 0 && b == 0x80 {
                    throw ASN1Error(.unexpectedTag, "high tag number has a leading zero group")
                }
                count += 1
                guard count <= 4 else { throw ASN1Error(.unexpectedTag, "tag number too large") }
                number = (number << 7) | UInt(b & 0x7F)
                if b & 0x80 == 0 { break }
            }
            guard number >= 31 else {
                throw ASN1Error(.unexpectedTag, "tag \(number) must use the low-tag-number form")
            }
        }
        if tagClass == .universal && number == 0 {
            throw ASN1Error(.unexpectedTag, "universal tag 0 is reserved (end-of-contents)")
        }
        return (ASN1Identifier(tagWithNumber: number, tagClass: tagClass), constructed)
    }

    /// X.690 §10.1: definite form only, and the fewest length octets.
    private static func readLength(_ input: inout ArraySlice<UInt8>) throws(ASN1Error) -> Int {
        guard let first = input.popFirst() else { throw ASN1Error(.truncated, "missing length octet") }
        if first < 0x80 { return Int(first) }
        if first == 0x80 { throw ASN1Error(.indefiniteLength, "indefinite length is not DER") }
        let count = Int(first & 0x7F)
        guard count <= 4 else { throw ASN1Error(.invalidLength, "length uses \(count) octets") }
        guard input.count >= count else { throw ASN1Error(.truncated, "length octets cut short") }
        var length = 0
        for b in input.prefix(count) { length = (length << 8) | Int(b) }
        input = input.dropFirst(count)
        guard length >= 0x80 else {
            throw ASN1Error(.invalidLength, "length \(length) must use the short form")
        }
        guard length >> ((count - 1) * 8) != 0 else {
            throw ASN1Error(.invalidLength, "length \(length) has a leading zero octet")
        }
        return length
    }
}
