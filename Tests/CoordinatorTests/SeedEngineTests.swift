// SPDX-License-Identifier: Apache-2.0
// Upstream's seed-engine vectors (internal/seedengine/seedengine_test.go, "DO NOT CHANGE"; spec/upstream.md §5.2).

import ContrastCoordinator
import ContrastCrypto
import Testing

private func hex(_ s: String) -> [UInt8] { (try? [UInt8](hexString: s)) ?? [] }

/// The private scalar inside a SEC 1 ECPrivateKey DER for P-384 (`30 81 a4 02 01 01 04 30 <d>`).
private func scalarFromSEC1(_ der: [UInt8]) -> [UInt8] { Array(der[8..<56]) }

@Suite("Seed engine")
struct SeedEngineTests {
    struct KeyVector: Sendable {
        let seed: String
        let salt: String
        let podStateSeed: String
        let historySeed: String
        let rootCAKeyDER: String?
        let transactionKeyDER: String?
    }

    static let keyVectors = [
        KeyVector(
            seed: "ccebed634ddee7535cd593e1e200b19b780f3906d8782207fa09c59e87a07cb3",
            salt: "8c1b1225c5f6cb7eef6dbd8f77a1e1e149de031d6e3718e660a8b04c8e2b0037",
            podStateSeed: "e8d42dc81aea4b0d0749b75004f3bb2ad35fd827e05727ac19c31e106ddc2a1f",
            historySeed: "e0f4adb8326ed1bbf99b8291d7a90363113e2ac8ff9d030bcabe5e48b88bf0a6",
            rootCAKeyDER:
                "3081a40201010430b17a061a04d93454c9530d247b336a9112a5209da0d0199929484cba350d25159f2ead15d2d1334d6c908dad63ce7ee4a00706052b81040022a16403620004b30650a5c9b1653038ee779d0cef9da66f7207adf6b2a055ddbd13545734b4ababe5f1e6a062ba1694654f2b886fd6ec488ef7742af5cb8a9abd8823981c987d1868ce8708b29baea7963ae4428c7ea29c5d181006b2566dc21f34892c23d482",
            transactionKeyDER:
                "3081a402010104305a58b771eef6bd6d2967b933ef3474e71bea849fd2b900f431dafe843d267b0b08875a95f4e442c6863663090c7c8576a00706052b81040022a16403620004f38a9990332aa58557780eff947e75c78a3486bbebce9f80d3e1f98f57b71ceaa207df91394d0eed25307d03ee460785db0afa958567089885e34ea693d861dfaa567fb34e6b3da51de25dfaf2a32aef01fb9d654f895712f1f4468281cd8ee9"),
        KeyVector(
            seed: "1adb326866d5b1e04520d9475f6ff41d3370bec96bbb5045d8dd9d16b3c48274",
            salt: "0d2f1e0360d8476f836b8aa3dde3b1c58a361469a6e4f10cf9ed500a651c1c2b",
            podStateSeed: "8964f1750fa69bd4107ffb055f3e093cd93064590f6c3ad459b66c3bb19231fd",
            historySeed: "03c95af2f666f44239a92d2cda3a14c3ad9ad776ef06fd97a8873457b9cff7f4",
            rootCAKeyDER: nil, transactionKeyDER: nil),
    ]

    @Test("HKDF seeds and keygen scalars match upstream", arguments: 0..<2)
    func keyVectors(index: Int) throws {
        let v = SeedEngineTests.keyVectors[index]
        let engine = try SeedEngine(seed: hex(v.seed), salt: hex(v.salt))
        #expect(engine.podStateSeed.hexString == v.podStateSeed, "vector \(index) podStateSeed")
        #expect(engine.historySeed.hexString == v.historySeed, "vector \(index) historySeed")
        if let der = v.rootCAKeyDER {
            #expect(try engine.rootCAPrivateScalar() == scalarFromSEC1(hex(der)), "vector \(index) root CA key")
        }
        if let der = v.transactionKeyDER {
            #expect(try engine.transactionSigningPrivateScalar() == scalarFromSEC1(hex(der)), "vector \(index) tx key")
        }
    }

    @Test("workload secrets match upstream; the empty ID is rejected")
    func workloadSecrets() throws {
        let engine = try SeedEngine(
            seed: hex("9c7f285a46704602f8b6d9d4a89193579a979f144a9d8733fddd4f2bbcecd77f"),
            salt: hex("6227b2cae740349beaff040af74aa1566ac330e9b54ce0e58f8d5ee47281745a"))
        let vectors: [(String, String)] = [
            ("workload-1", "87668b2d30e7538b5643e42bcc0f1a7b532833f47fcd1293f779d9f2abf9e708"),
            ("emoji-pod ", "345f575cdd9fa8fbe61d35186266aaadd440a06db34beb52d85e3b678dc29e01"),
            ("   ", "4874199bd19baf510bc5a5c71918c5263be4fb870efcf1bdd73e17249e3cb385"),
            ("12345", "c5dfeb23e39da9807d6260e6825d8367b47052fcb6bb4c79624fc5936921a0d0"),
        ]
        for (id, expected) in vectors {
            #expect(try engine.workloadSecret(id: id).hexString == expected, "workload secret for \"\(id)\"")
        }
        #expect(throws: SeedEngineError.emptyWorkloadSecretID) { try engine.workloadSecret(id: "") }
    }

    @Test("seed and salt length checks (salt exactly 32, seed at least 32)")
    func lengths() throws {
        let salt = [UInt8](repeating: 1, count: 32)
        #expect(throws: SeedEngineError.invalidSaltLength(31)) { try SeedEngine(seed: salt, salt: Array(salt.dropLast())) }
        #expect(throws: SeedEngineError.invalidSeedLength(31)) { try SeedEngine(seed: Array(salt.dropLast()), salt: salt) }
        #expect(throws: SeedEngineError.invalidSeedLength(8161)) { try SeedEngine(seed: [UInt8](repeating: 0, count: 8161), salt: salt) }
        let engine = try SeedEngine(seed: [UInt8](repeating: 7, count: 64), salt: salt)
        #expect(try engine.workloadSecret(id: "x").count == 64)
        #expect(try engine.transitKey(name: "x", version: 1).count == 32)
    }
}
