// SPDX-License-Identifier: Apache-2.0
// Finds the third-party vectors (../shared/vectors or $CONTRAST_VECTORS_DIR) and the project's own Vectors/.

#if canImport(Glibc)
import Glibc
#endif

/// Locates vector files. Third-party vectors are read in place and never copied into the repository.
public enum VectorLocator {
    /// The package root: the nearest folder above this source file that holds `Package.swift`.
    public static let packageRoot: String = {
        var dir = String(#filePath)
        while let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            if dir.isEmpty { break }
            if fileExists(dir + "/Package.swift") { return dir }
        }
        return "."
    }()

    /// The third-party vector folder, or nil when it is absent.
    public static let sharedDirectory: String? = {
        if let env = getenv("CONTRAST_VECTORS_DIR") {
            let path = String(cString: env)
            return isDirectory(path) ? path : nil
        }
        let candidate = packageRoot + "/../shared/vectors"
        return isDirectory(candidate) ? candidate : nil
    }()

    /// True when the third-party vectors are present. Use as `.enabled(if: VectorLocator.isAvailable,
    /// VectorLocator.absentMessage)` so that a missing folder shows up in the output as a skip with a reason.
    public static var isAvailable: Bool { sharedDirectory != nil }

    /// Why vector tests were skipped.
    public static let absentMessage: Comment =
        "third-party vectors not found: put them at ../shared/vectors next to the repository or set CONTRAST_VECTORS_DIR"

    /// Path of a file under the shared vectors (e.g. `"wycheproof/testvectors_v1/aes_gcm_test.json"`).
    /// - Throws: `VectorError.missing` when the folder or the file is absent. A missing file inside a present
    ///   folder is a failure, never a silent skip.
    public static func sharedPath(_ relative: String) throws -> String {
        guard let dir = sharedDirectory else { throw VectorError.missing("vectors folder absent (\(relative))") }
        let path = dir + "/" + relative
        guard fileExists(path) else { throw VectorError.missing(path) }
        return path
    }

    /// Path of a file under the project's own `Vectors/`.
    public static func projectPath(_ relative: String) throws -> String {
        let path = packageRoot + "/Vectors/" + relative
        guard fileExists(path) else { throw VectorError.missing(path) }
        return path
    }

    /// Reads a whole file.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw VectorError.missing(path) }
        defer { fclose(f) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { out.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count { break }
        }
        return out
    }

    /// Reads a shared vector file.
    public static func readShared(_ relative: String) throws -> [UInt8] { try read(sharedPath(relative)) }

    /// Lists the entries of a folder (names only, sorted).
    public static func list(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var names = [String]()
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}

import Testing

/// Errors of the vector harness; every message names the file.
public enum VectorError: Error, CustomStringConvertible {
    case missing(String)
    case malformed(file: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let p): return "vector file missing: \(p)"
        case .malformed(let f, let r): return "malformed vector file \(f): \(r)"
        }
    }
}
