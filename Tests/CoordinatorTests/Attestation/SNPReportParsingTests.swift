// SPDX-License-Identifier: Apache-2.0
// SEV-SNP report parsing and serialisation on every real sample, plus the rejection rules (upstream.md §8.1).

import ContrastCoordinator
import Testing
import TestSupport

@Suite("SEV-SNP report parsing")
struct SNPReportParsingTests {
    @Test("every real report parses with the fields manifest.json states and serialises to the same bytes",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func realReportsParse() throws {
        let samples = try AttestationSamples.snp()
        #expect(samples.count == AttestationSamples.snpReportCount)
        for s in samples {
            let bytes = try AttestationSamples.readSNP(s.report)
            let r = try SNPReport(bytes: bytes)
            #expect(r.serialized() == bytes, "\(s.label): round trip")
            #expect(r.version == s.version, "\(s.label)")
            #expect(r.vmpl == s.vmpl, "\(s.label)")
            #expect(r.policy.rawValue == s.policy, "\(s.label)")
            #expect(hex(r.chipID) == s.chipID, "\(s.label)")
            #expect(hex(r.reportData) == s.reportData, "\(s.label)")
            #expect(hex(r.measurement) == s.measurement, "\(s.label)")
            #expect(r.signerInfo.signingKey == (s.signerKind == "VLEK" ? .vlek : .vcek), "\(s.label)")
            let product = try #require(SNPProduct(name: s.product), "\(s.label)")
            let tcb = r.reportedTCB.components(product.tcbLayout)
            #expect(Int(tcb.bootloader) == s.reportedTCB["blSPL"], "\(s.label)")
            #expect(Int(tcb.tee) == s.reportedTCB["teeSPL"], "\(s.label)")
            #expect(Int(tcb.snp) == s.reportedTCB["snpSPL"], "\(s.label)")
            #expect(Int(tcb.microcode) == s.reportedTCB["ucodeSPL"], "\(s.label)")
            if r.version >= 3 {
                #expect(r.productFromCPUID == product, "\(s.label): product from CPUID")
            } else {
                #expect(r.productFromCPUID == nil, "\(s.label)")
            }
        }
    }

    private func sample() throws -> [UInt8] {
        try AttestationSamples.readSNP("reports/oak_genoa/report.bin")
    }

    private func expectRejected(_ bytes: [UInt8], _ code: AttestationError.Code, _ comment: Comment) {
        #expect(throws: AttestationError(code, ""), comment) { try SNPReport(bytes: bytes) }
    }

    @Test("wrong sizes are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wrongSize() throws {
        let b = try sample()
        for n in [0, 1, 0x2A0, 0x49F] { expectRejected(Array(b.prefix(n)), .invalidLength, "size \(n)") }
        expectRejected(b + [0], .invalidLength, "size 0x4A1")
    }

    @Test("versions outside 2...5 are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func versions() throws {
        var b = try sample()
        for v: UInt8 in [0, 1, 6, 0xFF] {
            b[0] = v
            expectRejected(b, .unsupportedVersion, "version \(v)")
        }
    }

    @Test("signature algorithms other than 1 are rejected", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func algorithms() throws {
        var b = try sample()
        for a: UInt8 in [0, 2, 0xFF] {
            b[0x34] = a
            expectRejected(b, .unknownAlgorithm, "algorithm \(a)")
        }
    }

    @Test("reserved policy, signer-info and zero areas are enforced", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func reserved() throws {
        let b = try sample()
        var m = b
        m[0x0A] &= ~0x02  // policy bit 17 cleared
        expectRejected(m, .reservedValue, "policy bit 17")
        m = b
        m[0x0B] |= 0x04  // policy bit 26
        expectRejected(m, .reservedValue, "policy bit 26")
        m = b
        m[0x0F] |= 0x80  // policy bit 63
        expectRejected(m, .reservedValue, "policy bit 63")
        m = b
        m[0x48] |= 0x20  // signer info bit 5
        expectRejected(m, .reservedValue, "signer info bit 5")
        m = b
        m[0x48] = 2 << 2  // signing key 2 is reserved
        expectRejected(m, .invalidField, "signing key 2")
        for offset in [0x4C, 0x18B, 0x19F, 0x1EB, 0x1EF, 0x208, 0x29F, 0x330, 0x49F] {
            m = b
            m[offset] = 1
            expectRejected(m, .reservedValue, "reserved byte 0x\(String(offset, radix: 16))")
        }
    }

    @Test("version 2 reserves the CPUID bytes and version < 5 the mitigation vectors",
          .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func versionDependentReserved() throws {
        var v2 = try AttestationSamples.readSNP("reports/go-sev-guest_milan/attestation.bin")
        v2[0x188] = 0x19
        expectRejected(v2, .reservedValue, "CPUID family in v2")
        var v3 = try AttestationSamples.readSNP("reports/oak_milan/report.bin")
        v3[0x1F8] = 1
        expectRejected(v3, .reservedValue, "launch mitigation vector in v3")
    }

    @Test("a built report serialises and parses back to the same value")
    func buildRoundTrip() throws {
        var r = SNPReport()
        r.version = 5
        r.policy = .init(abiMajor: 1, abiMinor: 55, smt: true)
        r.cpuidFamily = 0x1A
        r.cpuidModel = 0x02
        r.cpuidStepping = 1
        r.currentTCB = SNPTCBVersion(.init(fmc: 1, bootloader: 2, tee: 3, snp: 4, microcode: 5), layout: .turin)
        r.launchMitigationVector = 7
        r.signerInfo = .init(authorKeyEnabled: true, maskChipKey: true, signingKey: .vlek)
        r.measurement = Array(repeating: 0xAB, count: 48)
        let bytes = r.serialized()
        #expect(bytes.count == 0x4A0)
        #expect(try SNPReport(bytes: bytes) == r)
        #expect(r.productFromCPUID == .turin)
        #expect(r.currentTCB.components(.turin) == .init(fmc: 1, bootloader: 2, tee: 3, snp: 4, microcode: 5))
    }

    @Test("CPUID(1).EAX conversion matches family/model/stepping")
    func cpuidEAX() {
        var r = SNPReport()
        r.version = 3
        for (f, m, s) in [(UInt8(0x19), UInt8(0x01), UInt8(1)), (0x19, 0x11, 1), (0x1A, 0x02, 1), (0x19, 0xA0, 2)] {
            r.cpuidFamily = f
            r.cpuidModel = m
            r.cpuidStepping = s
            var back = r
            back.setCPUID1EAX(r.cpuid1EAX)
            #expect(back == r)
        }
        r.cpuidFamily = 0x19
        r.cpuidModel = 0x01
        r.cpuidStepping = 1
        #expect(r.cpuid1EAX == 0x00A0_0F11)
    }
}
