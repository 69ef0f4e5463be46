// SPDX-License-Identifier: Apache-2.0
// `contrast cert inspect` against `openssl x509 -text` field by field, and `cert verify` exit codes.

import Testing
import TestSupport

@Suite("contrast cert")
struct CertCommandTests {
    func contrast(_ args: [String]) throws -> ProcessResult {
        let bin = try #require(Subprocess.builtProduct("contrast"), "the contrast binary is built next to the tests")
        return try Subprocess.run(bin, args)
    }

    /// Lines `openssl x509 -text` / `openssl crl -text` and `contrast cert inspect` both print, trimmed.
    static func fields(_ text: String) -> [String] {
        let keys = [
            "Version", "Serial Number:", "Signature Algorithm:", "Issuer:", "Not Before:", "Not After :", "Subject:",
            "Public Key Algorithm:", "Public-Key:", "Exponent:", "ASN1 OID:", "NIST CURVE:", "X509v3 ", "CA:", "DNS:",
            "Last Update:", "Next Update:", "CRL extensions:", "No Revoked", "Revoked Certificates:",
        ]
        var out: [String] = []
        let lines = text.split(separator: "\n").map { line in
            var t = Substring(line.drop(while: { $0 == " " }))
            while t.last == " " { t = t.dropLast() }
            return String(t)
        }
        for (i, l) in lines.enumerated() where keys.contains(where: { l.hasPrefix($0) }) {
            // OpenSSL prints long serials on the next line.
            if l == "Serial Number:", i + 1 < lines.count { out.append(l + " " + lines[i + 1]) } else { out.append(l) }
        }
        return out
    }

    /// Every .pem/.der file below `relative` (recursively), relative to the vectors folder.
    static func files(under relative: String) throws -> [String] {
        let root = try VectorLocator.sharedPath(relative)
        var out: [String] = []
        for name in VectorLocator.list(root) {
            if name.hasSuffix(".pem") || name.hasSuffix(".der") {
                out.append(relative + "/" + name)
            } else if !name.contains(".") {
                out += try files(under: relative + "/" + name)
            }
        }
        return out
    }

    /// Files `contrast cert inspect` rejects on purpose (strict DER / RFC 5280), with the code it reports.
    static let rejected: [String: String] = [
        "x509/cryptography-vectors/badasn1time.pem": "invalidTime",
        "x509/cryptography-vectors/v1_cert.pem": "invalidValue",
        "x509/cryptography-vectors/custom/invalid_version.pem": "invalidValue",
        "x509/cryptography-vectors/custom/mismatch_inner_outer_sig_algorithm.der": "invalidValue",
        "x509/cryptography-vectors/custom/negative_serial.pem": "invalidValue",
        "x509/cryptography-vectors/custom/two_basic_constraints.pem": "duplicateExtension",
    ]

    /// Files whose compared fields differ from OpenSSL's, and why (each is checked to still differ).
    static let knownDifferences: [String: String] = [
        "x509/cryptography-vectors/custom/ec_no_named_curve.pem": "explicit curve parameters: no key size is printed",
        "x509/cryptography-vectors/custom/rsa_pss_cert.pem": "id-RSASSA-PSS subject keys are shown raw, not as modulus/exponent",
        "x509/cryptography-vectors/utf8-dnsname.pem": "UTF-8 in an IA5String dNSName is rejected (shown as malformed)",
    ]

    // Interop: runs only when `openssl` is installed (Subprocess.which("openssl") != nil).
    @Test("inspect agrees with openssl x509/crl -text field by field on every certificate and CRL in x509/ and snp/",
          .enabled(if: VectorLocator.isAvailable && Subprocess.which("openssl") != nil, "needs vectors and openssl"))
    func agreesWithOpenSSL() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        let all = try Self.files(under: "x509/cryptography-vectors") + Self.files(under: "snp")
        #expect(all.count == 61)
        var tally = VectorTally(file: "cert inspect vs openssl")
        for f in all {
            let path = try VectorLocator.sharedPath(f)
            let ours = try contrast(["cert", "inspect", path])
            if let code = Self.rejected[f] {
                tally.check(ours.status != 0 && ours.stderr.contains(code), f, "expected rejection with \(code): \(ours.stderr)")
                continue
            }
            let isCRL = f.hasSuffix("_crl.pem")
            let theirs = try Subprocess.run(
                openssl, [isCRL ? "crl" : "x509", "-noout", "-text", "-in", path] + (f.hasSuffix(".der") ? ["-inform", "DER"] : []))
            tally.check(ours.status == 0 && theirs.status == 0, f, ours.stderr + theirs.stderr)
            // `openssl x509` prints only the first certificate of a PEM file.
            let b = Self.fields(theirs.stdout)
            let a = Array(Self.fields(ours.stdout).prefix(b.count))
            if Self.knownDifferences[f] != nil {
                tally.check(a != b, f, "now agrees with openssl; remove it from knownDifferences")
            } else {
                tally.check(a == b && !b.isEmpty, f, "\n ours:   \(a)\n openssl: \(b)")
            }
        }
        tally.expectCount(all.count + (all.count - Self.rejected.count))
    }

    @Test("inspect --json decodes the VCEK extensions", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func inspectJSON() throws {
        let r = try contrast(["cert", "inspect", "--json", try VectorLocator.sharedPath("snp/reports/oak_turin/vcek.der")])
        #expect(r.status == 0)
        let json = try JSONValue.parse(Array(r.stdout.utf8))
        let amd = json.array?.first?["amd"]
        #expect(amd?["productName"]?.string == "Turin")
        #expect(amd?["ucodeSPL"]?.int == 71)
        #expect(amd?["hwID"]?.string == "3b42092f69c656d3")
    }

    @Test("verify without a path to a root exits 1 and names the failed check",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func verifyFails() throws {
        let r = try contrast([
            "cert", "verify", "--roots", try VectorLocator.sharedPath("tdx/intel-roots/Intel_SGX_Root_CA.pem"),
            "--at", "2026-01-01T00:00:00Z", try VectorLocator.sharedPath("snp/reports/oak_turin/vcek.der"),
        ])
        #expect(r.status == 1)
        #expect(r.stdout.contains("PathBuilding"))
        let usage = try contrast(["cert", "verify", "x"])
        #expect(usage.status == 2)
    }
}
