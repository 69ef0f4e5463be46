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

    /// Lines `openssl x509 -text` and `contrast cert inspect` both print, trimmed, for one certificate.
    static func fields(_ text: String) -> [String] {
        let keys = ["Version:", "Serial Number:", "Signature Algorithm:", "Issuer:", "Not Before:", "Not After :", "Subject:"]
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
        // Both print the signature algorithm twice; keep the first (TBS) one.
        return out
    }

    static let files = [
        "x509/cryptography-vectors/cryptography.io.pem", "x509/cryptography-vectors/ecdsa_root.pem",
        "x509/cryptography-vectors/letsencryptx3.pem", "x509/cryptography-vectors/custom/rsa_pss_cert.pem",
        "x509/cryptography-vectors/custom/san_email_dns_ip_dirname_uri.pem", "snp/amd-roots/milan_ark.pem",
        "snp/amd-roots/genoa_ask.pem", "snp/reports/oak_turin/vcek.der", "snp/reports/go-sev-guest_milan/vcek.der",
        "tdx/intel-roots/Intel_SGX_Root_CA.pem",
    ]

    // Interop: runs only when `openssl` is installed (Subprocess.which("openssl") != nil).
    @Test("inspect agrees with openssl x509 -text on version, serial, algorithm, names and validity",
          .enabled(if: VectorLocator.isAvailable && Subprocess.which("openssl") != nil, "needs vectors and openssl"))
    func agreesWithOpenSSL() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        var tally = VectorTally(file: "cert inspect vs openssl")
        for f in Self.files {
            let path = try VectorLocator.sharedPath(f)
            let ours = try contrast(["cert", "inspect", path])
            let theirs = try Subprocess.run(openssl, ["x509", "-noout", "-text", "-in", path] + (f.hasSuffix(".der") ? ["-inform", "DER"] : []))
            tally.check(ours.status == 0, f, ours.stderr)
            let a = Self.fields(ours.stdout)
            let b = Self.fields(theirs.stdout)
            tally.check(a == b, f, "\n ours:   \(a)\n openssl: \(b)")
        }
        tally.expectCount(2 * Self.files.count)
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
