// SPDX-License-Identifier: Apache-2.0
// The key-value store interface under the history (upstream `history.Store`: Get, Set, Has, CompareAndSwap, Watch; spec/upstream.md §4).

/// Errors from a store backend.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key does not match `^[a-zA-Z0-9-]+/[a-zA-Z0-9-]+$`.
    case invalidKey(String)
    /// `get` of a key that is not set.
    case notFound(String)
    /// Compare-and-swap found a value other than the expected one (upstream `ErrCASFailed`).
    case casConflict(String)
    /// A content-addressed object's SHA-256 does not match its name (upstream `HashMismatchError`).
    case hashMismatch(key: String)
    /// A stored value is malformed (e.g. a transition that is not 64 bytes).
    case corrupt(key: String, reason: String)
    /// The operating system refused an operation; `errno` and what was being done.
    case io(operation: String, path: String, errno: Int32)
    /// The backend cannot serve this request (closed, unsupported).
    case unavailable(String)

    public var description: String {
        switch self {
        case .invalidKey(let k): return "invalid store key \"\(k)\""
        case .notFound(let k): return "key \"\(k)\" not found"
        case .casConflict(let k): return "compare-and-swap on \"\(k)\" failed: the value was changed concurrently"
        case .hashMismatch(let k): return "hash mismatch for \"\(k)\": the stored object does not match its name"
        case .corrupt(let k, let reason): return "corrupt value at \"\(k)\": \(reason)"
        case .io(let op, let path, let e): return "\(op) \(path): errno \(e)"
        case .unavailable(let why): return "store unavailable: \(why)"
        }
    }
}

/// A key-value store with compare-and-swap and change notification. Keys are `dir/name`
/// (`^[a-zA-Z0-9-]+/[a-zA-Z0-9-]+$`). Implementations are safe to call from any thread.
public protocol Store: Sendable {
    /// The value of `key`.
    /// - Throws: `StoreError.notFound` if absent.
    func get(_ key: String) throws(StoreError) -> [UInt8]
    /// Sets `key` unconditionally (durably, for persistent backends).
    func set(_ key: String, _ value: [UInt8]) throws(StoreError)
    /// True if `key` is set.
    func has(_ key: String) throws(StoreError) -> Bool
    /// Sets `key` to `new` only if its current value equals `old` byte for byte; an absent key equals
    /// `nil` (upstream treats absent as empty; we keep the two apart so that an empty value is not "absent").
    /// - Throws: `StoreError.casConflict` when the current value differs.
    func compareAndSwap(_ key: String, old: [UInt8]?, new: [UInt8]) throws(StoreError)
    /// A stream of the values of `key`: first the current value (nil if absent), then each change. Backends
    /// may coalesce rapid changes but always deliver the latest value. Ends when the consumer stops iterating.
    func watch(_ key: String) -> AsyncStream<[UInt8]?>
}

/// Store key syntax (spec/upstream.md §4): `^[a-zA-Z0-9-]+/[a-zA-Z0-9-]+$`.
public enum StoreKey {
    /// True if `key` is two non-empty segments of `[a-zA-Z0-9-]` joined by one `/`.
    public static func isValid(_ key: String) -> Bool {
        var segments = 1
        var segmentLength = 0
        for c in key.utf8 {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                segmentLength += 1
            case UInt8(ascii: "/"):
                guard segmentLength > 0 else { return false }
                segments += 1
                segmentLength = 0
            default:
                return false
            }
        }
        return segments == 2 && segmentLength > 0
    }

    /// Throws `invalidKey` unless `key` is valid.
    public static func check(_ key: String) throws(StoreError) {
        guard isValid(key) else { throw .invalidKey(key) }
    }
}
