// SPDX-License-Identifier: Apache-2.0
// SIGKILL crash test of the file store: a child writes until killed at a random instant; the store must always open,
// every object must verify, and the pointer must be the old or the new value, never torn (issue 9 "History").

#if canImport(Glibc)
import Glibc
#endif
import ContrastCoordinator
import TestSupport
import Testing

/// Starts `path args` with stdout redirected to `stdoutPath`; returns the pid.
private func spawn(_ path: String, _ args: [String], stdoutPath: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = [path] + args
    var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cargs { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, &cargs, environ)
    guard rc == 0 else { throw StoreError.io(operation: "posix_spawn", path: path, errno: rc) }
    return pid
}

/// The last complete line of a file as an integer (0 if none).
private func lastCommitted(_ path: String) -> UInt64 {
    let bytes = (try? VectorLocator.read(path)) ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    // A partial last line (no newline) cannot happen with one write(2) per line, but stay safe.
    guard let last = text.hasSuffix("\n") ? lines.last : lines.dropLast().last else { return 0 }
    return UInt64(last) ?? 0
}

@Suite("File store crash safety")
struct FileStoreCrashTests {
    static let iterations = 200

    @Test(
        "SIGKILL at random points never loses or tears a write (200 iterations)",
        .enabled(if: Subprocess.builtProduct("contrast") != nil, "needs the `contrast` binary (built by swift build)"))
    func sigkill() throws {
        let contrast = try #require(Subprocess.builtProduct("contrast"))
        let dir = temporaryDirectory("crash")
        let out = dir + "-stdout"
        defer {
            removeTree(dir)
            unlink(out)
        }
        var rng = SystemRandomNumberGenerator()
        var previous: UInt64 = 0
        var progressed = 0
        for iteration in 0..<FileStoreCrashTests.iterations {
            let pid = try spawn(contrast, ["debug-store-writer", "--dir", dir, "--seed", "\(iteration + 1)"], stdoutPath: out)
            // Kill somewhere between process start-up and many writes in.
            usleep(UInt32.random(in: 0...60_000, using: &rng))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let committed = lastCommitted(out)
            let store = try FileStore(directory: dir)
            let report: StoreCrashProbe.Report
            do {
                report = try StoreCrashProbe.check(store: store)
            } catch {
                Issue.record("iteration \(iteration): \(error)")
                return
            }
            // The pointer is the last reported commit, or one newer (CAS done, report not yet written);
            // with no report this run, it is where the previous run left it, or one newer.
            let base = committed == 0 ? previous : committed
            #expect(report.latest == base || report.latest == base + 1, "iteration \(iteration): latest \(report.latest), committed \(committed), previous \(previous)")
            #expect(report.latest >= previous, "iteration \(iteration): pointer went backwards")
            if report.latest > previous { progressed += 1 }
            previous = report.latest
        }
        // Sanity: the kills were not all before the first write.
        #expect(progressed > FileStoreCrashTests.iterations / 4, "only \(progressed) iterations made progress")
    }
}
