// SPDX-License-Identifier: Apache-2.0
// Short-Weierstrass curves y² = x³ − 3x + b over prime fields (SP 800-186 §3.2.1): the per-curve parameters.

/// A NIST prime curve with a = −3, described by its generated field and scalar types.
package protocol PrimeCurve: Sendable {
    associatedtype Field: MontgomeryElement
    associatedtype Scalar: MontgomeryElement
    /// Curve coefficient b (Montgomery form).
    static var curveB: Field { get }
    /// The base point G.
    static var generator: AffinePoint<Self> { get }
    /// Fixed-base comb table for G (built at first use).
    static var generatorTable: GeneratorTable<Self> { get }
    /// Odd multiples G, 3G, …, (2^(w−1)−1)G for the VARTIME wNAF verifier (built at first use).
    static var generatorOddMultiples: [AffinePoint<Self>] { get }
}

extension PrimeCurve {
    /// Byte length of a field element and of a scalar (equal for P-256 and P-384).
    @inline(__always)
    package static var byteCount: Int { Field.byteCount }
}

/// An affine point (x, y) in Montgomery form. Never the identity.
package struct AffinePoint<C: PrimeCurve>: Sendable {
    package var x: C.Field
    package var y: C.Field

    @inline(__always)
    package init(x: C.Field, y: C.Field) {
        self.x = x
        self.y = y
    }

    /// All ones iff y² = x³ − 3x + b (SEC 1 v2 §3.2.2.1 step 3).
    /// - CT: time independent of the coordinates.
    package var isOnCurveMask: UInt64 {
        let rhs = (x.squared() - C.Field.one - C.Field.one - C.Field.one) * x + C.curveB
        return C.Field.equalMask(y.squared(), rhs)
    }

    /// `mask` all ones → a, zero → b.
    @inline(__always)
    package static func select(_ mask: UInt64, _ a: AffinePoint, _ b: AffinePoint) -> AffinePoint {
        AffinePoint(x: C.Field.select(mask, a.x, b.x), y: C.Field.select(mask, a.y, b.y))
    }

    /// −P = (x, −y).
    @inline(__always)
    package var negated: AffinePoint { AffinePoint(x: x, y: -y) }
}
