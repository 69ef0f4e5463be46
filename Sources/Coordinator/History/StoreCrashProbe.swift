// SPDX-License-Identifier: Apache-2.0
// The writer and checker behind the file-store SIGKILL crash test: real history writes (issue 9 "History").

import ContrastCrypto

/// A crash-test workload over the real history format: the writer (run in a child process that is
/// SIGKILLed at a random moment) appends manifests exactly as SetManifest does — store the manifest, store
/// the 64-byte transition, compare-and-swap `transitions/latest` signed with a seed-derived transaction
/// key — and reports each committed chain length on standard output. The checker then requires that every
/// stored manifest and transition matches its name, that `latest` verifies with the transaction key
/// (a torn pointer cannot), and that the chain behind it is complete.
public enum StoreCrashProbe {
    /// What the checker found.
    public struct Report: Sendable, Equatable {
        /// Number of transitions behind `latest` (0 when absent).
        public var latest: UInt64
        /// Number of content-addressed objects that were checked.
        public var objects: Int
    }

    /// The fixed transaction key both sides use (derived like a real Coordinator's, from a fixed test seed).
    static func key() throws(StoreError) -> TransactionSigningKey {
        do {
            let engine = try SeedEngine(seed: [UInt8](repeating: 0x5A, count: 64), salt: [UInt8](repeating: 0xA5, count: 32))
            return try engine.transactionSigningKey()
        } catch { throw .unavailable("test key: \(error)") }
    }

    /// Writes forever (until killed). `committed` is called after each successful compare-and-swap.
    public static func runWriter(store: some Store, seed: UInt64, committed: (UInt64) -> Void) throws(StoreError) -> Never {
        let history = History(store: store)
        let signer = try key()
        var rng = SplitMix64(seed: seed)
        var old: LatestTransition? = try history.hasLatest() ? try history.getLatest(verifier: signer) : nil
        var count = UInt64(try old.map { (l) throws(StoreError) in try history.chain(endingAt: l.transitionHash).count } ?? 0)
        while true {
            count += 1
            let length = Int(rng.next() % 2048)
            var manifest = Array("{\"n\":\(count),\"pad\":\"".utf8)
            while manifest.count < length { manifest.append(UInt8(0x61 + rng.next() % 26)) }
            manifest += Array("\"}".utf8)
            let mh = try history.setManifest(manifest)
            let t = try Transition(manifestHash: mh, previousTransitionHash: old?.transitionHash ?? Transition.rootHash)
            let th = try history.setTransition(t)
            old = try history.setLatest(old: old, transitionHash: th, signer: signer)
            committed(count)
        }
    }

    /// Checks every invariant; throws the first violation (`hashMismatch`, `corrupt`, `notFound`).
    public static func check(store: FileStore) throws(StoreError) -> Report {
        let history = History(store: store)
        var objects = 0
        for dir in ["manifests", "transitions"] {
            for key in store.keys(in: dir) where key != History.latestKey {
                let name = String(key.dropFirst(dir.count + 1))
                guard let hash = try? [UInt8](hexString: name), hash.count == 32 else {
                    throw .corrupt(key: key, reason: "object name is not a SHA-256")
                }
                if dir == "manifests" { _ = try history.getManifest(hash) } else { _ = try history.getTransition(hash) }
                objects += 1
            }
        }
        guard try history.hasLatest() else { return Report(latest: 0, objects: objects) }
        let latest = try history.getLatest(verifier: try key())
        let chain = try history.chain(endingAt: latest.transitionHash)
        for step in chain { _ = try history.getManifest(step.transition.manifestHash) }
        return Report(latest: UInt64(chain.count), objects: objects)
    }
}

/// SplitMix64: a tiny deterministic generator for test payloads (not for secrets).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
