// SPDX-License-Identifier: Apache-2.0
// ChaCha20, Poly1305 and ChaCha20-Poly1305 known answers: RFC 8439 and Wycheproof chacha20_poly1305_test.json.

import ContrastCrypto
import Testing
import TestSupport

@Suite("ChaCha20-Poly1305 vectors")
struct ChaChaPolyVectorTests {
    static let sunscreen = Array(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
            .utf8)

    func words(_ nonce: [UInt8]) -> (UInt32, UInt32, UInt32) {
        func w(_ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(nonce[i + $1]) << (8 * UInt32($1)) } }
        return (w(0), w(4), w(8))
    }

    func block(key: [UInt8], counter: UInt32, nonce: [UInt8]) -> [UInt8] {
        let c = key.withUnsafeBytes { ChaCha20(key: $0) }
        var out = [UInt8](repeating: 0, count: 256)
        out.withUnsafeMutableBytes { c.fourBlocks(counter: counter, nonce: words(nonce), into: $0.baseAddress!) }
        return Array(out[0..<64])
    }

    @Test("RFC 8439 §2.3.2 and Appendix A.1 #1: block function")
    func blockFunction() throws {
        // §2.3.2: key 00…1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, block count 1.
        #expect(
            Hex.encode(block(key: Array(0..<32), counter: 1, nonce: try Hex.decode("000000090000004a00000000")))
                == "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e")
        // A.1 test vector #1: all-zero key and nonce, counter 0.
        #expect(
            Hex.encode(block(key: [UInt8](repeating: 0, count: 32), counter: 0, nonce: [UInt8](repeating: 0, count: 12)))
                == "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586")
    }

    @Test("RFC 8439 §2.4.2: encryption of the sunscreen text, counter 1")
    func encryption() throws {
        let c = [UInt8](0..<32).withUnsafeBytes { ChaCha20(key: $0) }
        var data = Self.sunscreen
        data.withUnsafeMutableBytes {
            c.xorKeyStream($0.baseAddress!, count: $0.count, counter: 1, nonce: words(try! Hex.decode("000000000000004a00000000")))
        }
        #expect(
            Hex.encode(data)
                == "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357"
                + "1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d")
    }

    /// (key r‖s, message, tag): §2.5.2 and Appendix A.3 #1, #5–#11 (the reduction edge cases).
    static let poly1305Vectors: [(String, String, String, String)] = [
        ("§2.5.2", "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
            Hex.encode(Array("Cryptographic Forum Research Group".utf8)), "a8061dc1305136c6c22b8baf0c0127a9"),
        ("A.3 #1", String(repeating: "00", count: 32), String(repeating: "00", count: 64), String(repeating: "00", count: 16)),
        ("A.3 #5", "02" + String(repeating: "00", count: 31), String(repeating: "ff", count: 16),
            "03" + String(repeating: "00", count: 15)),
        ("A.3 #6", "02" + String(repeating: "00", count: 15) + String(repeating: "ff", count: 16),
            "02" + String(repeating: "00", count: 15), "03" + String(repeating: "00", count: 15)),
        ("A.3 #7", "01" + String(repeating: "00", count: 31),
            String(repeating: "ff", count: 16) + "f0" + String(repeating: "ff", count: 15) + "11" + String(repeating: "00", count: 15),
            "05" + String(repeating: "00", count: 15)),
        ("A.3 #8", "01" + String(repeating: "00", count: 31),
            String(repeating: "ff", count: 16) + "fb" + String(repeating: "fe", count: 15) + String(repeating: "01", count: 16),
            String(repeating: "00", count: 16)),
        ("A.3 #9", "02" + String(repeating: "00", count: 31), "fd" + String(repeating: "ff", count: 15),
            "fa" + String(repeating: "ff", count: 15)),
        ("A.3 #10", "0100000000000000040000000000000000000000000000000000000000000000",
            "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000"
                + "01000000000000000000000000000000", "14000000000000005500000000000000"),
        ("A.3 #11", "0100000000000000040000000000000000000000000000000000000000000000",
            "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000",
            "13000000000000000000000000000000"),
    ]

    @Test("RFC 8439 §2.5.2 and Appendix A.3: Poly1305", arguments: ChaChaPolyVectorTests.poly1305Vectors)
    func poly1305(v: (String, String, String, String)) throws {
        let key = try Hex.decode(v.1), msg = try Hex.decode(v.2)
        var mac = key.withUnsafeBytes { Poly1305(key: $0.baseAddress!) }
        // Feed in uneven pieces to exercise the streaming path.
        msg.withUnsafeBytes { m in
            var i = 0
            var step = 1
            while i < m.count {
                let n = min(step, m.count - i)
                mac.update(UnsafeRawBufferPointer(rebasing: m[i..<i + n]))
                i += n
                step = step * 2 + 1
            }
        }
        let t = mac.finalize()
        #expect(Hex.encode(withUnsafeBytes(of: t) { Array($0) }) == v.3, "RFC 8439 \(v.0)")
    }

    @Test("RFC 8439 §2.8.2: AEAD seal and open")
    func aead() throws {
        let key = SymmetricKey(data: Array(0x80...0x9f) as [UInt8])
        let nonce = try ChaChaPoly.Nonce(data: try Hex.decode("070000004041424344454647"))
        let aad = try Hex.decode("50515253c0c1c2c3c4c5c6c7")
        let box = try ChaChaPoly.seal(Self.sunscreen, using: key, nonce: nonce, authenticating: aad)
        #expect(
            Hex.encode(box.ciphertext)
                == "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116")
        #expect(Hex.encode(box.tag) == "1ae10b594f09e26a7e902ecbd0600691")
        #expect(try ChaChaPoly.open(box, using: key, authenticating: aad) == Self.sunscreen)
        let combined = try ChaChaPoly.SealedBox(combined: box.combined)
        #expect(try ChaChaPoly.open(combined, using: key, authenticating: aad) == Self.sunscreen)
    }

    @Test(
        "Wycheproof chacha20_poly1305_test.json: every case",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func wycheproof() throws {
        // Policy: no acceptable cases in the file; nonces other than 96 bits are invalid and rejected by
        // ChaChaPoly.Nonce(data:) (RFC 8439 §2.8 fixes a 96-bit nonce).
        try runWycheproof("chacha20_poly1305_test.json", expectedCount: 325, policy: .reject) { c in
            let key = SymmetricKey(data: try c.hex("key"))
            let iv = try c.hex("iv"), aad = try c.hex("aad"), msg = try c.hex("msg")
            let ct = try c.hex("ct"), tag = try c.hex("tag")
            let nonce = try ChaChaPoly.Nonce(data: iv)
            let box = try ChaChaPoly.SealedBox(nonce: nonce, ciphertext: ct, tag: tag)
            let opened = try ChaChaPoly.open(box, using: key, authenticating: aad)
            guard opened == msg else { return false }
            let sealed = try ChaChaPoly.seal(msg, using: key, nonce: nonce, authenticating: aad)
            return sealed.ciphertext == ct && sealed.tag == tag
        }
    }
}
