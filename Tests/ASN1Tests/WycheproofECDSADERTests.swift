// SPDX-License-Identifier: Apache-2.0
// Wycheproof ECDSA with DER signatures (ECDSA-Sig-Value) and SPKI public keys, through the certificate
// signature verifier: every case, counts asserted. No "acceptable" cases are accepted (strict DER).

import ContrastASN1
import ContrastCrypto
import TestSupport
import Testing

@Suite("Wycheproof ECDSA DER")
struct WycheproofECDSADERTests {
    static let files: [(String, Int, DigestAlgorithm)] = [
        ("ecdsa_secp256r1_sha256_test.json", 484, .sha256),
        ("ecdsa_secp384r1_sha384_test.json", 504, .sha384),
        ("ecdsa_secp384r1_sha512_test.json", 542, .sha512),
    ]

    @Test("DER signature files", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage), arguments: files)
    func derSignatures(file: (String, Int, DigestAlgorithm)) throws {
        try runWycheproof(file.0, expectedCount: file.1, policy: .reject) { c in
            let spki = try SubjectPublicKeyInfo(derEncoded: try c.hex("publicKeyDer")[...])
            return StandardSignatureVerifier().isValidSignature(
                try c.hex("sig"), over: try c.hex("msg"), algorithm: .ecdsa(file.2), publicKey: spki)
        }
    }

    @Test("P-384 key and signature DER/PEM forms round-trip; the seed-engine SEC 1 bytes re-encode exactly")
    func keyForms() throws {
        let der = try [UInt8](hexString:
            "3081a40201010430b17a061a04d93454c9530d247b336a9112a5209da0d0199929484cba350d25159f2ead15d2d1334d6c908dad63ce7ee4a00706052b81040022a16403620004b30650a5c9b1653038ee779d0cef9da66f7207adf6b2a055ddbd13545734b4ababe5f1e6a062ba1694654f2b886fd6ec488ef7742af5cb8a9abd8823981c987d1868ce8708b29baea7963ae4428c7ea29c5d181006b2566dc21f34892c23d482")
        let key = try P384.Signing.PrivateKey(derRepresentation: der)
        #expect(key.sec1DERRepresentation == der)
        #expect(try P384.Signing.PrivateKey(derRepresentation: key.derRepresentation).rawRepresentation == key.rawRepresentation)
        #expect(try P384.Signing.PrivateKey(pemRepresentation: key.sec1PEMRepresentation).rawRepresentation == key.rawRepresentation)
        let pub = try P384.Signing.PublicKey(pemRepresentation: key.publicKey.pemRepresentation)
        #expect(pub.x963Representation == key.publicKey.x963Representation)
        let sig = key.signature(for: [1, 2, 3])
        #expect(try P384.Signing.ECDSASignature(derRepresentation: sig.derRepresentation) == sig)
        // A SEC 1 key whose embedded public key does not match is rejected.
        var bad = der
        bad[bad.count - 1] ^= 1
        #expect((try? P384.Signing.PrivateKey(derRepresentation: bad)) == nil)
        // P-256 keys are not P-384 keys.
        let p256 = try P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 32))
        #expect((try? P384.Signing.PrivateKey(derRepresentation: p256.derRepresentation)) == nil)
        #expect(try P256.Signing.PrivateKey(derRepresentation: p256.sec1DERRepresentation).rawRepresentation == p256.rawRepresentation)
    }
}
