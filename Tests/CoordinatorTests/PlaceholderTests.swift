// SPDX-License-Identifier: Apache-2.0
// Placeholder until ContrastCoordinator has code: checks that the module links into its test target.

import ContrastCoordinator
import Testing

@Test("ContrastCoordinator links")
func contrastCoordinatorLinks() {
    #expect(String(describing: ContrastCoordinatorPlaceholder.self) == "ContrastCoordinatorPlaceholder")
}
