// SPDX-License-Identifier: Apache-2.0
// A minimal proto3 wire-format reader (protobuf encoding guide: varints, tags, wire types 0/1/2/5; upstream.md §7.5).

/// One field as it appears on the wire.
struct ProtobufField {
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case lengthDelimited(ArraySlice<UInt8>)
        case fixed32(UInt32)
    }

    let number: UInt64
    let value: Value
    /// The message the field belongs to, for error messages (`sevsnp.Report`).
    let message: String

    private func mismatch(_ want: String) -> AttestationError {
        AttestationError(.malformed, "\(message) field \(number): expected \(want) on the wire")
    }

    func uint64() throws(AttestationError) -> UInt64 {
        guard case .varint(let v) = value else { throw mismatch("a varint") }
        return v
    }

    func uint32() throws(AttestationError) -> UInt32 {
        let v = try uint64()
        guard v <= UInt64(UInt32.max) else {
            throw AttestationError(.malformed, "\(message) field \(number): value \(v) does not fit uint32")
        }
        return UInt32(v)
    }

    func bytes() throws(AttestationError) -> [UInt8] {
        guard case .lengthDelimited(let s) = value else { throw mismatch("length-delimited bytes") }
        return Array(s)
    }

    func string() throws(AttestationError) -> String {
        let b = try bytes()
        guard let s = String(validating: b, as: UTF8.self) else {
            throw AttestationError(.malformed, "\(message) field \(number): string is not valid UTF-8")
        }
        return s
    }

    /// A reader over an embedded message.
    func message(_ name: String) throws(AttestationError) -> ProtobufReader {
        guard case .lengthDelimited(let s) = value else { throw mismatch("an embedded message") }
        return ProtobufReader(s, message: name)
    }
}

/// Iterates the fields of one encoded message. Unknown fields are returned like known ones; callers skip them.
/// Groups (wire types 3 and 4) are rejected: proto3 never produces them.
struct ProtobufReader {
    private let bytes: ArraySlice<UInt8>
    private var index: Int
    let message: String

    init(_ bytes: ArraySlice<UInt8>, message: String) {
        self.bytes = bytes
        self.index = bytes.startIndex
        self.message = message
    }

    init(_ bytes: [UInt8], message: String) { self.init(bytes[...], message: message) }

    private mutating func varint() throws(AttestationError) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < bytes.endIndex else { throw AttestationError(.malformed, "\(message): truncated varint") }
            let b = bytes[index]
            index += 1
            guard shift < 64 else { throw AttestationError(.malformed, "\(message): varint longer than 10 bytes") }
            if shift == 63 && b > 1 { throw AttestationError(.malformed, "\(message): varint overflows 64 bits") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
    }

    private mutating func take(_ n: Int) throws(AttestationError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.endIndex - index else {
            throw AttestationError(.malformed, "\(message): field needs \(n) bytes, \(bytes.endIndex - index) left")
        }
        defer { index += n }
        return bytes[index..<(index + n)]
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(AttestationError) -> ProtobufField? {
        guard index < bytes.endIndex else { return nil }
        let key = try varint()
        let number = key >> 3
        guard number >= 1, number <= (1 << 29) - 1 else {
            throw AttestationError(.malformed, "\(message): field number \(number) is out of range")
        }
        let value: ProtobufField.Value
        switch key & 7 {
        case 0:
            value = .varint(try varint())
        case 1:
            let s = try take(8)
            value = .fixed64(s.reversed().reduce(0) { $0 << 8 | UInt64($1) })
        case 2:
            let n = try varint()
            guard n <= UInt64(Int32.max) else { throw AttestationError(.malformed, "\(message): length \(n) is too large") }
            value = .lengthDelimited(try take(Int(n)))
        case 5:
            let s = try take(4)
            value = .fixed32(s.reversed().reduce(0) { $0 << 8 | UInt32($1) })
        default:
            throw AttestationError(.malformed, "\(message): wire type \(key & 7) is not supported (groups are not proto3)")
        }
        return ProtobufField(number: number, value: value, message: message)
    }
}
