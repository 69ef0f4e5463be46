// SPDX-License-Identifier: Apache-2.0
// The NIST P-384 curve (SP 800-186 §3.2.1.4) as a `PrimeCurve`, with its lazily built base-point tables.

/// secp384r1 parameters.
package enum P384Curve: PrimeCurve {
    package typealias Field = P384FieldElement
    package typealias Scalar = P384ScalarElement
    @inline(__always)
    package static var curveB: P384FieldElement { P384FieldElement.curveB }
    package static let generator = AffinePoint<P384Curve>(x: P384FieldElement.generatorX, y: P384FieldElement.generatorY)
    package static let generatorTable = GeneratorTable<P384Curve>(generator: generator)
    package static let generatorOddMultiples = ProjectivePoint<P384Curve>.oddMultiplesTable(of: generator)
}
