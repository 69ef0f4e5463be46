// SPDX-License-Identifier: Apache-2.0
// `contrast report verify`: signature, chain and claim checks of one piece of evidence.

enum ReportVerify {
    static func run(path: String, _ args: ParsedArguments) throws -> ExitCode {
        throw CommandFailure("report verify: signature and chain verification are not available in this build yet")
    }
}
