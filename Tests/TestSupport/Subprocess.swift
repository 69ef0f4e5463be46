// SPDX-License-Identifier: Apache-2.0
// Runs a program and captures its exit status, stdout and stderr (posix_spawn; tests only).

#if canImport(Glibc)
import Glibc
#endif

/// The outcome of running a program.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs external programs for end-to-end and interop tests.
public enum Subprocess {
    /// Runs `path` with `arguments`, optional `stdin` bytes and this process's environment plus `environment`
    /// (`NAME=value` entries, which take precedence); waits for it to exit.
    public static func run(
        _ path: String, _ arguments: [String], stdin input: [UInt8] = [], environment: [String] = []
    ) throws -> ProcessResult {
        let dir = "/tmp/contrast-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(dir, 0o700)
        defer {
            for f in ["in", "out", "err"] { unlink(dir + "/" + f) }
            rmdir(dir)
        }
        let inPath = dir + "/in"
        let outPath = dir + "/out"
        let errPath = dir + "/err"
        if let f = fopen(inPath, "wb") {
            _ = input.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            fclose(f)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = [path] + arguments
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var cenv = [UnsafeMutablePointer<CChar>?]()
        let overridden = Set(environment.map { $0.prefix { $0 != "=" } })
        var inherited = environ
        while let entry = inherited.pointee {
            if !overridden.contains(String(cString: entry).prefix { $0 != "=" }) { cenv.append(strdup(entry)) }
            inherited += 1
        }
        cenv += environment.map { strdup($0) } + [nil]
        defer { for p in cenv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, &cargs, &cenv)
        guard rc == 0 else { throw VectorError.missing("cannot run \(path): errno \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = String(decoding: (try? VectorLocator.read(outPath)) ?? [], as: UTF8.self)
        let err = String(decoding: (try? VectorLocator.read(errPath)) ?? [], as: UTF8.self)
        return ProcessResult(status: code, stdout: out, stderr: err)
    }

    /// The first executable named `name` on PATH, or nil.
    public static func which(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/\(name)"
            if access(p, X_OK) == 0 { return p }
        }
        return nil
    }

    /// Path of a binary built next to the running test bundle (e.g. `contrast`), or nil.
    public static func builtProduct(_ name: String) -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        var dir = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        while let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            let candidate = dir + "/" + name
            var st = stat()
            if stat(candidate, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && access(candidate, X_OK) == 0 {
                return candidate
            }
            if dir.hasSuffix("/.build") || dir.isEmpty { break }
        }
        return nil
    }
}
