// SPDX-License-Identifier: Apache-2.0
// The manifest history over a Store: content-addressed manifests, policies and transitions, and the signed latest pointer (spec/upstream.md §4).

import ContrastCrypto

/// Upstream's history: every object is stored under the hex SHA-256 of its bytes and checked on every read;
/// `transitions/latest` points at the newest transition and is written with compare-and-swap.
public struct History: Sendable {
    public static let latestKey = "transitions/latest"
    /// Upper bound on a chain walk; a longer chain can only be a loop or an attack.
    public static let maximumChainLength = 1 << 20

    public let store: any Store

    public init(store: any Store) { self.store = store }

    // MARK: Content-addressed objects

    /// Stores raw manifest bytes under `manifests/<sha256>`; returns the hash.
    @discardableResult
    public func setManifest(_ bytes: [UInt8]) throws(StoreError) -> [UInt8] { try setObject("manifests", bytes) }
    /// Reads `manifests/<hash>` and checks its hash.
    public func getManifest(_ hash: [UInt8]) throws(StoreError) -> [UInt8] { try getObject("manifests", hash) }
    /// Stores a policy (initdata) document under `policies/<sha256>`; returns the hash.
    @discardableResult
    public func setPolicy(_ bytes: [UInt8]) throws(StoreError) -> [UInt8] { try setObject("policies", bytes) }
    /// Reads `policies/<hash>` and checks its hash.
    public func getPolicy(_ hash: [UInt8]) throws(StoreError) -> [UInt8] { try getObject("policies", hash) }
    /// True if `policies/<hash>` exists.
    public func hasPolicy(_ hash: [UInt8]) throws(StoreError) -> Bool { try store.has("policies/" + hash.hexString) }

    /// Stores a transition under `transitions/<sha256>`; returns its hash.
    @discardableResult
    public func setTransition(_ t: Transition) throws(StoreError) -> [UInt8] { try setObject("transitions", t.bytes) }

    /// Reads and checks `transitions/<hash>`.
    public func getTransition(_ hash: [UInt8]) throws(StoreError) -> Transition {
        try Transition(bytes: try getObject("transitions", hash))
    }

    private func setObject(_ dir: String, _ bytes: [UInt8]) throws(StoreError) -> [UInt8] {
        let hash = Array(SHA256.hash(data: bytes))
        try store.set(dir + "/" + hash.hexString, bytes)
        return hash
    }

    private func getObject(_ dir: String, _ hash: [UInt8]) throws(StoreError) -> [UInt8] {
        let key = dir + "/" + hash.hexString
        let value = try store.get(key)
        // Upstream HashMismatchError: the name is a promise about the content, checked on every read.
        guard Array(SHA256.hash(data: value)) == hash else { throw .hashMismatch(key: key) }
        return value
    }

    // MARK: Latest pointer

    /// True if `transitions/latest` exists (a restarted Coordinator with history goes to recovery).
    public func hasLatest() throws(StoreError) -> Bool { try store.has(History.latestKey) }

    /// Reads `transitions/latest` WITHOUT checking the signature (recovery reads it before it has the seed).
    public func getLatestInsecure() throws(StoreError) -> LatestTransition {
        try LatestTransition(bytes: try store.get(History.latestKey))
    }

    /// Reads `transitions/latest` and verifies its signature.
    /// - Throws: `StoreError.corrupt` on a bad signature.
    public func getLatest(verifier: some TransitionVerifier) throws(StoreError) -> LatestTransition {
        let latest = try getLatestInsecure()
        guard verifier.isValidTransitionSignature(latest.signature, for: latest.transitionHash) else {
            throw .corrupt(key: History.latestKey, reason: "signature does not verify with the transaction key")
        }
        return latest
    }

    /// Signs `transitionHash` and compare-and-swaps it into `transitions/latest`. `old` is the value read
    /// before (nil when there is no history yet).
    /// - Throws: `StoreError.casConflict` if another writer moved `latest` first.
    @discardableResult
    public func setLatest(old: LatestTransition?, transitionHash: [UInt8], signer: some TransitionSigner)
        throws(StoreError) -> LatestTransition
    {
        let new = LatestTransition(transitionHash: transitionHash, signature: try signer.signTransitionHash(transitionHash))
        try store.compareAndSwap(History.latestKey, old: old?.bytes, new: new.bytes)
        return new
    }

    /// Changes of `transitions/latest` (nil while absent; malformed values are skipped).
    public func watchLatest() -> AsyncCompactMapSequence<AsyncStream<[UInt8]?>, LatestTransition?> {
        store.watch(History.latestKey).compactMap { (value: [UInt8]?) -> LatestTransition?? in
            guard let value else { return .some(nil) }
            guard let latest = try? LatestTransition(bytes: value) else { return nil }
            return .some(latest)
        }
    }

    // MARK: Chain

    /// The transitions from the first to the one named `hash`, oldest first, each read and hash-checked.
    /// - Throws: `StoreError.corrupt` on a loop or a chain longer than `maximumChainLength`.
    public func chain(endingAt hash: [UInt8]) throws(StoreError) -> [(hash: [UInt8], transition: Transition)] {
        var out: [(hash: [UInt8], transition: Transition)] = []
        var current = hash
        while current != Transition.rootHash {
            guard out.count < History.maximumChainLength else {
                throw .corrupt(key: "transitions/" + hash.hexString, reason: "transition chain too long or looping")
            }
            let t = try getTransition(current)
            out.append((current, t))
            current = t.previousTransitionHash
        }
        return out.reversed()
    }

    /// The raw manifests along the chain ending at `hash`, oldest first (upstream GetManifests order).
    public func manifests(endingAt hash: [UInt8]) throws(StoreError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for step in try chain(endingAt: hash) { out.append(try getManifest(step.transition.manifestHash)) }
        return out
    }

    /// True if `candidate` equals `descendant` or is on the chain behind it (upstream watcher's test before
    /// marking the local state stale). The all-zero root is an ancestor of everything.
    public func isAncestor(_ candidate: [UInt8], of descendant: [UInt8]) throws(StoreError) -> Bool {
        if candidate == Transition.rootHash { return true }
        var current = descendant
        var steps = 0
        while current != Transition.rootHash {
            if current == candidate { return true }
            steps += 1
            guard steps <= History.maximumChainLength else {
                throw .corrupt(key: "transitions/" + descendant.hexString, reason: "transition chain too long or looping")
            }
            current = try getTransition(current).previousTransitionHash
        }
        return false
    }
}
