// SPDX-License-Identifier: Apache-2.0
// Placeholder: ContrastASN1 will hold DER, PEM, key encodings, X.509 and CRLs (issue: ASN.1/X.509).

/// Marker for the still-empty ContrastASN1 module; removed when the module gets its first real file.
package enum ContrastASN1Placeholder {}
