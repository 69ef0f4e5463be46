// SPDX-License-Identifier: Apache-2.0
// The RSA private-key primitive RSADP/RSASP1 with CRT (RFC 8017 §5.1.2 2.b), base blinding and a check of
// the result against the public key before release.
// CT-FILE

/// A validated RSA private key in CRT form.
///
/// Values are held in ordinary Swift arrays: zeroisation is best effort only (STYLE.md §8.4 rule 12).
package struct RSAPrivateCore: Sendable {
    /// The public half.
    package let publicCore: RSAPublicCore
    package let p: MontgomeryModulus
    package let q: MontgomeryModulus
    /// `d mod (p − 1)`, `p.count` limbs.
    package let dP: [UInt64]
    /// `d mod (q − 1)`, `q.count` limbs.
    package let dQ: [UInt64]
    /// `q⁻¹ mod p` in Montgomery form modulo `p`.
    let qInvMontgomery: [UInt64]
    /// `d`, `publicCore.modulus.count` limbs.
    package let d: [UInt64]
    /// `q⁻¹ mod p`, `p.count` limbs.
    package let qInv: [UInt64]
    /// The blinding pair carried from one private-key operation to the next (see `apply`).
    let blinding = BlindingCache()

    /// Imports a complete CRT key and checks it: `n = p·q`, every CRT value in range, and a private-key
    /// operation on a fixed input that must round-trip through the public key.
    /// - Throws: `CryptoError.invalidParameter` for an inconsistent key or a size outside
    ///   `RSA.minimumPrivateKeyBits...RSA.maximumPrivateKeyBits`.
    /// - CT: the checks accumulate masks and only the final verdict (public: the key is usable) is branched on;
    ///   lengths of the encodings are public.
    package init(
        n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], dP: [UInt8], dQ: [UInt8], qInv: [UInt8]
    ) throws(CryptoError) {
        let pub = try RSAPublicCore(
            n: n, e: e, bitRange: RSA.minimumPrivateKeyBits...RSA.maximumPrivateKeyBits)
        let pm = try MontgomeryModulus(limbs: try Self.limbs(p))
        let qm = try MontgomeryModulus(limbs: try Self.limbs(q))
        let kn = pub.modulus.count
        let dL = try Limbs.fromBigEndian(d, count: kn)
        let dPL = try Limbs.fromBigEndian(dP, count: pm.count)
        let dQL = try Limbs.fromBigEndian(dQ, count: qm.count)
        let qInvL = try Limbs.fromBigEndian(qInv, count: pm.count)
        guard pm.count + qm.count >= kn, pm.count + qm.count <= kn + 1 else { throw .invalidParameter }  // public: sizes
        // n = p·q, and every CRT value below its modulus.
        let product = Limbs.resized(Limbs.multiply(pm.limbs, qm.limbs), to: kn + 1)
        var ok = Limbs.equalMask(product, Limbs.resized(pub.modulus.limbs, to: kn + 1))
        ok &= Limbs.lessThanMask(dL, pub.modulus.limbs)
        ok &= Limbs.lessThanMask(dPL, pm.limbs)
        ok &= Limbs.lessThanMask(dQL, qm.limbs)
        ok &= Limbs.lessThanMask(qInvL, pm.limbs)
        guard ok != 0 else { throw .invalidParameter }  // public: verdict on the key
        publicCore = pub
        self.p = pm
        self.q = qm
        self.dP = dPL
        self.dQ = dQL
        self.d = dL
        self.qInv = qInvL
        qInvMontgomery = pm.toMontgomery(qInvL)
        // Consistency of d mod (p−1), d mod (q−1) and qInv: 2^d computed by CRT must map back to 2.
        var two = [UInt64](repeating: 0, count: kn)
        two[0] = 2
        let s = crt(two)
        guard Limbs.equalMask(pub.applyVarTime(s), two) != 0 else { throw .invalidParameter }  // public verdict
    }

    /// Imports `(n, e, d, p, q)` and derives `dP = d mod (p−1)`, `dQ = d mod (q−1)` and
    /// `qInv = q^(p−2) mod p` (Fermat; `p` must be prime, which the consistency check confirms in effect).
    /// - Throws: as the CRT initialiser.
    /// - CT: VARTIME for the two reductions of `d` (key set-up, once per key; see `VarTimeArithmetic`);
    ///   the inverse uses the constant-time exponentiation.
    package init(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8]) throws(CryptoError) {
        let pm = try MontgomeryModulus(limbs: try Self.limbs(p))
        let qm = try MontgomeryModulus(limbs: try Self.limbs(q))
        let dL = try Self.limbs(d)
        let dP = VarTimeArithmetic.divide(dL, by: VarTimeArithmetic.subtract(pm.limbs, [1])).remainder
        let dQ = VarTimeArithmetic.divide(dL, by: VarTimeArithmetic.subtract(qm.limbs, [1])).remainder
        let qInv = Self.inversePrime(qm.limbs, modulo: pm)
        try self.init(
            n: n, e: e, d: d, p: p, q: q,
            dP: Limbs.toBigEndian(dP, length: pm.count * 8), dQ: Limbs.toBigEndian(dQ, length: qm.count * 8),
            qInv: Limbs.toBigEndian(qInv, length: pm.count * 8))
    }

    /// `a⁻¹ mod p` for prime `p` as `a^(p−2)` with the constant-time exponentiation.
    /// - CT: time depends only on the sizes of `a` and `p`.
    package static func inversePrime(_ a: [UInt64], modulo p: MontgomeryModulus) -> [UInt64] {
        var exponent = p.limbs
        // p − 2 (p is odd and ≥ 3): subtract with borrow, branch-free.
        var borrow: UInt64 = 2
        for i in 0..<exponent.count {
            let dd = UInt128(exponent[i]) &- UInt128(borrow)
            exponent[i] = UInt64(truncatingIfNeeded: dd)
            borrow = UInt64(truncatingIfNeeded: dd >> 64) & 1
        }
        let am = p.reduceToMontgomery(a)
        return p.fromMontgomery(p.powMontgomery(am, exponent: exponent, exponentBits: p.bitCount))
    }

    /// Limbs of a big-endian secret whose encoded length is public (leading zero limbs are kept: a prime's
    /// limb count comes from its encoded length with leading zero bytes dropped).
    private static func limbs(_ bytes: [UInt8]) throws(CryptoError) -> [UInt64] {
        let count = Limbs.significantLimbCountVarTime(bytes)  // public: encoded length of the component
        guard count > 0 else { throw .invalidParameter }  // public: encoded length
        return try Limbs.fromBigEndian(bytes, count: count)
    }

    /// `x^d mod n` by CRT (Garner): `m1 = x^dP mod p`, `m2 = x^dQ mod q`, `h = qInv·(m1 − m2) mod p`,
    /// `m = m2 + h·q` (RFC 8017 §5.1.2 step 2.b). No blinding; `sign`/`decrypt` go through `apply`.
    /// - CT: time and memory access depend only on the limb counts of `n`, `p`, `q` and on the bit sizes of
    ///   `p` and `q`.
    func crt(_ x: [UInt64]) -> [UInt64] {
        let m1 = p.fromMontgomery(p.powMontgomery(p.reduceToMontgomery(x), exponent: dP, exponentBits: p.bitCount))
        let m2 = q.fromMontgomery(q.powMontgomery(q.reduceToMontgomery(x), exponent: dQ, exponentBits: q.bitCount))
        let m2ModP = p.fromMontgomery(p.reduceToMontgomery(m2))
        let h = p.multiply(p.subtract(m1, m2ModP), qInvMontgomery)
        return Limbs.resized(Limbs.add(Limbs.multiply(h, q.limbs), m2), to: publicCore.modulus.count)
    }

    /// RSADP/RSASP1: `x^d mod n` for `x < n`, blinded and checked.
    ///
    /// Blinding: `x·r^e` is exponentiated and the result multiplied by `r⁻¹`. The pair `(r^e, r⁻¹)` comes from
    /// `BlindingCache`: fresh from `random` every `BlindingCache.uses` operations, squared in between (OpenSSL's
    /// BN_BLINDING_update), which saves the modular inversion on most operations. Fault defence: the result
    /// `m` is released only if `m^e ≡ x (mod n)`.
    /// - Throws: `CryptoError.randomSourceFailure` when `random` fails; `CryptoError.invalidParameter` when the
    ///   check against the public key fails (a fault or a corrupted key). Nothing about `x` or the key leaks.
    /// - CT: time and memory access depend only on the key sizes (and on the blinded value in the inversion,
    ///   when a fresh pair is made).
    package func apply(_ x: [UInt64], using random: inout some RandomSource) throws(CryptoError) -> [UInt64] {
        let n = publicCore.modulus
        let pair: BlindingPair
        if let kept = blinding.take() {  // public: whether a pair was kept (depends on the use count only)
            pair = kept
        } else {
            pair = try freshBlinding(using: &random)
        }
        let blinded = n.multiply(x, pair.rE)  // x·r^e (rE is in Montgomery form)
        let mBlinded = crt(blinded)  // x^d·r
        let m = n.multiply(mBlinded, pair.rInv)  // x^d (rInv is in Montgomery form)
        blinding.put(pair.next(n))
        guard Limbs.equalMask(publicCore.applyVarTime(m), x) != 0 else { throw .invalidParameter }  // public verdict
        return m
    }

    /// A new blinding pair from a fresh random `r`.
    ///
    /// `r⁻¹` is computed as `(r·s)⁻¹·s` with a second random `s`, so that the variable-time inversion only sees
    /// the uniformly random `r·s`.
    /// - CT: time depends on the key size and on the blinded value `r·s` only.
    func freshBlinding(using random: inout some RandomSource) throws(CryptoError) -> BlindingPair {
        let n = publicCore.modulus
        let r = try Self.randomUnit(below: n, using: &random)
        let s = try Self.randomUnit(below: n, using: &random)
        // t = r·s·R⁻¹; t⁻¹ = r⁻¹·s⁻¹·R, and t⁻¹·(s·R)·R⁻¹ = r⁻¹·R, the Montgomery form of r⁻¹.
        guard let tInv = VarTimeArithmetic.inverseOdd(n.multiply(r, s), modulus: n.limbs) else {  // public: blinded value only
            throw .invalidParameter  // gcd(r·s, n) ≠ 1: r or s shares a factor with n (negligible)
        }
        let rInv = n.multiply(tInv, n.toMontgomery(s))
        let rE = n.powMontgomeryVarTime(n.toMontgomery(r), exponent: publicCore.exponent)  // r^e·R
        return BlindingPair(rE: rE, rInv: rInv, remaining: BlindingCache.uses)
    }

    /// A uniformly random value in [1, n) by rejection sampling (rejected candidates are discarded).
    static func randomUnit(below n: MontgomeryModulus, using random: inout some RandomSource) throws(CryptoError)
        -> [UInt64]
    {
        let k = n.count
        let topMask: UInt64 = n.bitCount % 64 == 0 ? ~0 : (1 << UInt64(n.bitCount % 64)) - 1  // public: modulus size
        for _ in 0..<1000 {
            let bytes = try random.bytes(count: 8 * k)
            var candidate = try Limbs.fromBigEndian(bytes, count: k)
            candidate[k - 1] &= topMask
            if Limbs.lessThanMask(candidate, n.limbs) != 0 && Limbs.isZeroMask(candidate) == 0 {  // public: rejection sampling, rejected draws are discarded
                return candidate
            }
        }
        throw .randomSourceFailure  // a source that never lands below n is broken
    }
}
