// SPDX-License-Identifier: Apache-2.0
// Every certificate in ../shared/vectors/{x509,snp,tdx} parses (or fails with the expected code), re-serialises
// byte-identically, and its extensions decode.

import ContrastASN1
import TestSupport
import Testing

/// Reads every certificate of a file (PEM with one or more blocks, or DER).
func loadCertificates(_ relative: String) throws -> [Certificate] {
    try Certificate.parseAll(try VectorLocator.readShared(relative))
}

/// Decodes every typed extension a certificate has; throws the first decoding error.
func decodeAllExtensions(_ c: Certificate) throws(ASN1Error) { try decodeAllExtensions(c.extensions) }

/// Decodes every typed extension view of `e`; throws the first decoding error.
func decodeAllExtensions(_ e: Extensions) throws(ASN1Error) {
    _ = try e.basicConstraints
    _ = try e.keyUsage
    _ = try e.extendedKeyUsage
    _ = try e.subjectAlternativeNames
    _ = try e.subjectKeyIdentifier
    _ = try e.authorityKeyIdentifier
    _ = try e.nameConstraints
    _ = try e.crlDistributionPoints
    _ = try e.certificatePolicies
    _ = try e.decode(AuthorityInformationAccess.self)
    _ = try AMDVCEKExtensions(e)
    _ = try AttestationExtensions(e)
}

@Suite("X.509 vectors")
struct X509VectorTests {
    /// Expected outcome per file under x509/cryptography-vectors: nil = parses and all extensions decode;
    /// `parse:` = certificate parsing fails with the code; `ext:` = parsing succeeds, extension decoding fails.
    static let expectations: [(String, String?)] = [
        ("cryptography.io.pem", nil),
        ("ecdsa_root.pem", nil),
        ("rapidssl_sha256_ca_g3.pem", nil),
        ("utf8-dnsname.pem", "ext:invalidString"),  // UTF-8 bytes in an IA5String dNSName
        ("cryptography.io.chain.pem", nil),
        ("badasn1time.pem", "parse:invalidTime"),
        ("accvraiz1.pem", nil),
        ("v1_cert.pem", "parse:invalidValue"),  // outer algorithm md5 differs from inner md5WithRSA
        ("letsencryptx3.pem", nil),
        ("bigoid.pem", nil),
        ("tls-feature-ocsp-staple.pem", nil),
        ("wildcard_san.pem", nil),
        ("custom/nc_excluded.pem", nil),
        ("custom/malformed-san.pem", "ext:unexpectedTag"),  // otherName value lacks [0] EXPLICIT
        ("custom/post2000utctime.pem", nil),
        ("custom/ec_no_named_curve.pem", nil),
        ("custom/ca/ca.pem", nil),
        ("custom/ca/rsae_ca.pem", nil),
        ("custom/ca/rsa_ca.pem", nil),
        ("custom/invalid_version.pem", "parse:invalidValue"),
        ("custom/mismatch_inner_outer_sig_algorithm.der", "parse:invalidValue"),
        ("custom/nc_permitted_excluded.pem", nil),
        ("custom/nc_invalid_ip_netmask.pem", "ext:invalidValue"),
        ("custom/two_basic_constraints.pem", "parse:duplicateExtension"),
        ("custom/unsupported_extension_critical.pem", nil),
        ("custom/nc_permitted.pem", nil),
        ("custom/valid_signature_cert.pem", nil),
        ("custom/san_email_dns_ip_dirname_uri.pem", nil),
        ("custom/bc_path_length_zero.pem", nil),
        ("custom/rsa_pss_cert.pem", nil),
        ("custom/negative_serial.pem", "parse:invalidValue"),
        ("custom/ecdsa_null_alg.pem", nil),
        ("custom/all_supported_names.pem", nil),
    ]

    /// Certificates in the files above that parse (each is also checked for a byte-identical re-encoding).
    static let certificateCount = 28

    @Test("cryptography-vectors certificates", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func cryptographyVectors() throws {
        var tally = VectorTally(file: "x509/cryptography-vectors")
        for (name, expected) in Self.expectations {
            let path = "x509/cryptography-vectors/" + name
            var outcome: String? = nil
            var certs: [Certificate] = []
            do {
                certs = try loadCertificates(path)
                for c in certs {
                    do { try decodeAllExtensions(c) } catch {
                        outcome = "ext:\(error.code)"
                        if expected == nil { Issue.record("\(name): \(error)") }
                    }
                }
            } catch let e as ASN1Error {
                outcome = "parse:\(e.code)"
                if expected == nil { Issue.record("\(name): \(e)") }
            }
            tally.check(outcome == expected, name, "expected \(expected ?? "ok"), got \(outcome ?? "ok")")
            for c in certs {
                tally.check(c.reencoded() == c.derBytes, name, "re-encoding differs")
            }
        }
        tally.expectCount(Self.expectations.count + Self.certificateCount)
    }

    @Test("SHA-1 certificates parse and re-encode but never verify; a SHA-256 RSA certificate does",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha1Certificates() throws {
        let sv = StandardSignatureVerifier()
        // ACCVRAIZ1: a real self-signed RSA-4096 root signed with sha1WithRSAEncryption (its signature is valid).
        let accv = try loadCertificates("x509/cryptography-vectors/accvraiz1.pem")[0]
        #expect(accv.signatureAlgorithm == .rsaPKCS1(.sha1))
        #expect(accv.reencoded() == accv.derBytes)
        #expect(!accv.isSigned(by: accv, using: sv))
        let f = SignaturePolicy(verifier: sv).check(chain: [accv, accv], at: testNow)
        #expect(f.count == 1 && f[0].reason.contains("SHA-1"))
        // The same key type and padding with SHA-256 verifies: the refusal is about SHA-1 alone.
        let rsa = try loadCertificates("x509/cryptography-vectors/custom/ca/rsa_ca.pem")[0]
        #expect(rsa.signatureAlgorithm == .rsaPKCS1(.sha256))
        #expect(rsa.isSigned(by: rsa, using: sv))
        #expect(SignaturePolicy(verifier: sv).check(chain: [rsa, rsa], at: testNow).isEmpty)
    }

    @Test("every strict prefix and any extension of a real certificate and CRL is rejected",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func prefixesRejected() throws {
        let cert = try loadCertificates("snp/reports/oak_turin/vcek.der")[0].derBytes
        let crl = try CertificateRevocationList.parse(try VectorLocator.readShared("x509/cryptography-vectors/custom/valid_signature_crl.pem")).derBytes
        for n in 0..<cert.count { #expect((try? Certificate(derEncoded: Array(cert[0..<n]))) == nil, "certificate prefix \(n)") }
        for n in 0..<crl.count { #expect((try? CertificateRevocationList(derEncoded: Array(crl[0..<n]))) == nil, "CRL prefix \(n)") }
        #expect(throws: ASN1Error(.trailingBytes, "")) { try Certificate(derEncoded: cert + [0]) }
        #expect(throws: ASN1Error(.trailingBytes, "")) { try CertificateRevocationList(derEncoded: crl + [0]) }
    }
}
