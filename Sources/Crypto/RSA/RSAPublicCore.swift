// SPDX-License-Identifier: Apache-2.0
// The RSA public-key primitive RSAEP/RSAVP1 (RFC 8017 §5.1.1, §5.2.2): validated (n, e) and s^e mod n.

/// A validated RSA public key `(n, e)` and its Montgomery constants.
package struct RSAPublicCore: Sendable {
    /// Montgomery constants of `n`.
    package let modulus: MontgomeryModulus
    /// The public exponent, as limbs.
    package let exponent: [UInt64]
    /// `n`, big-endian, no leading zero bytes.
    package let nBytes: [UInt8]
    /// `e`, big-endian, no leading zero bytes.
    package let eBytes: [UInt8]

    /// Modulus length in bits.
    package var bitCount: Int { modulus.bitCount }
    /// Modulus length in bytes (`k` of RFC 8017).
    package var byteCount: Int { (modulus.bitCount + 7) / 8 }

    /// Validates and prepares `(n, e)`.
    /// - Parameters:
    ///   - n: big-endian modulus; leading zero bytes are ignored.
    ///   - e: big-endian public exponent; leading zero bytes are ignored.
    ///   - bitRange: the modulus sizes accepted.
    /// - Throws: `CryptoError.invalidParameter` for an even or out-of-range modulus or an exponent that is
    ///   even, below 3 or not below `n`.
    /// VARTIME: public inputs only.
    package init(n: [UInt8], e: [UInt8], bitRange: ClosedRange<Int>) throws(CryptoError) {
        let nb = Array(n.drop(while: { $0 == 0 }))
        let eb = Array(e.drop(while: { $0 == 0 }))
        guard let nLast = nb.last, nLast & 1 == 1, let eLast = eb.last, eLast & 1 == 1 else {
            throw .invalidParameter
        }
        let nLimbs = try Limbs.fromBigEndian(nb, count: (nb.count + 7) / 8)
        let m = try MontgomeryModulus(limbs: nLimbs)
        guard bitRange.contains(m.bitCount) else { throw .invalidParameter }
        // RFC 8017 §3.1: 3 ≤ e ≤ n − 1 (and odd, checked above).
        guard eb.count <= nb.count else { throw .invalidParameter }
        let eLimbs = try Limbs.fromBigEndian(eb, count: (eb.count + 7) / 8)
        guard eb.count > 1 || eb[0] >= 3,
            VarTimeArithmetic.compare(eLimbs, nLimbs) < 0
        else { throw .invalidParameter }
        modulus = m
        exponent = eLimbs
        nBytes = nb
        eBytes = eb
    }

    /// OS2IP of an input that must be exactly `byteCount` bytes long and below `n` (RFC 8017 §5.2.2 step 1,
    /// §8.2.2 step 1).
    /// - Throws: `CryptoError.invalidLength` for a wrong length, `CryptoError.invalidParameter` when ≥ n.
    /// - CT: the value of the input does not leak beyond the one bit "below n" (public for ciphertexts and
    ///   signatures, and always true for encoded messages).
    package func representative(_ input: some Collection<UInt8>) throws(CryptoError) -> [UInt64] {
        guard input.count == byteCount else { throw .invalidLength }
        let x = try Limbs.fromBigEndian(input, count: modulus.count)
        guard Limbs.lessThanMask(x, modulus.limbs) != 0 else { throw .invalidParameter }
        return x
    }

    /// `x^e mod n` as limbs, for `x < n`.
    /// VARTIME: public inputs only (the exponent); the value of `x` does not leak.
    package func applyVarTime(_ x: [UInt64]) -> [UInt64] {
        modulus.powOddExponentVarTime(x, exponent: exponent)
    }

    /// RSAVP1/RSAEP on bytes: `input^e mod n`, I2OSP'd to `byteCount` bytes.
    /// - Throws: as `representative(_:)`.
    /// VARTIME: public inputs only.
    package func applyVarTime(bytes input: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        Limbs.toBigEndian(applyVarTime(try representative(input)), length: byteCount)
    }
}
