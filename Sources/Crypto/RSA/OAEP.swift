// SPDX-License-Identifier: Apache-2.0
// EME-OAEP encoding and constant-time decoding (RFC 8017 §7.1.1 step 2, §7.1.2 step 3).
// CT-FILE

/// RSAES-OAEP message encoding with one hash for the label and MGF1.
enum OAEP {
    /// EME-OAEP encoding: EM = 0x00 ‖ maskedSeed ‖ maskedDB with DB = lHash ‖ PS ‖ 0x01 ‖ M.
    /// - Throws: `CryptoError.invalidLength` when `message.count > k − 2hLen − 2` (§7.1.1 step 1.b);
    ///   `CryptoError.randomSourceFailure` from `random`.
    /// - CT: time depends only on the lengths of `message`, `label` and `k`.
    static func encode(
        message: [UInt8], label: [UInt8], k: Int, hash: RSA.HashAlgorithm, using random: inout some RandomSource
    ) throws(CryptoError) -> [UInt8] {
        let hLen = hash.byteCount
        guard k >= 2 * hLen + 2, message.count <= k - 2 * hLen - 2 else { throw .invalidLength }  // public
        let dbLength = k - hLen - 1
        var db = hash.hash(label)
        db.append(contentsOf: [UInt8](repeating: 0, count: dbLength - message.count - hLen - 1))
        db.append(0x01)
        db.append(contentsOf: message)
        var seed = try random.bytes(count: hLen)
        let dbMask = hash.mgf1(seed: seed, length: dbLength)
        for i in 0..<dbLength { db[i] ^= dbMask[i] }
        let seedMask = hash.mgf1(seed: db, length: hLen)
        for i in 0..<hLen { seed[i] ^= seedMask[i] }
        return [0x00] + seed + db
    }

    /// EME-OAEP decoding of `em` (`k` bytes). Every byte is examined and every check is accumulated into
    /// one mask: Y = 0, lHash' = lHash, PS all zero up to a 0x01 separator. Only the final verdict is
    /// branched on, and all failures throw the same error.
    /// - Throws: `CryptoError.authenticationFailure` for any decoding failure (which check failed is not
    ///   revealed, RFC 8017 §7.1.2 note).
    /// - CT: time and memory access depend only on `em.count`, `label.count` and, after success, the message
    ///   length (which the caller learns anyway).
    static func decode(em: [UInt8], label: [UInt8], hash: RSA.HashAlgorithm) throws(CryptoError) -> [UInt8] {
        let hLen = hash.byteCount
        let k = em.count
        guard k >= 2 * hLen + 2 else { throw .authenticationFailure }  // public: key size
        let dbLength = k - hLen - 1
        let lHash = hash.hash(label)
        var seed = Array(em[1...hLen])
        var db = Array(em[(hLen + 1)...])
        let seedMask = hash.mgf1(seed: db, length: hLen)
        for i in 0..<hLen { seed[i] ^= seedMask[i] }
        let dbMask = hash.mgf1(seed: seed, length: dbLength)
        for i in 0..<dbLength { db[i] ^= dbMask[i] }

        // good: Y == 0 and lHash' == lHash.
        var good = ConstantTime.isZero(UInt64(em[0]))
        var diff: UInt8 = 0
        for i in 0..<hLen { diff |= db[i] ^ lHash[i] }
        good &= ConstantTime.isZero(UInt64(diff))
        // Scan PS ‖ 0x01 ‖ M: `looking` stays all ones while only zeros have been seen; the first non-zero byte
        // must be 0x01, and its index is recorded by mask.
        var looking: UInt64 = ~0
        var separatorIndex: UInt64 = 0
        var invalid: UInt64 = 0
        for i in hLen..<dbLength {
            let byte = UInt64(db[i])
            let isZero = ConstantTime.isZero(byte)
            let isOne = ConstantTime.isEqual(byte, 1)
            separatorIndex = ConstantTime.select(looking & isOne, UInt64(i), separatorIndex)
            invalid |= looking & ~isZero & ~isOne
            looking &= isZero
        }
        good &= ~looking & ~invalid
        guard good == ~0 else { throw .authenticationFailure }  // public: the verdict
        let start = Int(separatorIndex) + 1  // public from here: the message length is the output
        return Array(db[start...])
    }
}
