// SPDX-License-Identifier: Apache-2.0
// Fuzz-style robustness: random and mutated inputs to every attestation parser throw typed errors, never trap
// (DESIGN.md §8 "parsers never trap").

import ContrastCoordinator
import Testing
import TestSupport

@Suite("Attestation parser robustness")
struct AttestationFuzzTests {
    /// Runs every parser on `bytes`; only typed errors or success are acceptable.
    private func feed(_ bytes: [UInt8]) {
        _ = try? SNPReport(bytes: bytes)
        _ = try? TDXQuote(bytes: bytes)
        _ = try? SNPAttestationDocument(protobuf: bytes)
        _ = try? TDXQuoteDocument.quote(protobuf: bytes)
    }

    /// The collateral parsers and the evidence detector (which also reads aTLS certificates).
    private func feedCollateral(_ bytes: [UInt8]) {
        _ = try? Evidence.detect(bytes)
        _ = try? IntelTCBInfo(json: bytes)
        _ = try? IntelQEIdentity(json: bytes)
        var collateral = TDXCollateral()
        _ = try? collateral.add(bytes)
    }

    @Test("random inputs of many sizes")
    func random() {
        var rng = DeterministicRandom(seed: 0xA77E57)
        for i in 0..<3000 {
            let n = i < 1500 ? Int(rng.next() % 64) : Int(rng.next() % 6000)
            let b = rng.bytes(n)
            feed(b)
            if i % 20 == 0 { feedCollateral(b) }
        }
        feed([UInt8](repeating: 0, count: 0x4A0))
        feed([UInt8](repeating: 0xFF, count: 0x4A0))
    }

    @Test("mutations of real reports, quotes, documents, TDX collateral (TCB Info, QE Identity, CRLs)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func mutations() throws {
        var seeds: [[UInt8]] = []
        for s in try AttestationSamples.snp() {
            let b = try AttestationSamples.readSNP(s.report)
            seeds.append(b)
            seeds.append(SNPAttestationDocument(report: try SNPReport(bytes: b)).protobuf())
        }
        for s in try AttestationSamples.tdx() {
            let b = try AttestationSamples.readTDX(s.quote)
            seeds.append(b)
            let q = try TDXQuote(bytes: b)
            if q.header.version == 4 { seeds.append(try TDXQuoteDocument.protobuf(q)) }
        }
        var collateralSeeds: [[UInt8]] = []
        for name in ["sample_tcbInfo_response", "sample_tcbinfo_response_v5", "sample_qeIdentity_response", "pckcrl", "rootcrl.der"] {
            collateralSeeds.append(try AttestationSamples.readTDX("go-tdx-guest/" + name))
        }
        collateralSeeds.append(try AttestationSamples.readSNP("reports/oak_turin/vcek.der"))
        var rng = DeterministicRandom(seed: 42)
        for seed in seeds + collateralSeeds {
            let isCollateral = collateralSeeds.contains(seed)
            for _ in 0..<150 {
                var m = seed
                let edits = 1 + Int(rng.next() % 4)
                for _ in 0..<edits {
                    guard !m.isEmpty else { break }
                    let at = Int(rng.next() % UInt64(m.count))
                    switch rng.next() % 5 {
                    case 0: m[at] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
                    case 1: m[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 2: m.removeSubrange(at..<Swift.min(m.count, at + Int(rng.next() % 16)))
                    case 3: m.insert(contentsOf: rng.bytes(Int(rng.next() % 8)), at: at)
                    default: m[at] = [0x00, 0x7F, 0x80, 0xFF][Int(rng.next() % 4)]
                    }
                }
                if isCollateral { feedCollateral(m) } else { feed(m) }
            }
        }
    }
}
