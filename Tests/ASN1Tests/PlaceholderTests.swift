// SPDX-License-Identifier: Apache-2.0
// Placeholder until ContrastASN1 has code: checks that the module links into its test target.

import ContrastASN1
import Testing

@Test("ContrastASN1 links")
func contrastASN1Links() {
    #expect(String(describing: ContrastASN1Placeholder.self) == "ContrastASN1Placeholder")
}
