// SPDX-License-Identifier: Apache-2.0
// Constant-time masks, comparison and selection (BearSSL ctl style; STYLE.md §8.4).
// CT-FILE

/// Zero, in a place the optimiser cannot see into: an externally visible mutable global, so no compiler may
/// assume its value. Nothing ever writes it. `ConstantTime.valueBarrier` XORs it into masks.
///
/// `@exclusivity(unchecked)`: a global `var` otherwise gets a dynamic exclusivity check (a call into the
/// runtime, `swift_beginAccess`) at every read, 159 call sites in the release binary, in the Montgomery
/// products and the curves' table scans among them. The check can never fire, as nothing writes the variable.
@exclusivity(unchecked) @usableFromInline nonisolated(unsafe) var constantTimeOpaqueZero: UInt64 = 0

/// Branch-free helpers for code that touches secrets.
///
/// A *mask* is a `UInt64` that is either all ones (true) or all zeros (false). Masks are combined with
/// `&`, `|` and `~` and consumed by `select`/`conditionalCopy`, never by `if`.
///
/// Every mask made here passes through `valueBarrier`. Without it LLVM recognises `(x | −x) >> 63` as
/// `x != 0` and `b ^ (m & (a ^ b))` with such an `m` as a select, which it may then lower to a *branch*:
/// release builds turned the masked table scan of the fixed-base comb into `if digit == j { load entry j }`,
/// a secret-dependent branch and memory access (found by reading the disassembly of
/// `JacobianPoint.generatorMultiple`; BoringSSL's `value_barrier_w` guards against the same thing).
/// - CT: every function here runs in time independent of its arguments' values (lengths are public).
public enum ConstantTime {
    /// `x` unchanged, but opaque to the optimiser: it can no longer prove that a mask is 0 or all ones and so
    /// cannot turn masked arithmetic back into branches.
    @inlinable @inline(__always)
    public static func valueBarrier(_ x: UInt64) -> UInt64 {
        x ^ constantTimeOpaqueZero
    }

    /// All ones if `x == 0`, else zero.
    @inlinable @inline(__always)
    public static func isZero(_ x: UInt64) -> UInt64 {
        // (x | -x) has its top bit set iff x != 0.
        let nonZero = valueBarrier((x | (0 &- x)) >> 63)
        return nonZero &- 1
    }

    /// All ones if `a == b`, else zero.
    @inlinable @inline(__always)
    public static func isEqual(_ a: UInt64, _ b: UInt64) -> UInt64 {
        isZero(a ^ b)
    }

    /// All ones if `a < b` (unsigned), else zero.
    @inlinable @inline(__always)
    public static func isLess(_ a: UInt64, _ b: UInt64) -> UInt64 {
        // Borrow of a - b, computed without a branch (Hacker's Delight §2-12).
        let borrow = valueBarrier(((~a & b) | (~(a ^ b) & (a &- b))) >> 63)
        return 0 &- borrow
    }

    /// Mask from the low bit of `bit` (0 or 1): 1 → all ones, 0 → zero.
    @inlinable @inline(__always)
    public static func mask(fromBit bit: UInt64) -> UInt64 {
        0 &- valueBarrier(bit & 1)
    }

    /// `mask ? a : b` without a branch.
    @inlinable @inline(__always)
    public static func select(_ mask: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        b ^ (mask & (a ^ b))
    }

    /// `mask ? a : b` for bytes; only the low 8 bits of `mask` are used.
    @inlinable @inline(__always)
    public static func select(_ mask: UInt64, _ a: UInt8, _ b: UInt8) -> UInt8 {
        b ^ (UInt8(truncatingIfNeeded: mask) & (a ^ b))
    }

    /// Copies `source` into `destination` where `mask` is all ones; leaves it unchanged otherwise.
    /// - Precondition: equal counts (public).
    @inlinable
    public static func conditionalCopy(_ mask: UInt64, from source: [UInt8], into destination: inout [UInt8]) {
        precondition(source.count == destination.count, "conditionalCopy: lengths differ")  // public lengths
        let m = UInt8(truncatingIfNeeded: mask)
        for i in 0..<source.count {
            destination[i] ^= m & (source[i] ^ destination[i])
        }
    }

    /// Byte-wise equality of two buffers. Runs over the whole length; returns `false` at once only when the
    /// (public) lengths differ.
    @inlinable
    public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }  // public: lengths are not secret
        var acc: UInt8 = 0
        for i in 0..<a.count {
            acc |= a[i] ^ b[i]
        }
        return isZero(UInt64(acc)) == ~0
    }

    /// Byte-wise equality of two byte collections, constant-time in their contents.
    @inlinable
    public static func equals<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }  // public: lengths are not secret
        var acc: UInt8 = 0
        for (x, y) in zip(a, b) {
            acc |= x ^ y
        }
        return isZero(UInt64(acc)) == ~0
    }
}

/// Constant-time equality of two byte collections (free-function spelling, as in swift-crypto's
/// `safeCompare`). Lengths are public; contents are not.
@inlinable
public func constantTimeEquals<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
    ConstantTime.equals(a, b)
}
