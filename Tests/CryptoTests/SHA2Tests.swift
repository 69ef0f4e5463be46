// SPDX-License-Identifier: Apache-2.0
// SHA-2 against NIST CAVP SHAVS (ShortMsg, LongMsg, Monte Carlo) and FIPS 180-4 examples; streaming property.

import ContrastCrypto
import Testing
import TestSupport

/// The digest of `message` under the hash `H`, as bytes.
func digestBytes<H: HashFunction>(_: H.Type, _ message: [UInt8]) -> [UInt8] {
    H.hash(data: message).bytes
}

@Suite("SHA-2")
struct SHA2Tests {
    /// Runs a SHAVS ShortMsg/LongMsg file: `Len` is in bits (Len = 0 comes with a dummy `Msg = 00`).
    func runMessages<H: HashFunction>(_ hash: H.Type, _ file: String, expectedCount: Int) throws {
        var tally = VectorTally(file: file)
        for record in try cavpRecordsCRLF("nist/sha2/\(file)") {
            guard let lenText = record["Len"], let bits = Int(lenText) else { continue }  // header-only records
            let message = Array(try record.hex("Msg").prefix(bits / 8))
            let want = try record.hex("MD")
            let got = digestBytes(H.self, message)
            tally.check(got == want, record.label, "got \(got.hexString)")
        }
        tally.expectCount(expectedCount)
    }

    /// SHAVS §6.4 Monte Carlo: 100 checkpoints, each 1000 chained hashes of three previous digests.
    func runMonte<H: HashFunction>(_ hash: H.Type, _ file: String) throws {
        let records = try cavpRecordsCRLF("nist/sha2/\(file)")
        let seedRecord = try #require(records.first { $0.has("Seed") }, "\(file): no Seed")
        var seed = try seedRecord.hex("Seed")
        var tally = VectorTally(file: file)
        for record in records where record.has("MD") {
            var md0 = seed, md1 = seed, md2 = seed
            for _ in 3..<1003 {
                var h = H()
                h.update(data: md0)
                h.update(data: md1)
                h.update(data: md2)
                (md0, md1, md2) = (md1, md2, h.finalize().bytes)
            }
            seed = md2
            tally.check(md2 == (try record.hex("MD")), record.label, "got \(md2.hexString)")
        }
        tally.expectCount(100)
    }

    @Test("SHA-256 CAVP ShortMsg", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha256Short() throws { try runMessages(SHA256.self, "SHA256ShortMsg.rsp", expectedCount: 65) }
    @Test("SHA-256 CAVP LongMsg", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha256Long() throws { try runMessages(SHA256.self, "SHA256LongMsg.rsp", expectedCount: 64) }
    @Test("SHA-256 CAVP Monte Carlo", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha256Monte() throws { try runMonte(SHA256.self, "SHA256Monte.rsp") }

    @Test("SHA-384 CAVP ShortMsg", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha384Short() throws { try runMessages(SHA384.self, "SHA384ShortMsg.rsp", expectedCount: 129) }
    @Test("SHA-384 CAVP LongMsg", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha384Long() throws { try runMessages(SHA384.self, "SHA384LongMsg.rsp", expectedCount: 128) }
    @Test("SHA-384 CAVP Monte Carlo", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha384Monte() throws { try runMonte(SHA384.self, "SHA384Monte.rsp") }

    @Test("SHA-512 CAVP ShortMsg", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha512Short() throws { try runMessages(SHA512.self, "SHA512ShortMsg.rsp", expectedCount: 129) }
    @Test("SHA-512 CAVP LongMsg", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha512Long() throws { try runMessages(SHA512.self, "SHA512LongMsg.rsp", expectedCount: 128) }
    @Test("SHA-512 CAVP Monte Carlo", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sha512Monte() throws { try runMonte(SHA512.self, "SHA512Monte.rsp") }

    /// FIPS 180-4 example messages (NIST "Examples with intermediate values", SHA-224/256/384/512): "abc",
    /// the 448-bit two-block message, and the empty string. SHA-224 has no CAVP file in ../shared/vectors,
    /// so these are its known-answer tests.
    @Test("FIPS 180-4 examples: abc, two-block message, empty string")
    func fipsExamples() throws {
        let abc = Array("abc".utf8)
        let twoBlock = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        let twoBlock1024 = Array(
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
                .utf8)
        let cases: [(String, [UInt8], [UInt8])] = [
            ("SHA-224 abc", digestBytes(SHA224.self, abc), try .init(hexString: "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")),
            ("SHA-224 448-bit", digestBytes(SHA224.self, twoBlock), try .init(hexString: "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")),
            ("SHA-224 empty", digestBytes(SHA224.self, []), try .init(hexString: "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")),
            ("SHA-256 abc", digestBytes(SHA256.self, abc), try .init(hexString: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
            ("SHA-256 448-bit", digestBytes(SHA256.self, twoBlock), try .init(hexString: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")),
            ("SHA-384 abc", digestBytes(SHA384.self, abc), try .init(hexString: "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")),
            ("SHA-384 896-bit", digestBytes(SHA384.self, twoBlock1024), try .init(hexString: "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")),
            ("SHA-512 abc", digestBytes(SHA512.self, abc), try .init(hexString: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")),
            ("SHA-512 896-bit", digestBytes(SHA512.self, twoBlock1024), try .init(hexString: "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")),
        ]
        for (label, got, want) in cases {
            #expect(got == want, "\(label): got \(got.hexString)")
        }
    }

    @Test("SHA-224 of one million 'a' (FIPS 180-4 example)")
    func millionA() throws {
        var h = SHA224()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(data: chunk) }
        #expect(h.finalize().bytes == (try [UInt8](hexString: "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67")))
    }

    /// Splits every random message at every position (and into three pieces at random) and checks that the
    /// streamed digest equals the one-shot digest. Lengths straddle the block and padding boundaries.
    func streamingProperty<H: HashFunction>(_: H.Type, seed: UInt64) {
        var rng = DeterministicRandom(seed: seed)
        let lengths = [0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 200, 255, 256, 257, 300]
        for length in lengths {
            let message = rng.bytes(length)
            let oneShot = H.hash(data: message)
            for split in 0...length {
                var h = H()
                h.update(data: message[..<split])
                h.update(data: message[split...])
                #expect(h.finalize() == oneShot, "\(H.self) length \(length) split \(split)")
                let second = split + Int(rng.next() % UInt64(length - split + 1))
                var h3 = H()
                h3.update(data: message[..<split])
                h3.update(data: message[split..<second])
                h3.update(data: AnySequenceCollection(message[second...]))  // non-contiguous path
                #expect(h3.finalize() == oneShot, "\(H.self) length \(length) splits \(split), \(second)")
            }
        }
    }

    @Test("streaming equals one-shot at every split point")
    func streaming() {
        streamingProperty(SHA224.self, seed: 224)
        streamingProperty(SHA256.self, seed: 256)
        streamingProperty(SHA384.self, seed: 384)
        streamingProperty(SHA512.self, seed: 512)
    }

    @Test("digest conveniences: Sequence, bytes, hex, constant-time ==, Hashable")
    func digestShape() throws {
        let d = SHA256.hash(data: Array("abc".utf8))
        #expect(Array(d) == d.bytes)
        #expect(d.bytes.count == SHA256Digest.byteCount)
        #expect(d.hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(d == SHA256.hash(data: Array("abc".utf8)))
        #expect(d != SHA256.hash(data: Array("abd".utf8)))
        #expect(Set([d, d]).count == 1)
        #expect(Array(SHA384.hash(data: [UInt8]())).count == 48)
        #expect(Array(SHA224.hash(data: [UInt8]())).count == 28)
    }
}

/// A collection without contiguous storage, to exercise the copying path of `update(data:)`.
struct AnySequenceCollection: Collection {
    let base: ArraySlice<UInt8>
    init(_ base: ArraySlice<UInt8>) { self.base = base }
    var startIndex: Int { base.startIndex }
    var endIndex: Int { base.endIndex }
    func index(after i: Int) -> Int { i + 1 }
    subscript(i: Int) -> UInt8 { base[i] }
}
