// SPDX-License-Identifier: Apache-2.0
// Background peer processes (openssl s_server, gnutls-serv) for interop tests, and a scratch directory.

import Glibc
import TestSupport

/// A spawned process with output sent to a log file; terminated on `stop()`.
final class PeerProcess {
    let pid: pid_t
    let logPath: String

    init(_ path: String, _ arguments: [String], logPath: String) throws {
        self.logPath = logPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var cArgs = argv + [nil]
        var p: pid_t = 0
        let rc = posix_spawn(&p, path, &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw VectorError.missing("spawn \(path): \(rc)") }
        pid = p
    }

    var log: String { (try? VectorLocator.read(logPath)).map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func stop() {
        kill(pid, SIGKILL)  // SIGTERM may be blocked in the inherited signal mask of test threads
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:`port`.
    static func waitForListener(port: UInt16, timeoutMilliseconds: Int = 5000) -> Bool {
        var waited = 0
        while waited < timeoutMilliseconds {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if rc == 0 { return true }
            usleep(50_000)
            waited += 50
        }
        return false
    }

    /// A currently free TCP port (bind to 0, read it back, release).
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return UInt16(bigEndian: addr.sin_port)
    }

    /// A fresh directory under /tmp.
    static func scratchDirectory() -> String {
        var template = Array("/tmp/contrast-tls-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { return "/tmp" }
        return String(cString: p)
    }
}

/// Test PKI made with the openssl binary: self-signed EC certificates.
struct OpenSSLPKI {
    let openssl: String
    let dir: String

    /// Creates `<name>.key` / `<name>.crt` on `curve` ("P-256", "P-384", or "RSA-2048" for an RSA key) and
    /// returns their paths.
    func make(_ name: String, curve: String) throws -> (cert: String, key: String) {
        let key = "\(dir)/\(name).key"
        let cert = "\(dir)/\(name).crt"
        let keySpec = curve.hasPrefix("RSA-")
            ? ["-newkey", "rsa:\(curve.dropFirst(4))"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(curve)"]
        let r = try Subprocess.run(openssl, ["req", "-x509"] + keySpec + [
            "-nodes", "-keyout", key,
            "-out", cert, "-subj", "/CN=\(name)", "-days", "2", "-addext", "subjectAltName=DNS:localhost",
        ])
        guard r.status == 0 else { throw VectorError.malformed(file: cert, reason: r.stderr) }
        return (cert, key)
    }

    static func text(_ path: String) throws -> String { String(decoding: try VectorLocator.read(path), as: UTF8.self) }
}
