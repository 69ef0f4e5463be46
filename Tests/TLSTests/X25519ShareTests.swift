// SPDX-License-Identifier: Apache-2.0
// The x25519 key share (RFC 8446 §4.2.8.2, §7.4.2): agreement both ways, wrong lengths and small-order points refused.

import ContrastCrypto
import ContrastTLS
import Testing
import TestSupport

@Suite("x25519 key share")
struct X25519ShareTests {
    static func share(seed: UInt64) throws -> any KeyShareSecret {
        var random: any RandomSource = DeterministicRandom(seed: seed)
        return try KeyExchangeGroup.x25519.generate(&random)
    }

    @Test("Two shares agree on a 32-byte secret; the share is a 32-byte u-coordinate")
    func agreement() throws {
        let a = try Self.share(seed: 1), b = try Self.share(seed: 2)
        #expect(a.group == .x25519 && a.publicKey.count == 32)
        let ab = try a.sharedSecret(peerKeyExchange: b.publicKey)
        let ba = try b.sharedSecret(peerKeyExchange: a.publicKey)
        #expect(ab == ba && ab.count == 32)
        #expect(a.publicKey != b.publicKey)
    }

    @Test("Wrong-length shares and small-order points (all-zero secret, RFC 7748 §6.1) are illegal_parameter")
    func rejects() throws {
        let a = try Self.share(seed: 3)
        // u = 0 and u = 1 are of small order: the X25519 output is all zero.
        let bad: [[UInt8]] = [[], [UInt8](repeating: 0, count: 31), [UInt8](repeating: 9, count: 33),
            [UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)]
        for peer in bad {
            #expect(throws: TLSError.self, "peer share of \(peer.count) bytes") {
                try a.sharedSecret(peerKeyExchange: peer)
            }
        }
    }
}
