// SPDX-License-Identifier: Apache-2.0
// Intel TDX quote versions 4 and 5 with ECDSA-P256 signature data, certification data type 6 (QE report)
// wrapping type 5 (PEM PCK chain) (Intel DCAP Quote Library API, A.3/A.4; upstream.md §8.5).

/// A parsed TDX quote. Lengths come from the length fields, never from the buffer size; bytes after the quote
/// are kept as `extraBytes` (fixed-size buffers pad quotes with zeros).
public struct TDXQuote: Hashable, Sendable {
    public var header = Header()
    /// Version 5 only: body type (2 = TDX 1.0 body, 3 = TDX 1.5 body). Nil for version 4.
    public var bodyType: UInt16?
    public var body = Body()
    /// ECDSA P-256 signature r ‖ s (big-endian, 32 bytes each) over the signed region by the attestation key.
    public var signature = [UInt8](repeating: 0, count: 64)
    /// The attestation public key x ‖ y (64 bytes, big-endian).
    public var attestationKey = [UInt8](repeating: 0, count: 64)
    /// Certification data (type 6): QE report, its signature, QE authentication data and the PCK certification data.
    public var qeReport = EnclaveReport()
    /// ECDSA P-256 signature r ‖ s over the QE report by the PCK key.
    public var qeReportSignature = [UInt8](repeating: 0, count: 64)
    /// QE authentication data (hashed into the QE report data together with the attestation key).
    public var qeAuthData: [UInt8] = []
    /// Type of the inner certification data (5 = PEM PCK leaf ‖ intermediate ‖ root).
    public var pckCertificationDataType: UInt16 = 5
    /// The inner certification data (for type 5: PEM text).
    public var pckCertificationData: [UInt8] = []
    /// Bytes after the end of the quote.
    public var extraBytes: [UInt8] = []

    /// Outer certification data type: 6, "QE report certification data".
    public static let qeReportCertificationDataType: UInt16 = 6
    /// Inner certification data type 5: the PCK certificate chain in PEM.
    public static let pckCertChainType: UInt16 = 5

    public init() {}

    /// Parses a quote.
    /// - Throws: `AttestationError` for truncation, unsupported versions/types and inconsistent lengths.
    public init(bytes: [UInt8]) throws(AttestationError) {
        var c = AttestationByteCursor(bytes)
        header = try Header(&c)
        var tdx15 = false
        if header.version == 5 {
            let type = try c.readUInt16("body type")
            let size = try c.readUInt32("body size")
            switch type {
            case 2: tdx15 = false
            case 3: tdx15 = true
            default:
                throw AttestationError(.invalidField, "TDX v5 body type \(type) is not a TD report (2 = TDX 1.0, 3 = TDX 1.5)")
            }
            let expected = tdx15 ? Body.size15 : Body.size10
            guard size == expected else {
                throw AttestationError(.invalidLength, "TDX v5 body type \(type) must be \(expected) bytes, size field says \(size)")
            }
            bodyType = type
        }
        body = try Body(&c, tdx15: tdx15)
        let signedDataSize = Int(try c.readUInt32("signed data size"))
        guard signedDataSize <= c.remaining else { throw .truncated("signed data", need: signedDataSize, have: c.remaining) }
        var s = AttestationByteCursor(bytes, offset: c.offset, end: c.offset + signedDataSize)
        signature = try s.read(64, "quote signature")
        attestationKey = try s.read(64, "attestation key")
        let certType = try s.readUInt16("certification data type")
        guard certType == TDXQuote.qeReportCertificationDataType else {
            throw AttestationError(.invalidField, "certification data type \(certType) is not supported (6 = QE report certification data)")
        }
        let certSize = Int(try s.readUInt32("certification data size"))
        guard certSize == s.remaining else {
            throw AttestationError(.invalidLength, "certification data size \(certSize) does not match the \(s.remaining) bytes left in the signed data")
        }
        qeReport = try EnclaveReport(&s)
        qeReportSignature = try s.read(64, "QE report signature")
        let authSize = Int(try s.readUInt16("QE auth data size"))
        qeAuthData = try s.read(authSize, "QE auth data")
        pckCertificationDataType = try s.readUInt16("PCK certification data type")
        let pckSize = Int(try s.readUInt32("PCK certification data size"))
        guard pckSize == s.remaining else {
            throw AttestationError(.invalidLength, "PCK certification data size \(pckSize) does not match the \(s.remaining) bytes left")
        }
        pckCertificationData = try s.read(pckSize, "PCK certification data")
        _ = try c.readSlice(signedDataSize, "signed data")
        extraBytes = Array(bytes[c.offset...])
    }

    /// The bytes the quote signature covers: header, [v5 body type and size,] body.
    public func signedRegion() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(Header.size + 6 + Body.size15)
        header.serialize(into: &out)
        if let bodyType {
            AttestationBytes.appendLittleEndian(UInt64(bodyType), byteCount: 2, to: &out)
            AttestationBytes.appendLittleEndian(UInt64(body.size), byteCount: 4, to: &out)
        }
        body.serialize(into: &out)
        return out
    }

    /// The QE report certification data (type 6 payload).
    func certificationData() -> [UInt8] {
        var out = qeReport.serialized()
        out.append(contentsOf: qeReportSignature)
        AttestationBytes.appendLittleEndian(UInt64(qeAuthData.count), byteCount: 2, to: &out)
        out.append(contentsOf: qeAuthData)
        AttestationBytes.appendLittleEndian(UInt64(pckCertificationDataType), byteCount: 2, to: &out)
        AttestationBytes.appendLittleEndian(UInt64(pckCertificationData.count), byteCount: 4, to: &out)
        out.append(contentsOf: pckCertificationData)
        return out
    }

    /// The signed-data section without its length prefix.
    func signedData() -> [UInt8] {
        var out = signature
        out.append(contentsOf: attestationKey)
        let cert = certificationData()
        AttestationBytes.appendLittleEndian(UInt64(TDXQuote.qeReportCertificationDataType), byteCount: 2, to: &out)
        AttestationBytes.appendLittleEndian(UInt64(cert.count), byteCount: 4, to: &out)
        out.append(contentsOf: cert)
        return out
    }

    /// The quote bytes (without `extraBytes`).
    public func serialized() -> [UInt8] {
        var out = signedRegion()
        let signed = signedData()
        AttestationBytes.appendLittleEndian(UInt64(signed.count), byteCount: 4, to: &out)
        out.append(contentsOf: signed)
        return out
    }
}
