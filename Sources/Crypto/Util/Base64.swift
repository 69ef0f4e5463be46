// SPDX-License-Identifier: Apache-2.0
// Standard base64 (RFC 4648 §4) with strict, constant-time decoding (PEM bodies may hold private keys).
// CT-FILE

/// How strictly `[UInt8](base64Encoded:options:)` reads its input.
public struct Base64DecodingOptions: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Skip spaces, tabs, CR and LF anywhere in the input (PEM bodies, wrapped JSON). Without it any
    /// whitespace is an error.
    public static let ignoreWhitespace = Base64DecodingOptions(rawValue: 1 << 0)
}

extension Array where Element == UInt8 {
    /// Decodes standard base64 (RFC 4648 §4, alphabet `A–Z a–z 0–9 + /`) strictly: the length must be a
    /// multiple of 4 with `=` padding (RFC 4648 §3.2), `=` may appear only at the end, and the unused bits
    /// before the padding must be zero (§3.5, canonical encoding). Whitespace is rejected unless
    /// `options` contains `.ignoreWhitespace`.
    /// - Throws: `CryptoError.invalidEncoding`.
    /// - CT: the alphabet is decoded with arithmetic masks, not a table, and every character is checked
    ///   before the single error exit; time depends only on the input length and on where whitespace and
    ///   padding sit (formatting, not content).
    public init(base64Encoded text: some StringProtocol, options: Base64DecodingOptions = []) throws(CryptoError) {
        var chars = Array(text.utf8)
        if options.contains(.ignoreWhitespace) {  // public: option
            chars.removeAll { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }  // public: formatting
        }
        guard chars.count % 4 == 0 else { throw .invalidEncoding }  // public: length
        // public: padding is formatting; its count follows from the payload length.
        let padding = chars.last == UInt8(ascii: "=") ? (chars.dropLast().last == UInt8(ascii: "=") ? 2 : 1) : 0
        let payload = chars.count - padding
        var out = [UInt8]()
        out.reserveCapacity(payload * 3 / 4)
        var invalid: UInt64 = 0  // all ones once any character is bad
        var accumulator: UInt64 = 0
        var bits = 0
        for i in 0..<payload {
            let (value, valid) = base64Value(chars[i])
            invalid |= ~valid
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {  // public: position
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bits)))
            }
        }
        // RFC 4648 §3.5: the bits left over before the padding must be zero ("xx==": 4 bits, "xxx=": 2 bits).
        let leftover = accumulator & ((1 << UInt64(bits)) &- 1)
        invalid |= ~ConstantTime.isZero(leftover)
        // (`bits` is 0, 2 or 4 here: a multiple-of-4 length minus at most two pads. "x===" fails above
        // because its third character, '=', is not in the alphabet.)
        accumulator = 0
        guard invalid == 0 else {  // public: the decode result (success or failure) is the output
            for i in out.indices { out[i] = 0 }
            throw .invalidEncoding
        }
        self = out
    }
}

extension Sequence where Element == UInt8 {
    /// Standard base64 (RFC 4648 §4) with `=` padding and no line breaks.
    /// - CT: the alphabet is computed with arithmetic, not looked up; time depends only on the length.
    public func base64EncodedString() -> String {
        let bytes = Array(self)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {  // public: length
            let v = UInt64(bytes[i]) << 16 | UInt64(bytes[i + 1]) << 8 | UInt64(bytes[i + 2])
            out.append(base64Character(v >> 18))
            out.append(base64Character(v >> 12))
            out.append(base64Character(v >> 6))
            out.append(base64Character(v))
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {  // public: length
            let v = UInt64(bytes[i]) << 16
            out.append(base64Character(v >> 18))
            out.append(base64Character(v >> 12))
            out.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "=")])
        } else if rest == 2 {  // public: length
            let v = UInt64(bytes[i]) << 16 | UInt64(bytes[i + 1]) << 8
            out.append(base64Character(v >> 18))
            out.append(base64Character(v >> 12))
            out.append(base64Character(v >> 6))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The base64 character for the low 6 bits of `v`, without a table or branch.
@inline(__always)
private func base64Character(_ v: UInt64) -> UInt8 {
    let v = v & 63
    var c = v &+ 65                                    // 0…25  → 'A'…'Z'
    c = c &+ (ConstantTime.isLess(25, v) & 6)          // 26…51 → 'a'…'z' (97 = 26 + 71)
    c = c &- (ConstantTime.isLess(51, v) & 75)         // 52…61 → '0'…'9' (48 = 52 − 4)
    c = c &- (ConstantTime.isLess(61, v) & 15)         // 62    → '+'     (43 = 62 − 19)
    c = c &+ (ConstantTime.isLess(62, v) & 3)          // 63    → '/'     (47 = 63 − 16)
    return UInt8(truncatingIfNeeded: c)
}

/// The 6-bit value of base64 character `c` and a validity mask (all ones when `c` is in the alphabet),
/// without a table or branch.
@inline(__always)
private func base64Value(_ c: UInt8) -> (value: UInt64, valid: UInt64) {
    let c = UInt64(c)
    func inRange(_ lo: UInt64, _ hi: UInt64) -> UInt64 { ~(ConstantTime.isLess(c, lo) | ConstantTime.isLess(hi, c)) }
    let upper = inRange(65, 90)
    let lower = inRange(97, 122)
    let digit = inRange(48, 57)
    let plus = ConstantTime.isEqual(c, 43)
    let slash = ConstantTime.isEqual(c, 47)
    let value = (upper & (c &- 65)) | (lower & (c &- 71)) | (digit & (c &+ 4)) | (plus & 62) | (slash & 63)
    return (value & 63, upper | lower | digit | plus | slash)
}
