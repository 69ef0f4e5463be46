// SPDX-License-Identifier: Apache-2.0
// `contrast report inspect|verify`: print every field of SEV-SNP / TDX evidence, or verify and validate it.

import ContrastCoordinator
import ContrastCrypto

#if canImport(Glibc)
import Glibc
#endif

struct ReportCommand: Command {
    static let name = "report"
    static let summary = "Inspect or verify SEV-SNP reports, TDX quotes and attestation documents."
    static let usage = "inspect [--json] FILE | verify FILE [--certs FILE...] [--collateral FILE...] [--reference-values JSON] [--report-data HEX] [--at RFC3339]"
    static let discussion = """
        inspect: auto-detects a raw SEV-SNP report (1184 bytes, or inside an Azure HCL report), a TDX quote
        (v4/v5), an upstream attestation document (protobuf sevsnp.Attestation or tdx.QuoteV4), or an aTLS
        certificate (PEM or DER) carrying one in extension 1.3.9901.2.1 / 1.3.9901.2.2, and prints every
        field. Byte fields are lower-case hex, in text and in JSON.

        verify: checks the signature and the certificate chain to the pinned AMD or Intel root, then, when
        --reference-values is given, validates the claims and lists every failed check of every entry.
        Exit code 0 when trusted, 1 when rejected, 2 on usage errors.

        SEV-SNP revocation: the ARK-signed CRL is taken from the document (extras key
        00569ee4-e480-4fba-bbf4-45b629901180) or from --certs; a revoked ASK/ASVK or VCEK/VLEK, a CRL with a bad
        signature or one past its nextUpdate is rejected. With no CRL at hand revocation is NOT checked and the
        output says so (upstream fetches the CRL from AMD KDS; this command never uses the network).

        TDX collateral (--collateral, repeatable, recognised by content): the TCB Info and QE Identity JSON
        responses of Intel PCS, their issuer chain (PEM), the PCK CRL and the root CA CRL. With collateral the
        TCB Info / QE Identity signatures and freshness, FMSPC, revocation and the QE identity are checked and
        the TCB status is reported; manifest reference values require it (upstream always checks collateral).
        """
    static let options: [OptionSpec] = [
        .flag("json", help: "inspect: print JSON instead of text."),
        .value("certs", name: "FILE", help: "verify: PEM/DER certificates (VCEK/VLEK, ASK/ASVK, ARK, CRL); repeatable."),
        .value("collateral", name: "FILE", help: "verify: TDX collateral: TCB Info, QE Identity, issuer chain, PCK/root CRL; repeatable."),
        .value("reference-values", name: "JSON", help: "verify: file with the manifest's ReferenceValues (or a whole manifest)."),
        .value("report-data", name: "HEX", help: "verify: the REPORT_DATA the evidence must carry (128 hex digits)."),
        .value("at", name: "RFC3339", help: "verify: check certificate validity at this time instead of now."),
        .value("product", name: "NAME", help: "verify: product line (Milan, Genoa, Turin) when the evidence does not name it."),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitCode {
        guard let sub = args.positionals.first else { throw UsageError("missing subcommand: inspect or verify") }
        let rest = Array(args.positionals.dropFirst())
        switch sub {
        case "inspect":
            guard rest.count == 1 else { throw UsageError("inspect takes exactly one FILE") }
            return try inspect(path: rest[0], json: args.has("json"))
        case "verify":
            guard rest.count == 1 else { throw UsageError("verify takes exactly one FILE") }
            return try ReportVerify.run(path: rest[0], args)
        default:
            throw UsageError("unknown subcommand '\(sub)' (inspect or verify)")
        }
    }

    static func inspect(path: String, json: Bool) throws -> ExitCode {
        let bytes = try readFile(path)
        let evidence = try ReportEvidenceLoader.load(bytes)
        if json {
            print(EvidencePrinter.json(kind: evidence.kind, fields: evidence.fields))
        } else {
            print("# \(evidence.kind)")
            print(EvidencePrinter.text(evidence.fields), terminator: "")
        }
        return .success
    }

    /// Reads a whole file ("-" for standard input).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            guard out.count <= 16 << 20 else { throw CommandFailure("\(path) is larger than 16 MiB; not evidence") }
        }
        return out
    }
}

/// Text and JSON renderings of evidence fields.
enum EvidencePrinter {
    static func text(_ fields: [EvidenceField], indent: String = "") -> String {
        var s = ""
        for f in fields {
            switch f.value {
            case .group(let g):
                s += "\(indent)\(f.name):\n" + text(g, indent: indent + "  ")
            default:
                s += "\(indent)\(f.name): \(scalar(f.value))\n"
            }
        }
        return s
    }

    private static func scalar(_ v: EvidenceField.Value) -> String {
        switch v {
        case .integer(let n): return String(n)
        case .bytes(let b): return b.isEmpty ? "(empty)" : b.hexString
        case .text(let t): return t
        case .flag(let b): return b ? "true" : "false"
        case .group: return ""
        }
    }

    static func json(kind: String, fields: [EvidenceField]) -> String {
        "{\"kind\":" + quote(kind) + "," + members(fields).dropFirst()
    }

    private static func members(_ fields: [EvidenceField]) -> String {
        "{" + fields.map { quote($0.name) + ":" + value($0.value) }.joined(separator: ",") + "}"
    }

    private static func value(_ v: EvidenceField.Value) -> String {
        switch v {
        case .integer(let n): return String(n)
        case .bytes(let b): return quote(b.hexString)
        case .text(let t): return quote(t)
        case .flag(let b): return b ? "true" : "false"
        case .group(let g): return members(g)
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
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
