// SPDX-License-Identifier: Apache-2.0
// RSA base blinding kept between private-key operations: a pair (r^e, r⁻¹) squared after each use and
// refreshed from fresh randomness every 32 uses, as OpenSSL's BN_BLINDING does (crypto/bn/bn_blind.c).
// CT-FILE

import Synchronization

/// A blinding pair `(r^e, r⁻¹)`, both in Montgomery form modulo `n`, and the number of operations it may still
/// blind before a fresh `r` is drawn.
struct BlindingPair: Sendable {
    let rE: [UInt64]
    let rInv: [UInt64]
    let remaining: Int

    /// The pair for `r²`: `((r^e)², (r⁻¹)²)`, or nil when the pair is used up.
    /// - CT: time depends only on the size of `n` (and on the public count).
    func next(_ n: MontgomeryModulus) -> BlindingPair? {
        guard remaining > 1 else { return nil }  // public: use count
        return BlindingPair(rE: n.square(rE), rInv: n.square(rInv), remaining: remaining - 1)
    }
}

/// The blinding pair kept by a private key between operations, behind a lock so that the key stays `Sendable`
/// and no two operations ever use the same pair: `take` empties the slot, and a concurrent operation that finds
/// it empty draws a fresh pair of its own.
final class BlindingCache: Sendable {
    /// Operations blinded by squarings of one random `r` before a fresh one is drawn (OpenSSL's
    /// BN_BLINDING_COUNTER is 32 too).
    static let uses = 32

    private let slot = Mutex<BlindingPair?>(nil)

    init() {}

    /// Removes and returns the stored pair, if any.
    func take() -> BlindingPair? {
        slot.withLock { pair in
            let taken = pair
            pair = nil
            return taken
        }
    }

    /// Stores `pair` (nil leaves the slot empty, so the next operation draws a fresh one).
    func put(_ pair: BlindingPair?) {
        slot.withLock { $0 = pair }
    }
}
