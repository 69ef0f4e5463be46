// SPDX-License-Identifier: Apache-2.0
// Simulated SEV-SNP issuer → document → verifier → validator round trip, report-data binding, explicit trust only,
// and persistence (DESIGN.md §5).

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Needs `openssl` for the RSA test keys (enabled only when it is installed).
@Suite("Simulated SEV-SNP issuer", .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed"))
struct SimulatedIssuerTests {
    static let now = ASN1Time(year: 2026, month: 11, day: 29)
    static let tcb = SNPTCBVersion.Components(bootloader: 4, tee: 0, snp: 22, microcode: 213)

    /// RSA-2048 keys from `openssl genpkey` (the project's own key generation is far too slow in debug builds on a
    /// loaded machine; `SimulatedSNPPlatform.create(keySize:)` is the production path). Same format as 4096-bit keys.
    static func opensslRSAKey() -> RSA.Signing.PrivateKey? {
        guard let openssl = Subprocess.which("openssl"),
            let pem = try? Subprocess.run(openssl, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
            pem.status == 0,
            let text = try? Subprocess.run(openssl, ["pkey", "-text", "-noout"], stdin: Array(pem.stdout.utf8)), text.status == 0
        else { return nil }
        // `openssl pkey -text`: sections "modulus:", "privateExponent:", "prime1:", "prime2:" of colon-separated hex.
        var sections: [String: String] = [:]
        var current: String?
        for line in text.stdout.split(separator: "\n") {
            if !line.hasPrefix(" ") {
                current = line.split(separator: ":").first.map(String.init)
                continue
            }
            if let c = current { sections[c, default: ""] += line.filter { $0.isHexDigit } }
        }
        func bytes(_ k: String) -> [UInt8]? {
            guard let h = sections[k], let b = try? Hex.decode(h) else { return nil }
            return Array(b.drop { $0 == 0 })
        }
        guard let n = bytes("modulus"), let d = bytes("privateExponent"), let p = bytes("prime1"), let q = bytes("prime2") else { return nil }
        return try? RSA.Signing.PrivateKey(n: n, e: [1, 0, 1], d: d, p: p, q: q)
    }

    static let platform: SimulatedSNPPlatform? = {
        var rng = DeterministicRandom(seed: 2026)
        guard let ark = opensslRSAKey(), let ask = opensslRSAKey(), let vcek = try? P384.Signing.PrivateKey(using: &rng) else { return nil }
        return try? SimulatedSNPPlatform.create(
            product: .milan, tcb: tcb, chipID: rng.bytes(64), arkKey: ark, askKey: ask, vcekKey: vcek, now: now, random: &rng)
    }()

    @Test("issuer → sevsnp.Attestation → verifier (explicitly trusting the simulated ARK) → validator")
    func roundTrip() throws {
        let platform = try #require(Self.platform)
        let measurement = [UInt8](repeating: 0x5A, count: 48)
        let policy = SNPReport.GuestPolicy(abiMajor: 1, abiMinor: 55, smt: true)
        let issuer = SimulatedSNPIssuer(platform: platform, measurement: measurement, hostData: [UInt8](repeating: 7, count: 32), policy: policy)
        // aTLS binding: REPORT_DATA = SHA-512(SPKI ‖ nonce).
        let reportData = SHA512.hash(data: Array("spki".utf8) + [UInt8](repeating: 1, count: 32)).bytes
        let bytes = try issuer.issue(reportData: reportData)
        let doc = try SNPAttestationDocument(protobuf: bytes)

        // The default verifier trusts AMD only: the simulated chain is rejected.
        guard case .failed(let reasons) = SNPVerifier().verify(doc, at: Self.now) else {
            Issue.record("simulated evidence accepted without explicit trust")
            return
        }
        #expect(reasons.contains { $0.contains("not a trusted AMD root key") })

        var roots = AMDRootPins.amd
        platform.trust(in: &roots)
        guard case .verified(let report, let signer) = SNPVerifier(roots: roots).verify(doc, at: Self.now) else {
            Issue.record("simulated evidence rejected")
            return
        }
        #expect(signer.tcb == Self.tcb)
        #expect(signer.hardwareID == platform.chipID)

        // Reference values as the manifest states them, mapped with Contrast's options (ID block included).
        var rv = SNPReferenceValues()
        rv.productName = "Milan"
        rv.trustedMeasurement = measurement.hexString
        rv.hasMinimumTCB = true
        rv.minimumTCB = SNPTCB(bootloaderVersion: 4, teeVersion: 0, snpVersion: 22, microcodeVersion: 213)
        rv.guestPolicy.abiMajor = 1
        rv.guestPolicy.abiMinor = 55
        rv.guestPolicy.smt = true
        rv.allowedChipIDs = [platform.chipID.hexString]
        let policy0 = try rv.validationPolicy(name: "ReferenceValues.snp[0]", reportData: reportData, hostData: [UInt8](repeating: 7, count: 32))
        #expect(SNPValidator.validate(report, signer: signer, against: [policy0]) == .accepted(entry: 0))

        // Report data from another connection: rejected with the binding rule.
        var other = policy0
        other.reportData = [UInt8](repeating: 0, count: 64)
        #expect(SNPValidator.check(report, signer: signer, policy: other).map(\.rule) == ["report-data"])

        // A stricter MinimumTCB: rejected in words.
        rv.minimumTCB.snpVersion = 23
        let strict = try rv.validationPolicy(name: "ReferenceValues.snp[1]", reportData: reportData)
        let f = SNPValidator.check(report, signer: signer, policy: strict)
        #expect(f.map(\.message).contains("reported TCB SNP=22 is below the minimum SNP=23 in ReferenceValues.snp[1].MinimumTCB; update the host firmware or lower MinimumTCB"))
    }

    @Test("a report without the ID block fails the ID-key rule")
    func noIDBlock() throws {
        let platform = try #require(Self.platform)
        let measurement = [UInt8](repeating: 1, count: 48)
        var issuer = SimulatedSNPIssuer(platform: platform, measurement: measurement)
        issuer.withIDBlock = false
        var roots = AMDRootPins.amd
        platform.trust(in: &roots)
        let doc = try SNPAttestationDocument(protobuf: try issuer.issue(reportData: [UInt8](repeating: 3, count: 64)))
        guard case .verified(let report, let signer) = SNPVerifier(roots: roots).verify(doc, at: Self.now) else {
            Issue.record("rejected")
            return
        }
        var rv = SNPReferenceValues()
        rv.trustedMeasurement = measurement.hexString
        rv.guestPolicy.abiMajor = 1
        rv.guestPolicy.abiMinor = 55
        rv.guestPolicy.smt = true
        let p = try rv.validationPolicy(name: "ReferenceValues.snp[0]")
        #expect(SNPValidator.check(report, signer: signer, policy: p).map(\.rule) == ["id-key-digest"])
    }

    @Test("the platform persists and reloads with the same chain and keys")
    func persistence() throws {
        let platform = try #require(Self.platform)
        var template = Array("/tmp/contrast-attest-XXXXXX".utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress, let p = mkdtemp(base) else { return nil }
            return String(cString: p)
        }
        let dir = try #require(made)
        defer {
            unlink(dir + "/" + SimulatedSNPPlatform.fileName)
            rmdir(dir)
        }
        try platform.save(to: dir)
        let loaded = try SimulatedSNPPlatform.load(from: dir)
        #expect(loaded.ark == platform.ark && loaded.ask == platform.ask && loaded.vcek == platform.vcek)
        #expect(loaded.arkPin == platform.arkPin)
        var roots = AMDRootPins.amd
        platform.trust(in: &roots)
        let doc = loaded.document(for: loaded.report(reportData: [UInt8](repeating: 9, count: 64), measurement: [UInt8](repeating: 2, count: 48)))
        #expect(SNPVerifier(roots: roots).verify(doc, at: Self.now).isVerified)
        #expect(throws: IssuerError.self) { try SimulatedSNPPlatform.load(from: dir + "/missing") }
    }
}
