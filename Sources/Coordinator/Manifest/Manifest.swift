// SPDX-License-Identifier: Apache-2.0
// The Coordinator manifest: upstream's JSON schema, parsed strictly, with the raw bytes kept (spec/upstream.md §3).

import ContrastCrypto

/// A policy entry, `Policies["<hash>"]` (upstream `PolicyEntry`).
public struct PolicyEntry: Sendable, Equatable {
    /// The map key: hex SHA-256 of the policy (initdata) document, as written.
    public var policyHash: String
    /// `SANs`: DNS names, IPs or URIs for the workload's mesh certificate.
    public var sans: [String]
    /// `WorkloadSecretID` (empty when absent).
    public var workloadSecretID: String
    /// `Role`: `""` or `coordinator`.
    public var role: String

    public init(policyHash: String, sans: [String] = [], workloadSecretID: String = "", role: String = "") {
        self.policyHash = policyHash
        self.sans = sans
        self.workloadSecretID = workloadSecretID
        self.role = role
    }
}

/// A parsed manifest. `rawBytes` are the document exactly as received: hashing, storing and comparing always
/// use them, never a re-serialisation (DESIGN.md §4). The parsed fields are a read-only view.
///
/// Unknown members are REJECTED (`ManifestIssue.Kind.unknownField`) at every level. The manifest is security
/// policy: a reference-value constraint that this implementation does not understand would otherwise be
/// silently dropped and workloads the author meant to exclude would be admitted (fail open). Go's tolerant
/// decoding is exactly how upstream's misspelt `Rtrms` went unnoticed. Every field of both upstream schema
/// generations is known here, so real manifests parse; a future upstream field needs a conscious addition.
public struct Manifest: Sendable, Equatable {
    /// The document as received.
    public let rawBytes: [UInt8]
    /// `Policies`, in document order.
    public var policies: [PolicyEntry]
    /// `ReferenceValues`.
    public var referenceValues: ReferenceValues
    /// `WorkloadOwnerKeyDigests`: hex SHA-256 of PKIX DER owner keys (baseline).
    public var workloadOwnerKeyDigests: [String]
    /// `WorkloadOwnerPubKeys` (NEW 2026): hex PKIX DER owner public keys.
    public var workloadOwnerPubKeys: [String]
    /// `SeedshareOwnerPubKeys`: hex PKCS#1 DER RSA public keys.
    public var seedshareOwnerPubKeys: [String]

    /// Limits for manifest documents: 16 MiB, nesting 32 (the schema needs 5).
    public static let limits = JSONLimits(maxBytes: 16 << 20, maxDepth: 32)

    /// Parses a manifest strictly: RFC 8259 JSON, known members only, correct JSON types. Semantic rules
    /// (lengths, roles, required reference values) are `validate()`'s job, as upstream separates them.
    /// - Throws: `ManifestError` listing every structural problem with its JSON path.
    public init(parsing bytes: [UInt8]) throws(ManifestError) {
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes, limits: Manifest.limits)
        } catch {
            throw ManifestError([ManifestIssue(path: "", message: error.description, kind: .syntax)])
        }
        var issues: [ManifestIssue] = []
        guard var top = ObjectDecoder.open(root, path: "", issues: &issues) else { throw ManifestError(issues) }

        var policies: [PolicyEntry] = []
        if let p = top.raw("Policies") {
            if case .object(let map) = p {
                for m in map.members {
                    let path = JSONPath.mapKey("Policies", m.key)
                    guard var entry = ObjectDecoder.open(m.value, path: path, issues: &issues) else { continue }
                    let sans = entry.strings("SANs", &issues) ?? []
                    let id = entry.string("WorkloadSecretID", &issues) ?? ""
                    let role = entry.string("Role", &issues) ?? ""
                    entry.reportUnknown(&issues)
                    policies.append(PolicyEntry(policyHash: m.key, sans: sans, workloadSecretID: id, role: role))
                }
            } else {
                issues.append(ManifestIssue(path: "Policies", message: "expected object, got \(p.typeName)", kind: .type))
            }
        }

        var reference = ReferenceValues()
        if let rv = top.raw("ReferenceValues"), var r = ObjectDecoder.open(rv, path: "ReferenceValues", issues: &issues) {
            reference.snp = Manifest.decodeList(&r, "snp", &issues) { v, path, issues in
                SNPDecoding.decode(v, path: path, issues: &issues)
            }
            reference.tdx = Manifest.decodeList(&r, "tdx", &issues) { v, path, issues in
                TDXDecoding.decode(v, path: path, issues: &issues)
            }
            r.reportUnknown(&issues)
        }

        self.rawBytes = bytes
        self.policies = policies
        self.referenceValues = reference
        self.workloadOwnerKeyDigests = top.strings("WorkloadOwnerKeyDigests", &issues) ?? []
        self.workloadOwnerPubKeys = top.strings("WorkloadOwnerPubKeys", &issues) ?? []
        self.seedshareOwnerPubKeys = top.strings("SeedshareOwnerPubKeys", &issues) ?? []
        top.reportUnknown(&issues)
        guard issues.isEmpty else { throw ManifestError(issues) }
    }

    static func decodeList<T>(
        _ r: inout ObjectDecoder, _ key: String, _ issues: inout [ManifestIssue],
        _ element: (JSONValue, String, inout [ManifestIssue]) -> T?
    ) -> [T] {
        guard let v = r.raw(key) else { return [] }
        let path = r.memberPath(key)
        guard case .array(let items) = v else {
            issues.append(ManifestIssue(path: path, message: "expected array, got \(v.typeName)", kind: .type))
            return []
        }
        var out: [T] = []
        for (i, item) in items.enumerated() {
            if let t = element(item, JSONPath.index(path, i), &issues) { out.append(t) }
        }
        return out
    }

    /// The policy entries whose `Role` is `coordinator`.
    public var coordinatorPolicies: [PolicyEntry] { policies.filter { $0.role == PolicyEntry.roleCoordinator } }

    /// The entry for a policy hash given as bytes (compared case-insensitively as hex, like upstream's lookup
    /// of `hex(HOST_DATA)`).
    public func policy(forHash hash: [UInt8]) -> PolicyEntry? {
        let wanted = hash.hexString
        return policies.first { $0.policyHash.lowercased() == wanted }
    }
}

extension PolicyEntry {
    /// The only non-empty role upstream's `Validate` accepts.
    public static let roleCoordinator = "coordinator"
}
