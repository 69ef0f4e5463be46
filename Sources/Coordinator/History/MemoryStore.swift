// SPDX-License-Identifier: Apache-2.0
// An in-memory `Store` for tests and for a Coordinator without persistence.

import Synchronization

/// A `Store` held in memory. Watchers are notified synchronously on every change.
public final class MemoryStore: Store {
    private struct State {
        var values: [String: [UInt8]] = [:]
        var watchers: [String: [Int: AsyncStream<[UInt8]?>.Continuation]] = [:]
        var nextWatcher = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func get(_ key: String) throws(StoreError) -> [UInt8] {
        try StoreKey.check(key)
        guard let v = state.withLock({ $0.values[key] }) else { throw .notFound(key) }
        return v
    }

    public func set(_ key: String, _ value: [UInt8]) throws(StoreError) {
        try StoreKey.check(key)
        state.withLock { s in
            s.values[key] = value
            for c in (s.watchers[key] ?? [:]).values { c.yield(value) }
        }
    }

    public func has(_ key: String) throws(StoreError) -> Bool {
        try StoreKey.check(key)
        return state.withLock { $0.values[key] != nil }
    }

    public func compareAndSwap(_ key: String, old: [UInt8]?, new: [UInt8]) throws(StoreError) {
        try StoreKey.check(key)
        let swapped = state.withLock { s -> Bool in
            guard s.values[key] == old else { return false }
            s.values[key] = new
            for c in (s.watchers[key] ?? [:]).values { c.yield(new) }
            return true
        }
        guard swapped else { throw .casConflict(key) }
    }

    public func watch(_ key: String) -> AsyncStream<[UInt8]?> {
        let (stream, continuation) = AsyncStream<[UInt8]?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { s -> Int in
            let id = s.nextWatcher
            s.nextWatcher += 1
            s.watchers[key, default: [:]][id] = continuation
            continuation.yield(s.values[key])
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers[key]?.removeValue(forKey: id) }
        }
        return stream
    }

    /// Replaces a stored value without notification or checks: tests use it to tamper with objects.
    package func tamper(_ key: String, _ value: [UInt8]) {
        state.withLock { $0.values[key] = value }
    }
}
