// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of the `contrast` binary: help, version, exit codes, `speed`.

import Testing
import TestSupport

@Suite("contrast CLI")
struct CLITests {
    func contrast(_ args: String..., environment: [String] = []) throws -> ProcessResult {
        let bin = try #require(Subprocess.builtProduct("contrast"), "the contrast binary is built next to the tests")
        return try Subprocess.run(bin, args, environment: environment)
    }

    @Test("--version prints the version and exits 0")
    func version() throws {
        let r = try contrast("--version")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("contrast "))
    }

    @Test("no arguments is a usage error listing the commands")
    func noArguments() throws {
        let r = try contrast()
        #expect(r.status == 2)
        #expect(r.stderr.contains("speed"))
    }

    @Test("an unknown command is a usage error with a hint")
    func unknownCommand() throws {
        let r = try contrast("sped")
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown command 'sped'"))
        #expect(r.stderr.contains("did you mean 'speed'"))
    }

    @Test("every subcommand has --help")
    func subcommandHelp() throws {
        let r = try contrast("speed", "--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: contrast speed"))
        #expect(r.stdout.contains("--seconds"))
    }

    @Test("an unknown option is a usage error on stderr")
    func unknownOption() throws {
        let r = try contrast("speed", "--second", "1")
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown option --second"))
        #expect(r.stdout.isEmpty)
    }

    @Test("bad --seconds value is a usage error")
    func badSeconds() throws {
        let r = try contrast("speed", "--seconds", "abc")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--seconds"))
    }

    @Test("speed http-roundtrip runs both loopback keep-alive variants after a checked set-up round trip")
    func httpRoundTrip() throws {
        let r = try contrast("speed", "http-roundtrip", "--seconds", "0.2", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { try? JSONValue.parse(Array($0.utf8)) }
        #expect(lines.map { $0?["name"]?.string } == ["http-roundtrip", "http-roundtrip"])
        #expect(lines.map { $0?["op"]?.string } == ["get", "post-16k"])
        let rates = lines.map { line -> Double in
            if case .number(let n) = line?["ops_per_sec"] { return Double(n) ?? 0 }
            return 0
        }
        #expect(rates.count == 2 && rates.allSatisfy { $0 > 0 }, "\(r.stdout)")
    }

    @Test("speed names the SHA-2 build that runs; CONTRAST_DISABLE_BMI2=1 selects the portable one")
    func sha2Build() throws {
        // "0" leaves the choice to the CPU (set explicitly: the test process may run with the variable set).
        let chosen = try contrast("speed", "sha256", "--seconds", "0.05", environment: ["CONTRAST_DISABLE_BMI2=0"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let first = chosen.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            first == "SHA-2 block functions: BMI2 (CONTRAST_DISABLE_BMI2=1 selects the portable build)"
                || first == "SHA-2 block functions: portable (this CPU has no BMI2)",
            "\(chosen.stdout)")
        for value in ["1", "yes"] {
            let portable = try contrast(
                "speed", "sha256", "--seconds", "0.05", environment: ["CONTRAST_DISABLE_BMI2=\(value)"])
            #expect(portable.status == 0, "\(portable.stderr)")
            #expect(
                portable.stdout.hasPrefix("SHA-2 block functions: portable (CONTRAST_DISABLE_BMI2 is set)\n"),
                "\(portable.stdout)")
            #expect(portable.stdout.contains("sha256"))
        }
        // So does the empty string.
        let empty = try contrast("speed", "sha256", "--seconds", "0.05", environment: ["CONTRAST_DISABLE_BMI2="])
        #expect(empty.stdout.split(separator: "\n").first.map(String.init) == first, "\(empty.stdout)")
    }

    @Test("unknown benchmark names are rejected")
    func unknownBenchmark() throws {
        let r = try contrast("speed", "no-such-benchmark")
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown benchmark"))
    }
}
