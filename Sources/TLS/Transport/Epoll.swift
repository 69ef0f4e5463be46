// SPDX-License-Identifier: Apache-2.0
// A minimal epoll(7) binding: create, register/modify/remove interest, wait (Linux sys/epoll.h).

#if canImport(Glibc)
import Glibc

// The Glibc module map leaves out <sys/epoll.h>; bound by symbol name with the C calling convention.
@_extern(c, "epoll_create1")
func sys_epoll_create1(_ flags: Int32) -> Int32
@_extern(c, "epoll_ctl")
func sys_epoll_ctl(_ epfd: Int32, _ op: Int32, _ fd: Int32, _ event: UnsafeMutableRawPointer?) -> Int32
@_extern(c, "epoll_wait")
func sys_epoll_wait(_ epfd: Int32, _ events: UnsafeMutableRawPointer?, _ maxEvents: Int32, _ timeout: Int32) -> Int32

/// An epoll instance whose registrations carry the file descriptor as their data.
///
/// `struct epoll_event` is `{ uint32_t events; uint64_t data; }`, declared packed on x86_64 (12 bytes, data at
/// offset 4) and naturally aligned elsewhere (16 bytes, data at offset 8): sys/epoll.h `__EPOLL_PACKED`.
/// Events are therefore read and written as raw bytes at those offsets, never through a Swift struct.
struct Epoll: ~Copyable {
    static let input: UInt32 = 0x001  // EPOLLIN
    static let output: UInt32 = 0x004  // EPOLLOUT
    static let error: UInt32 = 0x008  // EPOLLERR
    static let hangUp: UInt32 = 0x010  // EPOLLHUP
    static let readHangUp: UInt32 = 0x2000  // EPOLLRDHUP

    #if arch(x86_64)
    static let eventSize = 12
    static let dataOffset = 4
    #else
    static let eventSize = 16
    static let dataOffset = 8
    #endif

    let fd: Int32
    /// Room for this many events per wait.
    let capacity: Int
    private var buffer: UnsafeMutableRawBufferPointer

    init(capacity: Int = 256) throws(TLSError) {
        let fd = sys_epoll_create1(0o2_000_000)  // EPOLL_CLOEXEC
        guard fd >= 0 else { throw Socket.errorText("epoll_create1") }
        self.fd = fd
        self.capacity = capacity
        buffer = .allocate(byteCount: capacity * Self.eventSize, alignment: 8)
    }

    deinit {
        buffer.deallocate()
        _ = Glibc.close(fd)
    }

    private func control(_ op: Int32, _ target: Int32, _ events: UInt32) -> Int32 {
        var raw = (UInt64(0), UInt64(0))  // 16 zeroed bytes, enough for either layout
        return withUnsafeMutableBytes(of: &raw) { p in
            p.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            p.storeBytes(of: UInt64(UInt32(bitPattern: target)), toByteOffset: Self.dataOffset, as: UInt64.self)
            return sys_epoll_ctl(fd, op, target, p.baseAddress)
        }
    }

    /// EPOLL_CTL_ADD.
    func add(_ target: Int32, events: UInt32) throws(TLSError) {
        guard control(1, target, events) == 0 else { throw Socket.errorText("epoll_ctl(ADD)") }
    }

    /// EPOLL_CTL_MOD.
    func modify(_ target: Int32, events: UInt32) throws(TLSError) {
        guard control(3, target, events) == 0 else { throw Socket.errorText("epoll_ctl(MOD)") }
    }

    /// EPOLL_CTL_DEL; closing a descriptor removes it as well, so failure is ignored.
    func remove(_ target: Int32) {
        _ = control(2, target, 0)
    }

    /// Waits up to `timeoutMilliseconds` and calls `body(fd, events)` for each ready descriptor.
    /// EINTR counts as a wake-up with no events.
    func wait(timeoutMilliseconds: Int32, _ body: (Int32, UInt32) -> Void) throws(TLSError) {
        let n = sys_epoll_wait(fd, buffer.baseAddress, Int32(capacity), timeoutMilliseconds)
        if n < 0 {
            if errno == EINTR { return }
            throw Socket.errorText("epoll_wait")
        }
        for i in 0..<Int(n) {
            let base = i * Self.eventSize
            let events = buffer.loadUnaligned(fromByteOffset: base, as: UInt32.self)
            let data = buffer.loadUnaligned(fromByteOffset: base + Self.dataOffset, as: UInt64.self)
            body(Int32(truncatingIfNeeded: data), events)
        }
    }
}
#endif
