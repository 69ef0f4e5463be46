// SPDX-License-Identifier: Apache-2.0
// SAN classification as upstream's CA does it: IP, else URL with scheme, else DNS.

import ContrastCoordinator
import Testing

@Suite("SAN classification")
struct SubjectAltNamesTests {
    @Test("IPs, URIs and DNS names are told apart")
    func classify() {
        let c = SubjectAltNames.classify(["web", "*", "10.0.0.1", "::1", "spiffe://cluster/ns/web", "web.default.svc", "::ffff:192.0.2.1", "2001:db8::8:800:200c:417a"])
        #expect(c.dnsNames == ["web", "*", "web.default.svc"])
        #expect(c.ipAddresses == [[10, 0, 0, 1], [UInt8](repeating: 0, count: 15) + [1], [192, 0, 2, 1],
                                  [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0x08, 0x08, 0x00, 0x20, 0x0c, 0x41, 0x7a]])
        #expect(c.uris == ["spiffe://cluster/ns/web"])
    }

    @Test("what Go's net.ParseIP rejects is not an IP", arguments: ["1.2.3", "01.2.3.4", "256.1.1.1", "1.2.3.4.5", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", ""])
    func notIP(s: String) {
        #expect(SubjectAltNames.parseIP(s) == nil, "\(s)")
    }

    @Test("URL detection needs a scheme that starts with a letter")
    func urls() {
        #expect(SubjectAltNames.classify(["1abc:x", "a b:c", "x:%zz", "mailto:a@b"]).uris == ["mailto:a@b"])
    }
}
