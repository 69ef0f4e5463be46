// SPDX-License-Identifier: Apache-2.0
// The cryptographic primitives TLS needs, as small protocols, so the protocol code is independent of who provides them.

/// A keyed AEAD instance for one traffic direction (RFC 8446 §5.2). Nonces are always 12 bytes here.
public protocol RecordAEAD: Sendable {
    /// Authentication tag length in bytes (16 for all TLS 1.3 suites we support).
    var tagLength: Int { get }
    /// Returns ciphertext ‖ tag.
    func seal(_ plaintext: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws(TLSError) -> [UInt8]
    /// Returns the plaintext of ciphertext ‖ tag, or throws `.badRecordMAC`.
    func open(_ ciphertextAndTag: [UInt8], nonce: [UInt8], additionalData: [UInt8]) throws(TLSError) -> [UInt8]
}

/// A running hash whose intermediate digest can be read without disturbing it (value semantics).
public protocol TranscriptHasher: Sendable {
    mutating func update(_ bytes: [UInt8])
    /// The digest of everything so far; the hasher keeps running.
    func currentDigest() -> [UInt8]
}

/// A hash function with its HMAC, as the key schedule needs them (RFC 8446 §7.1, RFC 5869).
public struct TLSHash: Sendable {
    /// Output length in bytes (Hash.length).
    public let length: Int
    /// A fresh running hash.
    public let makeHasher: @Sendable () -> any TranscriptHasher
    /// HMAC(key, message).
    public let hmac: @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

    public init(
        length: Int, makeHasher: @escaping @Sendable () -> any TranscriptHasher,
        hmac: @escaping @Sendable ([UInt8], [UInt8]) -> [UInt8]
    ) {
        self.length = length
        self.makeHasher = makeHasher
        self.hmac = hmac
    }

    /// Hash(bytes).
    public func digest(_ bytes: [UInt8]) -> [UInt8] {
        var h = makeHasher()
        h.update(bytes)
        return h.currentDigest()
    }
}

/// An AEAD algorithm: key length and a constructor of keyed instances.
public struct TLSAEADAlgorithm: Sendable {
    public let keyLength: Int
    public let ivLength: Int
    public let makeContext: @Sendable (_ key: [UInt8]) throws(TLSError) -> any RecordAEAD

    public init(
        keyLength: Int, ivLength: Int = 12,
        makeContext: @escaping @Sendable ([UInt8]) throws(TLSError) -> any RecordAEAD
    ) {
        self.keyLength = keyLength
        self.ivLength = ivLength
        self.makeContext = makeContext
    }
}

/// What a cipher suite fixes: the AEAD and the hash (RFC 8446 §B.4).
public struct CipherSuiteParameters: Sendable {
    public let suite: CipherSuite
    public let aead: TLSAEADAlgorithm
    public let hash: TLSHash

    public init(suite: CipherSuite, aead: TLSAEADAlgorithm, hash: TLSHash) {
        self.suite = suite
        self.aead = aead
        self.hash = hash
    }
}
