// SPDX-License-Identifier: Apache-2.0
// Curve-generic private and public keys: scalar validation, point encodings and validation (SEC 1 v2 §2.3.3–2.3.4).

/// A validated private scalar d ∈ [1, n−1] and its public point d·G.
package struct ECPrivateKeyCore<C: PrimeCurve>: Sendable {
    /// d, `C.byteCount` big-endian bytes.
    package let scalar: [UInt8]
    /// d·G.
    package let publicKey: ECPublicKeyCore<C>

    /// Validates d ∈ [1, n−1] (SEC 1 v2 §3.2.1) and computes d·G.
    /// - Throws: `invalidLength` for a wrong length, `invalidScalar` for 0 or ≥ n.
    /// - CT: the scalar's value does not leak (only whether it was valid).
    package init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
        let bytes = Array(rawRepresentation)
        guard bytes.count == C.byteCount else { throw .invalidLength }
        let (d, inRange) = C.Scalar.decode(canonical: bytes)
        guard (inRange & ~d.isZeroMask) != 0 else { throw .invalidScalar }  // public: validity
        scalar = bytes
        let point = bytes.withUnsafeBytes { JacobianPoint<C>.generatorMultiple(scalar: $0) }
        publicKey = ECPublicKeyCore(point: point.affine().0)
    }

    /// A uniformly random key by rejection sampling of `C.byteCount` random bytes.
    /// - CT: only the (public) number of rejected draws depends on the random values.
    package init(using random: inout some RandomSource) throws(CryptoError) {
        while true {
            let bytes = try random.bytes(count: C.byteCount)
            let (d, inRange) = C.Scalar.decode(canonical: bytes)
            if (inRange & ~d.isZeroMask) != 0 {  // public: rejection sampling outcome
                try self.init(rawRepresentation: bytes)
                return
            }
        }
    }

    /// ECDH (SEC 1 v2 §3.3.1): the x-coordinate of d·Q. Q was fully validated when it was decoded.
    /// - Throws: `invalidPoint` if the product is the identity (impossible for valid keys on prime-order curves).
    /// - CT: time independent of d and Q.
    package func sharedSecret(with peer: ECPublicKeyCore<C>) throws(CryptoError) -> [UInt8] {
        let product = scalar.withUnsafeBytes { JacobianPoint.multiply(peer.point, scalar: $0) }
        let (affine, isIdentity) = product.affine()
        guard isIdentity == 0 else { throw .invalidPoint }  // public: failure
        return affine.x.bytes
    }
}

/// A validated public point: on the curve, coordinates < p, not the identity.
package struct ECPublicKeyCore<C: PrimeCurve>: Sendable {
    package let point: AffinePoint<C>

    package init(point: AffinePoint<C>) {
        self.point = point
    }

    /// Decodes x ‖ y (each `C.byteCount` bytes), checking x, y < p and the curve equation (SEC 1 v2 §3.2.2.1).
    /// - Throws: `invalidLength` for a wrong length, `invalidPoint` otherwise.
    package init(rawRepresentation: some Collection<UInt8>) throws(CryptoError) {
        let bytes = Array(rawRepresentation)
        let n = C.byteCount
        guard bytes.count == 2 * n else { throw .invalidLength }
        let (x, xOK) = C.Field.decode(canonical: bytes[0..<n])
        let (y, yOK) = C.Field.decode(canonical: bytes[n...])
        let p = AffinePoint<C>(x: x, y: y)
        // Accumulate every failure before deciding (STYLE.md §8.4 rule 6).
        guard (xOK & yOK & p.isOnCurveMask) != 0 else { throw .invalidPoint }
        point = p
    }

    /// Decodes the uncompressed encoding 0x04 ‖ x ‖ y (SEC 1 v2 §2.3.4).
    package init(x963Representation: some Collection<UInt8>) throws(CryptoError) {
        let bytes = Array(x963Representation)
        guard bytes.count == 2 * C.byteCount + 1 else { throw .invalidLength }
        guard bytes[0] == 0x04 else { throw .invalidEncoding }
        try self.init(rawRepresentation: bytes[1...])
    }

    /// Decodes the compressed encoding 0x02/0x03 ‖ x (SEC 1 v2 §2.3.4 step 2.4).
    package init(compressedRepresentation: some Collection<UInt8>) throws(CryptoError) {
        let bytes = Array(compressedRepresentation)
        guard bytes.count == C.byteCount + 1 else { throw .invalidLength }
        guard bytes[0] == 0x02 || bytes[0] == 0x03 else { throw .invalidEncoding }
        guard let p = ECDSA<C>.decompress(xBytes: Array(bytes[1...]), parity: UInt64(bytes[0] & 1)) else {
            throw .invalidPoint
        }
        point = p
    }

    /// x ‖ y.
    package var rawRepresentation: [UInt8] { point.x.bytes + point.y.bytes }
    /// 0x04 ‖ x ‖ y.
    package var x963Representation: [UInt8] { [0x04] + rawRepresentation }
    /// (0x02 | parity(y)) ‖ x.
    package var compressedRepresentation: [UInt8] { [0x02 | UInt8(point.y.parity)] + point.x.bytes }
}
