// SPDX-License-Identifier: Apache-2.0
// RSA signatures: RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) and RSASSA-PSS (RFC 8017 §8.1) in swift-crypto's shape.

extension RSA {
    /// RSA signature keys and schemes.
    public enum Signing {
        /// The signature padding scheme. The message hash is passed separately (`hash:`), so one padding value
        /// serves every hash.
        public struct Padding: Sendable, Hashable {
            enum Kind: Sendable, Hashable {
                case pkcs1v15
                case pss(saltLength: Int?, mgf1Hash: RSA.HashAlgorithm?)
            }
            let kind: Kind

            /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with the DigestInfo of the chosen hash.
            public static let pkcs1v1_5 = Padding(kind: .pkcs1v15)

            /// RSASSA-PSS (RFC 8017 §8.1).
            /// - Parameters:
            ///   - saltLength: salt length in bytes; nil means the digest length (the TLS 1.3 `rsa_pss_rsae_*`
            ///     and X.509 convention).
            ///   - mgf1Hash: the MGF1 hash; nil means the message hash.
            ///
            /// The AMD SEV-SNP certificate profile (ARK/ASK/VCEK) is `.pss()` with `hash: .sha384`, which gives
            /// MGF1-SHA-384 and a 48-byte salt; `.amdSEVSNP` spells it out.
            public static func pss(saltLength: Int? = nil, mgf1Hash: RSA.HashAlgorithm? = nil) -> Padding {
                Padding(kind: .pss(saltLength: saltLength, mgf1Hash: mgf1Hash))
            }

            /// PSS with MGF1-SHA-384 and a 48-byte salt (use with `hash: .sha384`): AMD's ARK/ASK/VCEK profile.
            public static let amdSEVSNP = Padding(kind: .pss(saltLength: 48, mgf1Hash: .sha384))
        }

        /// An RSA signature: the big-endian integer `s`, exactly as long as the modulus in bytes.
        public struct RSASignature: Sendable, Hashable {
            /// The signature bytes.
            public let rawRepresentation: [UInt8]

            /// Wraps signature bytes; the length is checked against the key at verification.
            public init(rawRepresentation: some Collection<UInt8>) {
                self.rawRepresentation = Array(rawRepresentation)
            }
        }

        /// An RSA public key for signature verification.
        public struct PublicKey: Sendable {
            package let core: RSAPublicCore

            /// A key from its raw big-endian modulus and exponent (leading zero bytes are ignored).
            ///
            /// Accepts 1024 to 8192-bit moduli: 1024-bit keys are allowed for verifying legacy signatures only;
            /// apply a policy on `keySizeInBits` where it matters.
            /// - Throws: `CryptoError.invalidParameter` for an even modulus, a size outside that range or an
            ///   exponent that is even, below 3 or not below `n`.
            public init(n: some Collection<UInt8>, e: some Collection<UInt8>) throws(CryptoError) {
                core = try RSAPublicCore(
                    n: Array(n), e: Array(e), bitRange: RSA.minimumPublicKeyBits...RSA.maximumPublicKeyBits)
            }

            init(core: RSAPublicCore) { self.core = core }

            /// The modulus, big-endian, without leading zero bytes.
            public var n: [UInt8] { core.nBytes }
            /// The public exponent, big-endian, without leading zero bytes.
            public var e: [UInt8] { core.eBytes }
            /// The modulus size in bits.
            public var keySizeInBits: Int { core.bitCount }

            /// Verifies `signature` over `data`, hashed with `hash`.
            /// VARTIME: public inputs only.
            public func isValidSignature(
                _ signature: RSASignature, for data: some Collection<UInt8>, hash: RSA.HashAlgorithm,
                padding: Padding
            ) -> Bool {
                isValidSignature(signature, digest: hash.hash(data), hash: hash, padding: padding)
            }

            /// Verifies `signature` over a digest; the hash is the one whose output size the digest has.
            /// VARTIME: public inputs only.
            public func isValidSignature<D: Digest>(_ signature: RSASignature, for digest: D, padding: Padding)
                -> Bool
            {
                guard let hash = RSA.HashAlgorithm(digestByteCount: D.byteCount) else { return false }
                return isValidSignature(signature, digest: digest.bytes, hash: hash, padding: padding)
            }

            /// Verifies `signature` over the precomputed `digest` of `hash`.
            ///
            /// PKCS#1 v1.5 re-encodes the expected block (DigestInfo and all) and compares all of it (RFC 8017
            /// §8.2.2 step 3–4); PSS checks every step of RFC 8017 §9.1.2.
            /// VARTIME: public inputs only.
            public func isValidSignature(
                _ signature: RSASignature, digest: some Collection<UInt8>, hash: RSA.HashAlgorithm, padding: Padding
            ) -> Bool {
                let mHash = Array(digest)
                guard mHash.count == hash.byteCount else { return false }
                // RFC 8017 §8.1.2/§8.2.2 step 1–2: length k, s < n, m = s^e mod n.
                guard let m = try? core.applyVarTime(bytes: signature.rawRepresentation) else { return false }
                switch padding.kind {
                case .pkcs1v15:
                    guard let expected = try? PKCS1v15.encode(digest: mHash, hash: hash, emLength: core.byteCount)
                    else { return false }
                    return constantTimeEquals(expected, m)
                case .pss(let saltLength, let mgf1Hash):
                    // §8.1.2 step 2.c: EM = I2OSP(m, emLen) with emBits = modBits − 1.
                    let emBits = core.bitCount - 1
                    let emLength = (emBits + 7) / 8
                    let extra = m.count - emLength
                    guard m[0..<extra].allSatisfy({ $0 == 0 }) else { return false }
                    return PSS.verify(
                        mHash: mHash, em: Array(m[extra...]), emBits: emBits, hash: hash,
                        mgf1Hash: mgf1Hash ?? hash, saltLength: saltLength ?? hash.byteCount)
                }
            }
        }

        /// An RSA private key for signing.
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
            /// - Throws: as the full initialiser.
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

            /// The public half.
            public var publicKey: PublicKey { PublicKey(core: core.publicCore) }
            /// The modulus size in bits.
            public var keySizeInBits: Int { core.publicCore.bitCount }
            /// Raw components (big-endian) for the PKCS#1/PKCS#8 encoders; see `RSAPrivateCore` for widths.
            public var components: RSA.PrivateKeyComponents { RSA.PrivateKeyComponents(core) }

            /// Signs `data`, hashed with `hash`, with the system random source (PSS salt and blinding).
            /// - Throws: `CryptoError.invalidLength` when the key is too small for the padding;
            ///   `CryptoError.randomSourceFailure`; `CryptoError.invalidParameter` if the result fails the check
            ///   against the public key (fault).
            public func signature(for data: some Collection<UInt8>, hash: RSA.HashAlgorithm, padding: Padding)
                throws(CryptoError) -> RSASignature
            {
                var random = SystemRandom()
                return try signature(digest: hash.hash(data), hash: hash, padding: padding, using: &random)
            }

            /// Signs `data` with an injected random source.
            public func signature(
                for data: some Collection<UInt8>, hash: RSA.HashAlgorithm, padding: Padding,
                using random: inout some RandomSource
            ) throws(CryptoError) -> RSASignature {
                try signature(digest: hash.hash(data), hash: hash, padding: padding, using: &random)
            }

            /// Signs a precomputed digest of `hash`.
            /// - CT: time depends only on the key size, the hash and the padding parameters.
            public func signature(
                digest: some Collection<UInt8>, hash: RSA.HashAlgorithm, padding: Padding,
                using random: inout some RandomSource
            ) throws(CryptoError) -> RSASignature {
                let pub = core.publicCore
                let mHash = Array(digest)
                let em: [UInt8]
                switch padding.kind {
                case .pkcs1v15:
                    em = try PKCS1v15.encode(digest: mHash, hash: hash, emLength: pub.byteCount)
                case .pss(let saltLength, let mgf1Hash):
                    let e = try PSS.encode(
                        mHash: mHash, emBits: pub.bitCount - 1, hash: hash, mgf1Hash: mgf1Hash ?? hash,
                        saltLength: saltLength ?? hash.byteCount, using: &random)
                    em = [UInt8](repeating: 0, count: pub.byteCount - e.count) + e
                }
                let m = try pub.representative(em)
                let s = try core.apply(m, using: &random)
                return RSASignature(rawRepresentation: Limbs.toBigEndian(s, length: pub.byteCount))
            }
        }
    }
}
