// SPDX-License-Identifier: Apache-2.0
// The `file:` store: one file per key under a directory, crash-safe writes and cross-process compare-and-swap (spec/upstream.md §4, DESIGN.md §8).

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A `Store` in a directory: key `dir/name` is the file `<root>/dir/name` (files 0644, directories 0755, as
/// upstream's v1.0 file store).
///
/// Crash safety (a SIGKILL or power loss at any instant leaves every key at its old or its new value):
/// 1. the value is written to a fresh temporary file `<root>/dir/.tmp-<name>-<pid>-<n>` (keys cannot contain
///    `.`, so temporary names never collide with keys), then `fsync`ed;
/// 2. `rename(2)` replaces the key's file atomically: readers see the old or the new file, never a mix;
/// 3. the directory is `fsync`ed so that the rename itself is durable.
/// Writers serialise on an exclusive `flock(2)` of `<root>/.lock` (and an in-process mutex, because flock
/// locks belong to the open file description, which threads share), so compare-and-swap is atomic across
/// processes. Readers take no lock. Temporary files left by a crash are removed when a store is opened.
public final class FileStore: Store {
    /// The directory holding the store.
    public let root: String
    /// How often `watch` polls for changes (another process may write, so polling is the portable way).
    public let pollInterval: Duration
    private let lockFD: Int32
    private let writeLock = Mutex(UInt64(0))

    /// Opens (creating if needed) a store in `directory`.
    /// - Throws: `StoreError.io` if the directory or lock file cannot be created.
    public init(directory: String, pollInterval: Duration = .milliseconds(200)) throws(StoreError) {
        var root = directory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
        self.pollInterval = pollInterval
        try FileStore.makeDirectories(root)
        let fd = open(root + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(operation: "open", path: root + "/.lock", errno: errno) }
        self.lockFD = fd
        try withWriteLock { () throws(StoreError) in try self.removeTemporaryFiles() }
    }

    deinit { close(lockFD) }

    private func path(_ key: String) -> String { root + "/" + key }

    public func get(_ key: String) throws(StoreError) -> [UInt8] {
        try StoreKey.check(key)
        guard let v = try FileStore.readFile(path(key)) else { throw .notFound(key) }
        return v
    }

    public func has(_ key: String) throws(StoreError) -> Bool {
        try StoreKey.check(key)
        var st = stat()
        if stat(path(key), &st) == 0 { return true }
        if errno == ENOENT || errno == ENOTDIR { return false }
        throw .io(operation: "stat", path: path(key), errno: errno)
    }

    public func set(_ key: String, _ value: [UInt8]) throws(StoreError) {
        try StoreKey.check(key)
        try withWriteLock { () throws(StoreError) in try self.writeDurably(key, value) }
    }

    public func compareAndSwap(_ key: String, old: [UInt8]?, new: [UInt8]) throws(StoreError) {
        try StoreKey.check(key)
        try withWriteLock { () throws(StoreError) in
            let current = try FileStore.readFile(self.path(key))
            guard current == old else { throw StoreError.casConflict(key) }
            try self.writeDurably(key, new)
        }
    }

    public func watch(_ key: String) -> AsyncStream<[UInt8]?> {
        let (stream, continuation) = AsyncStream<[UInt8]?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let interval = pollInterval
        let task = Task { [self] in
            var last: [UInt8]?? = .none
            while !Task.isCancelled {
                let current = try? self.get(key)
                if case .some(let previous) = last, previous == current {
                    // unchanged
                } else {
                    continuation.yield(current)
                    last = .some(current)
                }
                try? await Task.sleep(for: interval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: Writing

    private func withWriteLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let result: Result<T, StoreError> = writeLock.withLock { counter in
            counter &+= 1
            while flock(lockFD, LOCK_EX) != 0 {
                guard errno == EINTR else { return .failure(.io(operation: "flock", path: root + "/.lock", errno: errno)) }
            }
            defer { flock(lockFD, LOCK_UN) }
            do throws(StoreError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static let temporaryCounter = Atomic<UInt64>(0)

    /// Temp file, fsync, rename, fsync of the directory. Caller holds the write lock.
    private func writeDurably(_ key: String, _ value: [UInt8]) throws(StoreError) {
        guard let slash = key.utf8.firstIndex(of: UInt8(ascii: "/")) else { throw .invalidKey(key) }
        let dirName = String(key[..<slash])
        let name = String(key[key.index(after: slash)...])
        let dir = root + "/" + dirName
        if mkdir(dir, 0o755) == 0 {
            try FileStore.syncDirectory(root)  // make the new directory entry durable
        } else if errno != EEXIST {
            throw .io(operation: "mkdir", path: dir, errno: errno)
        }
        let n = FileStore.temporaryCounter.wrappingAdd(1, ordering: .relaxed).newValue
        let tmp = "\(dir)/.tmp-\(name)-\(getpid())-\(n)"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(operation: "create", path: tmp, errno: errno) }
        var failure: StoreError?
        value.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count, let base = buf.baseAddress {
                let w = write(fd, base + off, buf.count - off)
                if w > 0 {
                    off += w
                } else if w < 0 && errno == EINTR {
                    continue
                } else {
                    failure = .io(operation: "write", path: tmp, errno: errno)
                    return
                }
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = .io(operation: "fsync", path: tmp, errno: errno) }
        if close(fd) != 0 && failure == nil { failure = .io(operation: "close", path: tmp, errno: errno) }
        if let failure {
            unlink(tmp)
            throw failure
        }
        guard rename(tmp, dir + "/" + name) == 0 else {
            let e = errno
            unlink(tmp)
            throw .io(operation: "rename", path: tmp, errno: e)
        }
        try FileStore.syncDirectory(dir)
    }

    private static func syncDirectory(_ dir: String) throws(StoreError) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: dir, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(operation: "fsync", path: dir, errno: errno) }
    }

    private static func makeDirectories(_ path: String) throws(StoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .io(operation: "mkdir", path: prefix, errno: errno)
            }
        }
    }

    /// Removes `.tmp-*` files that a killed writer left behind. Caller holds the write lock.
    private func removeTemporaryFiles() throws(StoreError) {
        for dir in FileStore.listDirectory(root) where !dir.hasPrefix(".") {
            for entry in FileStore.listDirectory(root + "/" + dir) where entry.hasPrefix(".tmp-") {
                unlink(root + "/" + dir + "/" + entry)
            }
        }
    }

    /// Names in a directory (excluding `.` and `..`); empty if it cannot be read.
    static func listDirectory(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The keys stored under `dir` (e.g. every hash under `manifests`).
    public func keys(in dir: String) -> [String] {
        FileStore.listDirectory(root + "/" + dir).filter { !$0.hasPrefix(".") }.map { dir + "/" + $0 }
    }

    // MARK: Reading

    /// The whole file, or nil if it does not exist.
    static func readFile(_ path: String) throws(StoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .io(operation: "open", path: path, errno: errno)
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let r = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if r > 0 {
                out += chunk[0..<r]
            } else if r == 0 {
                return out
            } else if errno != EINTR {
                throw .io(operation: "read", path: path, errno: errno)
            }
        }
    }
}
