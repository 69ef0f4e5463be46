// SPDX-License-Identifier: Apache-2.0
// One-shot AES-GCM seal/open, Nonce and SealedBox in swift-crypto's shape (SP 800-38D §7).

extension AES.GCM {
    /// A GCM nonce (IV). `init()` makes a random 96-bit nonce, the recommended length (SP 800-38D §8.2);
    /// `init(data:)` accepts any non-empty length (other lengths go through GHASH, §7.1 step 2).
    public struct Nonce: Sendable, Hashable, Sequence {
        let bytes: [UInt8]

        /// A fresh random 12-byte nonce.
        /// - Precondition: the system random source works (as swift-crypto, not recoverable here).
        public init() {
            do {
                bytes = try SystemRandom.bytes(count: 12)
            } catch {
                fatalError("AES.GCM.Nonce(): the system random source failed")  // not input-dependent
            }
        }

        /// A nonce from `data`.
        /// - Throws: `CryptoError.invalidLength` if `data` is empty.
        public init(data: some Collection<UInt8>) throws(CryptoError) {
            guard !data.isEmpty else { throw .invalidLength }
            bytes = Array(data)
        }

        public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

        /// Gives temporary access to the nonce bytes.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try bytes.withUnsafeBytes(body)
        }
    }

    /// Nonce, ciphertext and 16-byte tag of one sealed message.
    public struct SealedBox: Sendable {
        /// The nonce the message was sealed with.
        public let nonce: Nonce
        /// The encrypted message (same length as the plaintext).
        public let ciphertext: [UInt8]
        /// The 16-byte authentication tag.
        public let tag: [UInt8]

        /// Assembles a box from its parts.
        /// - Throws: `CryptoError.invalidLength` unless `tag` is 16 bytes (truncated tags are not supported).
        public init(nonce: Nonce, ciphertext: some Collection<UInt8>, tag: some Collection<UInt8>) throws(CryptoError) {
            guard tag.count == 16 else { throw .invalidLength }
            self.nonce = nonce
            self.ciphertext = Array(ciphertext)
            self.tag = Array(tag)
        }

        /// Parses nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
        /// - Throws: `CryptoError.invalidLength` if `combined` is shorter than 28 bytes.
        public init(combined: some Collection<UInt8>) throws(CryptoError) {
            let all = Array(combined)
            guard all.count >= 28 else { throw .invalidLength }
            nonce = try Nonce(data: all[0..<12])
            ciphertext = Array(all[12..<(all.count - 16)])
            tag = Array(all[(all.count - 16)...])
        }

        /// nonce ‖ ciphertext ‖ tag. Only defined for 12-byte nonces, as in swift-crypto.
        /// - Throws: `CryptoError.invalidLength` for other nonce lengths.
        public func combinedRepresentation() throws(CryptoError) -> [UInt8] {
            guard nonce.bytes.count == 12 else { throw .invalidLength }
            return nonce.bytes + ciphertext + tag
        }

        /// nonce ‖ ciphertext ‖ tag, or nil when the nonce is not 12 bytes (swift-crypto's `combined`).
        public var combined: [UInt8]? {
            nonce.bytes.count == 12 ? nonce.bytes + ciphertext + tag : nil
        }
    }

    /// Encrypts and authenticates `message` and `aad` under `key`.
    /// - Parameters:
    ///   - message: the plaintext.
    ///   - key: a 128-, 192- or 256-bit key.
    ///   - nonce: the nonce; a fresh random 96-bit nonce when nil. Never reuse a nonce under one key.
    ///   - aad: additional data that is authenticated but not encrypted.
    /// - Returns: the sealed box.
    /// - Throws: `CryptoError.invalidLength` for a bad key size.
    /// - CT: time depends only on the lengths of key, nonce, message and aad.
    public static func seal(
        _ message: some Collection<UInt8>, using key: SymmetricKey, nonce: Nonce? = nil,
        authenticating aad: some Collection<UInt8> = [UInt8]()
    ) throws(CryptoError) -> SealedBox {
        let ctx = try Context(key: key)
        let n = nonce ?? Nonce()
        var data = Array(message)
        let tag = withContiguousBytes(aad) { a in
            n.bytes.withUnsafeBytes { nb in
                data.withUnsafeMutableBytes { d in ctx.sealCore(nonce: nb, aad: a, data: d) }
            }
        }
        return try SealedBox(nonce: n, ciphertext: data, tag: tag.bytes)
    }

    /// Verifies and decrypts `box`.
    /// - Returns: the plaintext.
    /// - Throws: `CryptoError.authenticationFailure` if the tag does not match (nothing else is revealed);
    ///   `CryptoError.invalidLength` for a bad key size.
    /// - CT: time depends only on lengths; no plaintext is produced unless the tag matches.
    public static func open(
        _ box: SealedBox, using key: SymmetricKey, authenticating aad: some Collection<UInt8> = [UInt8]()
    ) throws(CryptoError) -> [UInt8] {
        let ctx = try Context(key: key)
        var data = box.ciphertext
        let ok = withContiguousBytes(aad) { a in
            box.nonce.bytes.withUnsafeBytes { nb in
                box.tag.withUnsafeBytes { t in
                    data.withUnsafeMutableBytes { d in ctx.openCore(nonce: nb, aad: a, data: d, tag: t) }
                }
            }
        }
        guard ok else { throw .authenticationFailure }
        return data
    }
}
