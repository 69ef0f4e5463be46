// SPDX-License-Identifier: Apache-2.0
// `seed-shares.json`: upstream's SeedShareDocument as Go's encoding/json writes it (spec/upstream.md §5.5).

import ContrastCrypto
import FoundationEssentials

/// One owner's share: the seed encrypted to the owner's RSA key.
public struct SeedShare: Sendable, Equatable {
    /// The owner key exactly as written in the manifest's `SeedshareOwnerPubKeys` (hex PKCS#1 DER).
    public var publicKey: String
    /// RSA-OAEP-SHA256 ciphertext of the seed, label `seedshare`.
    public var encryptedSeed: [UInt8]

    public init(publicKey: String, encryptedSeed: [UInt8]) {
        self.publicKey = publicKey
        self.encryptedSeed = encryptedSeed
    }
}

/// Why a seed-share document or share could not be used.
public enum SeedShareError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedDocument(String)
    case invalidOwnerKey(index: Int, reason: String)
    case encryptionFailed
    case noShareForKey
    case decryptionFailed
    case invalidSeed(String)

    public var description: String {
        switch self {
        case .malformedDocument(let why): return "malformed seed-share document: \(why)"
        case .invalidOwnerKey(let i, let why): return "seedshare owner key \(i): \(why)"
        case .encryptionFailed: return "encrypting the seed share failed"
        case .noShareForKey: return "the document has no seed share for this key"
        case .decryptionFailed: return "the seed share could not be decrypted with this key"
        case .invalidSeed(let why): return "invalid seed: \(why)"
        }
    }
}

/// The seed shares and the salt, as returned on the first SetManifest and written to `seed-shares.json`.
///
/// Wire form: Go `json.MarshalIndent(doc, "", "  ")` of the protobuf struct (NOT protojson), so keys are
/// `SeedShares`, `PublicKey`, `EncryptedSeed` and lower-case `salt`; bytes are standard base64 with padding;
/// every field is `omitempty` (protoc-gen-go tags); no trailing newline.
public struct SeedShareDocument: Sendable, Equatable {
    public var seedShares: [SeedShare]
    public var salt: [UInt8]

    public init(seedShares: [SeedShare], salt: [UInt8]) {
        self.seedShares = seedShares
        self.salt = salt
    }

    /// The `seed-shares.json` bytes.
    public var jsonBytes: [UInt8] {
        var top: [(String, JSONValue)] = []
        if !seedShares.isEmpty {
            top.append(("SeedShares", .array(seedShares.map { share in
                var fields: [(String, JSONValue)] = []
                if !share.publicKey.isEmpty { fields.append(("PublicKey", .string(share.publicKey))) }
                if !share.encryptedSeed.isEmpty { fields.append(("EncryptedSeed", .string(Data(share.encryptedSeed).base64EncodedString()))) }
                return .object(JSONObject(pairs: fields))
            })))
        }
        if !salt.isEmpty { top.append(("salt", .string(Data(salt).base64EncodedString()))) }
        return JSONWriter.indented(.object(JSONObject(pairs: top)))
    }

    /// Parses `seed-shares.json` (strict JSON; unknown members rejected; absent members mean empty).
    /// - Throws: `SeedShareError.malformedDocument`.
    public init(json bytes: [UInt8]) throws(SeedShareError) {
        let root: JSONValue
        do { root = try JSONReader.parse(bytes, limits: JSONLimits(maxBytes: 4 << 20, maxDepth: 8)) } catch {
            throw .malformedDocument(error.description)
        }
        guard let top = root.objectValue else { throw .malformedDocument("expected an object") }
        for key in top.keys where key != "SeedShares" && key != "salt" { throw .malformedDocument("unknown field \(key)") }
        var shares: [SeedShare] = []
        if let list = top["SeedShares"], list != .null {
            guard let items = list.arrayValue else { throw .malformedDocument("SeedShares: expected an array") }
            for (i, item) in items.enumerated() {
                guard let o = item.objectValue else { throw .malformedDocument("SeedShares[\(i)]: expected an object") }
                for key in o.keys where key != "PublicKey" && key != "EncryptedSeed" {
                    throw .malformedDocument("SeedShares[\(i)]: unknown field \(key)")
                }
                let pk = o["PublicKey"]
                guard pk == nil || pk == .null || pk?.stringValue != nil else { throw .malformedDocument("SeedShares[\(i)].PublicKey: expected a string") }
                let seed = try SeedShareDocument.base64(o["EncryptedSeed"], "SeedShares[\(i)].EncryptedSeed")
                shares.append(SeedShare(publicKey: pk?.stringValue ?? "", encryptedSeed: seed))
            }
        }
        self.seedShares = shares
        self.salt = try SeedShareDocument.base64(top["salt"], "salt")
    }

    private static func base64(_ v: JSONValue?, _ path: String) throws(SeedShareError) -> [UInt8] {
        guard let v, v != .null else { return [] }
        guard let s = v.stringValue, let d = Data(base64Encoded: s) else { throw .malformedDocument("\(path): expected base64") }
        return Array(d)
    }

    /// The share for an owner key given as hex PKCS#1 DER (compared case-insensitively, as the hex decodes
    /// to the same key).
    public func share(forPublicKeyHex hex: String) -> SeedShare? {
        let wanted = hex.lowercased()
        return seedShares.first { $0.publicKey.lowercased() == wanted }
    }
}
