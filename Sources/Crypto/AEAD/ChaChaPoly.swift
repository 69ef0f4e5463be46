// SPDX-License-Identifier: Apache-2.0
// One-shot ChaCha20-Poly1305 seal/open, Nonce and SealedBox in swift-crypto's shape (RFC 8439 §2.8).

extension ChaChaPoly {
    /// A 96-bit ChaCha20-Poly1305 nonce (RFC 8439 §2.8).
    public struct Nonce: Sendable, Hashable, Sequence {
        let bytes: [UInt8]

        /// A fresh random nonce.
        /// - Precondition: the system random source works (as swift-crypto, not recoverable here).
        public init() {
            do {
                bytes = try SystemRandom.bytes(count: 12)
            } catch {
                fatalError("ChaChaPoly.Nonce(): the system random source failed")  // not input-dependent
            }
        }

        /// A nonce from exactly 12 bytes.
        /// - Throws: `CryptoError.invalidLength` otherwise.
        public init(data: some Collection<UInt8>) throws(CryptoError) {
            guard data.count == 12 else { throw .invalidLength }
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
        public let nonce: Nonce
        public let ciphertext: [UInt8]
        public let tag: [UInt8]

        /// Assembles a box from its parts.
        /// - Throws: `CryptoError.invalidLength` unless `tag` is 16 bytes.
        public init(nonce: Nonce, ciphertext: some Collection<UInt8>, tag: some Collection<UInt8>) throws(CryptoError) {
            guard tag.count == 16 else { throw .invalidLength }
            self.nonce = nonce
            self.ciphertext = Array(ciphertext)
            self.tag = Array(tag)
        }

        /// Parses nonce (12) ‖ ciphertext ‖ tag (16).
        /// - Throws: `CryptoError.invalidLength` if `combined` is shorter than 28 bytes.
        public init(combined: some Collection<UInt8>) throws(CryptoError) {
            let all = Array(combined)
            guard all.count >= 28 else { throw .invalidLength }
            nonce = try Nonce(data: all[0..<12])
            ciphertext = Array(all[12..<(all.count - 16)])
            tag = Array(all[(all.count - 16)...])
        }

        /// nonce ‖ ciphertext ‖ tag.
        public var combined: [UInt8] { nonce.bytes + ciphertext + tag }
    }

    /// Encrypts and authenticates `message` and `aad` under a 256-bit `key`.
    /// - Parameters:
    ///   - nonce: a fresh random nonce when nil. Never reuse a nonce under one key.
    /// - Throws: `CryptoError.invalidLength` for a key that is not 256 bits.
    /// - CT: time depends only on the lengths of message and aad.
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
    /// - Throws: `CryptoError.authenticationFailure` if the tag does not match; `.invalidLength` for a bad key.
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
