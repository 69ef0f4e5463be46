// SPDX-License-Identifier: Apache-2.0
// Every DER type: encode → decode → equal, and every strict prefix of the encoding is rejected (Go's
// handshake_messages_test.go idea applied to DER).

import ContrastASN1
import Testing

@Suite("DER round trips")
struct DERRoundTripTests {
    /// Encodes, decodes, compares, then checks that every strict prefix fails to decode.
    func roundTrip<T: DERParseable & DERSerializable & Equatable>(_ value: T, _ label: String) {
        let bytes = value.derBytes()
        do {
            let decoded = try T(derEncoded: bytes[...])
            #expect(decoded == value, "\(label): decoded value differs")
            #expect(decoded.derBytes() == bytes, "\(label): re-encoding differs")
        } catch {
            Issue.record("\(label): \(error)")
        }
        for n in 0..<bytes.count {
            let prefix = bytes[0..<n]
            #expect((try? T(derEncoded: prefix)) == nil, "\(label): prefix of \(n) bytes accepted")
        }
    }

    @Test("integers, including boundaries")
    func integers() {
        for v in [0, 1, -1, 127, 128, -128, -129, 255, 256, Int.max, Int.min, 0x7FFF, -0x8000] {
            roundTrip(v, "Int \(v)")
            roundTrip(ASN1Integer(v), "ASN1Integer \(v)")
        }
        roundTrip(ASN1Integer(unsignedBytes: [UInt8](repeating: 0xFF, count: 40)), "large positive")
        #expect(ASN1Integer(unsignedBytes: [0x00, 0x00, 0x80]).bytes == [0x00, 0x80])
        #expect(ASN1Integer(-129).bytes == [0xFF, 0x7F])
    }

    @Test("booleans, null, bit and octet strings")
    func simple() {
        roundTrip(true, "TRUE")
        roundTrip(false, "FALSE")
        roundTrip(ASN1Null(), "NULL")
        roundTrip(ASN1BitString(bytes: [0xA0], paddingBits: 5), "BIT STRING 3 bits")
        roundTrip(ASN1BitString(bytes: []), "empty BIT STRING")
        roundTrip(ASN1BitString(namedBits: [0, 5]), "named bits")
        roundTrip(ASN1OctetString([1, 2, 3]), "OCTET STRING")
        roundTrip(ASN1OctetString([UInt8](repeating: 7, count: 300)), "long OCTET STRING")
    }

    @Test("object identifiers")
    func oids() throws {
        for s in ["1.2.840.10045.4.3.3", "2.5.29.19", "0.9.2342.19200300.100.1.25", "2.999.1", "1.3.9901.2.1.46"] {
            let oid = try ASN1ObjectIdentifier(dotted: s)
            #expect(oid.description == s)
            roundTrip(oid, s)
        }
        for bad in ["1", "3.1", "1.40", "1..2", "1.02", ""] {
            #expect((try? ASN1ObjectIdentifier(dotted: bad)) == nil, "accepted \(bad)")
        }
        // A 105-bit arc (2^105 − 1) still prints exactly.
        let big = try ASN1ObjectIdentifier(derEncoded: [0x06, 0x10, 0x2A] + [UInt8](repeating: 0xFF, count: 14) + [0x7F])
        #expect(big.description == "1.2.40564819207303340847894502572031")
    }

    @Test("strings and times")
    func stringsAndTimes() throws {
        for kind in ASN1String.Kind.allCases where kind != .numeric {
            roundTrip(try ASN1String("Contrast 1", kind: kind), "string \(kind)")
        }
        roundTrip(try ASN1String("grüß", kind: .utf8), "UTF-8")
        for t in [
            ASN1Time(year: 1950, month: 1, day: 1), ASN1Time(year: 2049, month: 12, day: 31, hour: 23, minute: 59, second: 59),
            ASN1Time(year: 2050, month: 1, day: 1), ASN1Time(year: 1949, month: 12, day: 31), ASN1Time(year: 2024, month: 2, day: 29),
        ] {
            roundTrip(t, t.rfc3339)
        }
        #expect(ASN1Time(year: 2049, month: 1, day: 1).encoding == .utcTime)
        #expect(ASN1Time(year: 2050, month: 1, day: 1).encoding == .generalizedTime)
        #expect(try ASN1Time(rfc3339: "2026-11-29T12:00:00Z") == ASN1Time(year: 2026, month: 11, day: 29, hour: 12))
        #expect(try ASN1Time(rfc3339: "2026-11-29T14:00:00+02:00") == ASN1Time(year: 2026, month: 11, day: 29, hour: 12))
        #expect(ASN1Time(year: 1970, month: 1, day: 1).secondsSinceEpoch == 0)
        #expect(ASN1Time(year: 2000, month: 3, day: 1).secondsSinceEpoch == 951_868_800)
    }

    @Test("X.509 building blocks")
    func x509Types() throws {
        roundTrip(try DistinguishedName([(.NameAttribute.countryName, "US"), (.NameAttribute.commonName, "Root")]), "Name")
        roundTrip(SignatureAlgorithm.rsaPSS(.sha384, saltLength: 48).algorithmIdentifier, "PSS identifier")
        roundTrip(SignatureAlgorithm.ecdsa(.sha384).algorithmIdentifier, "ECDSA identifier")
        roundTrip(SubjectPublicKeyInfo(rsaModulus: [0xC1, 0x02, 0x03], publicExponent: [1, 0, 1]), "RSA SPKI")
        roundTrip(Extension(oid: .X509ExtensionID.keyUsage, critical: true, value: [3, 2, 5, 0xA0]), "Extension")
        roundTrip(GeneralName.dnsName("example.com"), "dNSName")
        roundTrip(GeneralName.ipAddress([10, 0, 0, 1]), "iPAddress")
        roundTrip(GeneralName.directoryName(try DistinguishedName(commonName: "x")), "directoryName")
        #expect(SignatureAlgorithm(SignatureAlgorithm.rsaPSS(.sha384, saltLength: 48).algorithmIdentifier) == .rsaPSS(.sha384, saltLength: 48))
    }
}
