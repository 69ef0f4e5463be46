// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for RSA: verify, sign, OAEP decrypt and key generation (RSA issue).

import ContrastCrypto

/// Keys shared by the RSA benchmarks, imported on first use (global lets are initialised lazily and once).
private let benchKey2048 = benchKey(benchKeyHex2048)
private let benchKey4096 = benchKey(benchKeyHex4096)

private func benchKey(_ hex: (n: String, d: String, p: String, q: String)) -> Result<RSA.Signing.PrivateKey, CryptoError> {
    Result { () throws(CryptoError) in
        try RSA.Signing.PrivateKey(
            n: try [UInt8](hexString: hex.n), e: [0x01, 0x00, 0x01], d: try [UInt8](hexString: hex.d),
            p: try [UInt8](hexString: hex.p), q: try [UInt8](hexString: hex.q))
    }
}

/// A fixed RSA-2048 benchmark key (generated once with `openssl genpkey`; not a secret, never use it for
/// anything else). Fixed keys keep `contrast speed` set-up fast; `rsa4096-keygen` measures generation.
private let benchKeyHex2048: (n: String, d: String, p: String, q: String) = (
    n: """
        ee1daf89bd2f1811458ab8b8a63ec0ba324595b6c31952017fda9d831ab07530f5bc0aa9ded9f06264bd92445e0ed9cf0f9862019e846024\
        0a0ff6a6a8f3196a8ce75a12e3da9c26854466e942cc908d5c210f6eeee1960c371b2954b0282f13dd33a29758b823220b8415245dea55c7\
        c3af7cffd22b3f83f583959a3f1ef65b944d953eec4f190db71b69d52e04f3a0b1d4f64911365efed60a5d67992e9b1578e143c4bc4163cb\
        1af0ed60e7732a5a164ba34e29933e8e5f8c6246a92c2a5b8108f2c0acc9fbce6878d078cb5b5159b92d64188d4c6736aa667c1ec09970bb\
        1abaee217a9ccccb2707fa746740473bcb7f869c801f2867c86023e3cc87ebd7
        """,
    d: """
        397933d5f8b265ca41714ecdcedea5b12b922d254c690fa8a9fe0ff7c598e2e87adfb4e9348f811c96b945153868b83ce8c43c9fac6dc230\
        e0b6e2af6e6722f2db68ba0e862dcd73e4c5d25b2a12eb2f1b96253dfeedb7446286ad4eb22838d8c013070325d8682e7efe16064d9ed2ae\
        a17679a2dbcd318afdd711648628c88872028cc61985869d853cf9336919e9ee56d7629ce6c8173138d808eb5554b16bc1e816a6fc9c9c97\
        4dff0777ce5b49028be258a8584ed2bc458ee362976499c6563f99b21f3c6fb73e5fcd327b01ca4fdf615afc19fd4494eb02e40af580bb7c\
        2750a7e74e5d98e212ec948857d4b98df56b51c920d6cff89a200e0d14647b1d
        """,
    p: """
        fe07b1e01b3f4621699766c0bfa4336134642f0fd6c477356dc245a87610da6679755e44a8c327beca90b2396c1394770559ec655bbc2a7c\
        67f36c7a691b974a1454f18c1aab6af101bd185f1277665bb027179a247471f6d27305ae78dc0aafaced6ea7ab4ba59ef50cccee078fb99f\
        b580272ce7ac901763650f6ce6aa4f0d
        """,
    q: """
        eff665dd41130ef48f0d1aa9423318b834ffcb1425344125be007bf7316c0d883983d2ad756f3ecae605247177cfbf7b443307df6d1dc26e\
        399b9532c8f13f9a2ceec8cd4defe0847cbbefbc2d85605a602b64cd5ea2448fe6f8f4c3110d6b24f210ee706d55c70a15578180b4226e48\
        8e06d48240ce709be7ce6b22295dcd73
        """
)

/// A fixed RSA-4096 benchmark key (generated once with `openssl genpkey`; not a secret, never use it for
/// anything else). Fixed keys keep `contrast speed` set-up fast; `rsa4096-keygen` measures generation.
private let benchKeyHex4096: (n: String, d: String, p: String, q: String) = (
    n: """
        9fd51e441829b7f3febc9c5435328eaaa3ea2581a21676db1ab08e1c97581600e19b139af373f2ba133cfff71810d86c6b5a18db0885bd6f\
        1fac892e222c170acb740fe78dc8fe9ceba9f92b85697bc0da48f0eb3f15470036f7e07e234da3120051775a13e1726cdf9819c5ad71314e\
        a5c1394d60835f8eea51b360e8bb4bc96c7dca32b197b07620d5f49460d666469f16bd9356ea25af8b32d253658723f33f2dc4ffcb714815\
        a9ce580f3b039b91e8a367811db887a087c682cc4aef388306c48d786b896a5a5cbd312d85dbcfcbc1ba3dd18627fd8f0227792c31c78283\
        ce2cf3e71e98226e66b51b41c3edffaff18226929c13b3ed56bcce21671cc80e5e060f46db677007a5c8e7a6318775613cdf4ac96ba005ab\
        2741dcc04a4332af007a88a782825cd3a0b61028a8a7992ca5aebe963bba91803c4f28778a4bd53bb10b47c814e6711ef6804fd7c04bba16\
        cbf72ddb0e1db12766f851142aa3de9fe5501918fcb5d229cda92cf2546e084f02022720c2136ba10a3018b35a2148b84ddab2228bbf64e1\
        d148522c60bc0f9fde7f8e224c085e19df511bbae5306081846d16194b50c089de48c401cccf37a8bc689f5b57dfa3745f424991f39642f8\
        c0baeb872f32d115d005e024ad153ada2274cbddfc17cbcfe3428d964da6c063c2b57c2ada3eea027a46916dd56d120ba33776c854df377f\
        85c4df2559a669ab
        """,
    d: """
        0c5db24a456e50dfad594d650c7a9d64216b77bc685c8194a12380d340785db772bd0b4ec54036cae3bb27f8a7a182051d672a9e23b2293e\
        643e769c9da338a32aab8fa1742c555ab1b70462b41f3da6659d181ab356439886283673bbea814fdebb6ed706cbbe0d235d82bcf316db60\
        40ddcabfac546dbbc27050c7122a8f8a057d53fc091679de21db3be190fe758a483bbbae1f1edd8c8fe1fe38da959297facee13b83338006\
        c10d086e213c3db893bdb4bfde1b4d4f03c23d936dc6c56209cf823c8b6165db98ea40584bcf7e6bbed0d88091f71d1c87e7a2ede2ea1334\
        7c6aa8f23c413c04bba88e73cfa365d168878fd16f06ed38532a276e992a36661adb9ff957e9b6041dd80a00c6e8b47b27ef3a9687dda7ac\
        6b122614df16f2d30d700782955f568aaae1f32ad82eece6257574c6b6733447aa86f311d25d5bad0c51123e176c2c68d310d1243d9c0f49\
        0cfd64aba34ee4900b985db77dafb381bd87cfd3461174988e7e61ab18d8f28f5e4480f22a41159b998004c8c4ebc2de5e22cef28d4163b6\
        8d363bf91dde2ff511f3f6949851a94316d4a55452c277af17eb7737070b5335a72b994b75580d26ca8237a3a693745be7fe4a96fa94517b\
        17a427492c3855b3a56c01b705da7cb9621ae2d5f059055b7fe8edc0711f8b93b413fe652b63292c8ec6c3c28b50a626f4c75476abfc74fe\
        6944407fa76a1bf9
        """,
    p: """
        cf7ecdb77e7b9014f361429c023b4a30ef0948f3e78505931c3b1b34b7c05043644cd5d37c9d907a3da53eb5e4f46ed3b2858a0105218951\
        e3ce1e8f385fdc5297321f57f9b6e7e87b25026c760d16ee07fedafebfde073f556edb476f2ed111c8d9cffc4d2f3aca5428e6618e4a0e3e\
        5869c4ad8b2908d28789e9bcd7d2c883ee7e781e89e72f5d536436eb231852d88680509fd7611762bc4a6dd86cc4b8190d831735c87bbacc\
        309902bcff5369372cd4d465d997c524adf3e1c89106fba594aacf84a422a6bd817d1d3c02236acb9ed587889d537aac2e401679f1de6986\
        78d291d23e72f76c939516eb22e8e203e897037514aa676cf74998e77bc5e423
        """,
    q: """
        c53203f0dc7a14028ea6c337397f3e3458ec861316b0374c89d2ec1b0d079f3ef0aa8eeceb6aabfc6abbe505d8086f89ad9549e15cf912f1\
        09a2c28762d9f8a339cd1d11e3147b9b3b6e7a3972108c07b50742939a95cd8de385819f05290212704b8112e575f27a67cee0a18f7c223c\
        d92959b50402cdce94a466ea1a93c7f788b9f41f35c64990761381665b89d888be35631855b0f7427ab64b486d3905677312ef49c9727b67\
        93b91260023e42fa669b14b419ad878df3b02be4e479d1708ccf9d519b78ae04d7fafbdba36bdd23c0c65f7acc409bbc11140d5eb4cb34ff\
        e3f0e071350fd9dc4f2ff985e6483c10f8c9d6a91548eeed68cf25a18f5458d9
        """
)

private let benchDigest = SHA256.hash(data: Array("contrast speed".utf8)).bytes
private let benchDigest384 = SHA384.hash(data: Array("contrast speed".utf8)).bytes

/// A verification benchmark: the signature is made once, the timed operation verifies a digest (as
/// `openssl speed rsa` does: it measures the public-key operation on a fixed digest).
private func verifyBenchmark(
    _ key: Result<RSA.Signing.PrivateKey, CryptoError>, hash: RSA.HashAlgorithm, digest: [UInt8],
    padding: RSA.Signing.Padding
) throws -> () -> UInt8 {
    let privateKey = try key.get()
    var random = SystemRandom()
    let signature = try privateKey.signature(digest: digest, hash: hash, padding: padding, using: &random)
    let publicKey = privateKey.publicKey
    return { publicKey.isValidSignature(signature, digest: digest, hash: hash, padding: padding) ? 1 : 0 }
}

private func signBenchmark(_ key: Result<RSA.Signing.PrivateKey, CryptoError>) throws -> () -> UInt8 {
    let privateKey = try key.get()
    var random = SystemRandom()
    return {
        let s = try? privateKey.signature(digest: benchDigest, hash: .sha256, padding: .pkcs1v1_5, using: &random)
        return s?.rawRepresentation.last ?? 0
    }
}

let rsaBenchmarks: [Benchmark] = [
    Benchmark(
        name: "rsa2048-verify", summary: "RSA-2048 PKCS#1 v1.5 SHA-256 verify (public-key operation)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                try verifyBenchmark(benchKey2048, hash: .sha256, digest: benchDigest, padding: .pkcs1v1_5)
            }
        ]),
    Benchmark(
        name: "rsa4096-verify", summary: "RSA-4096 PKCS#1 v1.5 SHA-256 verify (public-key operation)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                try verifyBenchmark(benchKey4096, hash: .sha256, digest: benchDigest, padding: .pkcs1v1_5)
            }
        ]),
    Benchmark(
        name: "rsa4096-pss-verify", summary: "RSA-4096 PSS SHA-384/MGF1-SHA-384/salt 48 verify (AMD ARK/ASK profile)",
        variants: [
            .init(operation: "verify", bytes: 0) {
                try verifyBenchmark(benchKey4096, hash: .sha384, digest: benchDigest384, padding: .amdSEVSNP)
            }
        ]),
    Benchmark(
        name: "rsa2048-sign", summary: "RSA-2048 PKCS#1 v1.5 SHA-256 sign (CRT, blinded, checked)",
        variants: [.init(operation: "sign", bytes: 0) { try signBenchmark(benchKey2048) }]),
    Benchmark(
        name: "rsa4096-sign", summary: "RSA-4096 PKCS#1 v1.5 SHA-256 sign (CRT, blinded, checked)",
        variants: [.init(operation: "sign", bytes: 0) { try signBenchmark(benchKey4096) }]),
    Benchmark(
        name: "rsa4096-oaep-decrypt", summary: "RSA-4096 OAEP SHA-256 decrypt of 64 bytes",
        variants: [
            .init(operation: "decrypt", bytes: 0) {
                let key = try benchKey4096.get()
                let c = components(key)
                let decryptionKey = try RSA.Encryption.PrivateKey(
                    n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv)
                let ciphertext = try decryptionKey.publicKey.encrypt(
                    [UInt8](repeating: 0x5A, count: 64), label: Array("seedshare".utf8))
                var random = SystemRandom()
                return {
                    let p = try? decryptionKey.decrypt(ciphertext, label: Array("seedshare".utf8), using: &random)
                    return p?.first ?? 0
                }
            }
        ]),
    Benchmark(
        name: "rsa4096-keygen", summary: "RSA-4096 key generation (FIPS 186-5 A.1.3, e = 65537)",
        variants: [
            .init(operation: "keygen", bytes: 0) {
                var random = SystemRandom()
                return {
                    let key = try? RSA.Signing.PrivateKey(keySize: .bits4096, using: &random)
                    return key?.publicKey.n.last ?? 0
                }
            }
        ]),
]

private func components(_ key: RSA.Signing.PrivateKey) -> RSA.PrivateKeyComponents { key.components }
