// SPDX-License-Identifier: Apache-2.0
// Minimal strict DER readers for the two public-key encodings manifests carry: PKCS#1 RSAPublicKey (RFC 8017 A.1.1) and EC SubjectPublicKeyInfo (RFC 5480 §2).

// These exist so that manifest validation and seed-share encryption do not wait for the X.509 module; they
// accept only DER (definite minimal lengths, minimal positive INTEGERs, no trailing bytes). When ContrastASN1
// provides the same decoders, callers can switch without changing behaviour.

/// A DER problem in a public key.
public struct PublicKeyDERError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// An RSA public key as PKCS#1 carries it: big-endian modulus and exponent without leading zeros.
public struct RSAPublicKeyComponents: Sendable, Equatable {
    public let modulus: [UInt8]
    public let publicExponent: [UInt8]
    /// Modulus size in bits.
    public var modulusBits: Int {
        guard let first = modulus.first else { return 0 }
        return modulus.count * 8 - first.leadingZeroBitCount
    }
}

/// An EC public key from a SubjectPublicKeyInfo: the curve and the SEC 1 uncompressed point.
public struct ECPublicKeyComponents: Sendable, Equatable {
    public enum Curve: String, Sendable, Equatable {
        case p256 = "P-256"
        case p384 = "P-384"
        case p521 = "P-521"
    }
    public let curve: Curve
    /// `04 || X || Y`.
    public let x963Point: [UInt8]
}

public enum PublicKeyDER {
    /// OID 1.2.840.10045.2.1 id-ecPublicKey (RFC 5480 §2.1.1), content octets.
    static let ecPublicKeyOID: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    static let curveOIDs: [([UInt8], ECPublicKeyComponents.Curve, Int)] = [
        ([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], .p256, 32),  // secp256r1 1.2.840.10045.3.1.7
        ([0x2B, 0x81, 0x04, 0x00, 0x22], .p384, 48),  // secp384r1 1.3.132.0.34
        ([0x2B, 0x81, 0x04, 0x00, 0x23], .p521, 66),  // secp521r1 1.3.132.0.35
    ]

    /// Parses `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 A.1.1).
    public static func parsePKCS1RSAPublicKey(_ der: [UInt8]) throws(PublicKeyDERError) -> RSAPublicKeyComponents {
        var outer = DERCursor(der)
        var seq = try outer.read(tag: 0x30)
        guard outer.isAtEnd else { throw PublicKeyDERError("trailing data after RSAPublicKey") }
        let n = try seq.readPositiveInteger()
        let e = try seq.readPositiveInteger()
        guard seq.isAtEnd else { throw PublicKeyDERError("extra fields in RSAPublicKey") }
        return RSAPublicKeyComponents(modulus: n, publicExponent: e)
    }

    /// Parses an EC `SubjectPublicKeyInfo` with a named curve and an uncompressed point (RFC 5480 §2.1.1, §2.2).
    /// The point is checked for form and length only; curve membership is the EC module's job.
    public static func parseECSubjectPublicKeyInfo(_ der: [UInt8]) throws(PublicKeyDERError) -> ECPublicKeyComponents {
        var outer = DERCursor(der)
        var spki = try outer.read(tag: 0x30)
        guard outer.isAtEnd else { throw PublicKeyDERError("trailing data after SubjectPublicKeyInfo") }
        var alg = try spki.read(tag: 0x30)
        let algOID = try alg.readBytes(tag: 0x06)
        guard algOID == ecPublicKeyOID else { throw PublicKeyDERError("not an EC public key") }
        let curveOID = try alg.readBytes(tag: 0x06)
        guard alg.isAtEnd else { throw PublicKeyDERError("unexpected EC parameters") }
        guard let (_, curve, size) = curveOIDs.first(where: { $0.0 == curveOID }) else {
            throw PublicKeyDERError("unsupported curve")
        }
        let bits = try spki.readBytes(tag: 0x03)
        guard spki.isAtEnd else { throw PublicKeyDERError("extra fields in SubjectPublicKeyInfo") }
        guard bits.count == 2 + 2 * size, bits[0] == 0, bits[1] == 0x04 else {
            throw PublicKeyDERError("EC point must be uncompressed with \(2 * size + 1) bytes")
        }
        return ECPublicKeyComponents(curve: curve, x963Point: Array(bits[1...]))
    }

    /// Encodes `RSAPublicKey` DER from its components (RFC 8017 A.1.1).
    public static func encodePKCS1RSAPublicKey(modulus: [UInt8], publicExponent: [UInt8]) -> [UInt8] {
        let body = encodeInteger(modulus) + encodeInteger(publicExponent)
        return encodeTLV(0x30, body)
    }

    static func encodeInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var m = Array(magnitude.drop(while: { $0 == 0 }))
        if m.isEmpty { m = [0] }
        if m[0] & 0x80 != 0 { m.insert(0, at: 0) }
        return encodeTLV(0x02, m)
    }

    static func encodeTLV(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out = [tag]
        if content.count < 0x80 {
            out.append(UInt8(content.count))
        } else {
            var len: [UInt8] = []
            var n = content.count
            while n > 0 {
                len.insert(UInt8(n & 0xFF), at: 0)
                n >>= 8
            }
            out.append(0x80 | UInt8(len.count))
            out += len
        }
        return out + content
    }
}

/// Reads DER TLVs from a byte slice (X.690 §8.1, §10.1: definite, minimal lengths only).
struct DERCursor {
    let bytes: [UInt8]
    var index: Int
    let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.index = 0
        self.end = bytes.count
    }

    init(_ bytes: [UInt8], from: Int, to: Int) {
        self.bytes = bytes
        self.index = from
        self.end = to
    }

    var isAtEnd: Bool { index >= end }

    /// Reads one TLV with `tag`, returning a cursor over its contents.
    mutating func read(tag: UInt8) throws(PublicKeyDERError) -> DERCursor {
        guard index < end else { throw PublicKeyDERError("truncated DER") }
        guard bytes[index] == tag else { throw PublicKeyDERError("unexpected DER tag") }
        index += 1
        guard index < end else { throw PublicKeyDERError("truncated DER length") }
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let n = Int(first & 0x7F)
            // X.690 §10.1: definite form, minimal octets; lengths above 2^24 are not plausible keys.
            guard n >= 1, n <= 3, end - index >= n else { throw PublicKeyDERError("invalid DER length") }
            guard bytes[index] != 0 else { throw PublicKeyDERError("non-minimal DER length") }
            for _ in 0..<n {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
            guard length >= 0x80 else { throw PublicKeyDERError("non-minimal DER length") }
        }
        guard length <= end - index else { throw PublicKeyDERError("DER length exceeds data") }
        let inner = DERCursor(bytes, from: index, to: index + length)
        index += length
        return inner
    }

    mutating func readBytes(tag: UInt8) throws(PublicKeyDERError) -> [UInt8] {
        let c = try read(tag: tag)
        return Array(bytes[c.index..<c.end])
    }

    /// A positive INTEGER in minimal encoding, returned without the sign octet (X.690 §8.3.2).
    mutating func readPositiveInteger() throws(PublicKeyDERError) -> [UInt8] {
        let v = try readBytes(tag: 0x02)
        guard let first = v.first else { throw PublicKeyDERError("empty INTEGER") }
        guard first & 0x80 == 0 else { throw PublicKeyDERError("negative INTEGER") }
        if first == 0 {
            guard v.count > 1, v[1] & 0x80 != 0 else { throw PublicKeyDERError("non-minimal or zero INTEGER") }
            return Array(v.dropFirst())
        }
        return v
    }
}
