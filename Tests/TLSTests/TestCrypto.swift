// SPDX-License-Identifier: Apache-2.0
// Stand-in key exchange, signatures and certificates for state-machine tests (NOT secure; real crypto is
// exercised by the interop and RFC 8448 tests). Hashes are the real SHA-2.

import ContrastCrypto
import ContrastTLS

/// A "key share" whose shared secret is SHA-256 of both public values in sorted order.
struct FakeShare: KeyShareSecret {
    let group: NamedGroup
    let publicKey: [UInt8]
    func sharedSecret(peerKeyExchange: [UInt8]) throws(TLSError) -> [UInt8] {
        guard peerKeyExchange.count == 32 else { throw .peerMisbehaved(.illegalParameter("key share length")) }
        let (a, b) = publicKey.lexicographicallyPrecedes(peerKeyExchange)
            ? (publicKey, peerKeyExchange) : (peerKeyExchange, publicKey)
        return TLSHash.sha256.digest(a + b)
    }
}

/// A signature that is HMAC-SHA256 under the key's name; the "certificate" is "CERT:" + name.
struct FakeSigningKey: TLSSigningKey {
    let name: String
    var signatureSchemes: [SignatureScheme] = [.ecdsaSecp384r1SHA384, .ecdsaSecp256r1SHA256]
    func sign(_ message: [UInt8], scheme: SignatureScheme, random: inout any RandomSource) throws(TLSError) -> [UInt8] {
        FakePublicKey(name: name, signatureSchemes: signatureSchemes).expected(message, scheme)
    }
    var certificate: [UInt8] { Array("CERT:\(name)".utf8) }
}

struct FakePublicKey: TLSPublicKey {
    let name: String
    let signatureSchemes: [SignatureScheme]
    func expected(_ message: [UInt8], _ scheme: SignatureScheme) -> [UInt8] {
        TLSHash.sha256.hmac(Array(name.utf8), [UInt8(scheme.rawValue >> 8), UInt8(scheme.rawValue & 0xFF)] + message)
    }
    func isValidSignature(_ signature: [UInt8], scheme: SignatureScheme, message: [UInt8]) -> Bool {
        signature == expected(message, scheme)
    }
}

enum TestCrypto {
    static func suite(_ s: CipherSuite) -> CipherSuiteParameters {
        let hash: TLSHash = s == .aes256GCMSHA384 ? .sha384 : .sha256
        let keyLength = s == .aes128GCMSHA256 ? 16 : 32
        return CipherSuiteParameters(
            suite: s,
            aead: TLSAEADAlgorithm(keyLength: keyLength) { key throws(TLSError) in FakeAEAD(key: key) },
            hash: hash)
    }

    static let allSuites = [suite(.aes128GCMSHA256), suite(.aes256GCMSHA384), suite(.chacha20Poly1305SHA256)]

    static func group(_ g: NamedGroup) -> KeyExchangeGroup {
        KeyExchangeGroup(group: g) { random throws(TLSError) in
            do { return FakeShare(group: g, publicKey: try random.bytes(count: 32)) } catch {
                throw .internal("random")
            }
        }
    }

    /// A verifier accepting "CERT:<name>" for the names in `trusted`, recording what it saw.
    static func verifier(trusting trusted: Set<String>, seen: Recorder? = nil) -> CertificateVerifier {
        { context throws(TLSError) in
            seen?.record(context)
            guard let leaf = context.chain.first, let text = String(validating: leaf, as: UTF8.self),
                text.hasPrefix("CERT:"), trusted.contains(String(text.dropFirst(5)))
            else { throw .badCertificate("untrusted test certificate") }
            return FakePublicKey(name: String(text.dropFirst(5)), signatureSchemes: [.ecdsaSecp384r1SHA384, .ecdsaSecp256r1SHA256])
        }
    }

    static func configuration(groups: [NamedGroup] = [.x25519, .secp256r1, .secp384r1]) -> TLSConfiguration {
        TLSConfiguration(
            cipherSuites: allSuites, groups: groups.map(group),
            signatureSchemes: [.ecdsaSecp384r1SHA384, .ecdsaSecp256r1SHA256])
    }

    static func serverConfiguration(name: String = "server") -> TLSConfiguration {
        var c = configuration()
        let key = FakeSigningKey(name: name)
        c.selectCertificate = { _ throws(TLSError) in CertifiedKey(chain: [key.certificate], key: key) }
        return c
    }

    static func clientConfiguration(trusting: Set<String> = ["server"]) -> TLSConfiguration {
        var c = configuration()
        c.verifyPeer = verifier(trusting: trusting)
        c.serverName = "localhost"
        return c
    }
}

/// Recorder of verifier contexts. Unsynchronised: each test drives its connections from one task only.
final class Recorder: @unchecked Sendable {
    private(set) var contexts: [PeerCertificateContext] = []
    func record(_ c: PeerCertificateContext) { contexts.append(c) }
}
