// SPDX-License-Identifier: Apache-2.0
// Injected wall-clock time for certificate validity (STYLE.md §8.6: time arrives as an input).

#if canImport(Glibc)
import Glibc
#endif

/// The current time in whole seconds since the Unix epoch. Tests pass a fixed clock.
public protocol WallClock: Sendable {
    func secondsSinceEpoch() -> Int64
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func secondsSinceEpoch() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }
}

/// A clock stuck at one instant.
public struct FixedWallClock: WallClock {
    public let seconds: Int64
    public init(secondsSinceEpoch: Int64) { seconds = secondsSinceEpoch }
    public func secondsSinceEpoch() -> Int64 { seconds }
}
