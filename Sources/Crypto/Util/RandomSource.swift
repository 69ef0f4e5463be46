// SPDX-License-Identifier: Apache-2.0
// Randomness as an injected dependency (STYLE.md §8.9 rule 12) and the system CSPRNG over getrandom(2).

#if canImport(Glibc)
import Glibc
#endif

/// getrandom(2) from glibc's <sys/random.h>, which the Glibc module map leaves out; bound by symbol name with
/// the C calling convention.
@_extern(c, "getrandom")
func sys_getrandom(_ buffer: UnsafeMutableRawPointer?, _ length: Int, _ flags: UInt32) -> Int

/// A source of cryptographically secure random bytes. Key generation, nonces, serials and TLS randoms
/// take one of these so that tests can pass a deterministic source.
public protocol RandomSource {
    /// Fills `buffer` completely with random bytes, or throws `CryptoError.randomSourceFailure`.
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError)
}

extension RandomSource {
    /// Returns `count` random bytes.
    public mutating func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var failure: CryptoError?
        out.withUnsafeMutableBytes { buffer in
            do throws(CryptoError) { try self.fill(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }
}

/// The operating system's CSPRNG: `getrandom(2)` with flags 0 (blocks until the kernel pool is
/// initialised, never returns weak bytes). EINTR is retried and short reads are continued; any other
/// failure is an error, never a fallback to a weaker source.
public struct SystemRandom: RandomSource, Sendable {
    public init() {}

    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        try SystemRandom.fill(buffer)
    }

    /// Stateless spelling of `fill(_:)`.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard let base = buffer.baseAddress else { return }  // empty buffer: nothing to do
        var done = 0
        while done < buffer.count {
            // getrandom(2): reads of up to 256 bytes never come back short once the pool is ready; longer
            // reads may, and are simply continued.
            let n = sys_getrandom(base + done, buffer.count - done, 0)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw .randomSourceFailure
            }
        }
    }

    /// Returns `count` fresh random bytes.
    public static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        var r = SystemRandom()
        return try r.bytes(count: count)
    }
}
