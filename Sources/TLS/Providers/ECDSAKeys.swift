// SPDX-License-Identifier: Apache-2.0
// ECDSA CertificateVerify keys: ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384 (RFC 8446 §4.2.3), DER signatures
// (ECDSA-Sig-Value through ContrastASN1's strict DER).

import ContrastASN1
import ContrastCrypto

/// A P-256 or P-384 signing key for CertificateVerify (RFC 6979 deterministic nonces).
public struct ECDSASigningKey: TLSSigningKey {
    enum Key {
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
    }

    let key: Key

    public init(p256 key: P256.Signing.PrivateKey) { self.key = .p256(key) }
    public init(p384 key: P384.Signing.PrivateKey) { self.key = .p384(key) }

    public var signatureSchemes: [SignatureScheme] {
        switch key {
        case .p256: return [.ecdsaSecp256r1SHA256]
        case .p384: return [.ecdsaSecp384r1SHA384]
        }
    }

    /// - CT: the private key and nonce do not leak (ContrastCrypto's signer); DER encoding works on the public signature.
    public func sign(_ message: [UInt8], scheme: SignatureScheme, random: inout any RandomSource) throws(TLSError) -> [UInt8] {
        guard signatureSchemes.contains(scheme) else { throw .internal("ECDSA key asked for \(scheme)") }
        switch key {
        case .p256(let k): return k.signature(for: message).derRepresentation
        case .p384(let k): return k.signature(for: message).derRepresentation
        }
    }
}

/// A peer's P-256 or P-384 ECDSA public key.
public struct ECDSAPublicKey: TLSPublicKey {
    enum Key {
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
    }

    let key: Key

    /// From an uncompressed SEC 1 point of `group` (secp256r1 or secp384r1).
    public init(x963Representation: [UInt8], group: NamedGroup) throws(TLSError) {
        do {
            switch group {
            case .secp256r1: key = .p256(try P256.Signing.PublicKey(x963Representation: x963Representation))
            case .secp384r1: key = .p384(try P384.Signing.PublicKey(x963Representation: x963Representation))
            default: throw TLSError.badCertificate("unsupported ECDSA curve")
            }
        } catch {
            throw .badCertificate("invalid ECDSA public key")
        }
    }

    public var signatureSchemes: [SignatureScheme] {
        switch key {
        case .p256: return [.ecdsaSecp256r1SHA256]
        case .p384: return [.ecdsaSecp384r1SHA384]
        }
    }

    /// VARTIME: public inputs only.
    public func isValidSignature(_ signature: [UInt8], scheme: SignatureScheme, message: [UInt8]) -> Bool {
        guard signatureSchemes.contains(scheme) else { return false }
        switch key {
        case .p256(let k):
            guard let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return k.isValidSignature(sig, for: message)
        case .p384(let k):
            guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return k.isValidSignature(sig, for: message)
        }
    }
}

extension ECDSASigningKey {
    /// The matching public key as a CertificateVerify verifier.
    public var publicKey: any TLSPublicKey { get throws(TLSError) { try publicKeyValue() } }

    func publicKeyValue() throws(TLSError) -> any TLSPublicKey {
        switch key {
        case .p256(let k): return try ECDSAPublicKey(x963Representation: k.publicKey.x963Representation, group: .secp256r1)
        case .p384(let k): return try ECDSAPublicKey(x963Representation: k.publicKey.x963Representation, group: .secp384r1)
        }
    }
}
