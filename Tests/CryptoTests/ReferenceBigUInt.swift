// SPDX-License-Identifier: Apache-2.0
// A slow, obviously-correct unsigned big integer (base 2^32 schoolbook, bitwise long division) for differential tests.

/// Unsigned integer as little-endian 32-bit limbs without leading zero limbs. Every operation is the textbook
/// one with 64-bit intermediates; speed is irrelevant.
struct ReferenceBigUInt: Equatable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt32]

    init(limbs: [UInt32]) {
        var l = limbs
        while l.last == 0 { l.removeLast() }
        self.limbs = l
    }

    init(_ v: UInt64) { self.init(limbs: [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]) }

    /// From big-endian bytes.
    init(bigEndian bytes: [UInt8]) {
        var l = [UInt32](repeating: 0, count: (bytes.count + 3) / 4)
        for (i, b) in bytes.reversed().enumerated() { l[i / 4] |= UInt32(b) << UInt32(8 * (i % 4)) }
        self.init(limbs: l)
    }

    /// 2^k.
    static func power2(_ k: Int) -> ReferenceBigUInt {
        var l = [UInt32](repeating: 0, count: k / 32 + 1)
        l[k / 32] = 1 << UInt32(k % 32)
        return ReferenceBigUInt(limbs: l)
    }

    static let zero = ReferenceBigUInt(limbs: [])
    static let one = ReferenceBigUInt(1)

    var isZero: Bool { limbs.isEmpty }
    var bitWidth: Int { limbs.isEmpty ? 0 : 32 * limbs.count - limbs[limbs.count - 1].leadingZeroBitCount }
    func bit(_ i: Int) -> Bool { i / 32 < limbs.count && (limbs[i / 32] >> UInt32(i % 32)) & 1 == 1 }

    /// Big-endian bytes, left-padded to `count` (the value must fit).
    func bytes(count: Int) -> [UInt8] {
        precondition(bitWidth <= 8 * count, "value too wide")
        return (0..<count).map { i in
            let byteIndex = count - 1 - i
            guard byteIndex / 4 < limbs.count else { return 0 }
            return UInt8(truncatingIfNeeded: limbs[byteIndex / 4] >> UInt32(8 * (byteIndex % 4)))
        }
    }

    var description: String { bytes(count: max(1, (bitWidth + 7) / 8)).map { String($0, radix: 16) }.joined() }

    static func < (a: ReferenceBigUInt, b: ReferenceBigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }

    static func + (a: ReferenceBigUInt, b: ReferenceBigUInt) -> ReferenceBigUInt {
        var out = [UInt32]()
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            out.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        out.append(UInt32(carry))
        return ReferenceBigUInt(limbs: out)
    }

    /// a − b for a ≥ b.
    static func - (a: ReferenceBigUInt, b: ReferenceBigUInt) -> ReferenceBigUInt {
        precondition(!(a < b), "negative difference")
        var out = [UInt32]()
        var borrow: Int64 = 0
        for i in 0..<a.limbs.count {
            var d = Int64(a.limbs[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
            borrow = 0
            if d < 0 {
                d += 1 << 32
                borrow = 1
            }
            out.append(UInt32(d))
        }
        return ReferenceBigUInt(limbs: out)
    }

    static func * (a: ReferenceBigUInt, b: ReferenceBigUInt) -> ReferenceBigUInt {
        var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            for j in 0..<b.limbs.count {
                let t = UInt64(a.limbs[i]) * UInt64(b.limbs[j]) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            out[i + b.limbs.count] = UInt32(carry)
        }
        return ReferenceBigUInt(limbs: out)
    }

    /// a mod m by binary long division (one bit at a time: r = 2r + bit, minus m while r ≥ m), in place.
    static func % (a: ReferenceBigUInt, m: ReferenceBigUInt) -> ReferenceBigUInt {
        precondition(!m.isZero, "division by zero")
        if a < m { return a }
        let width = m.limbs.count + 1
        var r = [UInt32](repeating: 0, count: width)
        for i in stride(from: a.bitWidth - 1, through: 0, by: -1) {
            var carry: UInt32 = a.bit(i) ? 1 : 0
            for j in 0..<width {
                let next = r[j] >> 31
                r[j] = (r[j] << 1) | carry
                carry = next
            }
            // r < 2m here, so at most one subtraction.
            var geq = true
            for j in stride(from: width - 1, through: 0, by: -1) {
                let mj = j < m.limbs.count ? m.limbs[j] : 0
                if r[j] != mj {
                    geq = r[j] > mj
                    break
                }
            }
            if geq {
                var borrow: Int64 = 0
                for j in 0..<width {
                    var d = Int64(r[j]) - Int64(j < m.limbs.count ? m.limbs[j] : 0) - borrow
                    borrow = 0
                    if d < 0 {
                        d += 1 << 32
                        borrow = 1
                    }
                    r[j] = UInt32(d)
                }
            }
        }
        return ReferenceBigUInt(limbs: r)
    }

    /// self^e mod m, square and multiply.
    func power(_ e: ReferenceBigUInt, modulo m: ReferenceBigUInt) -> ReferenceBigUInt {
        var result = ReferenceBigUInt.one % m
        for i in stride(from: e.bitWidth - 1, through: 0, by: -1) {
            result = (result * result) % m
            if e.bit(i) { result = (result * self) % m }
        }
        return result
    }
}
