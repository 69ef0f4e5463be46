// SPDX-License-Identifier: Apache-2.0
// Base64 (RFC 4648): §10 test vectors, round trips, and strict rejection of non-canonical input.

import ContrastCrypto
import Testing
import TestSupport

@Suite("Base64")
struct Base64Tests {
    @Test("RFC 4648 §10 test vectors encode and decode")
    func rfc4648() throws {
        let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                     ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in cases {
            #expect(Array(plain.utf8).base64EncodedString() == encoded, "encode \(plain)")
            #expect(try [UInt8](base64Encoded: encoded) == Array(plain.utf8), "decode \(encoded)")
        }
    }

    @Test("every byte value and length round-trips; the alphabet is complete")
    func roundTrip() throws {
        var rng = DeterministicRandom(seed: 4648)
        for length in 0..<200 {
            let bytes = rng.bytes(length)
            let text = bytes.base64EncodedString()
            #expect(text.utf8.count == (length + 2) / 3 * 4)
            #expect(try [UInt8](base64Encoded: text) == bytes, "length \(length)")
        }
        let all = (0...255).map { UInt8($0) }
        #expect(try [UInt8](base64Encoded: all.base64EncodedString()) == all)
        // 0x00 0x10 0x83 0x10 0x51 0x87 0x20 0x92 0x8b 0x30 0xd3 0x8f ... spells the alphabet in order.
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        #expect(try [UInt8](base64Encoded: alphabet).base64EncodedString() == alphabet)
    }

    @Test("rejects missing padding, misplaced padding, bad characters and non-canonical trailing bits")
    func strictness() {
        let bad = [
            "Zg", "Zg=", "Zm8", "Z", "Zm9vY", "Zg===", "====", "=Zg=", "Zg==Zg==", "Zm9v====",  // length / padding
            "Zh==", "Zm9=", "Zm9vYh==", "Zm9vYmF=",  // non-canonical: nonzero bits before the padding
            "Zm9v-_==", "Zm9v\u{e9}A==", "Zm 9v", "Zm9v\n", "Zm9v\0\0\0\0", "Zm.v",  // characters
        ]
        for text in bad {
            #expect(throws: CryptoError.invalidEncoding, "\(text.debugDescription)") { try [UInt8](base64Encoded: text) }
        }
    }

    @Test("whitespace only with .ignoreWhitespace")
    func whitespace() throws {
        let wrapped = "Zm9v\r\nYmFy\n Zg==\t"
        #expect(throws: CryptoError.invalidEncoding) { try [UInt8](base64Encoded: wrapped) }
        #expect(try [UInt8](base64Encoded: wrapped, options: .ignoreWhitespace) == Array("foobarf".utf8))
        #expect(throws: CryptoError.invalidEncoding) { try [UInt8](base64Encoded: "Zm9 =", options: .ignoreWhitespace) }
    }
}
