// SPDX-License-Identifier: Apache-2.0
// Seeded random mutations of a valid manifest: the JSON reader and manifest parser/validator never trap.

import ContrastCoordinator
import TestSupport
import Testing

@Suite("Parser fuzz smoke")
struct ParserFuzzSmokeTests {
    @Test("5000 mutated manifests parse or fail with an error, never a trap")
    func mutatedManifests() throws {
        var rng = DeterministicRandom(seed: 42)
        let base = Array(ManifestFixtures.manifest().utf8)
        let interesting = Array("{}[]\",:0123456789-.eEtruefalsenull\\u\u{7F}".utf8) + [0x00, 0x80, 0xC0, 0xFF, 0xED, 0xA0]
        var parsed = 0
        for _ in 0..<5000 {
            var doc = base
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let i = Int.random(in: 0..<doc.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: doc[i] = interesting.randomElement(using: &rng) ?? 0
                case 1: doc.remove(at: i)
                case 2: doc.insert(interesting.randomElement(using: &rng) ?? 0, at: i)
                default: doc = Array(doc[..<i])
                }
                if doc.isEmpty { break }
            }
            if let m = try? Manifest(parsing: doc) {
                parsed += 1
                _ = try? m.validate()
            }
        }
        #expect(parsed > 0)
    }
}
