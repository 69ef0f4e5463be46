// SPDX-License-Identifier: Apache-2.0
// EMSA-PSS encoding and verification (RFC 8017 §9.1.1, §9.1.2).

/// RSASSA-PSS message encoding with explicit hash, MGF1 hash and salt length.
enum PSS {
    /// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of `mHash` into `emLength = ⌈emBits/8⌉` bytes.
    /// - Throws: `CryptoError.invalidLength` when `emLength < hLen + sLen + 2` (step 3) or the digest size is
    ///   wrong; `CryptoError.randomSourceFailure` from `random`.
    /// - CT: time depends only on the lengths (the salt and the digest are not secret after signing, but
    ///   nothing branches on them anyway).
    static func encode(
        mHash: [UInt8], emBits: Int, hash: RSA.HashAlgorithm, mgf1Hash: RSA.HashAlgorithm, saltLength: Int,
        using random: inout some RandomSource
    ) throws(CryptoError) -> [UInt8] {
        let hLen = hash.byteCount
        let emLength = (emBits + 7) / 8
        guard mHash.count == hLen, saltLength >= 0, emLength >= hLen + saltLength + 2 else { throw .invalidLength }
        let salt = try random.bytes(count: saltLength)
        // Step 5–6: H = Hash(0x00 ×8 ‖ mHash ‖ salt).
        let h = hash.hash([UInt8](repeating: 0, count: 8) + mHash + salt)
        // Steps 7–10: DB = PS ‖ 0x01 ‖ salt, maskedDB = DB ⊕ MGF(H, emLen − hLen − 1).
        let dbLength = emLength - hLen - 1
        var db = [UInt8](repeating: 0, count: dbLength)
        db[dbLength - saltLength - 1] = 0x01
        db.replaceSubrange((dbLength - saltLength)..., with: salt)
        let mask = mgf1Hash.mgf1(seed: h, length: dbLength)
        for i in 0..<dbLength { db[i] ^= mask[i] }
        // Step 11: clear the leftmost 8·emLen − emBits bits.
        db[0] &= 0xFF >> UInt8(8 * emLength - emBits)
        // Step 12: EM = maskedDB ‖ H ‖ 0xbc.
        return db + h + [0xBC]
    }

    /// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) of `em` (exactly `⌈emBits/8⌉` bytes) against `mHash`.
    /// Every step is checked; no lenient parsing. VARTIME: public inputs only (signature verification).
    static func verify(
        mHash: [UInt8], em: [UInt8], emBits: Int, hash: RSA.HashAlgorithm, mgf1Hash: RSA.HashAlgorithm,
        saltLength: Int
    ) -> Bool {
        let hLen = hash.byteCount
        let emLength = (emBits + 7) / 8
        // Steps 2–3.
        guard mHash.count == hLen, em.count == emLength, saltLength >= 0, emLength >= hLen + saltLength + 2 else {
            return false
        }
        // Step 4: trailer 0xbc.
        guard em[emLength - 1] == 0xBC else { return false }
        // Step 5.
        let dbLength = emLength - hLen - 1
        var db = Array(em[0..<dbLength])
        let h = Array(em[dbLength..<(emLength - 1)])
        // Step 6: the leftmost 8·emLen − emBits bits of maskedDB must be zero.
        let topBits = 8 * emLength - emBits
        let topMask: UInt8 = 0xFF >> UInt8(topBits)
        guard db[0] & ~topMask == 0 else { return false }
        // Steps 7–9.
        let mask = mgf1Hash.mgf1(seed: h, length: dbLength)
        for i in 0..<dbLength { db[i] ^= mask[i] }
        db[0] &= topMask
        // Step 10: PS zeros then 0x01 at position emLen − hLen − sLen − 2.
        let separator = dbLength - saltLength - 1
        for i in 0..<separator where db[i] != 0 { return false }
        guard db[separator] == 0x01 else { return false }
        // Steps 11–14.
        let salt = db[(separator + 1)...]
        let hPrime = hash.hash([UInt8](repeating: 0, count: 8) + mHash + salt)
        return hPrime == h
    }
}
