// SPDX-License-Identifier: Apache-2.0
// The one error type of ContrastCrypto (STYLE.md §8.3): small and closed, never says *why* a MAC or tag failed.

/// Errors thrown by ContrastCrypto.
///
/// Deliberately coarse: a failed authentication or decryption never reveals which check failed (no oracle).
/// Signature and MAC verification return `Bool` instead of throwing.
public enum CryptoError: Error, Hashable, Sendable {
    /// An input had a length the operation does not accept (key, nonce, tag, output length...).
    case invalidLength
    /// An encoding (hex, base64, point, scalar, key) was malformed or non-canonical.
    case invalidEncoding
    /// A public point is not on the curve, is the identity, or is otherwise unusable.
    case invalidPoint
    /// A scalar is zero or not below the group order.
    case invalidScalar
    /// A parameter is outside what the algorithm allows (e.g. HKDF output longer than 255·HashLen).
    case invalidParameter
    /// An AEAD tag, padding or decryption check failed. Nothing else is revealed.
    case authenticationFailure
    /// The operating system's random source failed; there is never a fallback.
    case randomSourceFailure
    /// A DRBG needs reseeding before it may generate more output (SP 800-90A reseed counter).
    case reseedRequired
}
