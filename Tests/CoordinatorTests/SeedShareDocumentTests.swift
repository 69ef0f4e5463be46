// SPDX-License-Identifier: Apache-2.0
// seed-shares.json in upstream's exact shape (Go json.MarshalIndent of the protobuf struct).

import ContrastCoordinator
import Testing

@Suite("Seed-share document")
struct SeedShareDocumentTests {
    @Test("writes Go's MarshalIndent layout with base64 bytes and lower-case salt")
    func exactShape() throws {
        let doc = SeedShareDocument(
            seedShares: [SeedShare(publicKey: "3082", encryptedSeed: [0xFB, 0xFF, 0x00]), SeedShare(publicKey: "abcd", encryptedSeed: [1])],
            salt: [UInt8](repeating: 0, count: 32))
        let expected = """
            {
              "SeedShares": [
                {
                  "PublicKey": "3082",
                  "EncryptedSeed": "+/8A"
                },
                {
                  "PublicKey": "abcd",
                  "EncryptedSeed": "AQ=="
                }
              ],
              "salt": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            }
            """
        #expect(String(decoding: doc.jsonBytes, as: UTF8.self) == expected)
        #expect(try SeedShareDocument(json: doc.jsonBytes) == doc)
        #expect(doc.share(forPublicKeyHex: "ABCD")?.encryptedSeed == [1])
        #expect(doc.share(forPublicKeyHex: "ffff") == nil)
    }

    @Test("empty fields are omitted (omitempty), and parse back as empty")
    func omitEmpty() throws {
        let doc = SeedShareDocument(seedShares: [], salt: [7])
        #expect(String(decoding: doc.jsonBytes, as: UTF8.self) == "{\n  \"salt\": \"Bw==\"\n}")
        #expect(try SeedShareDocument(json: Array("{}".utf8)) == SeedShareDocument(seedShares: [], salt: []))
    }

    @Test("rejects malformed documents", arguments: [
        "[]", "{\"salt\": 5}", "{\"salt\": \"!!\"}", "{\"Extra\": 1}", "{\"SeedShares\": {}}",
        "{\"SeedShares\": [{\"PublicKey\": 1}]}", "{\"SeedShares\": [{\"Other\": \"x\"}]}",
    ])
    func malformed(json: String) {
        #expect(throws: SeedShareError.self) { try SeedShareDocument(json: Array(json.utf8)) }
    }
}
