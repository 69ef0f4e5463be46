// SPDX-License-Identifier: Apache-2.0
// Parsed DER values: a node (primitive bytes or children) and the collection of a constructed node's children.

/// One parsed DER value.
public struct ASN1Node: Sendable, Equatable {
    /// Children of a constructed value or the content octets of a primitive one.
    public enum Content: Sendable {
        case constructed(ASN1NodeCollection)
        case primitive(ArraySlice<UInt8>)
    }

    /// The tag.
    public let identifier: ASN1Identifier
    /// The content.
    public let content: Content
    /// The whole TLV as it appeared in the input.
    public let encodedBytes: ArraySlice<UInt8>

    /// `nodes` starts with this node and holds all its descendants in pre-order.
    init(nodes: ArraySlice<ParsedNode>) {
        let head = nodes[nodes.startIndex]
        identifier = head.identifier
        encodedBytes = head.encodedBytes
        if head.isConstructed {
            content = .constructed(ASN1NodeCollection(nodes: nodes.dropFirst(), depth: head.depth + 1))
        } else {
            content = .primitive(head.contentBytes)
        }
    }

    /// True for a constructed value.
    public var isConstructed: Bool {
        if case .constructed = content { return true }
        return false
    }

    /// The content octets of a primitive value.
    /// - Throws: `.unexpectedTag` when the value is constructed.
    public func primitiveContent() throws(ASN1Error) -> ArraySlice<UInt8> {
        guard case .primitive(let bytes) = content else {
            throw ASN1Error(.unexpectedTag, "\(identifier) must be primitive")
        }
        return bytes
    }

    public static func == (lhs: ASN1Node, rhs: ASN1Node) -> Bool { lhs.encodedBytes == rhs.encodedBytes }
}

/// The children of a constructed node, iterated in order.
public struct ASN1NodeCollection: Sequence, Sendable {
    let nodes: ArraySlice<ParsedNode>
    let depth: Int

    public func makeIterator() -> Iterator { Iterator(nodes: nodes, depth: depth) }

    /// Yields each direct child; a copy of the iterator can be used to peek.
    public struct Iterator: IteratorProtocol, Sendable {
        var nodes: ArraySlice<ParsedNode>
        let depth: Int

        public mutating func next() -> ASN1Node? {
            guard let first = nodes.first else { return nil }
            var end = nodes.index(after: nodes.startIndex)
            while end < nodes.endIndex && nodes[end].depth > first.depth { end += 1 }
            let subtree = nodes[nodes.startIndex..<end]
            nodes = nodes[end...]
            return ASN1Node(nodes: subtree)
        }

        /// The identifier of the next child without consuming it.
        public func peekIdentifier() -> ASN1Identifier? { nodes.first?.identifier }
    }
}
