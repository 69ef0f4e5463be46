// SPDX-License-Identifier: Apache-2.0
// HMAC_DRBG (NIST SP 800-90A Rev. 1 §10.1.2) over any `HashFunction`: instantiate, reseed, generate.

/// A deterministic random bit generator built on HMAC (SP 800-90A §10.1.2), without prediction resistance.
///
/// Used for deterministic key generation (upstream derives its P-384 root CA and transaction-signing keys
/// as HMAC_DRBG-SHA-256(entropy = secret, nonce = empty, personalization = "det ECDSA key gen P-384"),
/// see spec/upstream.md §5.2) and as a seeded `RandomSource`.
///
/// The caller supplies the entropy input: this type never reads the system random source, which is what
/// makes it deterministic. SP 800-90A asks for entropy of at least the security strength (32 bytes for
/// SHA-256/384/512); that is the caller's responsibility and is not enforced, because deterministic
/// derivations feed it secrets of known quality.
///
/// - CT: every step is HMAC over fixed-length state; time depends only on input and output lengths.
public struct HMACDRBG<H: HashFunction>: Sendable {
    /// K and V of §10.1.2.1 (HashLen bytes each).
    @usableFromInline var key: [UInt8]
    @usableFromInline var value: [UInt8]
    /// Number of generate requests since instantiation or the last reseed, plus one (§10.1.2.1).
    public private(set) var reseedCounter: UInt64

    /// `reseed_interval` of SP 800-90A Table 2: at most 2^48 generate requests between reseeds.
    public static var reseedInterval: UInt64 { 1 << 48 }
    /// `max_number_of_bits_per_request` of Table 2 (2^19 bits), in bytes.
    public static var maximumBytesPerRequest: Int { 1 << 16 }

    /// HMAC_DRBG_Instantiate_algorithm (§10.1.2.3): `seed_material = entropy ‖ nonce ‖ personalization`,
    /// `K = 0x00…`, `V = 0x01…`, then `Update(seed_material)`.
    public init(
        entropy: some Collection<UInt8>, nonce: some Collection<UInt8>, personalization: some Collection<UInt8>
    ) {
        key = [UInt8](repeating: 0x00, count: H.byteCount)
        value = [UInt8](repeating: 0x01, count: H.byteCount)
        reseedCounter = 1
        update(Array(entropy) + Array(nonce) + Array(personalization))
    }

    /// HMAC_DRBG_Reseed_algorithm (§10.1.2.4): `Update(entropy ‖ additionalInput)`, counter back to 1.
    public mutating func reseed(entropy: some Collection<UInt8>, additionalInput: some Collection<UInt8> = [UInt8]()) {
        update(Array(entropy) + Array(additionalInput))
        reseedCounter = 1
    }

    /// HMAC_DRBG_Generate_algorithm (§10.1.2.5): `count` pseudorandom bytes.
    /// - Throws: `CryptoError.reseedRequired` once `reseedInterval` requests have been served (step 1);
    ///   `CryptoError.invalidLength` if `count` is negative or above `maximumBytesPerRequest`.
    public mutating func generate(count: Int, additionalInput: some Collection<UInt8> = [UInt8]()) throws(CryptoError)
        -> [UInt8]
    {
        guard count >= 0, count <= Self.maximumBytesPerRequest else { throw .invalidLength }
        var out = [UInt8](repeating: 0, count: count)
        let additional = Array(additionalInput)
        var failure: CryptoError?
        out.withUnsafeMutableBytes { buffer in
            do throws(CryptoError) { try generate(into: buffer, additionalInput: additional) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    /// Generate into `buffer` (at most `maximumBytesPerRequest` bytes).
    @usableFromInline
    mutating func generate(into buffer: UnsafeMutableRawBufferPointer, additionalInput: [UInt8]) throws(CryptoError) {
        guard buffer.count <= Self.maximumBytesPerRequest else { throw .invalidLength }
        // Step 1: reseed required once the counter passes the interval.
        guard reseedCounter <= Self.reseedInterval else { throw .reseedRequired }
        // Step 2: fold in additional input first, if any.
        if !additionalInput.isEmpty { update(additionalInput) }  // public: length
        // Steps 3–5: V = HMAC(K, V), concatenated until `count` bytes are produced.
        var produced = 0
        let keyed = key.withUnsafeBytes { HMAC<H>(keyBytes: $0) }
        while produced < buffer.count {  // public: length
            var mac = keyed
            mac.update(data: value)
            value = mac.finalize().bytes
            let take = Swift.min(value.count, buffer.count - produced)
            for i in 0..<take { buffer[produced + i] = value[i] }
            produced += take
        }
        // Step 6: Update(additional_input) (also with empty input: the K/V ratchet after every request).
        update(additionalInput)
        // Step 7.
        reseedCounter += 1
    }

    /// Sets the reseed counter (tests only: reaching 2^48 requests by generating is out of reach).
    package mutating func setReseedCounter(_ counter: UInt64) { reseedCounter = counter }

    /// HMAC_DRBG_Update (§10.1.2.2).
    @usableFromInline
    mutating func update(_ provided: [UInt8]) {
        for round: UInt8 in 0...1 {
            // K = HMAC(K, V ‖ round ‖ provided_data); V = HMAC(K, V).
            var mac = key.withUnsafeBytes { HMAC<H>(keyBytes: $0) }
            mac.update(data: value)
            mac.update(data: CollectionOfOne(round))
            mac.update(data: provided)
            wipe(&key)
            key = mac.finalize().bytes
            var next = key.withUnsafeBytes { HMAC<H>(keyBytes: $0) }
            next.update(data: value)
            value = next.finalize().bytes
            if provided.isEmpty { return }  // public: length. Step 3: stop after one round without data.
        }
    }

    @inline(__always)
    private func wipe(_ bytes: inout [UInt8]) {
        for i in bytes.indices { bytes[i] = 0 }
    }
}

extension HMACDRBG: RandomSource {
    /// Fills `buffer` with generated bytes (no additional input), in requests of at most
    /// `maximumBytesPerRequest` bytes.
    /// - Throws: `CryptoError.reseedRequired` when the reseed interval is reached.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        var offset = 0
        while offset < buffer.count {  // public: length
            let n = Swift.min(Self.maximumBytesPerRequest, buffer.count - offset)
            try generate(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + n)]), additionalInput: [])
            offset += n
        }
    }
}
