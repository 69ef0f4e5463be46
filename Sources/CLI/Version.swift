// SPDX-License-Identifier: Apache-2.0
// The version `contrast --version` prints.

/// Semantic version of this build.
let contrastVersion = "0.1.0-dev"
