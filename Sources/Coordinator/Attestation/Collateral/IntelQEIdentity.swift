// SPDX-License-Identifier: Apache-2.0
// Intel QE Identity, version 2, for the TD Quoting Enclave (Intel PCS API v4 `GET /tdx/certification/v4/qe/identity`):
// what a genuine TD_QE report looks like, signed by the Intel SGX TCB Signing key over the exact `enclaveIdentity`
// bytes (upstream.md §8.5).

import ContrastASN1

/// A parsed QE Identity response.
public struct IntelQEIdentity: Hashable, Sendable {
    public var id: String
    public var version: Int
    public var issueDate: ASN1Time
    public var nextUpdate: ASN1Time
    public var tcbEvaluationDataNumber: Int
    /// MISCSELECT and its mask, as the little-endian 32-bit values the QE report carries.
    public var miscSelect: UInt32
    public var miscSelectMask: UInt32
    /// ATTRIBUTES and mask, 16 bytes each.
    public var attributes: [UInt8]
    public var attributesMask: [UInt8]
    /// MRSIGNER, 32 bytes.
    public var mrSigner: [UInt8]
    public var isvProdID: Int
    /// Newest first.
    public var tcbLevels: [TDXISVTCBLevel]
    /// The `enclaveIdentity` value exactly as received.
    public var signedBytes: [UInt8]
    /// ECDSA P-256 signature r ‖ s over `signedBytes`.
    public var signature: [UInt8]

    /// Parses a QE Identity response (`{"enclaveIdentity":{…},"signature":"…"}`); only TD_QE version 2.
    public init(json document: [UInt8]) throws(AttestationError) {
        let (e, raw, sig) = try CollateralJSON.signedBody(document, key: "enclaveIdentity")
        typealias J = CollateralJSON
        id = try J.string(e["id"], "enclaveIdentity.id")
        version = try J.int(e["version"], "enclaveIdentity.version")
        guard id == "TD_QE", version == 2 else {
            throw AttestationError(.unsupportedVersion, "enclave identity \(id) version \(version) is not the TD_QE identity version 2")
        }
        issueDate = try J.time(e["issueDate"], "enclaveIdentity.issueDate")
        nextUpdate = try J.time(e["nextUpdate"], "enclaveIdentity.nextUpdate")
        tcbEvaluationDataNumber = try J.int(e["tcbEvaluationDataNumber"], "enclaveIdentity.tcbEvaluationDataNumber")
        // Intel writes MISCSELECT as the 4 bytes of the report field (little-endian).
        miscSelect = IntelQEIdentity.le32(try J.hex(e["miscselect"], "enclaveIdentity.miscselect", count: 4))
        miscSelectMask = IntelQEIdentity.le32(try J.hex(e["miscselectMask"], "enclaveIdentity.miscselectMask", count: 4))
        attributes = try J.hex(e["attributes"], "enclaveIdentity.attributes", count: 16)
        attributesMask = try J.hex(e["attributesMask"], "enclaveIdentity.attributesMask", count: 16)
        mrSigner = try J.hex(e["mrsigner"], "enclaveIdentity.mrsigner", count: 32)
        isvProdID = try J.int(e["isvprodid"], "enclaveIdentity.isvprodid")
        tcbLevels = try J.isvLevels(e["tcbLevels"], "enclaveIdentity.tcbLevels")
        guard !tcbLevels.isEmpty else { throw AttestationError(.malformed, "enclaveIdentity.tcbLevels is empty") }
        signedBytes = raw
        signature = sig
    }

    private static func le32(_ b: [UInt8]) -> UInt32 {
        b.reversed().reduce(0) { ($0 << 8) | UInt32($1) }
    }

    /// Whether `signature` over `signedBytes` verifies with the ECDSA P-256 key of `certificate` (the Intel SGX TCB
    /// Signing certificate). VARTIME: public inputs only.
    public func isSigned(by certificate: Certificate) -> Bool {
        TDXCollateralVerifier.isSignedP256(signedBytes, signature: signature, by: certificate)
    }
}
