// SPDX-License-Identifier: Apache-2.0
// The subcommand protocol and the top-level dispatcher: `--help` everywhere, `--version`, exit codes 0/1/2.

#if canImport(Glibc)
import Glibc
#endif

/// Exit codes: 0 success, 1 failure, 2 usage error.
enum ExitCode: Int32 {
    case success = 0
    case failure = 1
    case usage = 2
}

/// A failure that is not a usage error: printed as `error: <message>`, exit code 1.
struct CommandFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A `contrast` subcommand.
protocol Command {
    /// The word that selects it (`speed`).
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The usage line after `contrast <name>`, e.g. `[NAME...] [--seconds S] [--json]`.
    static var usage: String { get }
    /// Longer help text (may be empty).
    static var discussion: String { get }
    /// Options the command accepts.
    static var options: [OptionSpec] { get }
    /// Runs with parsed arguments, writing results to stdout.
    static func run(_ args: ParsedArguments) throws -> ExitCode
}

/// Every subcommand, in the order `contrast --help` lists them.
var commands: [any Command.Type] { [SpeedCommand.self, DebugStoreWriterCommand.self, ReportCommand.self] }

/// Entry point: dispatches `argv` and returns the process exit code.
func runCLI(_ argv: [String]) -> Int32 {
    let args = Array(argv.dropFirst())
    guard let first = args.first else {
        printErr(topLevelHelp())
        return ExitCode.usage.rawValue
    }
    switch first {
    case "--help", "-h", "help":
        if args.count > 1, let c = commands.first(where: { $0.name == args[1] }) {
            print(help(for: c))
        } else {
            print(topLevelHelp())
        }
        return ExitCode.success.rawValue
    case "--version", "version":
        print("contrast \(contrastVersion)")
        return ExitCode.success.rawValue
    default:
        break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        let close = commands.map { $0.name }.filter { editDistance($0, first) <= 2 }
        printErr("error: unknown command '\(first)'" + (close.isEmpty ? "" : " (did you mean '\(close[0])'?)"))
        printErr("Run 'contrast --help' for the list of commands.")
        return ExitCode.usage.rawValue
    }
    do {
        let parsed = try ParsedArguments.parse(Array(args.dropFirst()), options: command.options)
        if parsed.has("help") {
            print(help(for: command))
            return ExitCode.success.rawValue
        }
        return try command.run(parsed).rawValue
    } catch let e as UsageError {
        printErr("error: \(e.message)")
        printErr("usage: contrast \(command.name) \(command.usage)")
        printErr("Run 'contrast \(command.name) --help' for details.")
        return ExitCode.usage.rawValue
    } catch let e as CommandFailure {
        printErr("error: \(e.message)")
        return ExitCode.failure.rawValue
    } catch {
        printErr("error: \(error)")
        return ExitCode.failure.rawValue
    }
}

func topLevelHelp() -> String {
    var s = """
        contrast \(contrastVersion): the Contrast Coordinator and CLI, in pure Swift.

        usage: contrast <command> [options]

        Commands:

        """
    let width = (commands.map { $0.name.count }.max() ?? 0) + 2
    for c in commands {
        s += "  " + c.name.padding(to: width) + c.summary + "\n"
    }
    s += """

        Global options:
          --help, -h    Show help (also: contrast <command> --help).
          --version     Print the version.
        """
    return s
}

func help(for c: any Command.Type) -> String {
    var s = "usage: contrast \(c.name) \(c.usage)\n\n\(c.summary)\n"
    if !c.discussion.isEmpty { s += "\n\(c.discussion)\n" }
    let all = c.options + [.flag("help", short: "h", help: "Show this help.")]
    s += "\nOptions:\n"
    let labels = all.map { o -> String in
        var l = "--\(o.long)"
        if let n = o.valueName { l += " <\(n)>" }
        if let sh = o.short { l += ", -\(sh)" }
        return l
    }
    let width = (labels.map(\.count).max() ?? 0) + 2
    for (o, l) in zip(all, labels) {
        s += "  " + l.padding(to: width) + o.help + "\n"
    }
    return s
}

/// Writes a line to standard error.
func printErr(_ s: String) {
    let bytes = Array((s + "\n").utf8)
    bytes.withUnsafeBytes { b in
        var off = 0
        while off < b.count {
            let n = write(2, b.baseAddress! + off, b.count - off)
            if n > 0 { off += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
