// SPDX-License-Identifier: Apache-2.0
// TLSHash over ContrastCrypto's SHA-256/SHA-384 and HMAC (the hashes of RFC 8446 §B.4's suites).

import ContrastCrypto

/// A `HashFunction` state as a transcript hasher (finalize() does not disturb the running state).
struct HashFunctionHasher<H: HashFunction>: TranscriptHasher {
    var state = H()
    mutating func update(_ bytes: [UInt8]) { state.update(data: bytes) }
    func currentDigest() -> [UInt8] { state.finalize().bytes }
}

extension TLSHash {
    /// TLSHash for any ContrastCrypto hash function.
    public init<H: HashFunction>(_ type: H.Type) {
        self.init(
            length: H.byteCount, makeHasher: { HashFunctionHasher<H>() },
            hmac: { key, message in
                HMAC<H>.authenticationCode(for: message, using: SymmetricKey(data: key)).bytes
            })
    }

    public static let sha256 = TLSHash(SHA256.self)
    public static let sha384 = TLSHash(SHA384.self)
}
