// SPDX-License-Identifier: Apache-2.0
// History over a Store: content addressing, hash checks on read, chain walk, ancestry, signed latest with CAS.

import ContrastCoordinator
import ContrastCrypto
import Testing

/// Test double for the P-384 transaction key: an HMAC "signature" (the real signer is the seed-derived
/// ECDSA key; the history only needs sign/verify to agree).
struct HMACTestSigner: TransitionSigner, TransitionVerifier {
    let key: [UInt8]
    func signTransitionHash(_ h: [UInt8]) throws(StoreError) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: h, using: SymmetricKey(data: key)))
    }
    func isValidTransitionSignature(_ s: [UInt8], for h: [UInt8]) -> Bool {
        (try? signTransitionHash(h)) == s
    }
}

@Suite("History")
struct HistoryTests {
    let signer = HMACTestSigner(key: [1, 2, 3])

    /// Appends manifests like SetManifest does: store manifest, store transition, CAS latest.
    func append(_ history: History, _ manifests: [String]) throws -> [[UInt8]] {
        var hashes: [[UInt8]] = []
        for m in manifests {
            let old = try history.hasLatest() ? try history.getLatestInsecure() : nil
            let mh = try history.setManifest(Array(m.utf8))
            let t = try Transition(manifestHash: mh, previousTransitionHash: old?.transitionHash ?? Transition.rootHash)
            let th = try history.setTransition(t)
            try history.setLatest(old: old, transitionHash: th, signer: signer)
            hashes.append(th)
        }
        return hashes
    }

    @Test("chain round trip: manifests come back oldest first, byte for byte", arguments: Backend.allCases)
    func roundTrip(backend: Backend) throws {
        let (store, cleanup) = try backend.make()
        defer { cleanup() }
        let history = History(store: store)
        #expect(try history.hasLatest() == false)
        let hashes = try append(history, ["{\"v\": 1}", "{\"v\": 2}", "{\"v\":3}\n"])
        let latest = try history.getLatest(verifier: signer)
        #expect(latest.transitionHash == hashes[2])
        #expect(try history.manifests(endingAt: latest.transitionHash).map { String(decoding: $0, as: UTF8.self) } == ["{\"v\": 1}", "{\"v\": 2}", "{\"v\":3}\n"])
        let chain = try history.chain(endingAt: hashes[2])
        #expect(chain.map(\.hash) == hashes)
        #expect(chain[0].transition.previousTransitionHash == Transition.rootHash)
        #expect(try store.has("manifests/" + Array(SHA256.hash(data: Array("{\"v\": 1}".utf8))).hexString))
    }

    @Test("the transition wire form is 64 bytes and named by its SHA-256")
    func transitionFormat() throws {
        let t = try Transition(manifestHash: [UInt8](repeating: 0xAA, count: 32), previousTransitionHash: Transition.rootHash)
        #expect(t.bytes.count == 64)
        #expect(t.hash == Array(SHA256.hash(data: t.bytes)))
        #expect(try Transition(bytes: t.bytes) == t)
        #expect(throws: StoreError.self) { try Transition(bytes: Array(t.bytes.dropLast())) }
        #expect(throws: StoreError.self) { try LatestTransition(bytes: [UInt8](repeating: 0, count: 32)) }
    }

    @Test("tampered manifests, policies and transitions are detected on read")
    func tamper() throws {
        let store = MemoryStore()
        let history = History(store: store)
        let hashes = try append(history, ["a", "b"])
        let mh = Array(SHA256.hash(data: Array("a".utf8)))
        store.tamper("manifests/" + mh.hexString, Array("A".utf8))
        #expect(throws: StoreError.hashMismatch(key: "manifests/" + mh.hexString)) { try history.getManifest(mh) }
        #expect(throws: StoreError.hashMismatch(key: "manifests/" + mh.hexString)) { try history.manifests(endingAt: hashes[1]) }
        let ph = try history.setPolicy(Array("policy".utf8))
        #expect(try history.getPolicy(ph) == Array("policy".utf8))
        store.tamper("policies/" + ph.hexString, Array("p0licy".utf8))
        #expect(throws: StoreError.hashMismatch(key: "policies/" + ph.hexString)) { try history.getPolicy(ph) }
        store.tamper("transitions/" + hashes[0].hexString, [UInt8](repeating: 1, count: 64))
        #expect(throws: StoreError.hashMismatch(key: "transitions/" + hashes[0].hexString)) { try history.chain(endingAt: hashes[1]) }
    }

    @Test("a latest pointer with a bad signature is rejected by getLatest but readable insecurely")
    func badSignature() throws {
        let store = MemoryStore()
        let history = History(store: store)
        _ = try append(history, ["a"])
        let other = HMACTestSigner(key: [9])
        #expect(throws: StoreError.self) { try history.getLatest(verifier: other) }
        #expect(try history.getLatestInsecure().transitionHash.count == 32)
    }

    @Test("a concurrent update of latest is reported as a CAS conflict")
    func casConflict() throws {
        let store = MemoryStore()
        let history = History(store: store)
        _ = try append(history, ["a"])
        let stale = try history.getLatestInsecure()
        _ = try append(history, ["b"])
        #expect(throws: StoreError.casConflict(History.latestKey)) {
            try history.setLatest(old: stale, transitionHash: [UInt8](repeating: 5, count: 32), signer: signer)
        }
        #expect(throws: StoreError.casConflict(History.latestKey)) {
            try history.setLatest(old: nil, transitionHash: [UInt8](repeating: 5, count: 32), signer: signer)
        }
    }

    @Test("ancestry: older transitions and the root are ancestors; forks are not")
    func ancestry() throws {
        let store = MemoryStore()
        let history = History(store: store)
        let main = try append(history, ["a", "b", "c"])
        #expect(try history.isAncestor(main[0], of: main[2]))
        #expect(try history.isAncestor(main[2], of: main[2]))
        #expect(try history.isAncestor(Transition.rootHash, of: main[0]))
        #expect(try history.isAncestor(main[2], of: main[0]) == false)
        let fork = try history.setTransition(try Transition(manifestHash: [UInt8](repeating: 7, count: 32), previousTransitionHash: main[0]))
        #expect(try history.isAncestor(fork, of: main[2]) == false)
        #expect(try history.isAncestor(main[0], of: fork))
    }

    @Test("watchLatest reports the pointer as it moves")
    func watchLatest() async throws {
        let store = MemoryStore()
        let history = History(store: store)
        var it = history.watchLatest().makeAsyncIterator()
        let first = await it.next()
        #expect(first == .some(nil))
        let hashes = try append(history, ["a"])
        let second = await it.next()
        #expect(second??.transitionHash == hashes[0])
    }
}
