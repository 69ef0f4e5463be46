// SPDX-License-Identifier: Apache-2.0
// `contrast cert inspect` output: attestation claims and the workload secret ID are decoded.

import ContrastCoordinator
import TestSupport
import Testing

@Suite("Certificate report")
struct CertificateReportTests {
    // Interop: enabled only when `openssl` is on PATH (it makes a certificate carrying Contrast's extensions).
    @Test("claims (1.3.9901.2.1.N) and the workload secret ID (1.3.9901.3.1) are decoded", .enabled(if: Subprocess.which("openssl") != nil, "openssl not on PATH"))
    func claims() throws {
        let openssl = try #require(Subprocess.which("openssl"))
        let dir = temporaryDirectory("certreport")
        defer { removeTree(dir) }
        let r = try Subprocess.run(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", dir + "/k.pem",
            "-out", dir + "/c.pem", "-subj", "/CN=web", "-days", "1",
            "-addext", "1.3.9901.2.1.7=DER:0101ff", "-addext", "1.3.9901.3.1=DER:0403776562", "-addext", "1.3.9901.2.1.2=DER:020105",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try CertificateReport.describe(try VectorLocator.read(dir + "/c.pem"))
        #expect(text.contains("Workload secret ID:  web"))
        #expect(text.contains("SNP policy.smt = true"))
        #expect(text.contains("SNP guest_svn = 5"))
        #expect(text.contains("Subject:             CN = web"))
    }

    @Test("garbage is an error, not a trap")
    func garbage() {
        #expect(throws: CertificateReport.Failure.self) { try CertificateReport.describe([0x30, 0x03, 0x02, 0x01]) }
        #expect(throws: CertificateReport.Failure.self) { try CertificateReport.describe(Array("-----BEGIN FOO-----\nAA==\n-----END FOO-----\n".utf8)) }
    }
}
