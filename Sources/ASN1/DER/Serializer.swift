// SPDX-License-Identifier: Apache-2.0
// DER writer: definite minimal lengths (X.690 §10.1), sorted SET OF (X.690 §11.6).

extension DER {
    /// Accumulates DER bytes.
    public struct Serializer: Sendable {
        /// Everything written so far.
        public private(set) var serializedBytes: [UInt8] = []

        public init() {}

        /// Writes a primitive TLV whose content `write` appends.
        public mutating func appendPrimitiveNode(identifier: ASN1Identifier, _ write: (inout [UInt8]) -> Void) {
            var content: [UInt8] = []
            write(&content)
            appendNode(identifier: identifier, constructed: false, content: content)
        }

        /// Writes a constructed TLV whose children `write` serialises.
        public mutating func appendConstructedNode(
            identifier: ASN1Identifier, _ write: (inout Serializer) -> Void
        ) {
            var inner = Serializer()
            write(&inner)
            appendNode(identifier: identifier, constructed: true, content: inner.serializedBytes)
        }

        /// Writes one value.
        public mutating func serialize(_ value: some DERSerializable) { value.serialize(into: &self) }

        /// Writes `[tagNumber] EXPLICIT value`.
        public mutating func serialize(
            _ value: some DERSerializable, explicitlyTaggedWithTagNumber tagNumber: UInt,
            tagClass: ASN1Identifier.TagClass = .contextSpecific
        ) {
            appendConstructedNode(identifier: .init(tagWithNumber: tagNumber, tagClass: tagClass)) {
                $0.serialize(value)
            }
        }

        /// Writes `SEQUENCE OF`.
        public mutating func serializeSequenceOf(
            _ elements: some Sequence<some DERSerializable>, identifier: ASN1Identifier = .sequence
        ) {
            appendConstructedNode(identifier: identifier) { coder in
                for e in elements { coder.serialize(e) }
            }
        }

        /// Writes `SET OF` with the elements sorted by their encodings (X.690 §11.6).
        public mutating func serializeSetOf(
            _ elements: some Sequence<some DERSerializable>, identifier: ASN1Identifier = .set
        ) {
            let encodings = elements.map { $0.derBytes() }.sorted { DER.setOrder($0[...], $1[...]) }
            appendConstructedNode(identifier: identifier) { coder in
                for e in encodings { coder.serializeRawBytes(e) }
            }
        }

        /// Appends bytes that already form complete DER values.
        public mutating func serializeRawBytes(_ bytes: some Sequence<UInt8>) { serializedBytes.append(contentsOf: bytes) }

        private mutating func appendNode(identifier: ASN1Identifier, constructed: Bool, content: [UInt8]) {
            identifier.encode(constructed: constructed, into: &serializedBytes)
            DER.appendLength(content.count, to: &serializedBytes)
            serializedBytes.append(contentsOf: content)
        }
    }

    /// X.690 §10.1: short form below 128, else the fewest big-endian octets.
    static func appendLength(_ length: Int, to out: inout [UInt8]) {
        if length < 0x80 {
            out.append(UInt8(length))
            return
        }
        var octets: [UInt8] = []
        var n = length
        while n > 0 {
            octets.append(UInt8(n & 0xFF))
            n >>= 8
        }
        out.append(0x80 | UInt8(octets.count))
        out.append(contentsOf: octets.reversed())
    }

    /// X.690 §11.6 ordering: compare as octet strings, the shorter padded with trailing zero octets.
    static func setOrder(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        var ia = a.startIndex
        var ib = b.startIndex
        while ia < a.endIndex || ib < b.endIndex {
            let x = ia < a.endIndex ? a[ia] : 0
            let y = ib < b.endIndex ? b[ib] : 0
            if x != y { return x < y }
            if ia < a.endIndex { ia += 1 }
            if ib < b.endIndex { ib += 1 }
        }
        return false
    }
}
