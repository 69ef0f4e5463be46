// SPDX-License-Identifier: Apache-2.0
// Hand-written argument parsing: long and short options, `--opt=value`, `--` terminator, typed usage errors.

/// One option a command accepts.
struct OptionSpec {
    /// Long name without dashes (`seconds` for `--seconds`).
    let long: String
    /// Optional one-letter short name (`s` for `-s`).
    let short: Character?
    /// Placeholder for the value in help text; nil for a boolean flag.
    let valueName: String?
    /// One line of help.
    let help: String

    static func flag(_ long: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, valueName: nil, help: help)
    }

    static func value(_ long: String, short: Character? = nil, name: String, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, valueName: name, help: help)
    }
}

/// A usage error: printed with the command's usage line, exit code 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The result of parsing: flags seen, option values (last one wins, all kept), positionals in order.
struct ParsedArguments {
    private(set) var flags: Set<String> = []
    private(set) var values: [String: [String]] = [:]
    private(set) var positionals: [String] = []

    /// True if the flag `long` was given.
    func has(_ long: String) -> Bool { flags.contains(long) }

    /// The last value given for `long`, if any.
    func value(_ long: String) -> String? { values[long]?.last }

    /// Every value given for a repeatable option.
    func allValues(_ long: String) -> [String] { values[long] ?? [] }

    /// Parses `args` (without the command words) against `options`. `--help`/`-h` is always accepted.
    static func parse(_ args: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        let all = options + [.flag("help", short: "h", help: "Show this help.")]
        var out = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                out.positionals.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositionals = true
                continue
            }
            let spec: OptionSpec
            var inlineValue: String?
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let s = all.first(where: { $0.long == name }) else {
                    throw UsageError("unknown option --\(name)" + suggestion(for: name, among: all.map(\.long)))
                }
                spec = s
            } else {
                let letters = Array(arg.dropFirst())
                guard letters.count == 1, let s = all.first(where: { $0.short == letters[0] }) else {
                    throw UsageError("unknown option \(arg)")
                }
                spec = s
            }
            if spec.valueName == nil {
                guard inlineValue == nil else { throw UsageError("option --\(spec.long) takes no value") }
                out.flags.insert(spec.long)
            } else {
                let v: String
                if let inlineValue {
                    v = inlineValue
                } else {
                    guard i < args.count else { throw UsageError("option --\(spec.long) needs a value <\(spec.valueName!)>") }
                    v = args[i]
                    i += 1
                }
                out.values[spec.long, default: []].append(v)
            }
        }
        return out
    }

    private static func suggestion(for name: String, among names: [String]) -> String {
        let close = names.filter { editDistance($0, name) <= 2 }
        return close.isEmpty ? "" : " (did you mean --\(close[0])?)"
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var row = Array(0...y.count)
    for i in 1...max(x.count, 1) where !x.isEmpty {
        var prev = row[0]
        row[0] = i
        for j in 1...max(y.count, 1) where !y.isEmpty {
            let cur = row[j]
            row[j] = Swift.min(row[j] + 1, row[j - 1] + 1, prev + (x[i - 1] == y[j - 1] ? 0 : 1))
            prev = cur
        }
    }
    return row[y.count]
}
