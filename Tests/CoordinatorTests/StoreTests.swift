// SPDX-License-Identifier: Apache-2.0
// The Store contract (get/set/has/compare-and-swap/watch, key syntax) for both backends.

#if canImport(Glibc)
import Glibc
#endif
import ContrastCoordinator
import Testing

/// A fresh empty directory under /tmp.
func temporaryDirectory(_ tag: String) -> String {
    let dir = "/tmp/contrast-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    mkdir(dir, 0o700)
    return dir
}

/// Removes a directory tree (tests only).
func removeTree(_ path: String) {
    if let d = opendir(path) {
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            var st = stat()
            if lstat(child, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { removeTree(child) } else { unlink(child) }
        }
        closedir(d)
    }
    rmdir(path)
}

enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case memory, file
    var testDescription: String { rawValue }
    func make() throws -> (any Store, cleanup: () -> Void) {
        switch self {
        case .memory: return (MemoryStore(), {})
        case .file:
            let dir = temporaryDirectory("store")
            return (try FileStore(directory: dir, pollInterval: .milliseconds(10)), { removeTree(dir) })
        }
    }
}

@Suite("Store contract")
struct StoreTests {
    @Test("key syntax is dir/name of [a-zA-Z0-9-]")
    func keys() {
        for good in ["transitions/latest", "manifests/00ff", "a-b/C-9"] { #expect(StoreKey.isValid(good)) }
        for bad in ["", "a", "a/", "/a", "a/b/c", "a//b", "../x", "a/.tmp", "a/b c", "a/ä"] { #expect(!StoreKey.isValid(bad), "\(bad)") }
    }

    @Test("get, set, has; absent keys are notFound", arguments: Backend.allCases)
    func basic(backend: Backend) throws {
        let (store, cleanup) = try backend.make()
        defer { cleanup() }
        #expect(try store.has("a/b") == false)
        #expect(throws: StoreError.notFound("a/b")) { try store.get("a/b") }
        try store.set("a/b", [1, 2, 3])
        #expect(try store.has("a/b"))
        #expect(try store.get("a/b") == [1, 2, 3])
        try store.set("a/b", [])
        #expect(try store.get("a/b") == [])
        #expect(throws: StoreError.invalidKey("a/../b")) { try store.set("a/../b", [1]) }
    }

    @Test("compare-and-swap succeeds on the expected value and reports conflicts", arguments: Backend.allCases)
    func cas(backend: Backend) throws {
        let (store, cleanup) = try backend.make()
        defer { cleanup() }
        try store.compareAndSwap("t/latest", old: nil, new: [1])
        #expect(throws: StoreError.casConflict("t/latest")) { try store.compareAndSwap("t/latest", old: nil, new: [2]) }
        #expect(throws: StoreError.casConflict("t/latest")) { try store.compareAndSwap("t/latest", old: [9], new: [2]) }
        try store.compareAndSwap("t/latest", old: [1], new: [2])
        #expect(try store.get("t/latest") == [2])
        // An empty value is a value, not absence.
        try store.compareAndSwap("t/latest", old: [2], new: [])
        #expect(throws: StoreError.casConflict("t/latest")) { try store.compareAndSwap("t/latest", old: nil, new: [3]) }
    }

    @Test("concurrent compare-and-swap: exactly one writer wins each round", arguments: Backend.allCases)
    func casRace(backend: Backend) async throws {
        let (store, cleanup) = try backend.make()
        defer { cleanup() }
        try store.set("c/n", [0])
        let wins = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var won = 0
                    for _ in 0..<50 {
                        guard let v = try? store.get("c/n"), let n = v.first else { continue }
                        if (try? store.compareAndSwap("c/n", old: v, new: [n &+ 1])) != nil { won += 1 }
                    }
                    return won
                }
            }
            return await group.reduce(0, +)
        }
        #expect(try store.get("c/n") == [UInt8(truncatingIfNeeded: wins)])
    }

    @Test("watch delivers the current value and then changes", arguments: Backend.allCases)
    func watch(backend: Backend) async throws {
        let (store, cleanup) = try backend.make()
        defer { cleanup() }
        try store.set("w/k", [1])
        var it = store.watch("w/k").makeAsyncIterator()
        let first = await it.next()
        #expect(first == .some([1]))
        try store.set("w/k", [2])
        var seen: [UInt8]?? = await it.next()
        // A polling backend may coalesce; wait until the latest value shows up.
        for _ in 0..<50 where seen != .some([2]) { seen = await it.next() }
        #expect(seen == .some([2]))
    }

    @Test("file store: values are readable by a second instance (another process's view)")
    func fileSharing() throws {
        let dir = temporaryDirectory("share")
        defer { removeTree(dir) }
        let a = try FileStore(directory: dir)
        let b = try FileStore(directory: dir)
        try a.set("m/x", Array("hello".utf8))
        #expect(try b.get("m/x") == Array("hello".utf8))
        try b.compareAndSwap("m/x", old: Array("hello".utf8), new: [7])
        #expect(throws: StoreError.casConflict("m/x")) { try a.compareAndSwap("m/x", old: Array("hello".utf8), new: [8]) }
        #expect(a.keys(in: "m") == ["m/x"])
    }

    @Test("file store: leftover temporary files are removed on open and never read as keys")
    func leftovers() throws {
        let dir = temporaryDirectory("tmp")
        defer { removeTree(dir) }
        let a = try FileStore(directory: dir)
        try a.set("m/x", [1])
        let stray = dir + "/m/.tmp-x-1-1"
        let fd = open(stray, O_WRONLY | O_CREAT, 0o644)
        close(fd)
        #expect(a.keys(in: "m") == ["m/x"])
        _ = try FileStore(directory: dir)
        #expect(access(stray, F_OK) != 0)
    }
}
