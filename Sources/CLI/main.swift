// SPDX-License-Identifier: Apache-2.0
// `contrast`: one static binary that is both the Coordinator and the CLI.

#if canImport(Glibc)
import Glibc
#endif

exit(runCLI(CommandLine.arguments))
