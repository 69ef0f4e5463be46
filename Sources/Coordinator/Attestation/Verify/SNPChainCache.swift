// SPDX-License-Identifier: Apache-2.0
// Cache of verified AMD chains, so the RSA work is done once per chip and TCB (a VCEK is specific to both).
// Looked up by the signer certificate's signature value (cheap to hash, distinct per certificate) and confirmed by
// comparing all three certificates byte for byte: a hit is exactly the chain that was verified.

import ContrastASN1
import Synchronization

/// Thread-safe; share one instance between verifications.
public final class SNPChainCache: Sendable {
    private struct Key: Hashable {
        let leafSignature: [UInt8]
        let product: SNPProduct
        let kind: UInt32
    }

    private struct Entry {
        let leaf: [UInt8]
        let intermediate: [UInt8]
        let root: [UInt8]
        let chain: VerifiedAMDChain
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// Upper bound on entries; the cache is cleared when it is reached (chips × TCB versions are few in practice).
    public let capacity: Int

    public init(capacity: Int = 1024) { self.capacity = capacity }

    public var count: Int { entries.withLock { $0.count } }

    func lookup(leaf: Certificate, intermediate: Certificate, root: Certificate, product: SNPProduct, kind: SNPReport.SigningKey) -> VerifiedAMDChain? {
        let k = Key(leafSignature: leaf.signature, product: product, kind: kind.rawValue)
        guard let e = entries.withLock({ $0[k] }) else { return nil }
        // The whole certificates, not just the key's signature, must be the ones verified.
        guard e.leaf == leaf.derBytes, e.intermediate == intermediate.derBytes, e.root == root.derBytes else { return nil }
        return e.chain
    }

    func store(_ chain: VerifiedAMDChain, leaf: Certificate, intermediate: Certificate, root: Certificate, product: SNPProduct, kind: SNPReport.SigningKey) {
        let k = Key(leafSignature: leaf.signature, product: product, kind: kind.rawValue)
        let e = Entry(leaf: leaf.derBytes, intermediate: intermediate.derBytes, root: root.derBytes, chain: chain)
        entries.withLock {
            if $0.count >= capacity { $0.removeAll() }
            $0[k] = e
        }
    }
}
