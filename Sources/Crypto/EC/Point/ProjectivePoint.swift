// SPDX-License-Identifier: Apache-2.0
// Complete projective point arithmetic for a = −3 curves (Renes–Costello–Batina 2016, eprint 2015/1060 Alg. 4–6).
// CT-FILE

/// A point in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z; the identity is (0 : 1 : 0).
/// The formulas are complete: they hold for every input pair, including doubling and the identity. Only the
/// precomputation of the public generator tables uses them now; scalar multiplication is in `JacobianPoint`.
package struct ProjectivePoint<C: PrimeCurve>: Sendable {
    package var x: C.Field
    package var y: C.Field
    package var z: C.Field

    @inline(__always)
    package init(x: C.Field, y: C.Field, z: C.Field) {
        self.x = x
        self.y = y
        self.z = z
    }

    @inline(__always)
    package init(_ p: AffinePoint<C>) {
        self.init(x: p.x, y: p.y, z: .one)
    }

    /// P + Q, complete addition (eprint 2015/1060 Algorithm 4, a = −3): 12M + 2·mul-by-b.
    /// - CT: time independent of the points.
    @inline(__always)
    package static func + (p: ProjectivePoint, q: ProjectivePoint) -> ProjectivePoint {
        let b = C.curveB
        var t0 = p.x * q.x  // t0 = X1·X2
        var t1 = p.y * q.y  // t1 = Y1·Y2
        var t2 = p.z * q.z  // t2 = Z1·Z2
        var t3 = p.x + p.y  // t3 = X1 + Y1
        var t4 = q.x + q.y  // t4 = X2 + Y2
        t3 = t3 * t4  // t3 = t3·t4
        t4 = t0 + t1  // t4 = t0 + t1
        t3 = t3 - t4  // t3 = t3 − t4 = X1Y2 + X2Y1
        t4 = p.y + p.z  // t4 = Y1 + Z1
        var x3 = q.y + q.z  // X3 = Y2 + Z2
        t4 = t4 * x3  // t4 = t4·X3
        x3 = t1 + t2  // X3 = t1 + t2
        t4 = t4 - x3  // t4 = t4 − X3 = Y1Z2 + Y2Z1
        x3 = p.x + p.z  // X3 = X1 + Z1
        var y3 = q.x + q.z  // Y3 = X2 + Z2
        x3 = x3 * y3  // X3 = X3·Y3
        y3 = t0 + t2  // Y3 = t0 + t2
        y3 = x3 - y3  // Y3 = X3 − Y3 = X1Z2 + X2Z1
        var z3 = b * t2  // Z3 = b·t2
        x3 = y3 - z3  // X3 = Y3 − Z3
        z3 = x3 + x3  // Z3 = X3 + X3
        x3 = x3 + z3  // X3 = X3 + Z3
        z3 = t1 - x3  // Z3 = t1 − X3
        x3 = t1 + x3  // X3 = t1 + X3
        y3 = b * y3  // Y3 = b·Y3
        t1 = t2 + t2  // t1 = t2 + t2
        t2 = t1 + t2  // t2 = t1 + t2
        y3 = y3 - t2  // Y3 = Y3 − t2
        y3 = y3 - t0  // Y3 = Y3 − t0
        t1 = y3 + y3  // t1 = Y3 + Y3
        y3 = t1 + y3  // Y3 = t1 + Y3
        t1 = t0 + t0  // t1 = t0 + t0
        t0 = t1 + t0  // t0 = t1 + t0
        t0 = t0 - t2  // t0 = t0 − t2
        t1 = t4 * y3  // t1 = t4·Y3
        t2 = t0 * y3  // t2 = t0·Y3
        y3 = x3 * z3  // Y3 = X3·Z3
        y3 = y3 + t2  // Y3 = Y3 + t2
        x3 = x3 * t3  // X3 = X3·t3
        x3 = x3 - t1  // X3 = X3 − t1
        z3 = z3 * t4  // Z3 = Z3·t4
        t1 = t3 * t0  // t1 = t3·t0
        z3 = z3 + t1  // Z3 = Z3 + t1
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// 2P (eprint 2015/1060 Algorithm 6, a = −3): 8M + 3S + 2·mul-by-b.
    /// - CT: time independent of the point.
    @inline(__always)
    package func doubled() -> ProjectivePoint {
        let b = C.curveB
        var t0 = x.squared()  // t0 = X²
        let t1 = y.squared()  // t1 = Y²
        var t2 = z.squared()  // t2 = Z²
        var t3 = x * y  // t3 = X·Y
        t3 = t3 + t3  // t3 = t3 + t3
        var z3 = x * z  // Z3 = X·Z
        z3 = z3 + z3  // Z3 = Z3 + Z3
        var y3 = b * t2  // Y3 = b·t2
        y3 = y3 - z3  // Y3 = Y3 − Z3
        var x3 = y3 + y3  // X3 = Y3 + Y3
        y3 = x3 + y3  // Y3 = X3 + Y3
        x3 = t1 - y3  // X3 = t1 − Y3
        y3 = t1 + y3  // Y3 = t1 + Y3
        y3 = x3 * y3  // Y3 = X3·Y3
        x3 = x3 * t3  // X3 = X3·t3
        t3 = t2 + t2  // t3 = t2 + t2
        t2 = t2 + t3  // t2 = t2 + t3
        z3 = b * z3  // Z3 = b·Z3
        z3 = z3 - t2  // Z3 = Z3 − t2
        z3 = z3 - t0  // Z3 = Z3 − t0
        t3 = z3 + z3  // t3 = Z3 + Z3
        z3 = z3 + t3  // Z3 = Z3 + t3
        t3 = t0 + t0  // t3 = t0 + t0
        t0 = t3 + t0  // t0 = t3 + t0
        t0 = t0 - t2  // t0 = t0 − t2
        t0 = t0 * z3  // t0 = t0·Z3
        y3 = y3 + t0  // Y3 = Y3 + t0
        t0 = y * z  // t0 = Y·Z
        t0 = t0 + t0  // t0 = t0 + t0
        z3 = t0 * z3  // Z3 = t0·Z3
        x3 = x3 - z3  // X3 = X3 − Z3
        z3 = t0 * t1  // Z3 = t0·t1
        z3 = z3 + z3  // Z3 = Z3 + Z3
        z3 = z3 + z3  // Z3 = Z3 + Z3
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }
}
