// SPDX-License-Identifier: Apache-2.0
// RSA encryption: RSAES-OAEP (RFC 8017 §7.1) with one hash for the label and MGF1 (SHA-256 by default).

extension RSA {
    /// RSA encryption keys (RSAES-OAEP only; PKCS#1 v1.5 encryption is deliberately absent).
    public enum Encryption {
        /// OAEP parameters: the hash used for the label and for MGF1.
        public struct Padding: Sendable, Hashable {
            /// Label and MGF1 hash.
            public let hash: RSA.HashAlgorithm

            /// OAEP with `hash` for both the label and MGF1.
            public static func oaep(hash: RSA.HashAlgorithm) -> Padding { Padding(hash: hash) }
            /// OAEP with SHA-256 and MGF1-SHA-256 (the seed-share scheme).
            public static let oaepSHA256 = Padding(hash: .sha256)
        }

        /// An RSA public key for encryption (2048 to 8192 bits).
        public struct PublicKey: Sendable {
            package let core: RSAPublicCore

            /// A key from its raw big-endian modulus and exponent.
            /// - Throws: `CryptoError.invalidParameter` for an unusable key or a modulus below 2048 bits.
            public init(n: some Collection<UInt8>, e: some Collection<UInt8>) throws(CryptoError) {
                core = try RSAPublicCore(
                    n: Array(n), e: Array(e), bitRange: RSA.minimumPrivateKeyBits...RSA.maximumPublicKeyBits)
            }

            init(core: RSAPublicCore) { self.core = core }

            public var n: [UInt8] { core.nBytes }
            public var e: [UInt8] { core.eBytes }
            public var keySizeInBits: Int { core.bitCount }

            /// Encrypts `plaintext` with the system random source.
            /// - Throws: `CryptoError.invalidLength` when `plaintext` is longer than `k − 2·hLen − 2` bytes.
            public func encrypt(
                _ plaintext: some Collection<UInt8>, padding: Padding = .oaepSHA256, label: some Collection<UInt8> = []
            ) throws(CryptoError) -> [UInt8] {
                var random = SystemRandom()
                return try encrypt(plaintext, padding: padding, label: label, using: &random)
            }

            /// RSAES-OAEP-ENCRYPT (RFC 8017 §7.1.1) with an injected random source.
            /// - CT: time depends only on the lengths; the plaintext does not leak (the exponentiation is
            ///   variable-time in the public exponent only).
            public func encrypt(
                _ plaintext: some Collection<UInt8>, padding: Padding = .oaepSHA256, label: some Collection<UInt8> = [],
                using random: inout some RandomSource
            ) throws(CryptoError) -> [UInt8] {
                let em = try OAEP.encode(
                    message: Array(plaintext), label: Array(label), k: core.byteCount, hash: padding.hash,
                    using: &random)
                return try core.applyVarTime(bytes: em)
            }
        }

        /// An RSA private key for decryption.
        public struct PrivateKey: Sendable {
            package let core: RSAPrivateCore

            /// A key from all raw CRT components (big-endian), checked for consistency.
            /// - Throws: `CryptoError.invalidParameter` for an inconsistent key or a modulus outside
            ///   2048...4096 bits.
            public init(
                n: some Collection<UInt8>, e: some Collection<UInt8>, d: some Collection<UInt8>,
                p: some Collection<UInt8>, q: some Collection<UInt8>, dP: some Collection<UInt8>,
                dQ: some Collection<UInt8>, qInv: some Collection<UInt8>
            ) throws(CryptoError) {
                core = try RSAPrivateCore(
                    n: Array(n), e: Array(e), d: Array(d), p: Array(p), q: Array(q), dP: Array(dP), dQ: Array(dQ),
                    qInv: Array(qInv))
            }

            /// A key from `(n, e, d, p, q)`; the CRT values are derived.
            public init(
                n: some Collection<UInt8>, e: some Collection<UInt8>, d: some Collection<UInt8>,
                p: some Collection<UInt8>, q: some Collection<UInt8>
            ) throws(CryptoError) {
                core = try RSAPrivateCore(n: Array(n), e: Array(e), d: Array(d), p: Array(p), q: Array(q))
            }

            /// Generates a key (FIPS 186-5 §A.1.3, e = 65537) with `random`.
            public init(keySize: RSA.KeySize, using random: inout some RandomSource) throws(CryptoError) {
                core = try RSAKeyGeneration.generate(bits: keySize.bitCount, using: &random)
            }

            /// Generates a key with the system random source.
            public init(keySize: RSA.KeySize) throws(CryptoError) {
                var random = SystemRandom()
                self = try PrivateKey(keySize: keySize, using: &random)
            }

            package init(core: RSAPrivateCore) { self.core = core }

            public var publicKey: PublicKey { PublicKey(core: core.publicCore) }
            public var keySizeInBits: Int { core.publicCore.bitCount }
            /// Raw components (big-endian) for the PKCS#1/PKCS#8 encoders.
            public var components: RSA.PrivateKeyComponents { RSA.PrivateKeyComponents(core) }

            /// Decrypts with the system random source (used for blinding).
            /// - Throws: `CryptoError.authenticationFailure` for every malformed or wrong ciphertext.
            public func decrypt(
                _ ciphertext: some Collection<UInt8>, padding: Padding = .oaepSHA256, label: some Collection<UInt8> = []
            ) throws(CryptoError) -> [UInt8] {
                var random = SystemRandom()
                return try decrypt(ciphertext, padding: padding, label: label, using: &random)
            }

            /// RSAES-OAEP-DECRYPT (RFC 8017 §7.1.2) with an injected random source for blinding.
            /// - Throws: `CryptoError.authenticationFailure` for a wrong length, a value ≥ n or any decoding
            ///   failure, never saying which; `CryptoError.randomSourceFailure`; `CryptoError.invalidParameter`
            ///   when the private-key result fails its check against the public key (fault).
            /// - CT: time depends only on the key size and, after success, on the plaintext length.
            public func decrypt(
                _ ciphertext: some Collection<UInt8>, padding: Padding = .oaepSHA256, label: some Collection<UInt8> = [],
                using random: inout some RandomSource
            ) throws(CryptoError) -> [UInt8] {
                let pub = core.publicCore
                // §7.1.2 step 1.b–2.a: the length and the range of c are public properties of the ciphertext.
                guard let c = try? pub.representative(ciphertext) else { throw .authenticationFailure }
                let m = try core.apply(c, using: &random)
                let em = Limbs.toBigEndian(m, length: pub.byteCount)
                return try OAEP.decode(em: em, label: Array(label), hash: padding.hash)
            }
        }
    }
}
