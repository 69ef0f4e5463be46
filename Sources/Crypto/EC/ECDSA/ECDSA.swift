// SPDX-License-Identifier: Apache-2.0
// ECDSA signature generation and verification over a `PrimeCurve` (FIPS 186-5 §6.4, SEC 1 v2 §4.1).

/// Curve-generic ECDSA. Scalars travel as canonical big-endian byte arrays of `C.byteCount` bytes.
package enum ECDSA<C: PrimeCurve> {
    /// bits2int(digest) mod n (FIPS 186-5 §6.4.1 step 2–3, RFC 6979 §2.3.2): the leftmost qlen = 8·byteCount
    /// bits of the digest, or the whole digest left-padded when shorter, reduced once modulo n.
    /// - CT: time depends only on the digest length.
    package static func digestScalar(_ digest: [UInt8]) -> C.Scalar {
        let n = C.byteCount
        let e: [UInt8] =
            digest.count >= n  // public: length
            ? Array(digest.prefix(n)) : [UInt8](repeating: 0, count: n - digest.count) + digest
        return C.Scalar.decode(reducing: e)
    }

    /// Signs `digest` with the private scalar `d` (valid, in [1, n−1]) using RFC 6979 nonces over `H`.
    ///
    /// - Parameters:
    ///   - d: private scalar, `C.byteCount` big-endian bytes.
    ///   - digest: message digest of any length (bits2int truncates).
    ///   - extra: hedging input k' (RFC 6979 §3.6), empty for deterministic signatures.
    /// - Returns: r ‖ s, each `C.byteCount` bytes.
    /// - CT: time depends only on lengths and on the (public, almost surely zero) number of retries; `d`, the
    ///   nonce and the digest do not leak.
    package static func sign<H: HashFunction>(d: [UInt8], digest: [UInt8], nonceHash: H.Type, extra: [UInt8])
        -> [UInt8]
    {
        let e = digestScalar(digest)
        var nonces = RFC6979Nonces<H>(privateKey: d, reducedDigest: e.bytes, extra: extra)
        while true {
            // RFC 6979 §3.2 step h.3: a candidate outside [1, n−1] (or giving r = 0 or s = 0) is skipped.
            if let signature = sign(d: d, digest: digest, nonce: nonces.next()) { return signature }
        }
    }

    /// One signing attempt with the nonce k (`C.byteCount` big-endian bytes), FIPS 186-5 §6.4.1 steps 3–11.
    /// - Returns: r ‖ s, or nil when k ∉ [1, n−1], r = 0 or s = 0 (public outcomes, probability < 2^-32).
    /// - CT: `d`, `k` and the digest do not leak (only the public nil outcome).
    package static func sign(d: [UInt8], digest: [UInt8], nonce kBytes: [UInt8]) -> [UInt8]? {
        let e = digestScalar(digest)
        let (dScalar, _) = C.Scalar.decode(canonical: d)
        let (k, kInRange) = C.Scalar.decode(canonical: kBytes)
        if (kInRange & ~k.isZeroMask) == 0 { return nil }  // public: rejection
        let point = kBytes.withUnsafeBytes { JacobianPoint<C>.generatorMultiple(scalar: $0) }
        let (affine, _) = point.affine()
        // FIPS 186-5 §6.4.1 step 6–7: r = x mod n.
        let r = C.Scalar.decode(reducing: affine.x.bytes)
        // s = k⁻¹·(e + r·d) mod n (step 8–9).
        let s = k.inverted() * (e + r * dScalar)
        if (r.isZeroMask | s.isZeroMask) != 0 { return nil }  // public: r and s are output
        return r.bytes + s.bytes
    }

    /// Verifies the signature r ‖ s on `digest` under the public point `q` (FIPS 186-5 §6.4.2).
    /// VARTIME: public inputs only.
    package static func verifyVarTime(signature: [UInt8], digest: [UInt8], q: AffinePoint<C>) -> Bool {
        let n = C.byteCount
        guard signature.count == 2 * n else { return false }
        let rBytes = Array(signature[0..<n])
        let sBytes = Array(signature[n...])
        // FIPS 186-5 §6.4.2 step 1: r and s must lie in [1, n−1].
        let (r, rOK) = C.Scalar.decode(canonical: rBytes)
        let (s, sOK) = C.Scalar.decode(canonical: sBytes)
        guard rOK != 0, sOK != 0, r.isZeroMask == 0, s.isZeroMask == 0 else { return false }
        let e = digestScalar(digest)
        let w = s.inverted()
        let u1 = e * w
        let u2 = r * w
        let point = JacobianPoint<C>.doubleMultiplyVarTime(u1: u1.bytes, u2: u2.bytes, q: q)
        // Step 5: reject the identity.
        guard point.isIdentityMask == 0 else { return false }
        // Step 6–7: x(R) mod n == r, checked in Jacobian coordinates as X == r'·Z² for r' ∈ {r, r + n}, r' < p.
        let zz = point.z.squared()
        let (rField, _) = C.Field.decode(canonical: rBytes)
        if C.Field.equalMask(point.x, rField * zz) != 0 { return true }
        let (rPlusN, carry) = addBigEndian(rBytes, C.Scalar.modulus.plainBytes)
        let (rPlusNField, below) = C.Field.decode(canonical: rPlusN)
        guard carry == 0, below != 0 else { return false }
        return C.Field.equalMask(point.x, rPlusNField * zz) != 0
    }

    /// Recovers the public key from a signature (SEC 1 v2 §4.1.6), for `recoveryID` = 2·j + parity(y(R)).
    /// - Returns: the point, or nil when no key exists for this id.
    /// VARTIME: public inputs only.
    package static func recoverVarTime(signature: [UInt8], digest: [UInt8], recoveryID: Int) -> AffinePoint<C>? {
        let n = C.byteCount
        guard signature.count == 2 * n, (0...3).contains(recoveryID) else { return nil }
        let rBytes = Array(signature[0..<n])
        let sBytes = Array(signature[n...])
        let (r, rOK) = C.Scalar.decode(canonical: rBytes)
        let (s, sOK) = C.Scalar.decode(canonical: sBytes)
        guard rOK != 0, sOK != 0, r.isZeroMask == 0, s.isZeroMask == 0 else { return nil }
        // Step 1.1–1.3: x = r + j·n must be a field element; R = (x, y) with the requested parity.
        var xBytes = rBytes
        if recoveryID >= 2 {
            let (sum, carry) = addBigEndian(rBytes, C.Scalar.modulus.plainBytes)
            guard carry == 0 else { return nil }
            xBytes = sum
        }
        guard let bigR = decompress(xBytes: xBytes, parity: UInt64(recoveryID & 1)) else { return nil }
        // Step 1.6: Q = r⁻¹·(s·R − e·G) = (−e·r⁻¹)·G + (s·r⁻¹)·R.
        let e = digestScalar(digest)
        let rInv = r.inverted()
        let u1 = -(e * rInv)
        let u2 = s * rInv
        let q = JacobianPoint<C>.doubleMultiplyVarTime(u1: u1.bytes, u2: u2.bytes, q: bigR)
        let (affine, isIdentity) = q.affine()
        guard isIdentity == 0 else { return nil }
        return affine
    }

    /// The point with x-coordinate `xBytes` and y of the given parity, or nil (SEC 1 v2 §2.3.4 step 2.4).
    /// - CT: time independent of the coordinate values (the success result is public).
    package static func decompress(xBytes: [UInt8], parity: UInt64) -> AffinePoint<C>? {
        let (x, xOK) = C.Field.decode(canonical: xBytes)
        let three = C.Field.one + C.Field.one + C.Field.one
        let rhs = (x.squared() - three) * x + C.curveB
        let (y, isSquare) = rhs.squareRoot()
        let flip = ConstantTime.mask(fromBit: y.parity ^ parity)
        let yFixed = C.Field.select(flip, -y, y)
        // y = 0 has no partner of odd parity.
        let parityOK = ~ConstantTime.isEqual(yFixed.parity ^ parity, 1)
        guard (xOK & isSquare & parityOK) != 0 else { return nil }  // public: decode result
        return AffinePoint(x: x, y: yFixed)
    }
}

extension MontgomeryElement {
    /// Big-endian bytes of the limbs as a plain integer (used for the public modulus).
    package var plainBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        for i in 0..<Self.limbCount {
            let w = limb(i)
            for j in 0..<8 { out[Self.byteCount - 8 * i - 1 - j] = UInt8(truncatingIfNeeded: w >> UInt64(8 * j)) }
        }
        return out
    }
}

/// a + b for equal-length big-endian integers; returns (sum mod 2^(8·count), carry).
func addBigEndian(_ a: [UInt8], _ b: [UInt8]) -> ([UInt8], UInt64) {
    var out = a
    var carry: UInt16 = 0
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        let s = UInt16(a[i]) + UInt16(b[i]) + carry
        out[i] = UInt8(truncatingIfNeeded: s)
        carry = s >> 8
    }
    return (out, UInt64(carry))
}
