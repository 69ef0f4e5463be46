// SPDX-License-Identifier: Apache-2.0
// Manifest documents for the manifest tests: one valid baseline manifest and builders for variations.

enum ManifestFixtures {
    static let coordinatorHash = "1b3c1fd65a3a8b8a2d2bbdd0a1d7f6c0b1e9a2f7c8d6e5f4a3b2c1d0e9f8a7b6"
    static let webHash = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1"
    static let measurement = String(repeating: "ab", count: 48)
    static let chipID = String(repeating: "cd", count: 64)
    static let ownerDigest = String(repeating: "0f", count: 32)
    /// 2048-bit RSA PKCS#1 public key (generated with openssl for these tests).
    static let rsaPKCS1Hex =
        "3082010a0282010100bd7708a0da7535810e0e20906676aa6adb28dc50de7b0a312c87eb7e537ca3d051040885a830709fc90364a477234d1179a4339f3f7403e3ea7250d60ddc111c31a087f107bde54b1f6d7cfb30a5bee019c126e64ed78cdb69d6c2c9d2a3394dde5143a87b446d9053255db1d4b2855b6e439ed46c1b2bd5d4ff45caa5715bef684905574c141b0dde1ca4855de1a1117e885f813e4dbeb74c86793e6a0aae654eead7802477c4ccebc8b8a2f4ace0a7628f7162f46ebdfa6d5701677e5a58cd6dc26ed31fba6931c1975f11139b5fee838a02854e4a56acc221849a015e87f85cdb413fe52ccd0cd6cacadbe4c3c5dd9c46ecf49349f24fad32e7a96267293b0203010001"
    /// P-384 SubjectPublicKeyInfo (generated with openssl for these tests).
    static let ecSPKIHex =
        "3076301006072a8648ce3d020106052b8104002203620004e43a4862446711904aebc4ed40263b80fa86afb2738828711f8a5ee6061289acabea9ed77d18d5d0d5a2fccc75f0758c315051c118468c29d846faa4c20a87db6fdfee84de168ed14e344b926237e7044a55d66eb864e495c0d52548bcdf28d3"

    static let snpEntry = """
        {
              "MinimumTCB": {
                "BootloaderVersion": 3,
                "TEEVersion": 0,
                "SNPVersion": 23,
                "MicrocodeVersion": 213
              },
              "ProductName": "Milan",
              "TrustedMeasurement": "\(measurement)",
              "GuestPolicy": {
                "ABIMinor": 0,
                "ABIMajor": 0,
                "SMT": true,
                "MigrateMA": false,
                "Debug": false,
                "SingleSocket": false,
                "CXLAllowed": false,
                "MemAES256XTS": false,
                "RAPLDis": false,
                "CipherTextHidingDRAM": false,
                "PageSwapDisable": false
              },
              "PlatformInfo": {
                "SMTEnabled": true,
                "TSMEEnabled": false,
                "ECCEnabled": false,
                "RAPLDisabled": false,
                "CiphertextHidingDRAMEnabled": false,
                "AliasCheckComplete": false,
                "TIOEnabled": false
              },
              "MinimumMitigationVector": 0,
              "AllowedChipIDs": ["\(chipID)"],
              "Platform": "Metal-QEMU-SNP",
              "CPUs": 2
            }
        """

    static let tdxEntry = """
        {
              "Platform": "Metal-QEMU-TDX",
              "MinTCBEvaluationDataNumber": 17,
              "MrTd": "\(String(repeating: "11", count: 48))",
              "MrSeam": "\(String(repeating: "22", count: 48))",
              "Rtmrs": ["\(String(repeating: "33", count: 48))", "\(String(repeating: "44", count: 48))", "\(String(repeating: "55", count: 48))", "\(String(repeating: "66", count: 48))"],
              "Xfam": "e702060000000000",
              "AllowedPIIDs": ["\(String(repeating: "77", count: 16))"],
              "MemoryIntegrity": false,
              "SMTDisabled": false,
              "StaticPlatform": false,
              "CPUs": 2
            }
        """

    /// A complete manifest with the given pieces substituted.
    static func manifest(
        policies: String? = nil, snp: [String] = [snpEntry], tdx: [String] = [tdxEntry],
        ownerDigests: String? = nil, seedshareKeys: String? = nil, extraTop: String = ""
    ) -> String {
        let p =
            policies ?? """
            {
                "\(coordinatorHash)": {
                  "SANs": ["coordinator", "*"],
                  "WorkloadSecretID": "apps/v1/StatefulSet/default/coordinator",
                  "Role": "coordinator"
                },
                "\(webHash)": {
                  "SANs": ["web", "*", "10.0.0.1"],
                  "WorkloadSecretID": "apps/v1/Deployment/default/web"
                }
              }
            """
        return """
            {
              "Policies": \(p),
              "ReferenceValues": {
                "snp": [\(snp.joined(separator: ", "))],
                "tdx": [\(tdx.joined(separator: ", "))]
              },
              "WorkloadOwnerKeyDigests": \(ownerDigests ?? "[\"\(ownerDigest)\"]"),
              "SeedshareOwnerPubKeys": \(seedshareKeys ?? "[\"\(rsaPKCS1Hex)\"]")\(extraTop)
            }

            """
    }
}
