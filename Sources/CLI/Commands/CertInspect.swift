// SPDX-License-Identifier: Apache-2.0
// `contrast cert inspect`: certificate and CRL fields in `openssl x509 -text` layout, or as JSON.

import ContrastASN1

/// A small ordered JSON value for `--json`.
indirect enum CertJSON {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([CertJSON])
    case object([(String, CertJSON)])

    func render(_ indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let s): return CertJSON.quote(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .array(let a):
            if a.isEmpty { return "[]" }
            return "[\n" + a.map { inner + $0.render(inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            return "{\n" + o.map { inner + CertJSON.quote($0.0) + ": " + $0.1.render(inner) }.joined(separator: ",\n")
                + "\n\(indent)}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

enum CertInspect {
    static func run(files: [String], json: Bool) throws -> ExitCode {
        var docs: [CertJSON] = []
        for f in files {
            let (certs, crls) = try CertCommand.load(f)
            for c in certs {
                if json { docs.append(certificateJSON(c, file: f)) } else { print(certificateText(c)) }
            }
            for crl in crls {
                if json { docs.append(crlJSON(crl, file: f)) } else { print(crlText(crl)) }
            }
        }
        if json { print(CertJSON.array(docs).render()) }
        return .success
    }

    static func hex(_ b: [UInt8], separator: String = ":") -> String {
        b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: separator)
    }

    /// OpenSSL prints serials that fit in a long as `N (0xN)`, others as colon hex on the next line.
    static func serialText(_ s: ASN1Integer) -> String {
        if let v = s.intValue, v >= 0 { return "Serial Number: \(v) (0x\(String(v, radix: 16)))" }
        // Positive serials as their magnitude (no sign byte), as OpenSSL prints a BIGNUM.
        return "Serial Number:\n            " + hex(s.isNegative ? s.bytes : s.unsignedBytes)
    }

    /// A name the way `openssl x509 -text` prints it (`-nameopt oneline`): `C = US, O = "A, B"`; values with
    /// RFC 2253 special characters are quoted, bytes above 0x7F are escaped as `\XX`.
    static func nameText(_ dn: DistinguishedName) -> String {
        dn.rdns.map { rdn in
            rdn.attributes.map { "\(shortNames[$0.type] ?? $0.shortName) = \(valueText($0.displayValue))" }.joined(separator: " + ")
        }.joined(separator: ", ")
    }

    /// OpenSSL short names that `AttributeTypeAndValue.shortName` does not know.
    static let shortNames: [ASN1ObjectIdentifier: String] = [
        "2.5.4.46": "dnQualifier", "2.5.4.65": "pseudonym", "2.5.4.44": "generationQualifier",
    ]

    static func valueText(_ v: String) -> String {
        var out = ""
        var quote = false
        for b in v.utf8 {
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ";"):
                quote = true
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                quote = true
                out += "\\" + String(Unicode.Scalar(b))
            case 0x80...:
                out += "\\" + String(b, radix: 16).uppercased()
            default:
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return quote ? "\"" + out + "\"" : out
    }

    /// Signature algorithm names; an ECDSA/RSA OID with unexpected parameters (parsed as `.unknown`) still gets
    /// its name, as OpenSSL names by OID alone.
    static func algorithmText(_ a: SignatureAlgorithm) -> String {
        guard case .unknown(let id) = a else { return a.description }
        for params in [nil, ASN1Any(ASN1Null())] {
            let named = SignatureAlgorithm(AlgorithmIdentifier(algorithm: id.algorithm, parameters: params))
            if case .unknown = named { continue }
            return named.description
        }
        return id.algorithm.description
    }

    /// One decoded line per extension (name, value lines).
    static func extensionLines(_ e: Extension, in exts: Extensions) -> (String, [String]) {
        func decoded<T: CertificateExtension>(_ t: T.Type, _ body: (T) -> [String]) -> [String] {
            do { return body(try T(e)) } catch { return ["<malformed: \(error.reason)>"] }
        }
        switch e.oid {
        case .X509ExtensionID.basicConstraints:
            return ("X509v3 Basic Constraints", decoded(BasicConstraints.self) { [$0.description] })
        case .X509ExtensionID.keyUsage: return ("X509v3 Key Usage", decoded(KeyUsage.self) { [$0.description] })
        case .X509ExtensionID.extendedKeyUsage:
            return ("X509v3 Extended Key Usage", decoded(ExtendedKeyUsage.self) { [$0.description] })
        case .X509ExtensionID.subjectAlternativeName:
            return ("X509v3 Subject Alternative Name", decoded(SubjectAlternativeNames.self) { [$0.description] })
        case .X509ExtensionID.subjectKeyIdentifier:
            return ("X509v3 Subject Key Identifier", decoded(SubjectKeyIdentifier.self) { [hex($0.keyIdentifier).uppercased()] })
        case .X509ExtensionID.authorityKeyIdentifier:
            return ("X509v3 Authority Key Identifier", decoded(AuthorityKeyIdentifier.self) { aki in
                // OpenSSL 3.0 writes `keyid:` only when issuer or serial follow.
                let prefix = aki.authorityCertIssuer == nil && aki.authorityCertSerialNumber == nil ? "" : "keyid:"
                return (aki.keyIdentifier.map { [prefix + hex($0).uppercased()] } ?? [])
                    + (aki.authorityCertIssuer.map { $0.map(\.description) } ?? [])
                    + (aki.authorityCertSerialNumber.map { ["serial:" + hex($0.bytes).uppercased()] } ?? [])
            })
        case .X509ExtensionID.crlDistributionPoints:
            return ("X509v3 CRL Distribution Points", decoded(CRLDistributionPoints.self) { d in
                d.points.flatMap { ["Full Name:"] + $0.map { "  " + $0.description } }
            })
        case .X509ExtensionID.certificatePolicies:
            return ("X509v3 Certificate Policies", decoded(CertificatePolicies.self) { p in
                p.policies.flatMap { ["Policy: \($0.identifier)"] + $0.cpsURIs.map { "  CPS: " + $0 } }
            })
        case .X509ExtensionID.nameConstraints:
            return ("X509v3 Name Constraints", decoded(NameConstraints.self) { nc in
                (nc.permitted.isEmpty ? [] : ["Permitted:"] + nc.permitted.map { "  " + $0.description })
                    + (nc.excluded.isEmpty ? [] : ["Excluded:"] + nc.excluded.map { "  " + $0.description })
            })
        case .X509ExtensionID.authorityInformationAccess:
            return ("Authority Information Access", decoded(AuthorityInformationAccess.self) { a in
                a.descriptions.map { d in
                    let m = d.method == "1.3.6.1.5.5.7.48.1" ? "OCSP" : d.method == "1.3.6.1.5.5.7.48.2" ? "CA Issuers" : d.method.description
                    return "\(m) - \(d.location)"
                }
            })
        case .Contrast.snpAttestation: return ("Contrast SNP attestation document", ["\(e.value.count) bytes (protobuf sevsnp.Attestation)"])
        case .Contrast.tdxAttestation: return ("Contrast TDX attestation document", ["\(e.value.count) bytes (protobuf tdx.QuoteV4)"])
        case .Contrast.workloadSecretID:
            let id = (try? AttestationExtensions(exts))??.workloadSecretID ?? "<malformed>"
            return ("Contrast workload secret ID", [id])
        default:
            if let amd = AMDVCEKExtensions.name(of: e.oid) { return (amd, [amdValue(e)]) }
            if e.oid.isDescendant(of: .Contrast.snpAttestation) || e.oid.isDescendant(of: .Contrast.tdxAttestation) {
                let claim = (try? AttestationExtensions(exts))??.claims.first { c in
                    (try? ASN1ObjectIdentifier(dotted: "\(c.platform == .snp ? "1.3.9901.2.1" : "1.3.9901.2.2").\(c.number)")) == e.oid
                }
                return ("Contrast " + (claim.map { "\($0.platform.rawValue) \($0.name)" } ?? e.oid.description), [claim?.value.description ?? "<malformed>"])
            }
            if e.oid == .IntelSGX.extensions { return ("Intel SGX extensions", ["\(e.value.count) bytes"]) }
            return (e.oid.description, [hex(e.value)])
        }
    }

    static func amdValue(_ e: Extension) -> String {
        if e.oid == .AMD.hwid { return hex(e.value.count == 66 || e.value.count == 10 ? Array(e.value.dropFirst(2)) : e.value, separator: "") }
        guard let node = try? e.valueNode() else { return hex(e.value) }
        if let i = try? Int(derEncoded: node) { return String(i) }
        if let s = try? ASN1String(derEncoded: node) { return s.description }
        return hex(e.value)
    }

    static func keyLines(_ spki: SubjectPublicKeyInfo) -> [String] {
        switch spki.publicKey {
        case .ec(let curve, let point):
            let nist = curve == .NamedCurve.p256 ? "P-256" : curve == .NamedCurve.p384 ? "P-384" : curve == .NamedCurve.p521 ? "P-521" : curve.description
            let oid = curve == .NamedCurve.p256 ? "prime256v1" : curve == .NamedCurve.p384 ? "secp384r1" : curve == .NamedCurve.p521 ? "secp521r1" : curve.description
            return ["Public Key Algorithm: id-ecPublicKey", "    Public-Key: (\(spki.publicKey.bitCount) bit)", "    pub: \(hex(point))",
                    "    ASN1 OID: \(oid)", "    NIST CURVE: \(nist)"]
        case .rsa(let n, let e):
            let ev = e.reduce(0) { $0 << 8 | Int($1) }
            return ["Public Key Algorithm: rsaEncryption", "    Public-Key: (\(spki.publicKey.bitCount) bit)",
                    "    Modulus: \(hex([0] + n).prefix(48))…", "    Exponent: \(ev) (0x\(String(ev, radix: 16)))"]
        case .unknown(let oid):
            let names: [ASN1ObjectIdentifier: String] = [
                .Algorithm.ecPublicKey: "id-ecPublicKey", .Algorithm.rsaEncryption: "rsaEncryption", .Algorithm.rsassaPSS: "rsassaPss",
            ]
            return ["Public Key Algorithm: \(names[oid] ?? oid.description)", "    \(hex(spki.key.bytes))"]
        }
    }

    static func certificateText(_ c: Certificate) -> String {
        var l: [String] = ["Certificate:", "    Data:"]
        l.append("        Version: \(c.version.rawValue + 1) (0x\(c.version.rawValue))")
        l.append("        " + serialText(c.serialNumber))
        l.append("        Signature Algorithm: \(algorithmText(c.signatureAlgorithm))")
        l.append("        Issuer: \(nameText(c.issuer))")
        l.append("        Validity")
        l.append("            Not Before: \(c.notValidBefore.opensslDescription)")
        l.append("            Not After : \(c.notValidAfter.opensslDescription)")
        l.append("        Subject: \(nameText(c.subject))")
        l.append("        Subject Public Key Info:")
        l += keyLines(c.publicKeyInfo).map { "            " + $0 }
        if !c.extensions.isEmpty {
            l.append("        X509v3 extensions:")
            for e in c.extensions {
                let (name, values) = extensionLines(e, in: c.extensions)
                l.append("            \(name):\(e.critical ? " critical" : "")")
                l += values.map { "                " + $0 }
            }
        }
        l.append("    Signature Algorithm: \(algorithmText(c.signatureAlgorithm))")
        l.append("    Signature Value: \(c.signature.count) bytes")
        return l.joined(separator: "\n")
    }

    static func certificateJSON(_ c: Certificate, file: String) -> CertJSON {
        var exts: [CertJSON] = []
        for e in c.extensions {
            let (name, values) = extensionLines(e, in: c.extensions)
            exts.append(.object([("oid", .string(e.oid.description)), ("name", .string(name)), ("critical", .bool(e.critical)),
                                 ("value", .array(values.map { .string($0) }))]))
        }
        var fields: [(String, CertJSON)] = [
            ("file", .string(file)), ("type", .string("certificate")), ("version", .int(c.version.rawValue + 1)),
            ("serial", .string(hex(c.serialNumber.bytes))), ("signatureAlgorithm", .string(c.signatureAlgorithm.description)),
            ("issuer", .string(c.issuer.description)), ("subject", .string(c.subject.description)),
            ("notBefore", .string(c.notValidBefore.rfc3339)), ("notAfter", .string(c.notValidAfter.rfc3339)),
            ("publicKey", .string(c.publicKeyInfo.publicKey.description)), ("extensions", .array(exts)),
        ]
        if let amd = try? AMDVCEKExtensions(c.extensions) {
            var a: [(String, CertJSON)] = []
            if let v = amd.productName { a.append(("productName", .string(v))) }
            for (k, v) in [("structVersion", amd.structVersion), ("blSPL", amd.blSPL), ("teeSPL", amd.teeSPL), ("snpSPL", amd.snpSPL),
                           ("ucodeSPL", amd.ucodeSPL), ("fmcSPL", amd.fmcSPL)] {
                if let v { a.append((k, .int(v))) }
            }
            if let h = amd.hwid { a.append(("hwID", .string(hex(h, separator: "")))) }
            if let csp = amd.cspID { a.append(("cspID", .string(csp))) }
            fields.append(("amd", .object(a)))
        }
        if let att = try? AttestationExtensions(c.extensions) {
            var a: [(String, CertJSON)] = []
            if let d = att.snpDocument { a.append(("snpDocumentBytes", .int(d.count))) }
            if let d = att.tdxDocument { a.append(("tdxDocumentBytes", .int(d.count))) }
            if let w = att.workloadSecretID { a.append(("workloadSecretID", .string(w))) }
            a.append(("claims", .object(att.claims.map { ("\($0.platform.rawValue).\($0.name)", .string($0.value.description)) })))
            fields.append(("attestation", .object(a)))
        }
        return .object(fields)
    }

    static func crlText(_ crl: CertificateRevocationList) -> String {
        var l = ["Certificate Revocation List (CRL):", "        Version \(crl.version + 1) (0x\(crl.version))",
                 "        Signature Algorithm: \(algorithmText(crl.signatureAlgorithm))", "        Issuer: \(nameText(crl.issuer))",
                 "        Last Update: \(crl.thisUpdate.opensslDescription)",
                 "        Next Update: \(crl.nextUpdate?.opensslDescription ?? "NONE")"]
        if let n = crl.crlNumber { l += ["        CRL extensions:", "            X509v3 CRL Number:", "                \(n)"] }
        l.append(crl.revoked.isEmpty ? "No Revoked Certificates." : "Revoked Certificates:")
        for e in crl.revoked {
            l.append("    Serial Number: \(hex(e.serialNumber.bytes, separator: "").uppercased())")
            l.append("        Revocation Date: \(e.revocationDate.opensslDescription)")
        }
        l.append("    Signature Algorithm: \(algorithmText(crl.signatureAlgorithm))")
        return l.joined(separator: "\n")
    }

    static func crlJSON(_ crl: CertificateRevocationList, file: String) -> CertJSON {
        .object([
            ("file", .string(file)), ("type", .string("crl")), ("issuer", .string(crl.issuer.description)),
            ("signatureAlgorithm", .string(crl.signatureAlgorithm.description)), ("thisUpdate", .string(crl.thisUpdate.rfc3339)),
            ("nextUpdate", crl.nextUpdate.map { .string($0.rfc3339) } ?? .string("")),
            ("revoked", .array(crl.revoked.map { .object([("serial", .string(hex($0.serialNumber.bytes, separator: ""))),
                                                           ("date", .string($0.revocationDate.rfc3339))]) })),
        ])
    }
}
