// SPDX-License-Identifier: Apache-2.0
// Upstream Contrast attestation extensions (upstream.md §5.4, §7.2, §7.4): raw documents and per-claim sub-OIDs.

/// One attestation claim carried as `1.3.9901.2.1.N` (SNP) or `1.3.9901.2.2.N` (TDX).
public struct AttestationClaim: Hashable, Sendable, CustomStringConvertible {
    /// Which platform the claim belongs to.
    public enum Platform: String, Sendable {
        case snp = "SNP"
        case tdx = "TDX"
    }

    /// A DER-decoded claim value.
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case integer(ASN1Integer)
        case bytes([UInt8])
        case boolean(Bool)
        case raw([UInt8])

        public var description: String {
            switch self {
            case .integer(let i): return i.description
            case .bytes(let b): return b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            case .boolean(let b): return b ? "true" : "false"
            case .raw(let b): return "raw " + b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            }
        }
    }

    public let platform: Platform
    /// The sub-OID arc N.
    public let number: UInt64
    public let value: Value

    /// The claim name from upstream's extension tables.
    public var name: String {
        let table = platform == .snp ? AttestationClaim.snpNames : AttestationClaim.tdxNames
        return number >= 1 && number <= UInt64(table.count) && !table[Int(number) - 1].isEmpty
            ? table[Int(number) - 1] : "claim \(number)"
    }

    public var description: String { "\(platform.rawValue) \(name) = \(value)" }

    /// SNP `1.3.9901.2.1.N`, N = 1…46.
    static let snpNames = [
        "version", "guest_svn", "policy.abi_major", "policy.abi_minor", "policy.debug", "policy.migrate_ma",
        "policy.smt", "policy.single_socket", "family_id", "image_id", "vmpl", "current_tcb.bl", "current_tcb.snp",
        "current_tcb.tee", "current_tcb.ucode", "platform_info.smt_enabled", "platform_info.tsme_enabled",
        "author_key_en", "mask_chip_key", "signing_key", "report_data", "measurement", "host_data", "id_key_digest",
        "author_key_digest", "report_id", "report_id_ma", "reported_tcb.bl", "reported_tcb.snp", "reported_tcb.tee",
        "reported_tcb.ucode", "chip_id", "committed_tcb.bl", "committed_tcb.snp", "committed_tcb.tee",
        "committed_tcb.ucode", "current_build", "current_minor", "current_major", "committed_build",
        "committed_minor", "committed_major", "launch_tcb.bl", "launch_tcb.snp", "launch_tcb.tee", "launch_tcb.ucode",
    ]

    /// TDX `1.3.9901.2.2.N`, N = 1…47 (28 unused).
    static let tdxNames = [
        "version", "attestation_key_type", "tee_type", "qe_svn", "pce_svn", "qe_vendor_id", "user_data",
        "tee_tcb_svn", "mr_seam", "mr_signer_seam", "seam_attributes", "td_attributes", "xfam", "mr_td",
        "mr_config_id", "mr_owner", "mr_owner_config", "rtmr0", "rtmr1", "rtmr2", "rtmr3", "report_data",
        "signed_data_size", "signature", "attestation_key", "certification_data_type", "size", "",
        "qe_report.cpu_svn", "qe_report.misc_select", "qe_report.reserved1", "qe_report.attributes",
        "qe_report.mr_enclave", "qe_report.reserved2", "qe_report.mr_signer", "qe_report.reserved3",
        "qe_report.isv_prod_id", "qe_report.isv_svn", "qe_report.reserved4", "qe_report.report_data",
        "qe_report_signature", "qe_auth_data.parsed_data_size", "qe_auth_data.data", "pck_chain.type",
        "pck_chain.size", "pck_chain.data", "extra_bytes",
    ]
}

/// Everything attestation-related a certificate carries.
public struct AttestationExtensions: Hashable, Sendable {
    /// The raw SNP attestation document (`1.3.9901.2.1`): a protobuf `sevsnp.Attestation`.
    public var snpDocument: [UInt8]?
    /// The raw TDX attestation document (`1.3.9901.2.2`): a protobuf `tdx.QuoteV4`.
    public var tdxDocument: [UInt8]?
    /// Claims under the two platform arcs, in certificate order.
    public var claims: [AttestationClaim] = []
    /// The workload secret ID (`1.3.9901.3.1`, OCTET STRING of UTF-8).
    public var workloadSecretID: String?

    /// Collects the attestation extensions; nil when there are none.
    /// - Throws: `ASN1Error` when a claim or the workload secret ID is not valid DER.
    public init?(_ extensions: Extensions) throws(ASN1Error) {
        var any = false
        for e in extensions {
            switch e.oid {
            case .Contrast.snpAttestation: snpDocument = e.value
            case .Contrast.tdxAttestation: tdxDocument = e.value
            case .Contrast.workloadSecretID:
                let bytes = try ASN1OctetString(derEncoded: try e.valueNode()).bytes
                guard let s = String(validating: bytes, as: UTF8.self) else {
                    throw ASN1Error(.invalidString, "workload secret ID is not UTF-8")
                }
                workloadSecretID = s
            default:
                let platform: AttestationClaim.Platform
                if e.oid.isDescendant(of: .Contrast.snpAttestation) {
                    platform = .snp
                } else if e.oid.isDescendant(of: .Contrast.tdxAttestation) {
                    platform = .tdx
                } else {
                    continue
                }
                guard let n = e.oid.lastArc, e.oid.components?.count == 6 else { continue }
                claims.append(AttestationClaim(platform: platform, number: n, value: try Self.claimValue(e.value)))
            }
            any = true
        }
        guard any else { return nil }
    }

    /// Claim values are DER INTEGER, OCTET STRING or BOOLEAN (upstream `extensions.go`).
    static func claimValue(_ bytes: [UInt8]) throws(ASN1Error) -> AttestationClaim.Value {
        let node = try DER.parse(bytes)
        switch node.identifier {
        case .integer: return .integer(try ASN1Integer(derEncoded: node))
        case .octetString: return .bytes(try ASN1OctetString(derEncoded: node).bytes)
        case .boolean: return .boolean(try Bool(derEncoded: node))
        default: return .raw(bytes)
        }
    }

    /// Builds the extensions for a mesh certificate: one per claim, plus the workload secret ID.
    public static func makeExtensions(claims: [AttestationClaim], workloadSecretID: String?) -> [Extension] {
        var out: [Extension] = []
        for c in claims {
            let base: ASN1ObjectIdentifier = c.platform == .snp ? .Contrast.snpAttestation : .Contrast.tdxAttestation
            guard let oid = try? ASN1ObjectIdentifier(dotted: "\(base).\(c.number)") else { continue }
            let value: [UInt8]
            switch c.value {
            case .integer(let i): value = i.derEncoded
            case .bytes(let b): value = ASN1OctetString(b).derEncoded
            case .boolean(let b): value = b.derEncoded
            case .raw(let b): value = b
            }
            out.append(Extension(oid: oid, critical: false, value: value))
        }
        if let id = workloadSecretID {
            out.append(Extension(oid: .Contrast.workloadSecretID, critical: false, encoding: ASN1OctetString(Array(id.utf8))))
        }
        return out
    }
}
