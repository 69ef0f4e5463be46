// SPDX-License-Identifier: Apache-2.0
// The `RSA` namespace (swift-crypto `_RSA` shape): hash choice, key sizes and limits (RFC 8017, FIPS 186-5 §5).

/// RSA signatures (RSASSA-PKCS1-v1_5, RSASSA-PSS) and encryption (RSAES-OAEP), RFC 8017.
///
/// Keys are given and exported as raw big-endian integers (`n`, `e`, `d`, `p`, `q`, `dP`, `dQ`, `qInv`);
/// PKCS#1, PKCS#8 and SPKI encodings live in ContrastASN1.
///
/// Limits: public keys may have 1024 to 8192-bit moduli (1024-bit keys only for verification of legacy
/// signatures: callers that need a policy check `keySizeInBits`); private keys 2048 to 4096 bits
/// (`RSA.minimumPrivateKeyBits`...`RSA.maximumPrivateKeyBits`). Public exponents must be odd, at least 3 and
/// below `n`.
///
/// Public-key operations (verify, encrypt) are variable-time in the public exponent only. Private-key
/// operations (sign, decrypt) are constant-time: CRT with fixed-window exponentiation and masked table
/// lookups, base blinding with fresh randomness, and the result is checked against the public key before it
/// is released.
public enum RSA {
    /// Smallest public modulus accepted, in bits.
    public static let minimumPublicKeyBits = 1024
    /// Largest public modulus accepted, in bits.
    public static let maximumPublicKeyBits = 8192
    /// Smallest private modulus accepted, in bits.
    public static let minimumPrivateKeyBits = 2048
    /// Largest private modulus accepted, in bits.
    public static let maximumPrivateKeyBits = 4096

    /// The hash functions RSA is used with here (SHA-2, FIPS 180-4). A closed enum keeps the API simple;
    /// `Digest`-typed entry points pick the case from the digest size.
    public enum HashAlgorithm: Sendable, Hashable, CaseIterable {
        case sha256
        case sha384
        case sha512

        /// Digest length in bytes.
        public var byteCount: Int {
            switch self {
            case .sha256: return 32
            case .sha384: return 48
            case .sha512: return 64
            }
        }

        /// The digest of `data`.
        public func hash(_ data: some Collection<UInt8>) -> [UInt8] {
            switch self {
            case .sha256: return SHA256.hash(data: data).bytes
            case .sha384: return SHA384.hash(data: data).bytes
            case .sha512: return SHA512.hash(data: data).bytes
            }
        }

        /// The case whose digest has `byteCount` bytes (SHA-256, SHA-384, SHA-512), or nil.
        public init?(digestByteCount: Int) {
            switch digestByteCount {
            case 32: self = .sha256
            case 48: self = .sha384
            case 64: self = .sha512
            default: return nil
            }
        }
    }

    /// Sizes for key generation (FIPS 186-5 §A.1.1: 2048, 3072 or 4096 bits).
    public struct KeySize: Sendable, Hashable {
        /// Modulus size in bits.
        public let bitCount: Int

        private init(bitCount: Int) { self.bitCount = bitCount }

        public static let bits2048 = KeySize(bitCount: 2048)
        public static let bits3072 = KeySize(bitCount: 3072)
        public static let bits4096 = KeySize(bitCount: 4096)
    }
}
