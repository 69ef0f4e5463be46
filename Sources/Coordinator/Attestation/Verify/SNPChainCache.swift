// SPDX-License-Identifier: Apache-2.0
// Cache of verified AMD chains keyed by the SHA-256 of the signer certificate and its issuers, so the RSA work is
// done once per chip and TCB (a VCEK is specific to both).

import ContrastCrypto
import Synchronization

/// Thread-safe; share one instance between verifications.
public final class SNPChainCache: Sendable {
    private struct Key: Hashable {
        let leaf: [UInt8]
        let intermediate: [UInt8]
        let root: [UInt8]
        let product: SNPProduct
        let kind: UInt32
    }

    private let entries = Mutex<[Key: VerifiedAMDChain]>([:])
    /// Upper bound on entries; the cache is cleared when it is reached (chips × TCB versions are few in practice).
    public let capacity: Int

    public init(capacity: Int = 1024) { self.capacity = capacity }

    public var count: Int { entries.withLock { $0.count } }

    func lookup(leaf: [UInt8], intermediate: [UInt8], root: [UInt8], product: SNPProduct, kind: SNPReport.SigningKey) -> VerifiedAMDChain? {
        let k = Key(leaf: leaf, intermediate: intermediate, root: root, product: product, kind: kind.rawValue)
        return entries.withLock { $0[k] }
    }

    func store(_ chain: VerifiedAMDChain, leaf: [UInt8], intermediate: [UInt8], root: [UInt8], product: SNPProduct, kind: SNPReport.SigningKey) {
        let k = Key(leaf: leaf, intermediate: intermediate, root: root, product: product, kind: kind.rawValue)
        entries.withLock {
            if $0.count >= capacity { $0.removeAll() }
            $0[k] = chain
        }
    }

    static func fingerprint(_ der: [UInt8]) -> [UInt8] { SHA256.hash(data: der).bytes }
}
