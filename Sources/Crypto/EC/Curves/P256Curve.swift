// SPDX-License-Identifier: Apache-2.0
// The NIST P-256 curve (SP 800-186 §3.2.1.3) as a `PrimeCurve`, with its lazily built base-point tables.

/// secp256r1 parameters.
package enum P256Curve: PrimeCurve {
    package typealias Field = P256FieldElement
    package typealias Scalar = P256ScalarElement
    @inline(__always)
    package static var curveB: P256FieldElement { P256FieldElement.curveB }
    package static let generator = AffinePoint<P256Curve>(x: P256FieldElement.generatorX, y: P256FieldElement.generatorY)
    package static let generatorTable = GeneratorTable<P256Curve>(generator: generator)
    package static let generatorOddMultiples = ProjectivePoint<P256Curve>.oddMultiplesTable(of: generator)
}
