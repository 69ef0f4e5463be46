// SPDX-License-Identifier: Apache-2.0
// `contrast cert inspect|verify`: print certificates and CRLs like `openssl x509 -text`, verify chains.

import ContrastASN1

#if canImport(Glibc)
import Glibc
#endif

/// `contrast cert inspect [--json] FILE...` and `contrast cert verify --roots F [...] LEAF`.
enum CertCommand: Command {
    static let name = "cert"
    static let summary = "Inspect X.509 certificates and CRLs, or verify a certificate chain."
    static let usage =
        "inspect [--json] FILE... | verify --roots FILE [--intermediates FILE] [--crl FILE] [--dns NAME] [--at RFC3339] LEAF"
    static let discussion = """
        inspect: prints every certificate and CRL in each FILE (PEM with any number of blocks, or DER): subject,
          issuer, serial, validity, key, and every extension decoded, including AMD VCEK/VLEK extensions
          (1.3.6.1.4.1.3704.1.*) and Contrast attestation claims (1.3.9901.*). --json prints one JSON document.
        verify: builds a path from LEAF (its first certificate; further certificates in LEAF count as
          intermediates) to a certificate in --roots and checks signatures, validity at --at (default: now),
          basic constraints, path length, key usage, name constraints, critical extensions, revocation against
          --crl, and the DNS name or IP address given with --dns. Exit 0 and the chain when valid; exit 1 and
          every failed check otherwise.
        """
    static let options: [OptionSpec] = [
        .flag("json", help: "inspect: print JSON."),
        .value("roots", name: "FILE", help: "verify: trust anchors (PEM or DER); may repeat."),
        .value("intermediates", name: "FILE", help: "verify: untrusted intermediates; may repeat."),
        .value("crl", name: "FILE", help: "verify: CRLs to check revocation against; may repeat."),
        .value("dns", name: "NAME", help: "verify: the leaf must be valid for this DNS name or IP address."),
        .value("at", name: "RFC3339", help: "verify: validation time (default: now)."),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitCode {
        guard let sub = args.positionals.first else { throw UsageError("expected 'inspect' or 'verify'") }
        let files = Array(args.positionals.dropFirst())
        switch sub {
        case "inspect":
            guard !files.isEmpty else { throw UsageError("inspect needs at least one FILE") }
            return try CertInspect.run(files: files, json: args.has("json"))
        case "verify":
            guard files.count == 1 else { throw UsageError("verify needs exactly one LEAF file") }
            return try CertVerify.run(
                leaf: files[0], roots: args.allValues("roots"), intermediates: args.allValues("intermediates"),
                crls: args.allValues("crl"), dns: args.value("dns"), at: args.value("at"))
        default:
            throw UsageError("unknown cert subcommand '\(sub)' (expected 'inspect' or 'verify')")
        }
    }

    /// Reads a whole file.
    static func readFile(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw CommandFailure("cannot open \(path)") }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    /// Everything in a file: certificates and CRLs, PEM (any blocks) or DER.
    static func load(_ path: String) throws -> (certificates: [Certificate], crls: [CertificateRevocationList]) {
        let bytes = try readFile(path)
        do {
            if bytes.first == 0x30 {
                let certificateError: ASN1Error
                do { return ([try Certificate(derEncoded: bytes)], []) } catch { certificateError = error }
                if let crl = try? CertificateRevocationList(derEncoded: bytes) { return ([], [crl]) }
                throw certificateError  // neither: say why it is not a certificate, the likelier intent
            }
            var certs: [Certificate] = []
            var crls: [CertificateRevocationList] = []
            for doc in try PEMDocument.parseMultiple(String(decoding: bytes, as: UTF8.self)) {
                switch doc.type {
                case "CERTIFICATE": certs.append(try Certificate(derEncoded: doc.derBytes))
                case "X509 CRL": crls.append(try CertificateRevocationList(derEncoded: doc.derBytes))
                default: continue
                }
            }
            guard !certs.isEmpty || !crls.isEmpty else { throw CommandFailure("\(path): no certificate or CRL found") }
            return (certs, crls)
        } catch let e as ASN1Error {
            throw CommandFailure("\(path): \(e)")
        }
    }

    /// Current time from the system clock.
    static func now() -> ASN1Time {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ASN1Time(secondsSinceEpoch: Int64(ts.tv_sec))
    }
}

/// `contrast cert verify`.
enum CertVerify {
    static func run(leaf: String, roots: [String], intermediates: [String], crls: [String], dns: String?, at: String?) throws
        -> ExitCode
    {
        guard !roots.isEmpty else { throw UsageError("verify needs --roots FILE") }
        var time = CertCommand.now()
        if let at {
            do { time = try ASN1Time(rfc3339: at) } catch { throw UsageError("--at: \(error.reason)") }
        }
        let leafFile = try CertCommand.load(leaf).certificates
        guard let leafCert = leafFile.first else { throw CommandFailure("\(leaf): no certificate") }
        var rootStore = CertificateStore()
        for r in roots { for c in try CertCommand.load(r).certificates { rootStore.insert(c) } }
        var pool = CertificateStore(Array(leafFile.dropFirst()))
        for i in intermediates { for c in try CertCommand.load(i).certificates { pool.insert(c) } }
        var crlList: [CertificateRevocationList] = []
        for f in crls { crlList += try CertCommand.load(f).crls }
        let sig = StandardSignatureVerifier()
        var policies: [any VerifierPolicy] = [
            SignaturePolicy(verifier: sig), ValidityPolicy(), BasicConstraintsPolicy(), NameConstraintsPolicy(),
        ]
        if !crlList.isEmpty { policies.append(RevocationPolicy(crls: crlList, verifier: sig)) }
        if let dns {
            policies.append(ServerIdentityPolicy(name: dns))
            policies.append(ExtendedKeyUsagePolicy(.ExtendedKeyUsage.serverAuth))
        }
        let verifier = Verifier(roots: rootStore, policies: policies)
        switch verifier.validate(leaf: leafCert, intermediates: pool, at: time) {
        case .valid(let chain):
            print("OK: valid at \(time.rfc3339)")
            for (i, c) in chain.enumerated() { print("  \(i): \(c.subject)") }
            return .success
        case .invalid(let failures):
            print("FAILED: \(failures.count) check\(failures.count == 1 ? "" : "s") failed at \(time.rfc3339)")
            for f in failures { print("  \(f)") }
            return .failure
        }
    }
}
