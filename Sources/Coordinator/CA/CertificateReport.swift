// SPDX-License-Identifier: Apache-2.0
// Human-readable description of certificates, with Contrast's attestation-claim extensions decoded (spec/upstream.md §5.4, §7.4).

import ContrastASN1
import ContrastCrypto

/// Renders certificates for `contrast cert inspect`.
public enum CertificateReport {
    /// Why the input could not be described.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Describes every certificate in `input` (one or more PEM `CERTIFICATE` blocks, or one DER certificate).
    public static func describe(_ input: [UInt8]) throws(Failure) -> String {
        var ders: [[UInt8]] = []
        let text = String(decoding: input, as: UTF8.self)
        if text.contains("-----BEGIN") {
            do {
                ders = try PEMDocument.parseMultiple(text).filter { $0.type == "CERTIFICATE" }.map(\.derBytes)
            } catch { throw Failure(description: "reading PEM: \(error)") }
            guard !ders.isEmpty else { throw Failure(description: "no CERTIFICATE block in the input") }
        } else {
            ders = [input]
        }
        var out = ""
        for (i, der) in ders.enumerated() {
            let cert: Certificate
            do { cert = try Certificate(derEncoded: der) } catch { throw Failure(description: "certificate \(i): \(error)") }
            if ders.count > 1 { out += "Certificate \(i):\n" }
            out += describe(cert)
        }
        return out
    }

    /// One certificate: names, serial, validity, key, signature algorithm, extensions, attestation claims.
    public static func describe(_ cert: Certificate) -> String {
        var lines: [String] = []
        lines.append("  Subject:             \(cert.subject)")
        lines.append("  Issuer:              \(cert.issuer)")
        lines.append("  Serial:              \(cert.serialNumber)")
        lines.append("  Not before:          \(cert.notValidBefore)")
        lines.append("  Not after:           \(cert.notValidAfter)")
        lines.append("  Public key:          \(cert.publicKeyInfo.publicKey)")
        lines.append("  Signature algorithm: \(cert.signatureAlgorithm)")
        lines.append("  SHA-256 fingerprint: \(SHA256.hash(data: cert.derBytes).hexString)")
        if let sans = try? cert.extensions.subjectAlternativeNames {
            lines.append("  Subject alt names:   \(sans.names.map(\.description).joined(separator: ", "))")
        }
        if let bc = try? cert.extensions.basicConstraints { lines.append("  Basic constraints:   \(bc)") }
        lines.append("  Extensions:")
        for e in cert.extensions {
            lines.append("    \(e.oid)\(e.critical ? " (critical)" : ""): \(e.value.count) bytes")
        }
        if let attestation = try? AttestationExtensions(cert.extensions) {
            if let doc = attestation.snpDocument { lines.append("  SNP attestation document: \(doc.count) bytes") }
            if let doc = attestation.tdxDocument { lines.append("  TDX attestation document: \(doc.count) bytes") }
            if let id = attestation.workloadSecretID { lines.append("  Workload secret ID:  \(id)") }
            if !attestation.claims.isEmpty {
                lines.append("  Attestation claims:")
                for claim in attestation.claims { lines.append("    \(claim)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
