// SPDX-License-Identifier: Apache-2.0
// SEV-SNP report signatures on every real sample with its VCEK/VLEK, tampering detection, and the deterministic
// ID block key (upstream.md §8.1, §8.4).

import ContrastASN1
import ContrastCoordinator
import ContrastCrypto
import Testing
import TestSupport

func signerKey(_ relative: String) throws -> P384.Signing.PublicKey {
    let cert = try #require(try Certificate.parseAll(AttestationSamples.readSNP(relative)).first)
    guard case .ec(_, let point) = cert.publicKeyInfo.publicKey else { throw AttestationError(.malformed, "not EC") }
    return try P384.Signing.PublicKey(x963Representation: point)
}

@Suite("SEV-SNP report signatures")
struct SNPSignatureTests {
    @Test("every real report's signature verifies with its VCEK or VLEK", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realSignatures() throws {
        let samples = try AttestationSamples.snp()
        #expect(samples.count == AttestationSamples.snpReportCount)
        for s in samples {
            let bytes = try AttestationSamples.readSNP(s.report)
            let key = try signerKey(s.signerCert)
            #expect(SNPReportSignature.isValid(report: bytes, key: key) == (s.expected["report_signature_valid"] == true), "\(s.label)")
        }
    }

    @Test("flipping any sampled byte of the signed area or the signature fails", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func tampering() throws {
        for s in try AttestationSamples.snp().prefix(3) {
            let bytes = try AttestationSamples.readSNP(s.report)
            let key = try signerKey(s.signerCert)
            let signedArea: [Int] = Array(stride(from: s.report.count % 5, to: 0x2A0, by: 9))
            let rBytes: [Int] = Array(0x2A0..<0x2D0).filter { $0 % 4 == 0 }
            let sBytes: [Int] = Array(0x2E8..<0x318).filter { $0 % 4 == 1 }
            let edges: [Int] = [0x2A0 + 50, 0x2E8 + 71]
            for i in signedArea + rBytes + sBytes + edges {
                var m = bytes
                m[i] ^= 0x10
                #expect(!SNPReportSignature.isValid(report: m, key: key), "\(s.label): byte 0x\(String(i, radix: 16))")
            }
        }
    }

    @Test("swapped VCEKs do not verify each other's reports", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func swapped() throws {
        let samples = try AttestationSamples.snp()
        for (a, b) in zip(samples, samples.dropFirst()) where a.signerCert != b.signerCert {
            #expect(!SNPReportSignature.isValid(report: try AttestationSamples.readSNP(a.report), key: try signerKey(b.signerCert)), "\(a.label) with \(b.signerCert)")
        }
    }

    @Test("the ID key is recovered deterministically and verifies the fixed ID block signature")
    func idBlock() throws {
        let ld = [UInt8](repeating: 0xAB, count: 48)
        let policy = SNPReport.GuestPolicy(abiMajor: 1, abiMinor: 55, smt: true)
        let block = SNPIDBlock.idBlock(launchDigest: ld, policy: policy)
        #expect(block.count == 0x60)
        #expect(Array(block[48..<50]) == [1, 0])
        #expect(Array(block[64..<66]) == [2, 0])
        #expect(Array(block[80..<88]) == [1, 0, 0, 0, 2, 0, 0, 0])
        let key = try #require(SNPIDBlock.idKey(launchDigest: ld, policy: policy))
        let sig = try P384.Signing.ECDSASignature(rawRepresentation: [UInt8](repeating: 0, count: 47) + [2] + [UInt8](repeating: 0, count: 47) + [1])
        #expect(key.isValidSignature(sig, for: block))
        let structure = SNPIDBlock.idKeyStructure(key)
        #expect(structure.count == 0x404)
        #expect(Array(structure[0..<4]) == [2, 0, 0, 0])
        let digest = try #require(SNPIDBlock.idKeyDigest(launchDigest: ld, policy: policy))
        #expect(digest == SHA384.hash(data: structure).bytes)
        #expect(SNPIDBlock.idKeyDigest(launchDigest: ld, policy: policy) == digest)
        var other = ld
        other[0] ^= 1
        #expect(SNPIDBlock.idKeyDigest(launchDigest: other, policy: policy) != digest)
        #expect(SNPIDBlock.idKeyDigest(launchDigest: ld, policy: .init(abiMajor: 1, abiMinor: 55)) != digest)
        let auth = try #require(SNPIDBlock.idAuthenticationBlock(launchDigest: ld, policy: policy))
        #expect(auth.count == 0x1000)
        #expect(Array(auth[0x240..<0x644]) == structure)
    }
}
