// SPDX-License-Identifier: Apache-2.0
// Decoding helpers: SEQUENCE/SET bodies that must consume every child, SEQUENCE OF/SET OF, tagging, DEFAULT.

extension DER {
    /// Decodes a SEQUENCE (or another constructed type with `identifier`). `body` reads the children from the
    /// iterator; any child it leaves unread is an error, so no field is ever silently ignored.
    /// - Throws: `.unexpectedTag` for another tag or a primitive node, `.invalidFieldCount` for leftover children.
    public static func sequence<T>(
        _ node: ASN1Node, identifier: ASN1Identifier = .sequence,
        _ body: (inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> T
    ) throws(ASN1Error) -> T {
        guard node.identifier == identifier, case .constructed(let children) = node.content else {
            throw ASN1Error(.unexpectedTag, "expected constructed \(identifier), found \(node.identifier)")
        }
        var iterator = children.makeIterator()
        let result = try body(&iterator)
        if let extra = iterator.next() {
            throw ASN1Error(.invalidFieldCount, "unexpected extra element \(extra.identifier) in \(identifier)")
        }
        return result
    }

    /// Decodes `SEQUENCE OF T`.
    public static func sequence<T: DERParseable>(
        of type: T.Type = T.self, identifier: ASN1Identifier = .sequence, _ node: ASN1Node
    ) throws(ASN1Error) -> [T] {
        guard node.identifier == identifier, case .constructed(let children) = node.content else {
            throw ASN1Error(.unexpectedTag, "expected SEQUENCE OF with \(identifier), found \(node.identifier)")
        }
        var out: [T] = []
        for child in children { out.append(try T(derEncoded: child)) }
        return out
    }

    /// Decodes `SET OF T`, requiring the DER sort order (X.690 §11.6).
    public static func set<T: DERParseable>(
        of type: T.Type = T.self, identifier: ASN1Identifier = .set, _ node: ASN1Node
    ) throws(ASN1Error) -> [T] {
        guard node.identifier == identifier, case .constructed(let children) = node.content else {
            throw ASN1Error(.unexpectedTag, "expected SET OF with \(identifier), found \(node.identifier)")
        }
        var out: [T] = []
        var previous: ArraySlice<UInt8>? = nil
        for child in children {
            if let p = previous, setOrder(child.encodedBytes, p) {
                throw ASN1Error(.unsortedSet, "SET OF elements are not in DER order")
            }
            previous = child.encodedBytes
            out.append(try T(derEncoded: child))
        }
        return out
    }

    /// Reads the next child when it has the given tag.
    public static func optional(
        _ iterator: inout ASN1NodeCollection.Iterator, identifier: ASN1Identifier
    ) -> ASN1Node? {
        guard iterator.peekIdentifier() == identifier else { return nil }
        return iterator.next()
    }

    /// Reads the next child, which must exist.
    /// - Throws: `.invalidFieldCount` when the constructed value has no more children.
    public static func required(
        _ iterator: inout ASN1NodeCollection.Iterator, _ what: String
    ) throws(ASN1Error) -> ASN1Node {
        guard let node = iterator.next() else { throw ASN1Error(.invalidFieldCount, "missing \(what)") }
        return node
    }

    /// Reads `[tagNumber] EXPLICIT T` when present.
    public static func optionalExplicitlyTagged<T>(
        _ iterator: inout ASN1NodeCollection.Iterator, tagNumber: UInt,
        tagClass: ASN1Identifier.TagClass = .contextSpecific, _ body: (ASN1Node) throws(ASN1Error) -> T
    ) throws(ASN1Error) -> T? {
        guard let node = optional(&iterator, identifier: .init(tagWithNumber: tagNumber, tagClass: tagClass)) else {
            return nil
        }
        return try explicitlyTagged(node, tagNumber: tagNumber, tagClass: tagClass, body)
    }

    /// Unwraps `[tagNumber] EXPLICIT T`: a constructed node with exactly one child.
    public static func explicitlyTagged<T>(
        _ node: ASN1Node, tagNumber: UInt, tagClass: ASN1Identifier.TagClass = .contextSpecific,
        _ body: (ASN1Node) throws(ASN1Error) -> T
    ) throws(ASN1Error) -> T {
        try sequence(node, identifier: .init(tagWithNumber: tagNumber, tagClass: tagClass)) {
            (children: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> T in
            try body(try required(&children, "explicitly tagged value"))
        }
    }

    /// Reads `[tagNumber] IMPLICIT T` when present.
    public static func optionalImplicitlyTagged<T: DERImplicitlyTaggable>(
        _ iterator: inout ASN1NodeCollection.Iterator, tag: ASN1Identifier, as type: T.Type = T.self
    ) throws(ASN1Error) -> T? {
        guard let node = optional(&iterator, identifier: tag) else { return nil }
        return try T(derEncoded: node, withIdentifier: tag)
    }

    /// Reads a `DEFAULT` field: absent means `defaultValue`; present with the default value is not DER (X.690 §11.5).
    public static func decodeDefault<T: DERImplicitlyTaggable & Equatable>(
        _ iterator: inout ASN1NodeCollection.Iterator, identifier: ASN1Identifier = T.defaultIdentifier,
        defaultValue: T
    ) throws(ASN1Error) -> T {
        guard let node = optional(&iterator, identifier: identifier) else { return defaultValue }
        let value = try T(derEncoded: node, withIdentifier: identifier)
        guard value != defaultValue else {
            throw ASN1Error(.defaultValueEncoded, "\(identifier) is encoded with its DEFAULT value")
        }
        return value
    }

    /// Reads a `[tagNumber] EXPLICIT T DEFAULT d` field.
    public static func decodeDefaultExplicitlyTagged<T: DERParseable & Equatable>(
        _ iterator: inout ASN1NodeCollection.Iterator, tagNumber: UInt,
        tagClass: ASN1Identifier.TagClass = .contextSpecific, defaultValue: T
    ) throws(ASN1Error) -> T {
        let value = try optionalExplicitlyTagged(&iterator, tagNumber: tagNumber, tagClass: tagClass) {
            (node: ASN1Node) throws(ASN1Error) -> T in try T(derEncoded: node)
        }
        guard let value else { return defaultValue }
        guard value != defaultValue else {
            throw ASN1Error(.defaultValueEncoded, "[\(tagNumber)] is encoded with its DEFAULT value")
        }
        return value
    }
}
