// SPDX-License-Identifier: Apache-2.0
// Hex for tests, independent of ContrastCrypto so that it can check the crypto module's own helpers.

/// Hex decoding and encoding for vectors.
public enum Hex {
    /// Decodes hex, ignoring spaces, newlines and an optional `0x` prefix.
    public static func decode(_ s: String) throws -> [UInt8] {
        var digits = Array(s.utf8.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        if digits.count >= 2, digits[0] == UInt8(ascii: "0"), digits[1] | 0x20 == UInt8(ascii: "x") {
            digits.removeFirst(2)
        }
        guard digits.count % 2 == 0 else { throw VectorError.malformed(file: "hex", reason: "odd length: \(s.prefix(40))") }
        var out = [UInt8]()
        out.reserveCapacity(digits.count / 2)
        var k = 0
        while k < digits.count {
            guard let hi = nibble(digits[k]), let lo = nibble(digits[k + 1]) else {
                throw VectorError.malformed(file: "hex", reason: "not hex: \(s.prefix(40))")
            }
            out.append(hi << 4 | lo)
            k += 2
        }
        return out
    }

    /// Lower-case hex.
    public static func encode<S: Sequence<UInt8>>(_ bytes: S) -> String {
        let d = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(d[Int(b >> 4)])
            out.append(d[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}
