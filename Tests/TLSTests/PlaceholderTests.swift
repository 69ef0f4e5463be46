// SPDX-License-Identifier: Apache-2.0
// Placeholder until ContrastTLS has code: checks that the module links into its test target.

import ContrastTLS
import Testing

@Test("ContrastTLS links")
func contrastTLSLinks() {
    #expect(String(describing: ContrastTLSPlaceholder.self) == "ContrastTLSPlaceholder")
}
