// SPDX-License-Identifier: Apache-2.0
// `contrast cert inspect FILE...`: print certificates with Contrast's attestation-claim extensions decoded.

#if canImport(Glibc)
import Glibc
#endif
import ContrastCoordinator

/// `contrast cert inspect FILE...`
enum CertCommand: Command {
    static let name = "cert"
    static let summary = "Inspect certificates (mesh, CA, aTLS) with attestation claims decoded."
    static let usage = "inspect FILE..."
    static let discussion = """
        Reads PEM (one or more CERTIFICATE blocks) or DER files and prints subject, issuer, serial, validity,
        key, SANs, extensions and, for Contrast mesh and aTLS certificates, the SNP/TDX attestation claims
        (OIDs 1.3.9901.2.1.N / 1.3.9901.2.2.N) and the workload secret ID (1.3.9901.3.1).
        """
    static let options: [OptionSpec] = []

    static func run(_ args: ParsedArguments) throws -> ExitCode {
        guard args.positionals.first == "inspect" else { throw UsageError("expected 'inspect'") }
        let files = Array(args.positionals.dropFirst())
        guard !files.isEmpty else { throw UsageError("no certificate file given") }
        for file in files {
            guard let bytes = readWholeFile(file) else { throw CommandFailure("cannot read \(file)") }
            do {
                if files.count > 1 { print("\(file):") }
                print(try CertificateReport.describe(bytes), terminator: "")
            } catch {
                throw CommandFailure("\(file): \(error)")
            }
        }
        return .success
    }

    static func readWholeFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { out += chunk[0..<n] }
            if n < chunk.count { break }
        }
        return out
    }
}
