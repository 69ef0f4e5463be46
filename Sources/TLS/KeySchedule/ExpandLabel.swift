// SPDX-License-Identifier: Apache-2.0
// HKDF-Extract, HKDF-Expand (RFC 5869 §2.2, §2.3), HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1).

/// The HKDF functions of the TLS 1.3 key schedule over a suite's hash.
/// - CT: time depends on lengths only; secret inputs flow through HMAC, which is constant-time in its inputs.
public enum HKDFLabel {
    /// HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 §2.2).
    public static func extract(_ hash: TLSHash, salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        hash.hmac(salt, ikm)
    }

    /// HKDF-Expand(PRK, info, L) (RFC 5869 §2.3).
    /// - Precondition: `length <= 255 * Hash.length`. TLS only asks for key, IV and Hash.length outputs, and
    ///   exporters are capped by the caller, so a larger request is a programming error.
    public static func expand(_ hash: TLSHash, prk: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
        precondition(length <= 255 * hash.length, "HKDF-Expand: output too long")
        var out: [UInt8] = []
        out.reserveCapacity(length + hash.length)
        var t: [UInt8] = []
        var counter: UInt8 = 1
        while out.count < length {
            t = hash.hmac(prk, t + info + [counter])
            out.append(contentsOf: t)
            counter &+= 1
        }
        return Array(out[0..<length])
    }

    /// The HkdfLabel structure: uint16 length, opaque label<7..255> = "tls13 " + label, opaque context<0..255>.
    /// - Precondition: label and context fit their one-byte prefixes (they are ours, or a Hash.length digest;
    ///   exporter labels and contexts are checked by the exporter before they get here).
    public static func hkdfLabel(label: String, context: [UInt8], length: Int) -> [UInt8] {
        let fullLabel = Array("tls13 ".utf8) + Array(label.utf8)
        precondition(fullLabel.count <= 255 && context.count <= 255 && length <= 0xFFFF, "HkdfLabel overflow")
        var w = ByteWriter(capacity: 4 + fullLabel.count + context.count)
        w.writeU16(UInt16(length))
        w.writeVector(1, fullLabel)
        w.writeVector(1, context)
        return w.bytes
    }

    /// HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1).
    public static func expandLabel(
        _ hash: TLSHash, secret: [UInt8], label: TLS13Label, context: [UInt8], length: Int
    ) -> [UInt8] {
        expand(hash, prk: secret, info: hkdfLabel(label: label.rawValue, context: context, length: length), length: length)
    }

    /// Expand-Label with a caller-chosen label string (exporters, RFC 8446 §7.5).
    static func expandLabel(
        _ hash: TLSHash, secret: [UInt8], rawLabel: String, context: [UInt8], length: Int
    ) -> [UInt8] {
        expand(hash, prk: secret, info: hkdfLabel(label: rawLabel, context: context, length: length), length: length)
    }

    /// Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length),
    /// given the transcript hash already computed.
    public static func deriveSecret(_ hash: TLSHash, secret: [UInt8], label: TLS13Label, transcriptHash: [UInt8]) -> [UInt8] {
        expandLabel(hash, secret: secret, label: label, context: transcriptHash, length: hash.length)
    }
}
