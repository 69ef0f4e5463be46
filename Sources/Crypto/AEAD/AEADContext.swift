// SPDX-License-Identifier: Apache-2.0
// The reusable, allocation-free AEAD interface shared by AES-GCM and ChaCha20-Poly1305 (RFC 5116 §2).

/// A keyed AEAD ready for many messages: key schedule and hash-key material are computed once in `init`,
/// and `seal`/`open` work in place on a caller's buffer without heap allocation. TLS 1.3 record protection
/// (RFC 8446 §5.2) chooses a conforming type per cipher suite.
///
/// Conformers: `AES.GCM.Context` (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384) and `ChaChaPoly.Context`
/// (TLS_CHACHA20_POLY1305_SHA256).
public protocol AEADContext: Sendable {
    /// Key lengths in bytes that `init(key:)` accepts.
    static var keyByteCounts: [Int] { get }
    /// Nonce length in bytes for `seal`/`open` (12 for both AEADs, RFC 5116 §3.2).
    static var nonceByteCount: Int { get }
    /// Tag length in bytes (16).
    static var tagByteCount: Int { get }

    /// Expands `key`.
    /// - Throws: `CryptoError.invalidLength` if the key length is not one of `keyByteCounts`.
    init(key: SymmetricKey) throws(CryptoError)

    /// Encrypts `buffer[range]` in place and returns the authentication tag.
    /// - Throws: `CryptoError.invalidLength` if `nonce` is not `nonceByteCount` bytes or `range` is not
    ///   inside `buffer`.
    func seal(
        in buffer: inout [UInt8], range: Range<Int>, nonce: some Collection<UInt8>,
        authenticating aad: some Collection<UInt8>
    ) throws(CryptoError) -> AEADTag

    /// Verifies `tag` over `buffer[range]` (ciphertext) and `aad`, then decrypts in place. On failure
    /// `buffer[range]` is zeroed, so no unauthenticated plaintext is ever released.
    /// - Throws: `CryptoError.authenticationFailure` for a wrong tag; `.invalidLength` as for `seal`.
    func open(
        in buffer: inout [UInt8], range: Range<Int>, nonce: some Collection<UInt8>,
        authenticating aad: some Collection<UInt8>, tag: AEADTag
    ) throws(CryptoError)
}

/// A 16-byte AEAD tag held inline (no allocation).
public struct AEADTag: Sendable {
    @usableFromInline var words: (UInt64, UInt64)

    @inlinable init(words: (UInt64, UInt64)) { self.words = words }

    /// A tag from exactly 16 bytes.
    /// - Throws: `CryptoError.invalidLength` otherwise.
    public init(_ bytes: some Collection<UInt8>) throws(CryptoError) {
        guard bytes.count == 16 else { throw .invalidLength }
        words = (0, 0)
        Swift.withUnsafeMutableBytes(of: &words) { w in
            for (i, b) in bytes.enumerated() { w[i] = b }
        }
    }

    /// The tag stored at `buffer[offset ..< offset + 16]` (e.g. right after a TLS record's ciphertext).
    /// - Throws: `CryptoError.invalidLength` if the buffer is too short.
    public init(reading buffer: [UInt8], at offset: Int) throws(CryptoError) {
        guard offset >= 0, offset <= buffer.count - 16 else { throw .invalidLength }
        words = (0, 0)
        Swift.withUnsafeMutableBytes(of: &words) { w in
            buffer.withUnsafeBytes { b in w.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[offset..<offset + 16])) }
        }
    }

    /// The 16 tag bytes.
    public var bytes: [UInt8] {
        Swift.withUnsafeBytes(of: words) { Array($0) }
    }

    /// Writes the tag to `buffer[offset ..< offset + 16]`.
    /// - Throws: `CryptoError.invalidLength` if the buffer is too short.
    public func write(to buffer: inout [UInt8], at offset: Int) throws(CryptoError) {
        guard offset >= 0, offset <= buffer.count - 16 else { throw .invalidLength }
        Swift.withUnsafeBytes(of: words) { w in
            buffer.withUnsafeMutableBytes { b in
                UnsafeMutableRawBufferPointer(rebasing: b[offset..<offset + 16]).copyMemory(from: w)
            }
        }
    }

    /// Gives temporary access to the 16 bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: words, body)
    }
}

/// Runs `body` with the contiguous bytes of `c`, copying only when `c` has no contiguous storage.
@inlinable
func withContiguousBytes<C: Collection<UInt8>, R>(_ c: C, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let r = c.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return r }
    let copy = Array(c)
    return copy.withUnsafeBytes(body)
}

/// Checks that `range` lies inside a buffer of `count` bytes (public lengths).
@inlinable
func checkRange(_ range: Range<Int>, count: Int) throws(CryptoError) {
    guard range.lowerBound >= 0, range.upperBound <= count else { throw .invalidLength }
}
