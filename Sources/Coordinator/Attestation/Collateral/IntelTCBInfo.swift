// SPDX-License-Identifier: Apache-2.0
// Intel TDX TCB Info, version 3 (Intel PCS API v4 `GET /tdx/certification/v4/tcb`): the TCB levels of one FMSPC,
// signed by the Intel SGX TCB Signing key over the exact bytes of the `tcbInfo` value (upstream.md §8.5).

import ContrastASN1

/// A parsed TCB Info response. `signedBytes` and `signature` are what the TCB Signing key signed.
public struct IntelTCBInfo: Hashable, Sendable {
    /// One TDX module identity (`tdxModule`, or an entry of `tdxModuleIdentities`).
    public struct ModuleIdentity: Hashable, Sendable {
        /// `TDX_01`, `TDX_03`, … (empty for the base `tdxModule`).
        public var id: String
        public var mrSigner: [UInt8]
        public var attributes: [UInt8]
        public var attributesMask: [UInt8]
        public var tcbLevels: [TDXISVTCBLevel]
    }

    /// One platform TCB level: 16 SGX components + PCE SVN (from the PCK certificate), 16 TDX components
    /// (from the quote's TEE_TCB_SVN).
    public struct Level: Hashable, Sendable {
        public var sgxComponents: [UInt8]
        public var pceSVN: Int
        public var tdxComponents: [UInt8]
        public var tcbDate: String
        public var status: TDXTCBStatus
        public var advisoryIDs: [String]
    }

    public var id: String
    public var version: Int
    public var issueDate: ASN1Time
    public var nextUpdate: ASN1Time
    public var fmspc: [UInt8]
    public var pceID: [UInt8]
    public var tcbType: Int
    public var tcbEvaluationDataNumber: Int
    public var tdxModule: ModuleIdentity
    public var tdxModuleIdentities: [ModuleIdentity]
    /// Newest first, as Intel publishes them.
    public var tcbLevels: [Level]
    /// The `tcbInfo` value exactly as received.
    public var signedBytes: [UInt8]
    /// ECDSA P-256 signature r ‖ s over `signedBytes`.
    public var signature: [UInt8]

    /// Parses a TCB Info response (`{"tcbInfo":{…},"signature":"…"}`).
    /// - Throws: `AttestationError` naming the JSON path for malformed or unsupported responses (only TDX v3).
    public init(json document: [UInt8]) throws(AttestationError) {
        let (t, raw, sig) = try CollateralJSON.signedBody(document, key: "tcbInfo")
        typealias J = CollateralJSON
        id = try J.string(t["id"], "tcbInfo.id")
        version = try J.int(t["version"], "tcbInfo.version")
        guard id == "TDX", version == 3 else {
            throw AttestationError(.unsupportedVersion, "TCB Info \(id) version \(version) is not TDX TCB Info version 3")
        }
        issueDate = try J.time(t["issueDate"], "tcbInfo.issueDate")
        nextUpdate = try J.time(t["nextUpdate"], "tcbInfo.nextUpdate")
        fmspc = try J.hex(t["fmspc"], "tcbInfo.fmspc", count: 6)
        pceID = try J.hex(t["pceId"], "tcbInfo.pceId", count: 2)
        tcbType = try J.int(t["tcbType"], "tcbInfo.tcbType")
        tcbEvaluationDataNumber = try J.int(t["tcbEvaluationDataNumber"], "tcbInfo.tcbEvaluationDataNumber")
        tdxModule = try IntelTCBInfo.module(try J.object(t["tdxModule"], "tcbInfo.tdxModule"), "tcbInfo.tdxModule", withLevels: false)
        var identities: [ModuleIdentity] = []
        for (i, m) in (t["tdxModuleIdentities"]?.arrayValue ?? []).enumerated() {
            identities.append(try IntelTCBInfo.module(m, "tcbInfo.tdxModuleIdentities[\(i)]", withLevels: true))
        }
        tdxModuleIdentities = identities
        var levels: [Level] = []
        for (i, l) in try J.array(t["tcbLevels"], "tcbInfo.tcbLevels").enumerated() {
            let p = "tcbInfo.tcbLevels[\(i)]"
            let tcb = try J.object(l["tcb"], "\(p).tcb")
            levels.append(
                Level(
                    sgxComponents: try IntelTCBInfo.components(tcb["sgxtcbcomponents"], "\(p).tcb.sgxtcbcomponents"),
                    pceSVN: try J.int(tcb["pcesvn"], "\(p).tcb.pcesvn"),
                    tdxComponents: try IntelTCBInfo.components(tcb["tdxtcbcomponents"], "\(p).tcb.tdxtcbcomponents"),
                    tcbDate: try J.string(l["tcbDate"], "\(p).tcbDate"), status: try J.status(l["tcbStatus"], "\(p).tcbStatus"),
                    advisoryIDs: (l["advisoryIDs"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }
        guard !levels.isEmpty else { throw AttestationError(.malformed, "tcbInfo.tcbLevels is empty") }
        tcbLevels = levels
        signedBytes = raw
        signature = sig
    }

    private static func components(_ v: JSONValue?, _ path: String) throws(AttestationError) -> [UInt8] {
        let list = try CollateralJSON.array(v, path)
        guard list.count == 16 else { throw AttestationError(.malformed, "\(path) must have 16 entries, has \(list.count)") }
        var out: [UInt8] = []
        for (i, c) in list.enumerated() {
            let n = try CollateralJSON.int(c["svn"], "\(path)[\(i)].svn")
            guard n <= 255 else { throw AttestationError(.malformed, "\(path)[\(i)].svn exceeds 255") }
            out.append(UInt8(n))
        }
        return out
    }

    private static func module(_ m: JSONValue, _ path: String, withLevels: Bool) throws(AttestationError) -> ModuleIdentity {
        typealias J = CollateralJSON
        return ModuleIdentity(
            id: withLevels ? try J.string(m["id"], "\(path).id") : "",
            mrSigner: try J.hex(m["mrsigner"], "\(path).mrsigner", count: 48),
            attributes: try J.hex(m["attributes"], "\(path).attributes", count: 8),
            attributesMask: try J.hex(m["attributesMask"], "\(path).attributesMask", count: 8),
            tcbLevels: withLevels ? try J.isvLevels(m["tcbLevels"], "\(path).tcbLevels") : [])
    }

    /// Whether `signature` over `signedBytes` verifies with the ECDSA P-256 key of `certificate` (the Intel SGX TCB
    /// Signing certificate). VARTIME: public inputs only.
    public func isSigned(by certificate: Certificate) -> Bool {
        TDXCollateralVerifier.isSignedP256(signedBytes, signature: signature, by: certificate)
    }
}
