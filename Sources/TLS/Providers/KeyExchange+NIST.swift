// SPDX-License-Identifier: Apache-2.0
// secp256r1 / secp384r1 key shares over ContrastCrypto's ECDH (RFC 8446 §4.2.8.2, §7.4.2).

import ContrastCrypto

/// An ECDH key share on a NIST curve: UncompressedPointRepresentation out, x-coordinate shared secret.
struct P256Share: KeyShareSecret {
    let key: P256.KeyAgreement.PrivateKey
    var group: NamedGroup { .secp256r1 }
    var publicKey: [UInt8] { key.publicKey.x963Representation }

    /// RFC 8446 §4.2.8.2: peers must validate the point (the decoder checks it is on the curve).
    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8] {
        guard peerKeyExchange.count == 65, peerKeyExchange.first == 4 else {
            throw .peerMisbehaved(.illegalParameter("secp256r1 key share encoding"))
        }
        do {
            let peer = try P256.KeyAgreement.PublicKey(x963Representation: peerKeyExchange)
            return try key.sharedSecretFromKeyAgreement(with: peer).bytes
        } catch {
            throw .peerMisbehaved(.illegalParameter("secp256r1 key share"))
        }
    }
}

struct P384Share: KeyShareSecret {
    let key: P384.KeyAgreement.PrivateKey
    var group: NamedGroup { .secp384r1 }
    var publicKey: [UInt8] { key.publicKey.x963Representation }

    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8] {
        guard peerKeyExchange.count == 97, peerKeyExchange.first == 4 else {
            throw .peerMisbehaved(.illegalParameter("secp384r1 key share encoding"))
        }
        do {
            let peer = try P384.KeyAgreement.PublicKey(x963Representation: peerKeyExchange)
            return try key.sharedSecretFromKeyAgreement(with: peer).bytes
        } catch {
            throw .peerMisbehaved(.illegalParameter("secp384r1 key share"))
        }
    }
}

extension KeyExchangeGroup {
    public static let secp256r1 = KeyExchangeGroup(group: .secp256r1) { random throws(TLSError) in
        do { return P256Share(key: try P256.KeyAgreement.PrivateKey(using: &random)) } catch {
            throw .internal("secp256r1 key generation: \(error)")
        }
    }

    public static let secp384r1 = KeyExchangeGroup(group: .secp384r1) { random throws(TLSError) in
        do { return P384Share(key: try P384.KeyAgreement.PrivateKey(using: &random)) } catch {
            throw .internal("secp384r1 key generation: \(error)")
        }
    }
}
