// SPDX-License-Identifier: Apache-2.0
// Raw RSA private-key components (RFC 8017 §3.2 second representation), for the PKCS#1/PKCS#8 encoders.

extension RSA {
    /// The integers of an RSA private key, big-endian and fixed-width: `n` and `e` without leading zeros, `d`
    /// as long as `n`, `p`, `dP` and `qInv` as long as `p`'s limbs, `q` and `dQ` as long as `q`'s limbs. Fixed
    /// widths keep the export free of value-dependent lengths; DER encoders strip the leading zero bytes.
    public struct PrivateKeyComponents: Sendable {
        public let n: [UInt8]
        public let e: [UInt8]
        public let d: [UInt8]
        public let p: [UInt8]
        public let q: [UInt8]
        public let dP: [UInt8]
        public let dQ: [UInt8]
        public let qInv: [UInt8]

        init(_ core: RSAPrivateCore) {
            n = core.publicCore.nBytes
            e = core.publicCore.eBytes
            d = Limbs.toBigEndian(core.d, length: core.publicCore.byteCount)
            p = Limbs.toBigEndian(core.p.limbs, length: core.p.count * 8)
            q = Limbs.toBigEndian(core.q.limbs, length: core.q.count * 8)
            dP = Limbs.toBigEndian(core.dP, length: core.p.count * 8)
            dQ = Limbs.toBigEndian(core.dQ, length: core.q.count * 8)
            qInv = Limbs.toBigEndian(core.qInv, length: core.p.count * 8)
        }
    }
}
