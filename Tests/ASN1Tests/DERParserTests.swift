// SPDX-License-Identifier: Apache-2.0
// DER reader/writer: round trips, strict-prefix rejection and the rejection corpus (X.690 §10–11).

import ContrastASN1
import Testing

/// Decodes `bytes` as one top-level value of a type and returns the error code, or nil on success.
func errorCode(_ body: () throws -> Void) -> ASN1Error.Code? {
    do {
        try body()
        return nil
    } catch let error as ASN1Error {
        return error.code
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite("DER parser")
struct DERParserTests {
    @Test("parses a nested sequence and requires every child to be consumed")
    func nested() throws {
        let node = try DER.parse([0x30, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01, 0xFF])
        let v = try DER.sequence(node) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> (Int, Bool) in
            (try Int(derEncoded: try DER.required(&it, "x")), try Bool(derEncoded: try DER.required(&it, "y")))
        }
        #expect(v == (5, true))
        let leftover = errorCode {
            _ = try DER.sequence(node) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> Int in
                try Int(derEncoded: try DER.required(&it, "x"))
            }
        }
        #expect(leftover == .invalidFieldCount)
    }

    /// (hex, expected code, what it shows)
    static let rejectionCorpus: [(String, ASN1Error.Code, String)] = [
        ("", .truncated, "empty input"),
        ("02", .truncated, "missing length"),
        ("020200", .truncated, "content shorter than length"),
        ("028201", .truncated, "long-form length cut short"),
        ("02810105", .invalidLength, "long form for a length below 128"),
        ("0282000105", .invalidLength, "length with a leading zero octet"),
        ("0285000000000105", .invalidLength, "five length octets"),
        ("3080020105" + "0000", .indefiniteLength, "indefinite length"),
        ("020105" + "00", .trailingBytes, "trailing byte after the value"),
        ("3003020105" + "3000", .trailingBytes, "second top-level value"),
        ("1f0100", .unexpectedTag, "high-tag form for a low tag number"),
        ("1f80a000", .unexpectedTag, "high tag number with a leading zero group"),
        ("0000", .unexpectedTag, "end-of-contents as a value"),
        ("3003" + "020105" + "ff", .trailingBytes, "garbage after a sequence"),
    ]

    @Test("rejection corpus: framing")
    func framingCorpus() throws {
        for (hex, code, what) in Self.rejectionCorpus {
            let bytes = try [UInt8](hexString: hex)
            #expect(errorCode { _ = try DER.parse(bytes) } == code, "\(what): \(hex)")
        }
    }

    @Test("rejects nesting deeper than the limit")
    func depthLimit() throws {
        var bytes: [UInt8] = [0x05, 0x00]
        for _ in 0..<DER.maximumDepth { bytes = [0x30, UInt8(bytes.count)] + bytes }
        // maximumDepth SEQUENCEs around a NULL: depth maximumDepth + 1.
        var deep = bytes
        while deep.count > 127 { deep.removeFirst(2) }  // keep short-form lengths simple
        #expect(errorCode { _ = try DER.parse(Self.nest(DER.maximumDepth)) } == .tooDeep)
        #expect(errorCode { _ = try DER.parse(Self.nest(DER.maximumDepth - 1)) } == nil)
    }

    /// `count` nested SEQUENCEs around a NULL, with correct long-form lengths.
    static func nest(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = [0x05, 0x00]
        for _ in 0..<count {
            var coder = DER.Serializer()
            let inner = bytes
            coder.appendConstructedNode(identifier: .sequence) { $0.serializeRawBytes(inner) }
            bytes = coder.serializedBytes
        }
        return bytes
    }

    @Test("rejection corpus: primitive types")
    func primitiveCorpus() throws {
        func check(_ hex: String, _ code: ASN1Error.Code, _ what: String, _ decode: ([UInt8]) throws(ASN1Error) -> Void)
            throws
        {
            let bytes = try [UInt8](hexString: hex)
            #expect(errorCode { try decode(bytes) } == code, "\(what): \(hex)")
        }
        let integer: ([UInt8]) throws(ASN1Error) -> Void = { b throws(ASN1Error) in _ = try ASN1Integer(derEncoded: b) }
        try check("0200", .invalidInteger, "zero-length INTEGER", integer)
        try check("02020005", .invalidInteger, "INTEGER with a redundant 0x00", integer)
        try check("0202ff80", .invalidInteger, "INTEGER with a redundant 0xFF", integer)
        try check("2203020105", .unexpectedTag, "constructed INTEGER", integer)
        try check("0209010000000000000000", .invalidInteger, "Int overflow") { b throws(ASN1Error) in _ = try Int(derEncoded: b) }
        let boolean: ([UInt8]) throws(ASN1Error) -> Void = { b throws(ASN1Error) in _ = try Bool(derEncoded: b) }
        try check("010101", .invalidBoolean, "BOOLEAN 0x01", boolean)
        try check("0100", .invalidBoolean, "empty BOOLEAN", boolean)
        try check("01020000", .invalidBoolean, "two-octet BOOLEAN", boolean)
        let bits: ([UInt8]) throws(ASN1Error) -> Void = { b throws(ASN1Error) in _ = try ASN1BitString(derEncoded: b) }
        try check("030203ff", .invalidBitString, "non-zero padding bits", bits)
        try check("030208ff", .invalidBitString, "padding count 8", bits)
        try check("030101", .invalidBitString, "padding on an empty BIT STRING", bits)
        try check("0300", .invalidBitString, "BIT STRING without padding octet", bits)
        let oid: ([UInt8]) throws(ASN1Error) -> Void = { b throws(ASN1Error) in _ = try ASN1ObjectIdentifier(derEncoded: b) }
        try check("0600", .invalidObjectIdentifier, "empty OID", oid)
        try check("06022a80", .invalidObjectIdentifier, "unterminated OID arc", oid)
        try check("06032a8001", .invalidObjectIdentifier, "OID arc with leading 0x80", oid)
        try check("050100", .invalidLength, "NULL with content") { b throws(ASN1Error) in _ = try ASN1Null(derEncoded: b) }
        let time: ([UInt8]) throws(ASN1Error) -> Void = { b throws(ASN1Error) in _ = try ASN1Time(derEncoded: DER.parse(b)) }
        try check("170b3235303130313030303059", .invalidTime, "UTCTime without seconds", time)
        try check("170d3235303133323030303030305a", .invalidTime, "UTCTime day 32", time)
        try check("17113235303130313030303030302b30303030", .invalidTime, "UTCTime with offset", time)
        try check("181132303235303130313030303030302e305a", .invalidTime, "GeneralizedTime with fraction", time)
        try check("170d3235303133313030303036305a", .invalidTime, "UTCTime second 60", time)
        let printable: ([UInt8]) throws(ASN1Error) -> Void = { b throws(ASN1Error) in _ = try ASN1String(derEncoded: DER.parse(b)) }
        try check("130261", .truncated, "short PrintableString", printable)
        try check("130140", .invalidString, "PrintableString with @", printable)
        try check("0c01ff", .invalidString, "invalid UTF-8", printable)
        try check("160180", .invalidString, "IA5String high bit", printable)
    }

    @Test("DEFAULT values must not be encoded")
    func defaultEncoded() throws {
        // Extension { extnID, critical FALSE (explicit: forbidden), extnValue }
        let ext = try [UInt8](hexString: "300c0603551d13010100040230 00".replacingOccurrences(" ", ""))
        #expect(errorCode { _ = try Extension(derEncoded: ext[...]) } == .defaultValueEncoded)
        // BasicConstraints { cA FALSE } explicit.
        let bc = Extension(oid: .X509ExtensionID.basicConstraints, critical: true, value: try [UInt8](hexString: "3003010100"))
        #expect(errorCode { _ = try BasicConstraints(bc) } == .defaultValueEncoded)
        // version [0] v1 explicit.
        var coder = DER.Serializer()
        coder.serialize(0, explicitlyTaggedWithTagNumber: 0)
        let node = try DER.parse(coder.serializedBytes)
        let wrapped = try DER.parse([0x30, UInt8(node.encodedBytes.count)] + node.encodedBytes)
        #expect(
            errorCode {
                _ = try DER.sequence(wrapped) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> Int in
                    try DER.decodeDefaultExplicitlyTagged(&it, tagNumber: 0, defaultValue: 0)
                }
            } == .defaultValueEncoded)
    }

    @Test("SET OF must be sorted")
    func unsortedSet() throws {
        let sorted = try DER.parse([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02])
        #expect(try DER.set(of: Int.self, sorted) == [1, 2])
        let unsorted = try DER.parse([0x31, 0x06, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01])
        #expect(errorCode { _ = try DER.set(of: Int.self, unsorted) } == .unsortedSet)
        var coder = DER.Serializer()
        coder.serializeSetOf([3, 1, 2])
        #expect(coder.serializedBytes == [0x31, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x02, 0x01, 0x03])
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String { split(separator: Character(a), omittingEmptySubsequences: true).joined(separator: b) }
}
