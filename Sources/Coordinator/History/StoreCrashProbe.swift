// SPDX-License-Identifier: Apache-2.0
// The writer and checker behind the file-store SIGKILL crash test (issue: history store must survive kills at any point).

#if canImport(Glibc)
import Glibc
#endif

/// A workload for crash-testing a `Store`: a writer (run in a child process that gets SIGKILLed at a
/// random moment) and a checker (run afterwards). The writer mirrors the history's write pattern: it
/// stores a self-checking object, then advances a pointer key with compare-and-swap, then reports the
/// committed counter on standard output.
///
/// Object `probe/<counter>-<checksum>`: random bytes (0–8 KiB) followed by their 8-byte FNV-1a checksum.
/// Pointer `probe/latest`: counter (8 bytes big-endian) ‖ object name (ASCII) ‖ FNV-1a of both (8 bytes).
public enum StoreCrashProbe {
    public static let latestKey = "probe/latest"

    /// What the checker found.
    public struct Report: Sendable, Equatable {
        /// Counter in `probe/latest` (0 when absent).
        public var latest: UInt64
        /// Number of objects that were checked.
        public var objects: Int
    }

    /// Writes forever (until killed). `committed` is called after each successful compare-and-swap.
    public static func runWriter(store: some Store, seed: UInt64, committed: (UInt64) -> Void) throws(StoreError) -> Never {
        var rng = SplitMix64(seed: seed)
        var current: [UInt8]? = try? store.get(latestKey)
        var counter = try current.map { (v) throws(StoreError) in try parseLatest(v).counter } ?? 0
        while true {
            counter += 1
            let length = Int(rng.next() % 8_192)
            var body: [UInt8] = []
            body.reserveCapacity(length + 8)
            while body.count < length { body += be64(rng.next()) }
            body.removeLast(body.count - length)
            let sum = fnv1a(body)
            let name = "probe/\(counter)-\(hex64(sum))"
            try store.set(name, body + be64(sum))
            let latest = encodeLatest(counter: counter, object: name)
            try store.compareAndSwap(latestKey, old: current, new: latest)
            current = latest
            committed(counter)
        }
    }

    /// Checks the invariants: every object's checksum verifies, `probe/latest` is well formed and names
    /// an object that exists and verifies.
    /// - Throws: `StoreError.corrupt` or `.hashMismatch` describing the first violation.
    public static func check(store: FileStore) throws(StoreError) -> Report {
        var objects = 0
        for key in store.keys(in: "probe") where key != latestKey {
            try verifyObject(key, try store.get(key))
            objects += 1
        }
        guard let latest = try? store.get(latestKey) else { return Report(latest: 0, objects: objects) }
        let (counter, name) = try parseLatest(latest)
        try verifyObject(name, try store.get(name))
        return Report(latest: counter, objects: objects)
    }

    static func verifyObject(_ key: String, _ value: [UInt8]) throws(StoreError) {
        guard value.count >= 8 else { throw .corrupt(key: key, reason: "object shorter than its checksum") }
        let body = Array(value[..<(value.count - 8)])
        let sum = fnv1a(body)
        guard be64(sum) == Array(value[(value.count - 8)...]), key.hasSuffix("-" + hex64(sum)) else {
            throw .hashMismatch(key: key)
        }
    }

    static func encodeLatest(counter: UInt64, object: String) -> [UInt8] {
        let body = be64(counter) + Array(object.utf8)
        return body + be64(fnv1a(body))
    }

    static func parseLatest(_ v: [UInt8]) throws(StoreError) -> (counter: UInt64, object: String) {
        guard v.count > 16 else { throw .corrupt(key: latestKey, reason: "too short (\(v.count) bytes)") }
        let body = Array(v[..<(v.count - 8)])
        guard be64(fnv1a(body)) == Array(v[(v.count - 8)...]) else {
            throw .corrupt(key: latestKey, reason: "checksum mismatch: torn write")
        }
        var counter: UInt64 = 0
        for b in body[0..<8] { counter = counter << 8 | UInt64(b) }
        return (counter, String(decoding: body[8...], as: UTF8.self))
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    static func be64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * $0)) } }

    static func hex64(_ v: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<16).map { digits[Int((v >> (60 - 4 * UInt64($0))) & 0xF)] }, as: UTF8.self)
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
