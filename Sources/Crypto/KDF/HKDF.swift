// SPDX-License-Identifier: Apache-2.0
// HKDF (RFC 5869): HMAC-based extract-and-expand key derivation over any `HashFunction`.

/// HKDF as specified in RFC 5869.
///
/// Output length: `expand` and `deriveKey` accept at most `maximumOutputByteCount` (255 · HashLen,
/// RFC 5869 §2.3) bytes. Asking for more is a programmer error and traps (`precondition`), as in
/// swift-crypto: every protocol in this project derives fixed, compile-time lengths (TLS 1.3 keys, IVs and
/// secrets are ≤ 48 bytes). Code that takes the length from untrusted input must check it against
/// `maximumOutputByteCount` first.
///
/// - CT: time depends only on the lengths of key material, salt, info and output; their bytes do not leak.
public enum HKDF<H: HashFunction> {
    /// The largest output `expand` can produce: 255 · HashLen (RFC 5869 §2.3).
    @inlinable
    public static var maximumOutputByteCount: Int { 255 * H.byteCount }

    /// HKDF-Extract (RFC 5869 §2.2): `PRK = HMAC-Hash(salt, IKM)`. An empty salt acts as HashLen zero
    /// bytes (HMAC pads either to the same block).
    @inlinable
    public static func extract(inputKeyMaterial: SymmetricKey, salt: some Collection<UInt8>)
        -> HashedAuthenticationCode<H>
    {
        var mac = Array(salt).withUnsafeBytes { HMAC<H>(keyBytes: $0) }
        inputKeyMaterial.withUnsafeBytes { mac.update(bufferPointer: $0) }
        return mac.finalize()
    }

    /// HKDF-Expand (RFC 5869 §2.3): `T(i) = HMAC-Hash(PRK, T(i-1) | info | i)`, output the first
    /// `outputByteCount` bytes of `T(1) | T(2) | …`.
    /// - Precondition: `0 <= outputByteCount <= maximumOutputByteCount` (programmer error, see the type's
    ///   documentation).
    @inlinable
    public static func expand(
        pseudoRandomKey: some Collection<UInt8>, info: some Collection<UInt8>, outputByteCount: Int
    ) -> SymmetricKey {
        precondition(
            outputByteCount >= 0 && outputByteCount <= maximumOutputByteCount,
            "HKDF.expand: outputByteCount must be in 0...255·HashLen (RFC 5869 §2.3)")
        let keyed = Array(pseudoRandomKey).withUnsafeBytes { HMAC<H>(keyBytes: $0) }
        let info = Array(info)
        var output = [UInt8]()
        output.reserveCapacity(outputByteCount)
        var previous: HashedAuthenticationCode<H>? = nil
        var counter: UInt8 = 1
        while output.count < outputByteCount {  // public: lengths
            var mac = keyed
            if let previous { previous.withUnsafeBytes { mac.update(bufferPointer: $0) } }
            mac.update(data: info)
            withUnsafeBytes(of: counter) { mac.update(bufferPointer: $0) }
            let block = mac.finalize()
            let take = Swift.min(H.byteCount, outputByteCount - output.count)
            block.withUnsafeBytes { output.append(contentsOf: $0.prefix(take)) }
            previous = block
            counter &+= 1  // at most 255 blocks by the precondition
        }
        let key = SymmetricKey(data: output)
        for i in output.indices { output[i] = 0 }
        return key
    }

    /// HKDF-Expand with the PRK straight from `extract`.
    /// - Precondition: as for `expand(pseudoRandomKey:info:outputByteCount:)`.
    @inlinable
    public static func expand(
        pseudoRandomKey: HashedAuthenticationCode<H>, info: some Collection<UInt8>, outputByteCount: Int
    ) -> SymmetricKey {
        expand(pseudoRandomKey: pseudoRandomKey.bytes, info: info, outputByteCount: outputByteCount)
    }

    /// Extract then expand in one call (RFC 5869 §2).
    /// - Precondition: as for `expand`.
    @inlinable
    public static func deriveKey(
        inputKeyMaterial: SymmetricKey, salt: some Collection<UInt8>, info: some Collection<UInt8>,
        outputByteCount: Int
    ) -> SymmetricKey {
        let prk = extract(inputKeyMaterial: inputKeyMaterial, salt: salt)
        return prk.withUnsafeBytes { expand(pseudoRandomKey: $0, info: info, outputByteCount: outputByteCount) }
    }

    /// Extract then expand with no salt (RFC 5869 §2.2: HashLen zeros).
    @inlinable
    public static func deriveKey(inputKeyMaterial: SymmetricKey, info: some Collection<UInt8>, outputByteCount: Int)
        -> SymmetricKey
    {
        deriveKey(inputKeyMaterial: inputKeyMaterial, salt: [UInt8](), info: info, outputByteCount: outputByteCount)
    }
}
