// SPDX-License-Identifier: Apache-2.0
// `contrast speed`: the benchmark, in the spirit of `openssl speed` (table or one JSON object per line).

import ContrastCrypto

/// `contrast speed [NAME...] [--seconds S] [--json] [--list]`
enum SpeedCommand: Command {
    static let name = "speed"
    static let summary = "Measure the speed of the cryptographic primitives (compare with `openssl speed`)."
    static let usage = "[NAME...] [--seconds S] [--json] [--list]"
    static let discussion = """
        Runs each named benchmark (all of them when no name is given) for S seconds after a short warm-up and
        prints a table, or with --json one object per line:
          {"name":"sha256","bytes":16384,"ops_per_sec":...,"bytes_per_sec":...}
        Machines are noisy: compare ratios against OpenSSL measured on the same machine at the same time
        (../shared/tools/speed-vs-openssl), not absolute numbers.
        On CPUs with BMI2, SHA-2 runs a build of its block functions that uses BMI2's rotate (the table's first
        line says which build runs); CONTRAST_DISABLE_BMI2=1 selects the portable build, as OPENSSL_ia32cap does
        for OpenSSL.
        """
    static let options: [OptionSpec] = [
        .value("seconds", short: "s", name: "S", help: "Seconds to run each benchmark (default 1)."),
        .flag("json", help: "Print one JSON object per line instead of a table."),
        .flag("list", help: "List the benchmark names and exit."),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitCode {
        if args.has("list") {
            let width = (allBenchmarks.map(\.name.count).max() ?? 0) + 2
            for b in allBenchmarks { print(b.name.padding(to: width) + b.summary) }
            return .success
        }
        var seconds = 1.0
        if let s = args.value("seconds") {
            guard let v = Double(s), v > 0, v <= 3600 else {
                throw UsageError("--seconds must be a number of seconds between 0 and 3600, got '\(s)'")
            }
            seconds = v
        }
        var selected = [Benchmark]()
        for name in args.positionals {
            guard let b = allBenchmarks.first(where: { $0.name == name }) else {
                let close = allBenchmarks.map(\.name).filter { editDistance($0, name) <= 2 }
                throw UsageError(
                    "unknown benchmark '\(name)'" + (close.isEmpty ? "" : " (did you mean '\(close[0])'?)")
                        + "; see 'contrast speed --list'")
            }
            selected.append(b)
        }
        if selected.isEmpty { selected = allBenchmarks }
        if selected.isEmpty { throw CommandFailure("no benchmarks are available in this build") }

        let json = args.has("json")
        if !json {
            print("SHA-2 block functions: \(CPUFeatures.sha2BlockFunctions)")
            print("name".padding(to: 22) + "op".padding(to: 10) + "bytes".leftPad(8) + "ops/s".leftPad(14)
                + "MB/s".leftPad(12) + "µs/op".leftPad(12))
        }
        var sink: UInt8 = 0
        for b in selected {
            for v in b.variants {
                let op: () -> UInt8
                do { op = try v.make() } catch { throw CommandFailure("benchmark \(b.name) could not be set up: \(error)") }
                let (n, t) = measure(op, seconds: seconds, sink: &sink)
                let r = SpeedResult(name: b.name, operation: v.operation, bytes: v.bytes, operations: n, seconds: t)
                print(json ? jsonLine(r) : tableLine(r))
            }
        }
        if sink == 0x5A && seconds < 0 { print("") }  // keeps `sink` observable
        return .success
    }

    static func jsonLine(_ r: SpeedResult) -> String {
        var s = "{\"name\":\"\(r.name)\""
        if let op = r.operation { s += ",\"op\":\"\(op)\"" }
        s += ",\"bytes\":\(r.bytes),\"ops_per_sec\":\(fmt(r.opsPerSecond, 3))"
        if r.bytes > 0 { s += ",\"bytes_per_sec\":\(fmt(r.bytesPerSecond, 0))" }
        s += ",\"seconds_per_op\":\(fmt(1 / r.opsPerSecond, 9))}"
        return s
    }

    static func tableLine(_ r: SpeedResult) -> String {
        r.name.padding(to: 22) + (r.operation ?? "-").padding(to: 10) + String(r.bytes).leftPad(8)
            + fmt(r.opsPerSecond, 1).leftPad(14) + (r.bytes > 0 ? fmt(r.bytesPerSecond / 1e6, 1) : "-").leftPad(12)
            + fmt(1e6 / r.opsPerSecond, 2).leftPad(12)
    }

    /// Fixed-point formatting without Foundation.
    static func fmt(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let v = (x * scale).rounded()
        guard abs(v) < 9e18 else { return String(Int64(x)) }
        let n = Int64(v)
        guard digits > 0 else { return String(n) }
        let s = Int64(scale)
        var frac = String(abs(n) % s)
        while frac.count < digits { frac = "0" + frac }
        return (n < 0 ? "-" : "") + String(abs(n) / s) + "." + frac
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
