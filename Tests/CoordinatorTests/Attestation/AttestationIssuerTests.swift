// SPDX-License-Identifier: Apache-2.0
// Hardware issuers without hardware: the certificate table parser and clean failures when the device is absent.
// (The /dev/sev-guest and configfs-tsm request paths themselves need a confidential guest; they are not run here.)

import ContrastCoordinator
import Testing
import TestSupport

@Suite("Attestation issuers (no hardware)")
struct AttestationIssuerTests {
    /// GUID text → 16 bytes in the mixed-endian wire order.
    func guid(_ s: String) throws -> [UInt8] {
        let b = try Hex.decode(s.filter { $0 != "-" })
        return Array(b[0..<4].reversed()) + Array(b[4..<6].reversed()) + Array(b[6..<8].reversed()) + Array(b[8...])
    }

    @Test("a certificate table maps VCEK/ASK/ARK GUIDs to the document chain")
    func table() throws {
        let vcek: [UInt8] = [0x30, 1, 2]
        let ask: [UInt8] = [0x30, 3]
        var t: [UInt8] = []
        let headerSize = 3 * 24
        for (g, off, len) in [(SNPCertificateTable.vcekGUID, headerSize, 3), (SNPCertificateTable.askGUID, headerSize + 3, 2)] {
            t += try guid(g)
            t += [UInt8(off), 0, 0, 0, UInt8(len), 0, 0, 0]
        }
        t += [UInt8](repeating: 0, count: 24) + vcek + ask
        let table = try SNPCertificateTable.parse(t)
        #expect(table.documentChain.vcek == vcek)
        #expect(table.documentChain.ask == ask)
        #expect(table.documentChain.ark == [])
        #expect(try SNPCertificateTable.parse([]).isEmpty)
        var bad = t
        bad[16] = 0xFF  // offset beyond the buffer
        #expect(throws: AttestationError(.truncated, "")) { try SNPCertificateTable.parse(bad) }
        var rng = DeterministicRandom(seed: 99)
        for _ in 0..<500 { _ = try? SNPCertificateTable.parse(rng.bytes(Int(rng.next() % 200))) }
    }

    @Test("issuers without their device fail with an error, not a trap")
    func absentDevices() {
        let sev = SEVGuestIssuer(devicePath: "/nonexistent/sev-guest")
        #expect(!sev.isAvailable)
        #expect(throws: IssuerError.self) { try sev.issue(reportData: [UInt8](repeating: 0, count: 64)) }
        #expect(throws: IssuerError.self) { try sev.issue(reportData: [1]) }
        for p in [ConfigFSTSMIssuer.Platform.tdx, .snp] {
            let tsm = ConfigFSTSMIssuer(platform: p, root: "/nonexistent/tsm/report")
            #expect(!tsm.isAvailable)
            #expect(throws: IssuerError.self) { try tsm.issue(reportData: [UInt8](repeating: 0, count: 64)) }
        }
    }
}
