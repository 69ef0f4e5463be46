// SPDX-License-Identifier: Apache-2.0
// A P-384 key as an X.509 certificate signer: ecdsa-with-SHA384, DER ECDSA-Sig-Value (RFC 5758 §3.2, RFC 3279 §2.2.3).

import ContrastASN1
import ContrastCrypto

/// Signs certificates with a P-384 key (all Coordinator CA keys are P-384, spec/upstream.md §5.3).
public struct P384CertificateSigner: CertificateSigner {
    public let key: P384.Signing.PrivateKey

    public init(key: P384.Signing.PrivateKey) { self.key = key }

    public var publicKeyInfo: SubjectPublicKeyInfo {
        SubjectPublicKeyInfo(ecCurve: ASN1ObjectIdentifier.NamedCurve.p384, x963Point: key.publicKey.x963Representation)
    }

    public var signatureAlgorithm: SignatureAlgorithm { .ecdsa(.sha384) }

    public func signature(for message: [UInt8]) throws(X509Error) -> [UInt8] {
        ECDSASignatureDER.encode(raw: key.signature(for: message).rawRepresentation)
    }
}
