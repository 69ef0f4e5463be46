// SPDX-License-Identifier: Apache-2.0
// Lower-case hex encoding and strict decoding (the project's wire form for hashes, DESIGN.md §5).

extension Array where Element == UInt8 {
    /// Decodes hex (either case); rejects odd lengths and any non-hex character.
    /// - Throws: `CryptoError.invalidEncoding`.
    public init(hexString: some StringProtocol) throws(CryptoError) {
        let utf8 = Array(hexString.utf8)
        guard utf8.count % 2 == 0 else { throw .invalidEncoding }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = hexNibble(utf8[i]), let lo = hexNibble(utf8[i + 1]) else { throw .invalidEncoding }
            out.append(hi << 4 | lo)
            i += 2
        }
        self = out
    }

    /// Lower-case hex of the bytes.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex of the bytes (digests, slices).
    public var hexEncoded: String { Array(self).hexString }
}

@inline(__always)
private func hexNibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}
