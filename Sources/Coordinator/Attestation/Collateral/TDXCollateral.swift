// SPDX-License-Identifier: Apache-2.0
// The Intel collateral a TDX quote is judged with (upstream.md §8.5: Contrast sets GetCollateral and
// CheckRevocations): TCB Info, QE Identity, their issuer chain, the PCK CRL and the root CA CRL.

import ContrastASN1

/// Collateral gathered from Intel PCS or a local cache. Every part is optional so that a caller can say which one
/// is missing; `TDXQuoteVerifier` reports each absent part as a failure when collateral is checked.
public struct TDXCollateral: Sendable {
    public var tcbInfo: IntelTCBInfo?
    public var qeIdentity: IntelQEIdentity?
    /// `Tcb-Info-Issuer-Chain` / `Sgx-Enclave-Identity-Issuer-Chain`: Intel SGX TCB Signing ← Intel SGX Root CA.
    public var issuerChain: [Certificate]
    /// CRL of the PCK certificate's issuer (Intel SGX PCK Platform or Processor CA).
    public var pckCRL: CertificateRevocationList?
    /// CRL of the Intel SGX Root CA (covers the PCK CA and the TCB Signing certificate).
    public var rootCRL: CertificateRevocationList?

    public init(
        tcbInfo: IntelTCBInfo? = nil, qeIdentity: IntelQEIdentity? = nil, issuerChain: [Certificate] = [],
        pckCRL: CertificateRevocationList? = nil, rootCRL: CertificateRevocationList? = nil
    ) {
        self.tcbInfo = tcbInfo
        self.qeIdentity = qeIdentity
        self.issuerChain = issuerChain
        self.pckCRL = pckCRL
        self.rootCRL = rootCRL
    }

    /// Adds one file of collateral, recognised by content: TCB Info JSON, QE Identity JSON, PEM certificates
    /// (the issuer chain), or a CRL in DER or PEM (placed as root or PCK CRL by its issuer's common name).
    /// Returns a short name of what was recognised.
    /// - Throws: `AttestationError` when the bytes are none of these or do not parse.
    @discardableResult
    public mutating func add(_ bytes: [UInt8]) throws(AttestationError) -> String {
        let text = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if text.first == UInt8(ascii: "{") {
            if JSONRawMember.value(of: "tcbInfo", in: bytes) != nil {
                tcbInfo = try IntelTCBInfo(json: bytes)
                return "TCB Info"
            }
            qeIdentity = try IntelQEIdentity(json: bytes)
            return "QE Identity"
        }
        let crl: CertificateRevocationList
        if String(decoding: bytes.prefix(64), as: UTF8.self).contains("BEGIN CERTIFICATE") {
            do { issuerChain += try Certificate.parseAll(bytes) } catch {
                throw AttestationError(.malformed, "issuer chain: \(error)")
            }
            return "issuer chain"
        }
        do { crl = try CertificateRevocationList.parse(bytes) } catch {
            throw AttestationError(.malformed, "not TCB Info, QE Identity, a PEM certificate chain or a CRL: \(error)")
        }
        if crl.issuer.commonName == "Intel SGX Root CA" {
            rootCRL = crl
            return "root CA CRL"
        }
        pckCRL = crl
        return "PCK CRL"
    }
}
