// SPDX-License-Identifier: Apache-2.0
// Placeholder: ContrastTLS will hold TLS 1.3 client and server, sans-IO (issue: TLS 1.3).

/// Marker for the still-empty ContrastTLS module; removed when the module gets its first real file.
package enum ContrastTLSPlaceholder {}
