// SPDX-License-Identifier: Apache-2.0
// A minimal proto3 wire-format writer: fields in ascending number order, zero scalars and empty bytes omitted
// (proto3 implicit presence; protobuf encoding guide; upstream.md §7.5).

/// Builds one encoded message.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    private mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func tag(_ number: UInt64, _ wireType: UInt64) { varint(number << 3 | wireType) }

    /// A `uint32`/`uint64`/enum field; omitted when zero.
    mutating func uint(_ number: UInt64, _ v: UInt64) {
        guard v != 0 else { return }
        tag(number, 0)
        varint(v)
    }

    /// A `bytes`/`string` field; omitted when empty.
    mutating func bytes(_ number: UInt64, _ v: some Collection<UInt8>) {
        guard !v.isEmpty else { return }
        tag(number, 2)
        varint(UInt64(v.count))
        bytes.append(contentsOf: v)
    }

    /// An embedded message field. Present messages are written even when empty (explicit presence).
    mutating func message(_ number: UInt64, _ m: ProtobufWriter) {
        tag(number, 2)
        varint(UInt64(m.bytes.count))
        bytes.append(contentsOf: m.bytes)
    }
}
