// SPDX-License-Identifier: Apache-2.0
// Placeholder: ContrastCoordinator will hold attestation, manifest, seed engine, CA, history, HTTP (issues: attestation, Coordinator core).

/// Marker for the still-empty ContrastCoordinator module; removed when the module gets its first real file.
package enum ContrastCoordinatorPlaceholder {}
