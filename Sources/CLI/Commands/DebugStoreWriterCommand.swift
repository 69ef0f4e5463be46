// SPDX-License-Identifier: Apache-2.0
// `contrast debug-store-writer`: testing aid that writes to a file store until killed (the SIGKILL crash test drives it).

#if canImport(Glibc)
import Glibc
#endif
import ContrastCoordinator

/// `contrast debug-store-writer --dir D [--seed N]`
enum DebugStoreWriterCommand: Command {
    static let name = "debug-store-writer"
    static let summary = "Testing aid: write to a file store until killed (crash-safety test)."
    static let usage = "--dir D [--seed N]"
    static let discussion = """
        Opens the file store in D and writes self-checking objects and a compare-and-swapped pointer in a loop,
        printing each committed counter on stdout. The crash test kills it with SIGKILL at random moments and
        then checks that the store opens and every object verifies. Not for production use.
        """
    static let options: [OptionSpec] = [
        .value("dir", name: "D", help: "Store directory."),
        .value("seed", name: "N", help: "Seed for the payload generator (default 1)."),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitCode {
        guard let dir = args.value("dir") else { throw UsageError("--dir is required") }
        let seed = UInt64(args.value("seed") ?? "1") ?? 1
        let store = try FileStore(directory: dir)
        try StoreCrashProbe.runWriter(store: store, seed: seed) { counter in
            let line = Array("\(counter)\n".utf8)
            _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        }
    }
}
