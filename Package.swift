// swift-tools-version:6.0
// The Contrast Coordinator and CLI in pure Swift: zero package dependencies, zero C code.
// Folders follow the design card (Sources/{Crypto,ASN1,TLS,Coordinator,CLI}); module names carry the
// `Contrast` prefix so that they can never collide with apple/swift-crypto's `Crypto` (STYLE.md §8.1).

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

// BMI2 for one module only: ContrastSHA2BlocksBMI2 compiles the SHA-2 block functions again with rorx (a
// rotate into a fresh register), and ContrastCrypto calls that build only when /proc/cpuinfo lists bmi2
// (CPUFeatures.swift). Swift has no per-function target attributes, hence a module. The flag is for the host's
// architecture: on other CPUs the module is one more portable build, never called.
//
// Both block-function modules also build without frame pointers (x86-64): the block functions are leaves that
// need every register, and a reserved rbp costs spills inside the rounds: sha512 +2.5 %, sha256 +1.3 % (BMI2
// builds), +1 % (portable) in a stand-alone block benchmark on AMD EPYC. SwiftPM appends
// `-Xcc -fno-omit-frame-pointer` after a target's own flags, so the setting goes to clang's cc1 through
// -Xclang, which clang passes last. (Should a block function ever fault, which only a bad pointer could make it
// do, a frame-pointer backtrace from inside it would stop there.)
#if arch(x86_64)
let noFramePointer: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-Xclang", "-Xcc", "-mframe-pointer=none"])]
let bmi2: [SwiftSetting] = noFramePointer + [.unsafeFlags(["-Xcc", "-mbmi2"])]
#else
let noFramePointer: [SwiftSetting] = []
let bmi2: [SwiftSetting] = []
#endif

let package = Package(
    name: "contrast",
    products: [
        .executable(name: "contrast", targets: ["contrast"])
    ],
    targets: [
        // `@_extern(c)` binds getrandom(2), which Glibc's module map does not export, without any C code.
        .target(
            name: "ContrastCrypto", dependencies: ["ContrastSHA2Blocks", "ContrastSHA2BlocksBMI2"],
            path: "Sources/Crypto", exclude: ["EC/Generated/README.md", "SHA2Blocks", "SHA2BlocksBMI2"],
            swiftSettings: strict + [.enableExperimentalFeature("Extern")]),
        // Parts of ContrastCrypto, in its folder: the SHA-2 block functions, and the same compiled with BMI2.
        .target(name: "ContrastSHA2Blocks", path: "Sources/Crypto/SHA2Blocks", swiftSettings: strict + noFramePointer),
        .target(
            name: "ContrastSHA2BlocksBMI2", dependencies: ["ContrastSHA2Blocks"], path: "Sources/Crypto/SHA2BlocksBMI2",
            swiftSettings: strict + bmi2),
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
            name: "CryptoTests",
            dependencies: ["ContrastCrypto", "ContrastSHA2Blocks", "ContrastSHA2BlocksBMI2", "TestSupport"],
            path: "Tests/CryptoTests",
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
