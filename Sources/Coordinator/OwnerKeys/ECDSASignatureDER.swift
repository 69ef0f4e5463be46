// SPDX-License-Identifier: Apache-2.0
// ECDSA-Sig-Value DER (RFC 3279 §2.2.3) ↔ raw r‖s, and the fixed DER templates of P-384 SEC 1 private keys and SPKI (RFC 5915, RFC 5480).

import ContrastCrypto

/// DER forms the history and the owner-key scheme need, written here so that they do not wait for the ASN.1
/// module's key encodings. Strict: minimal INTEGERs, no trailing data.
public enum ECDSASignatureDER {
    /// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` from raw `r ‖ s` (each half big-endian).
    public static func encode(raw: [UInt8]) -> [UInt8] {
        let half = raw.count / 2
        let body = PublicKeyDER.encodeInteger(Array(raw[0..<half])) + PublicKeyDER.encodeInteger(Array(raw[half...]))
        return PublicKeyDER.encodeTLV(0x30, body)
    }

    /// Raw `r ‖ s` (each left-padded to `scalarSize` bytes) from DER.
    /// - Throws: `PublicKeyDERError` on malformed DER or an integer longer than `scalarSize`.
    public static func decode(_ der: [UInt8], scalarSize: Int) throws(PublicKeyDERError) -> [UInt8] {
        var outer = DERCursor(der)
        var seq = try outer.read(tag: 0x30)
        guard outer.isAtEnd else { throw PublicKeyDERError("trailing data after ECDSA-Sig-Value") }
        let r = try seq.readPositiveInteger()
        let s = try seq.readPositiveInteger()
        guard seq.isAtEnd else { throw PublicKeyDERError("extra fields in ECDSA-Sig-Value") }
        guard r.count <= scalarSize, s.count <= scalarSize else { throw PublicKeyDERError("signature integer too long") }
        return [UInt8](repeating: 0, count: scalarSize - r.count) + r + [UInt8](repeating: 0, count: scalarSize - s.count) + s
    }
}

/// Fixed-shape DER of P-384 keys.
public enum P384KeyDER {
    /// `ECPrivateKey` (RFC 5915 §3) with version 1, the 48-byte scalar, parameters secp384r1 and the public
    /// key: exactly what Go's `x509.MarshalECPrivateKey` writes (the seed-engine vectors use it).
    public static func sec1(_ key: P384.Signing.PrivateKey) -> [UInt8] {
        [0x30, 0x81, 0xA4, 0x02, 0x01, 0x01, 0x04, 0x30] + key.rawRepresentation
            + [0xA0, 0x07, 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22, 0xA1, 0x64, 0x03, 0x62, 0x00]
            + key.publicKey.x963Representation
    }

    /// `SubjectPublicKeyInfo` (RFC 5480) of a P-384 public key: the PKIX DER that owner-key digests hash.
    public static func spki(_ key: P384.Signing.PublicKey) -> [UInt8] {
        [0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22,
         0x03, 0x62, 0x00] + key.x963Representation
    }

    /// The private key from SEC 1 DER of the shape `sec1(_:)` writes (also accepts the key without the
    /// optional public key).
    /// - Throws: `PublicKeyDERError` for any other shape, a wrong curve, or a public key that does not match.
    public static func privateKey(sec1 der: [UInt8]) throws(PublicKeyDERError) -> P384.Signing.PrivateKey {
        var outer = DERCursor(der)
        var seq = try outer.read(tag: 0x30)
        guard outer.isAtEnd else { throw PublicKeyDERError("trailing data after ECPrivateKey") }
        guard try seq.readBytes(tag: 0x02) == [1] else { throw PublicKeyDERError("ECPrivateKey version must be 1") }
        let d = try seq.readBytes(tag: 0x04)
        guard d.count == 48 else { throw PublicKeyDERError("P-384 private key must be 48 bytes") }
        var publicPoint: [UInt8]?
        if !seq.isAtEnd, seq.peekTag == 0xA0 {
            var params = try seq.read(tag: 0xA0)
            guard try params.readBytes(tag: 0x06) == [0x2B, 0x81, 0x04, 0x00, 0x22], params.isAtEnd else {
                throw PublicKeyDERError("not a secp384r1 key")
            }
        }
        if !seq.isAtEnd, seq.peekTag == 0xA1 {
            var pub = try seq.read(tag: 0xA1)
            let bits = try pub.readBytes(tag: 0x03)
            guard pub.isAtEnd, bits.first == 0 else { throw PublicKeyDERError("malformed public key") }
            publicPoint = Array(bits.dropFirst())
        }
        guard seq.isAtEnd else { throw PublicKeyDERError("extra fields in ECPrivateKey") }
        let key: P384.Signing.PrivateKey
        do { key = try P384.Signing.PrivateKey(rawRepresentation: d) } catch { throw PublicKeyDERError("invalid private scalar") }
        if let publicPoint, publicPoint != key.publicKey.x963Representation {
            throw PublicKeyDERError("public key does not match the private key")
        }
        return key
    }
}

extension DERCursor {
    /// The next tag byte without consuming it (0 at the end).
    var peekTag: UInt8 { index < end ? bytes[index] : 0 }
}
