// SPDX-License-Identifier: Apache-2.0
// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5480 §2.2 / SEC 1 v2 §C.8) ↔ fixed-width r‖s.

/// Conversions between DER ECDSA signatures and the raw `r‖s` form the crypto module uses.
public enum ECDSASigValue {
    /// Decodes DER into `r‖s`, each left-padded to `coordinateByteCount`.
    /// - Throws: `ASN1Error` for non-DER input, negative or zero values, or values wider than the curve.
    public static func rawRepresentation(fromDER der: some Collection<UInt8>, coordinateByteCount: Int) throws(ASN1Error) -> [UInt8] {
        let node = try DER.parse(Array(der))
        return try DER.sequence(node) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> [UInt8] in
            var out: [UInt8] = []
            for what in ["r", "s"] {
                let v = try ASN1Integer(derEncoded: try DER.required(&it, what))
                guard !v.isNegative, !v.isZero else { throw ASN1Error(.invalidInteger, "ECDSA \(what) must be positive") }
                let mag = v.unsignedBytes
                guard mag.count <= coordinateByteCount else {
                    throw ASN1Error(.invalidInteger, "ECDSA \(what) is wider than the curve order")
                }
                out += [UInt8](repeating: 0, count: coordinateByteCount - mag.count) + mag
            }
            return out
        }
    }

    /// Encodes `r‖s` (two equal halves) as DER.
    public static func derRepresentation(fromRaw raw: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(raw)
        let half = bytes.count / 2
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) {
            $0.serialize(ASN1Integer(unsignedBytes: bytes[0..<half]))
            $0.serialize(ASN1Integer(unsignedBytes: bytes[half...]))
        }
        return coder.serializedBytes
    }
}
