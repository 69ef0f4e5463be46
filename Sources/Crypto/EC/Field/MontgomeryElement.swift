// SPDX-License-Identifier: Apache-2.0
// Shared interface and generic operations (encoding, powers, inversion, square root) of Montgomery residues.
// CT-FILE

/// Carry-propagating word addition a + b + c (c ∈ {0, 1}); returns (sum, carry ∈ {0, 1}).
///
/// This is the one audited place where `addingReportingOverflow`'s `Bool` becomes a 0/1 word (STYLE.md §8.4
/// rule 4): a `Bool` is stored as the byte 0 or 1, so the bit cast is branch-free.
@inline(__always)
package func addCarry(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(c)
    return (s2, carryBit(o1) | carryBit(o2))
}

/// Borrow-propagating word subtraction a − b − c (c ∈ {0, 1}); returns (difference, borrow ∈ {0, 1}).
@inline(__always)
package func subBorrow(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(c)
    return (d2, carryBit(o1) | carryBit(o2))
}

/// x·y + t + c as (low word, high word). Bound: (2^64−1)² + 2(2^64−1) = 2^128 − 1, so nothing is lost.
@inline(__always)
package func mulAdd(_ x: UInt64, _ y: UInt64, _ t: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
    let (hi, lo) = x.multipliedFullWidth(by: y)
    let (s1, o1) = lo.addingReportingOverflow(t)
    let (s2, o2) = s1.addingReportingOverflow(c)
    return (s2, hi &+ carryBit(o1) &+ carryBit(o2))
}

/// 0 or 1 from a `Bool` without a branch (a `Bool` is one byte holding 0 or 1).
@inline(__always)
func carryBit(_ b: Bool) -> UInt64 {
    UInt64(unsafeBitCast(b, to: UInt8.self))
}

/// A residue modulo a fixed odd modulus m < 2^(64·limbCount), stored in Montgomery form (x·R mod m).
/// Implemented by the generated `P256FieldElement`, `P256ScalarElement`, `P384FieldElement`, `P384ScalarElement`.
package protocol MontgomeryElement: Sendable, BitwiseCopyable {
    static var limbCount: Int { get }
    /// The modulus as plain limbs.
    static var modulus: Self { get }
    static var zero: Self { get }
    static var one: Self { get }
    static var rSquared: Self { get }
    func limb(_ i: Int) -> UInt64
    mutating func setLimb(_ i: Int, _ v: UInt64)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    func squared() -> Self
    static func select(_ mask: UInt64, _ a: Self, _ b: Self) -> Self
    var isZeroMask: UInt64 { get }
    static func equalMask(_ a: Self, _ b: Self) -> UInt64
    /// Interprets the limbs as a plain integer: all ones iff it is below the modulus.
    var isBelowModulusMask: UInt64 { get }
    /// The multiplicative inverse (0 maps to 0); defaults to Fermat with a 4-bit window, a type may supply a
    /// shorter addition chain.
    func inverted() -> Self
}

extension MontgomeryElement {
    /// Encoded length in bytes.
    @inline(__always)
    package static var byteCount: Int { limbCount * 8 }

    /// Plain limbs loaded from exactly `byteCount` big-endian bytes (no reduction, no Montgomery form).
    /// - Precondition: `bytes.count == byteCount` (public; callers check lengths first).
    @inline(__always)
    package static func plain(bigEndian bytes: UnsafeRawBufferPointer) -> Self {
        precondition(bytes.count == byteCount, "length checked by caller")
        var r = Self.zero
        for i in 0..<limbCount {
            var w: UInt64 = 0
            let base = bytes.count - 8 * (i + 1)
            for j in 0..<8 { w = (w << 8) | UInt64(bytes[base + j]) }
            r.setLimb(i, w)
        }
        return r
    }

    /// Decodes a canonical big-endian integer < m into Montgomery form.
    /// - Returns: the element (garbage when invalid) and a mask that is all ones iff the value was < m.
    /// - CT: time independent of the bytes' values.
    package static func decode(canonical bytes: some Collection<UInt8>) -> (Self, UInt64) {
        let array = Array(bytes)
        guard array.count == byteCount else { return (.zero, 0) }  // public: length
        let raw = array.withUnsafeBytes { plain(bigEndian: $0) }
        return (raw * rSquared, raw.isBelowModulusMask)
    }

    /// Decodes `byteCount` big-endian bytes and reduces mod m (any value < 2^(64·limbCount) is accepted).
    /// - CT: time independent of the bytes' values.
    package static func decode(reducing bytes: some Collection<UInt8>) -> Self {
        let array = Array(bytes)
        guard array.count == byteCount else { return .zero }  // public: length
        let raw = array.withUnsafeBytes { plain(bigEndian: $0) }
        // REDC(raw · R²) = raw·R mod m; valid because raw·R² < R·m.
        return raw * rSquared
    }

    /// Plain 1 (not in Montgomery form); multiplying by it leaves Montgomery form.
    @inline(__always)
    static var plainOne: Self {
        var r = Self.zero
        r.setLimb(0, 1)
        return r
    }

    /// The canonical big-endian encoding of the value (leaves Montgomery form).
    /// - CT: time independent of the value.
    package var bytes: [UInt8] {
        let plainValue = self * Self.plainOne
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        for i in 0..<Self.limbCount {
            let w = plainValue.limb(i)
            let base = Self.byteCount - 8 * (i + 1)
            for j in 0..<8 { out[base + j] = UInt8(truncatingIfNeeded: w >> UInt64(56 - 8 * j)) }
        }
        return out
    }

    /// The plain (non-Montgomery) value as limbs held in `Self`.
    @inline(__always)
    package var plainLimbs: Self { self * Self.plainOne }

    /// −a mod m.
    @inline(__always)
    package static prefix func - (a: Self) -> Self { Self.zero - a }

    /// Low bit of the plain value (0 or 1), e.g. the parity of y for point compression.
    /// - CT: time independent of the value.
    package var parity: UInt64 { plainLimbs.limb(0) & 1 }

    /// self^e for a PUBLIC exponent given as plain little-endian limbs (4-bit fixed window).
    /// - CT: time depends only on the exponent, which is public; values of `self` do not leak.
    package func power(publicExponent e: [UInt64]) -> Self {
        withUnsafeTemporaryAllocation(of: Self.self, capacity: 16) { table in
            table.initialize(repeating: Self.one)
            table[1] = self
            for i in 2..<16 { table[i] = table[i - 1] * self }
            var r = Self.one
            for w in stride(from: e.count * 16 - 1, through: 0, by: -1) {
                r = r.squared().squared().squared().squared()
                let digit = Int((e[w / 16] >> UInt64(4 * (w % 16))) & 0xF)
                if digit != 0 { r = r * table[digit] }  // public: exponent digit
            }
            return r
        }
    }

    /// The modulus as plain limbs minus a small constant, as `[UInt64]` (public data).
    static func modulusLimbs(minus k: UInt64) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: limbCount)
        var borrow = k
        for i in 0..<limbCount {
            (out[i], borrow) = subBorrow(modulus.limb(i), borrow, 0)
        }
        return out
    }

    /// Multiplicative inverse by Fermat's little theorem, a^(m−2) (m prime); 0 maps to 0.
    /// - CT: time independent of the value.
    package func inverted() -> Self {
        power(publicExponent: Self.modulusLimbs(minus: 2))
    }
}

/// Shared view of field elements of curves whose prime satisfies p ≡ 3 (mod 4) (P-256 and P-384).
extension MontgomeryElement {
    /// A square root a^((p+1)/4) and a mask that is all ones iff it really is a root (a is a square).
    /// - CT: time independent of the value.
    package func squareRoot() -> (Self, UInt64) {
        // (p + 1)/4 = ((p − 3) >> 2) + 1.
        var e = Self.modulusLimbs(minus: 3)
        for i in 0..<e.count {
            let next: UInt64 = i + 1 < e.count ? e[i + 1] : 0  // public: loop index
            e[i] = (e[i] >> 2) | (next << 62)
        }
        var c: UInt64 = 1
        for i in 0..<e.count { (e[i], c) = addCarry(e[i], 0, c) }
        let r = power(publicExponent: e)
        return (r, Self.equalMask(r.squared(), self))
    }
}
