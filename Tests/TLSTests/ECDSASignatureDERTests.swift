// SPDX-License-Identifier: Apache-2.0
// Strict DER ECDSA-Sig-Value encoding used by CertificateVerify.

import ContrastTLS
import Testing

@Suite("ECDSA signature DER")
struct ECDSASignatureDERTests {
    @Test("Round-trips fixed-width r||s, including leading zeros and high bits")
    func roundTrip() {
        let cases: [[UInt8]] = [
            [UInt8](repeating: 0xFF, count: 64),
            [0, 0, 1] + [UInt8](repeating: 0x7F, count: 29) + [0x80] + [UInt8](repeating: 0, count: 30) + [1],
            (0..<96).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) },
        ]
        for raw in cases {
            let der = ECDSASignatureDER.encode(raw: raw)
            #expect(ECDSASignatureDER.decode(der, width: raw.count / 2) == raw)
            for n in 0..<der.count { #expect(ECDSASignatureDER.decode(Array(der[0..<n]), width: raw.count / 2) == nil) }
            #expect(ECDSASignatureDER.decode(der + [0], width: raw.count / 2) == nil)
        }
    }

    @Test("Rejects non-minimal, negative, zero and oversized integers")
    func strict() {
        // SEQUENCE { INTEGER 00 01, INTEGER 01 }: non-minimal r.
        #expect(ECDSASignatureDER.decode([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01], width: 32) == nil)
        // Negative r.
        #expect(ECDSASignatureDER.decode([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01], width: 32) == nil)
        // Zero r.
        #expect(ECDSASignatureDER.decode([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01], width: 32) == nil)
        // r wider than the curve.
        let wide = [0x02, 34, 0x01] + [UInt8](repeating: 1, count: 33)
        #expect(ECDSASignatureDER.decode([0x30, UInt8(wide.count + 3)] + wide + [0x02, 0x01, 0x01], width: 32) == nil)
        // Valid minimal one.
        #expect(ECDSASignatureDER.decode([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02], width: 2) == [0, 1, 0, 2])
    }
}
