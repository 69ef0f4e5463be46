// SPDX-License-Identifier: Apache-2.0
// The TLS 1.3 key schedule as stage types with consuming transitions (RFC 8446 §7.1).

/// RFC 8446 §7.1 (PSK and early-data branches omitted: no resumption, no 0-RTT):
///
///                  0
///                  |
///                  v
///    PSK ->  HKDF-Extract = Early Secret
///                  |
///                  v
///            Derive-Secret(., "derived", "")
///                  |
///                  v
///    (EC)DHE -> HKDF-Extract = Handshake Secret
///                  |
///                  +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
///                  |                     = client_handshake_traffic_secret
///                  +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
///                  |                     = server_handshake_traffic_secret
///                  v
///            Derive-Secret(., "derived", "")
///                  |
///                  v
///       0 -> HKDF-Extract = Master Secret
///                  |
///                  +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
///                  +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
///                  +-----> Derive-Secret(., "exp master", ClientHello...server Finished)
///                  +-----> Derive-Secret(., "res master", ClientHello...client Finished)
///
/// Each stage is `~Copyable` and moves on with a `consuming func`, so a stage cannot be used after the
/// schedule has advanced past it.
public struct EarlySecret: ~Copyable, Sendable {
    let hash: TLSHash
    let secret: [UInt8]

    /// Early Secret = HKDF-Extract(0, PSK), with PSK = Hash.length zeros when there is none.
    public init(hash: TLSHash) {
        self.hash = hash
        let zeros = [UInt8](repeating: 0, count: hash.length)
        secret = HKDFLabel.extract(hash, salt: zeros, ikm: zeros)
    }

    /// The Early Secret bytes (for KATs).
    public var secretBytes: [UInt8] { secret }

    /// Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE shared secret).
    public consuming func handshakeSecret(sharedSecret: [UInt8]) -> HandshakeSecret {
        let derived = HKDFLabel.deriveSecret(hash, secret: secret, label: .derived, transcriptHash: hash.digest([]))
        return HandshakeSecret(hash: hash, secret: HKDFLabel.extract(hash, salt: derived, ikm: sharedSecret))
    }
}

/// The Handshake Secret stage: handshake traffic secrets, then the Master Secret.
public struct HandshakeSecret: ~Copyable, Sendable {
    let hash: TLSHash
    let secret: [UInt8]

    public var secretBytes: [UInt8] { secret }

    /// client_handshake_traffic_secret for Transcript-Hash(ClientHello...ServerHello).
    public func clientHandshakeTrafficSecret(transcriptHash: [UInt8]) -> [UInt8] {
        HKDFLabel.deriveSecret(hash, secret: secret, label: .clientHandshakeTraffic, transcriptHash: transcriptHash)
    }

    /// server_handshake_traffic_secret for Transcript-Hash(ClientHello...ServerHello).
    public func serverHandshakeTrafficSecret(transcriptHash: [UInt8]) -> [UInt8] {
        HKDFLabel.deriveSecret(hash, secret: secret, label: .serverHandshakeTraffic, transcriptHash: transcriptHash)
    }

    /// Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0).
    public consuming func masterSecret() -> MasterSecret {
        let derived = HKDFLabel.deriveSecret(hash, secret: secret, label: .derived, transcriptHash: hash.digest([]))
        let zeros = [UInt8](repeating: 0, count: hash.length)
        return MasterSecret(hash: hash, secret: HKDFLabel.extract(hash, salt: derived, ikm: zeros))
    }
}

/// The Master Secret stage: application traffic, exporter and resumption secrets.
public struct MasterSecret: ~Copyable, Sendable {
    let hash: TLSHash
    let secret: [UInt8]

    public var secretBytes: [UInt8] { secret }

    public func clientApplicationTrafficSecret(transcriptHash: [UInt8]) -> [UInt8] {
        HKDFLabel.deriveSecret(hash, secret: secret, label: .clientApplicationTraffic, transcriptHash: transcriptHash)
    }

    public func serverApplicationTrafficSecret(transcriptHash: [UInt8]) -> [UInt8] {
        HKDFLabel.deriveSecret(hash, secret: secret, label: .serverApplicationTraffic, transcriptHash: transcriptHash)
    }

    /// exporter_master_secret for Transcript-Hash(ClientHello...server Finished).
    public func exporterMasterSecret(transcriptHash: [UInt8]) -> ExporterSecret {
        ExporterSecret(
            hash: hash,
            secret: HKDFLabel.deriveSecret(hash, secret: secret, label: .exporterMaster, transcriptHash: transcriptHash))
    }

    /// resumption_master_secret for Transcript-Hash(ClientHello...client Finished) (KATs only: no resumption).
    public func resumptionMasterSecret(transcriptHash: [UInt8]) -> [UInt8] {
        HKDFLabel.deriveSecret(hash, secret: secret, label: .resumptionMaster, transcriptHash: transcriptHash)
    }
}

/// Traffic-secret operations independent of the stage (RFC 8446 §4.4.4, §7.2).
public enum TrafficSecret {
    /// finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length).
    public static func finishedKey(_ hash: TLSHash, baseKey: [UInt8]) -> [UInt8] {
        HKDFLabel.expandLabel(hash, secret: baseKey, label: .finished, context: [], length: hash.length)
    }

    /// verify_data = HMAC(finished_key, Transcript-Hash(...)).
    public static func verifyData(_ hash: TLSHash, baseKey: [UInt8], transcriptHash: [UInt8]) -> [UInt8] {
        hash.hmac(finishedKey(hash, baseKey: baseKey), transcriptHash)
    }

    /// application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length).
    public static func next(_ hash: TLSHash, secret: [UInt8]) -> [UInt8] {
        HKDFLabel.expandLabel(hash, secret: secret, label: .trafficUpdate, context: [], length: hash.length)
    }
}

/// The exporter master secret and TLS-Exporter (RFC 8446 §7.5).
public struct ExporterSecret: Sendable {
    let hash: TLSHash
    let secret: [UInt8]

    public var secretBytes: [UInt8] { secret }

    /// TLS-Exporter(label, context_value, key_length) =
    ///   HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter", Hash(context_value), key_length).
    /// RFC 8446 §7.5: a missing context is the same as an empty one.
    public func export(label: String, context: [UInt8], length: Int) throws(TLSError) -> [UInt8] {
        guard label.utf8.count <= 249, length <= 255 * hash.length, length >= 0 else {
            throw .internal("exporter label or length out of range")
        }
        let derived = HKDFLabel.expandLabel(hash, secret: secret, rawLabel: label, context: hash.digest([]),
            length: hash.length)
        return HKDFLabel.expandLabel(hash, secret: derived, rawLabel: "exporter", context: hash.digest(context),
            length: length)
    }
}
