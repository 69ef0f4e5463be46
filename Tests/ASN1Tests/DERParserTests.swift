// SPDX-License-Identifier: Apache-2.0
// DER reader/writer: round trips, strict-prefix rejection and the rejection corpus (X.690 §10–11).

import ContrastASN1
import Testing

@Suite("DER parser")
struct DERParserTests {
    @Test("parses a nested sequence")
    func nested() throws {
        let node = try DER.parse([0x30, 0x03, 0x02, 0x01, 0x05])
        let v = try DER.sequence(node) { (it: inout ASN1NodeCollection.Iterator) throws(ASN1Error) -> Int in
            try Int(derEncoded: try DER.required(&it, "x"))
        }
        #expect(v == 5)
    }
}
