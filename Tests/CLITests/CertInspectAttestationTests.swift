// SPDX-License-Identifier: Apache-2.0
// `contrast cert inspect` on a workload certificate issued by the Coordinator CA: the attestation-claim
// extensions (spec/upstream.md §7.4) and the workload secret ID are shown decoded, in text and JSON.

#if canImport(Glibc)
import Glibc
#endif
import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import TestSupport
import Testing

@Suite("contrast cert inspect: attestation claims")
struct CertInspectAttestationTests {
    @Test("claims of a mesh certificate are printed by name with decoded values")
    func claimsDecoded() throws {
        let bin = try #require(Subprocess.builtProduct("contrast"), "the contrast binary is built next to the tests")
        let engine = try SeedEngine(seed: [UInt8](repeating: 1, count: 64), salt: [UInt8](repeating: 2, count: 32))
        var rng = DeterministicRandom(seed: 5)
        let ca = try CoordinatorCA(rootKey: try engine.rootCAKey(), clock: FixedWallClock(secondsSinceEpoch: 1_796_018_400), random: &rng)
        let workload = try P256.Signing.PrivateKey(using: &rng)
        let claims = [
            AttestationClaim(platform: .snp, number: 2, value: .integer(ASN1Integer(7))),  // guest_svn
            AttestationClaim(platform: .snp, number: 5, value: .boolean(true)),  // policy.debug
            AttestationClaim(platform: .snp, number: 22, value: .bytes([0xAB, 0xCD, 0xEF])),  // measurement
            AttestationClaim(platform: .tdx, number: 14, value: .bytes([0x01, 0x02])),  // mr_td
        ]
        let leaf = try ca.issueMeshCertificate(
            publicKeyInfo: workload.publicKeyInfo, sans: ["web"], claims: claims, workloadSecretID: "web-secret", random: &rng)

        let path = "/tmp/contrast-cli-attest-\(getpid()).pem"
        guard let f = fopen(path, "wb") else { throw VectorError.missing(path) }
        let pem = Array(leaf.pemEncoded.utf8)
        _ = pem.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        defer { unlink(path) }

        let text = try Subprocess.run(bin, ["cert", "inspect", path])
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["Contrast SNP guest_svn", "Contrast SNP policy.debug", "Contrast SNP measurement", "abcdef",
                         "Contrast TDX mr_td", "Contrast workload secret ID", "web-secret"] {
            #expect(text.stdout.contains(expected), "missing \(expected) in:\n\(text.stdout)")
        }
        #expect(!text.stdout.contains("<malformed>"))

        let json = try Subprocess.run(bin, ["cert", "inspect", "--json", path])
        #expect(json.status == 0, "\(json.stderr)")
        let att = try JSONValue.parse(Array(json.stdout.utf8)).array?.first?["attestation"]
        #expect(att?["workloadSecretID"]?.string == "web-secret")
        #expect(att?["claims"]?["SNP.guest_svn"]?.string == "7")
        #expect(att?["claims"]?["SNP.policy.debug"]?.string == "true")
        #expect(att?["claims"]?["SNP.measurement"]?.string == "abcdef")
        #expect(att?["claims"]?["TDX.mr_td"]?.string == "0102")
    }
}
