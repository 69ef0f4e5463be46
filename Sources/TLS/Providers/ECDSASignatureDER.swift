// SPDX-License-Identifier: Apache-2.0
// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3), strict DER, for CertificateVerify.

/// The DER form TLS 1.3 carries ECDSA signatures in (RFC 8446 §4.2.3). Kept here, small and strict, so that
/// CertificateVerify does not depend on the X.509 layer. VARTIME: signatures are public.
package enum ECDSASignatureDER {
    /// r ‖ s (fixed width each) to DER.
    package static func encode(raw: [UInt8]) -> [UInt8] {
        let half = raw.count / 2
        let body = integer(Array(raw[0..<half])) + integer(Array(raw[half...]))
        return [0x30] + length(body.count) + body
    }

    /// DER to r ‖ s of `width` bytes each; nil unless the encoding is minimal DER with 0 < r, s < 2^(8·width).
    package static func decode(_ der: [UInt8], width: Int) -> [UInt8]? {
        var r = ByteReader(der)
        guard (try? r.readU8()) == 0x30, let seqLen = readLength(&r), seqLen == r.remaining else { return nil }
        guard let a = readInteger(&r, width: width), let b = readInteger(&r, width: width), r.isAtEnd else { return nil }
        return a + b
    }

    private static func integer(_ fixed: [UInt8]) -> [UInt8] {
        var v = Array(fixed.drop { $0 == 0 })
        if v.isEmpty { v = [0] }
        if v[0] & 0x80 != 0 { v.insert(0, at: 0) }
        return [0x02] + length(v.count) + v
    }

    private static func length(_ n: Int) -> [UInt8] {
        n < 0x80 ? [UInt8(n)] : [0x81, UInt8(n)]  // signatures are < 256 bytes
    }

    private static func readLength(_ r: inout ByteReader) -> Int? {
        guard let first = try? r.readU8() else { return nil }
        if first < 0x80 { return Int(first) }
        guard first == 0x81, let n = try? r.readU8(), n >= 0x80 else { return nil }  // minimal long form
        return Int(n)
    }

    private static func readInteger(_ r: inout ByteReader, width: Int) -> [UInt8]? {
        guard (try? r.readU8()) == 0x02, let n = readLength(&r), n > 0, let v = try? r.readBytes(n) else { return nil }
        // Minimal and positive: no leading 0x00 unless the next byte has its top bit set; no sign bit.
        guard v[0] & 0x80 == 0 else { return nil }
        if v.count > 1 && v[0] == 0 && v[1] & 0x80 == 0 { return nil }
        let magnitude = Array(v.drop { $0 == 0 })
        guard !magnitude.isEmpty, magnitude.count <= width else { return nil }
        return [UInt8](repeating: 0, count: width - magnitude.count) + magnitude
    }
}
