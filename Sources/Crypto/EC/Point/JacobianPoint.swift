// SPDX-License-Identifier: Apache-2.0
// Jacobian point arithmetic for a = −3 curves (dbl-2001-b, add-2007-bl, madd-2007-bl; Explicit-Formulas Database).
// CT-FILE

/// A point in Jacobian coordinates (X : Y : Z), x = X/Z², y = Y/Z³; Z = 0 is the identity.
///
/// Cheaper than the complete projective formulas (doubling 3M + 5S instead of 8M + 3S + 2·mul-by-b), but the
/// addition formulas are *not* complete: they are wrong when the two inputs are the same point (H = 0 and
/// R = 0) and when an input is the identity. The constant-time users below handle the identity with masks
/// and only ever add multiples a·P + b·P with a ≢ ±b (mod n) — guaranteed by scalars below n — so the
/// doubling case cannot occur; the VARTIME users branch on it (public data).
package struct JacobianPoint<C: PrimeCurve>: Sendable {
    package var x: C.Field
    package var y: C.Field
    package var z: C.Field

    @inline(__always)
    package init(x: C.Field, y: C.Field, z: C.Field) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The identity (1 : 1 : 0).
    @inline(__always)
    package static var identity: JacobianPoint { JacobianPoint(x: .one, y: .one, z: .zero) }

    @inline(__always)
    package init(_ p: AffinePoint<C>) {
        self.init(x: p.x, y: p.y, z: .one)
    }

    /// All ones iff this is the identity (Z = 0).
    @inline(__always)
    package var isIdentityMask: UInt64 { z.isZeroMask }

    /// `mask` all ones → a, zero → b.
    @inline(__always)
    package static func select(_ mask: UInt64, _ a: JacobianPoint, _ b: JacobianPoint) -> JacobianPoint {
        JacobianPoint(
            x: C.Field.select(mask, a.x, b.x), y: C.Field.select(mask, a.y, b.y), z: C.Field.select(mask, a.z, b.z))
    }

    /// −P.
    @inline(__always)
    package var negated: JacobianPoint { JacobianPoint(x: x, y: -y, z: z) }

    /// Affine coordinates with one constant-time inversion; (0, 0) and an all-ones mask for the identity.
    /// - CT: time independent of the coordinates.
    package func affine() -> (AffinePoint<C>, UInt64) {
        let zInv = z.inverted()
        let zInv2 = zInv.squared()
        return (AffinePoint(x: x * zInv2, y: y * (zInv2 * zInv)), isIdentityMask)
    }

    /// 2P (dbl-2001-b, a = −3): 3M + 5S. Also correct for the identity (Z stays 0).
    /// - CT: time independent of the point.
    @inline(__always)
    package func doubled() -> JacobianPoint {
        let delta = z.squared()  // δ = Z²
        let gamma = y.squared()  // γ = Y²
        let beta = x * gamma  // β = X·γ
        let t = (x - delta) * (x + delta)
        let alpha = t + t + t  // α = 3(X − δ)(X + δ)
        let beta2 = beta + beta
        let beta4 = beta2 + beta2
        let beta8 = beta4 + beta4
        let x3 = alpha.squared() - beta8  // X3 = α² − 8β
        let z3 = (y + z).squared() - gamma - delta  // Z3 = (Y + Z)² − γ − δ
        let gamma2 = gamma.squared()
        let g2 = gamma2 + gamma2
        let g4 = g2 + g2
        let g8 = g4 + g4
        let y3 = alpha * (beta4 - x3) - g8  // Y3 = α(4β − X3) − 8γ²
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// The raw madd-2007-bl sum P + Q for affine Q (7M + 4S); also returns H = U2 − X1 and R = S2 − Y1.
    /// Correct when P is not the identity and P ≠ ±Q; for P = −Q it yields the identity (Z3 = 0).
    @inline(__always)
    func rawAdding(_ q: AffinePoint<C>) -> (JacobianPoint, C.Field, C.Field) {
        let z1z1 = z.squared()  // Z1Z1 = Z1²
        let u2 = q.x * z1z1  // U2 = X2·Z1Z1
        let s2 = q.y * z * z1z1  // S2 = Y2·Z1·Z1Z1
        let h = u2 - x  // H = U2 − X1
        let hh = h.squared()  // HH = H²
        let hh2 = hh + hh
        let i = hh2 + hh2  // I = 4·HH
        let j = h * i  // J = H·I
        let rHalf = s2 - y
        let r = rHalf + rHalf  // r = 2(S2 − Y1)
        let v = x * i  // V = X1·I
        let x3 = r.squared() - j - v - v  // X3 = r² − J − 2V
        let yj = y * j
        let y3 = r * (v - x3) - yj - yj  // Y3 = r(V − X3) − 2·Y1·J
        let z3 = (z + h).squared() - z1z1 - hh  // Z3 = (Z1 + H)² − Z1Z1 − HH
        return (JacobianPoint(x: x3, y: y3, z: z3), h, rHalf)
    }

    /// The raw add-2007-bl sum P + Q (11M + 5S); also returns H = U2 − U1 and R = S2 − S1.
    /// Correct when neither input is the identity and P ≠ Q; for P = −Q it yields the identity.
    @inline(__always)
    func rawAdding(_ q: JacobianPoint) -> (JacobianPoint, C.Field, C.Field) {
        let z1z1 = z.squared()
        let z2z2 = q.z.squared()
        let u1 = x * z2z2  // U1 = X1·Z2Z2
        let u2 = q.x * z1z1  // U2 = X2·Z1Z1
        let s1 = y * q.z * z2z2  // S1 = Y1·Z2·Z2Z2
        let s2 = q.y * z * z1z1  // S2 = Y2·Z1·Z1Z1
        let h = u2 - u1  // H = U2 − U1
        let h2 = h + h
        let i = h2.squared()  // I = (2H)²
        let j = h * i  // J = H·I
        let rHalf = s2 - s1
        let r = rHalf + rHalf  // r = 2(S2 − S1)
        let v = u1 * i  // V = U1·I
        let x3 = r.squared() - j - v - v  // X3 = r² − J − 2V
        let s1j = s1 * j
        let y3 = r * (v - x3) - s1j - s1j  // Y3 = r(V − X3) − 2·S1·J
        let z3 = ((z + q.z).squared() - z1z1 - z2z2) * h  // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
        return (JacobianPoint(x: x3, y: y3, z: z3), h, rHalf)
    }

    /// P + Q for affine Q, given that P ≠ Q (see the type's comment); P may be the identity.
    /// - CT: time independent of the points.
    @inline(__always)
    package func addingDistinct(_ q: AffinePoint<C>) -> JacobianPoint {
        let (sum, _, _) = rawAdding(q)
        return .select(isIdentityMask, JacobianPoint(q), sum)
    }

    /// P + Q, given that P ≠ Q unless both are the identity (see the type's comment); either may be the identity.
    /// - CT: time independent of the points.
    @inline(__always)
    package func addingDistinct(_ q: JacobianPoint) -> JacobianPoint {
        let (sum, _, _) = rawAdding(q)
        let r = JacobianPoint.select(isIdentityMask, q, sum)
        return .select(q.isIdentityMask, self, r)
    }

    /// P + Q for affine Q, every case handled by branching.
    /// VARTIME: public inputs only.
    @inline(__always)
    package func addingVarTime(_ q: AffinePoint<C>) -> JacobianPoint {
        if isIdentityMask != 0 { return JacobianPoint(q) }
        let (sum, h, r) = rawAdding(q)
        if h.isZeroMask != 0 && r.isZeroMask != 0 { return doubled() }
        return sum
    }

    /// P + Q, every case handled by branching.
    /// VARTIME: public inputs only.
    @inline(__always)
    package func addingVarTime(_ q: JacobianPoint) -> JacobianPoint {
        if isIdentityMask != 0 { return q }
        if q.isIdentityMask != 0 { return self }
        let (sum, h, r) = rawAdding(q)
        if h.isZeroMask != 0 && r.isZeroMask != 0 { return doubled() }
        return sum
    }
}
