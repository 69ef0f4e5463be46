// SPDX-License-Identifier: Apache-2.0
// Small blocking file helpers for the hardware issuers (device nodes and configfs entries); Glibc only.

#if canImport(Glibc)
import Glibc
#endif

enum SystemFiles {
    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Reads a whole file (configfs attributes are small; `limit` bounds the read).
    static func read(_ path: String, limit: Int = 1 << 20) throws(IssuerError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IssuerError("cannot open \(path): \(errorText())") }
        defer { close(fd) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 16384)
        while out.count <= limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IssuerError("cannot read \(path): \(errorText())")
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
        throw IssuerError("\(path) is larger than \(limit) bytes")
    }

    /// Writes `bytes` to an existing file in one write (configfs attributes require a single write).
    static func write(_ path: String, _ bytes: [UInt8]) throws(IssuerError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IssuerError("cannot open \(path): \(errorText())") }
        defer { close(fd) }
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count else { throw IssuerError("cannot write \(path): \(n < 0 ? errorText() : "short write")") }
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
