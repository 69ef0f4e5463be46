// SPDX-License-Identifier: Apache-2.0
// Workload-owner keys: the manifest digest of a key and the 2026 detached signature over transition hashes (spec/upstream.md §2.2).

import ContrastASN1
import ContrastCrypto

/// The workload owner's identity in a manifest and the 2026 signature scheme.
public enum WorkloadOwnerKey {
    /// `WorkloadOwnerKeyDigests` entry: lower-case hex SHA-256 of the PKIX (SubjectPublicKeyInfo) DER of the
    /// public key (upstream `HashWorkloadOwnerKey`). For RSA client keys upstream hashes PKCS#1 DER instead;
    /// callers pass whichever DER applies.
    public static func digest(ofPublicKeyDER der: [UInt8]) -> String {
        SHA256.hash(data: der).hexString
    }

    /// The digest of a P-384 owner key (the key `workload-owner.pem` holds).
    public static func digest(of key: P384.Signing.PublicKey) -> String {
        digest(ofPublicKeyDER: key.derRepresentation)
    }

    /// The value the owner signs (2026 scheme): h = transition hash = SHA-256(ManifestHash ‖ PreviousTransitionHash);
    /// h' = SHA-256(lower-case hex ASCII of h).
    public static func signedDigest(transitionHash: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: Array(transitionHash.hexString.utf8)))
    }

    /// `contrast sign`: ECDSA-P384 ASN.1 DER over h' with the owner key.
    public static func sign(transitionHash: [UInt8], with key: P384.Signing.PrivateKey) -> [UInt8] {
        key.signature(forDigest: signedDigest(transitionHash: transitionHash)).derRepresentation
    }

    /// Checks a detached owner signature against `WorkloadOwnerPubKeys` entries (hex PKIX DER): true if any
    /// listed P-384 key verifies it.
    /// VARTIME: public inputs only.
    public static func verify(signature: [UInt8], transitionHash: [UInt8], ownerPublicKeysHex: [String]) -> Bool {
        guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        let digest = signedDigest(transitionHash: transitionHash)
        for hex in ownerPublicKeysHex {
            guard let der = try? [UInt8](hexString: hex), let key = try? P384.Signing.PublicKey(derRepresentation: der) else {
                continue
            }
            if key.isValidSignature(sig, forDigest: digest) { return true }
        }
        return false
    }

    /// True if the owner key's digest is listed in `WorkloadOwnerKeyDigests` (case-insensitive hex, as upstream
    /// compares decoded bytes).
    public static func isAuthorized(publicKeyDER: [UInt8], digests: [String]) -> Bool {
        let mine = digest(ofPublicKeyDER: publicKeyDER)
        return digests.contains { $0.lowercased() == mine }
    }
}
