// swift-tools-version:6.0
// The Contrast Coordinator and CLI in pure Swift: zero package dependencies, zero C code.
// Folders follow the design card (Sources/{Crypto,ASN1,TLS,Coordinator,CLI}); module names carry the
// `Contrast` prefix so that they can never collide with apple/swift-crypto's `Crypto` (STYLE.md §8.1).

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "contrast",
    products: [
        .executable(name: "contrast", targets: ["contrast"])
    ],
    targets: [
        // `@_extern(c)` binds getrandom(2), which Glibc's module map does not export, without any C code.
        .target(
            name: "ContrastCrypto", path: "Sources/Crypto", exclude: ["EC/Generated/README.md"],
            swiftSettings: strict + [.enableExperimentalFeature("Extern")]),
        .target(name: "ContrastASN1", dependencies: ["ContrastCrypto"], path: "Sources/ASN1", swiftSettings: strict),
        // `@_extern(c)` binds epoll(7), which Glibc's module map leaves out.
        .target(
            name: "ContrastTLS", dependencies: ["ContrastCrypto", "ContrastASN1"], path: "Sources/TLS",
            swiftSettings: strict + [.enableExperimentalFeature("Extern")]),
        .target(
            name: "ContrastCoordinator", dependencies: ["ContrastCrypto", "ContrastASN1", "ContrastTLS"],
            path: "Sources/Coordinator", swiftSettings: strict),
        .executableTarget(
            name: "contrast", dependencies: ["ContrastCoordinator", "ContrastCrypto"], path: "Sources/CLI",
            swiftSettings: strict),

        // Tests-only support: vector locator, CAVP/Wycheproof/JSON readers, hex, deterministic randomness.
        .target(name: "TestSupport", dependencies: ["ContrastCrypto"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "CryptoTests", dependencies: ["ContrastCrypto", "TestSupport"], path: "Tests/CryptoTests",
            swiftSettings: strict),
        .testTarget(
            name: "ASN1Tests", dependencies: ["ContrastASN1", "ContrastCrypto", "TestSupport"],
            path: "Tests/ASN1Tests", swiftSettings: strict),
        .testTarget(
            name: "TLSTests", dependencies: ["ContrastTLS", "TestSupport"], path: "Tests/TLSTests",
            swiftSettings: strict),
        .testTarget(
            name: "CoordinatorTests", dependencies: ["ContrastCoordinator", "TestSupport"],
            path: "Tests/CoordinatorTests", swiftSettings: strict),
        .testTarget(
            name: "CLITests", dependencies: ["contrast", "TestSupport"], path: "Tests/CLITests",
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
