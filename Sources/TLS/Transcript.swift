// SPDX-License-Identifier: Apache-2.0
// Transcript: the running handshake hash, buffered until the suite fixes the hash (RFC 8446 §4.4.1).

/// Buffers handshake messages until the cipher suite (and with it the hash) is known, then hashes as it goes.
public struct Transcript: Sendable {
    var pending: [UInt8] = []
    var hasher: (any TranscriptHasher)?
    public private(set) var hash: TLSHash?

    public init() {}

    /// Adds one complete handshake message (header included).
    public mutating func add(_ message: [UInt8]) {
        if hasher != nil {
            hasher?.update(message)
        } else {
            pending += message
        }
    }

    /// Fixes the hash function and replays what was buffered.
    public mutating func start(hash: TLSHash) {
        self.hash = hash
        var h = hash.makeHasher()
        h.update(pending)
        pending = []
        hasher = h
    }

    /// Transcript-Hash of everything added so far.
    /// - Precondition: `start(hash:)` was called (the machines call it on ServerHello, before any hash is needed).
    public func currentHash() -> [UInt8] {
        guard let hasher else { preconditionFailure("Transcript hash requested before the suite was fixed") }
        return hasher.currentDigest()
    }

    /// RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by
    /// message_hash(254) ‖ 00 00 Hash.length ‖ Hash(ClientHello1). Call before adding the HelloRetryRequest.
    public mutating func rollUpForHelloRetryRequest() {
        guard let hash else { preconditionFailure("Transcript roll-up before the suite was fixed") }
        let digest = currentHash()
        var h = hash.makeHasher()
        h.update([HandshakeType.messageHash.rawValue, 0, 0, UInt8(truncatingIfNeeded: hash.length)] + digest)
        hasher = h
    }
}
