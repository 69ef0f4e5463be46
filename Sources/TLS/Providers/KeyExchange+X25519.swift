// SPDX-License-Identifier: Apache-2.0
// x25519 key shares over ContrastCrypto's Curve25519 (RFC 8446 §4.2.8.2, §7.4.2; RFC 7748 §6.1).

import ContrastCrypto

/// An X25519 key share: 32-byte u-coordinates both ways, the 32-byte X25519 output as the shared secret.
struct X25519Share: KeyShareSecret {
    let key: Curve25519.KeyAgreement.PrivateKey
    var group: NamedGroup { .x25519 }
    var publicKey: [UInt8] { key.publicKey.rawRepresentation }

    /// RFC 8446 §4.2.8.2: the share is exactly 32 bytes. §7.4.2: an all-zero result (a small-order peer
    /// point) must be rejected; `sharedSecretFromKeyAgreement` throws on it and it becomes illegal_parameter.
    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8] {
        guard peerKeyExchange.count == 32 else {
            throw .peerMisbehaved(.illegalParameter("x25519 key share encoding"))
        }
        do {
            let peer = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: peerKeyExchange)
            return try key.sharedSecretFromKeyAgreement(with: peer).bytes
        } catch {
            throw .peerMisbehaved(.illegalParameter("x25519 key share"))
        }
    }
}

extension KeyExchangeGroup {
    public static let x25519 = KeyExchangeGroup(group: .x25519) { random throws(TLSError) in
        do { return X25519Share(key: try Curve25519.KeyAgreement.PrivateKey(using: &random)) } catch {
            throw .internal("x25519 key generation: \(error)")
        }
    }
}
