// SPDX-License-Identifier: Apache-2.0
// Socket: a thin owner of one non-blocking POSIX socket (socket(2), connect(2), accept4(2), read/write).

#if canImport(Glibc)
import Glibc

/// One file descriptor, closed on deinit. Non-blocking unless stated; errors become `TLSError.transport`.
public final class Socket: @unchecked Sendable {  // used by one thread at a time (the driver's loop)
    public let fd: Int32
    private var isClosed = false

    init(fd: Int32) { self.fd = fd }

    deinit { close() }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fd)
    }

    static func errorText(_ what: String) -> TLSError {
        .transport("\(what): \(String(cString: strerror(errno)))")
    }

    func setNonBlocking() throws(TLSError) {
        let flags = fcntl(fd, F_GETFL, 0)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw Self.errorText("fcntl") }
    }

    /// A listening TCP socket on `port` (0 = ephemeral) on all IPv4 addresses, non-blocking.
    public static func listen(port: UInt16, host: String = "0.0.0.0", backlog: Int32 = 128) throws(TLSError) -> Socket {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw errorText("socket") }
        let s = Socket(fd: fd)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { throw .transport("bad listen address \(host)") }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw errorText("bind") }
        guard Glibc.listen(fd, backlog) == 0 else { throw errorText("listen") }
        try s.setNonBlocking()
        return s
    }

    /// The local port (after binding to port 0).
    public var localPort: UInt16 {
        var addr = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return UInt16(bigEndian: addr.sin_port)
    }

    /// Accepts one connection, non-blocking; nil when none is pending.
    func accept() throws(TLSError) -> Socket? {
        // accept4(2) is not in the Glibc module map; accept(2) + fcntl(2) does the same in two calls.
        let c = Glibc.accept(fd, nil, nil)
        if c < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED { return nil }
            throw Socket.errorText("accept")
        }
        let accepted = Socket(fd: c)
        try accepted.setNonBlocking()
        _ = fcntl(c, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        _ = setsockopt(c, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return accepted
    }

    /// Connects to `host:port` (name resolved with getaddrinfo), waiting at most `timeoutMilliseconds`.
    public static func connect(host: String, port: UInt16, timeoutMilliseconds: Int32) throws(TLSError) -> Socket {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw .transport("cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        var lastError = TLSError.transport("no address for \(host)")
        var info: UnsafeMutablePointer<addrinfo>? = first
        while let ai = info {
            info = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), ai.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            let s = Socket(fd: fd)
            do throws(TLSError) {
                try s.setNonBlocking()
                if Glibc.connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) != 0 {
                    guard errno == EINPROGRESS else { throw errorText("connect") }
                    guard try s.poll(events: Int16(POLLOUT), timeoutMilliseconds: timeoutMilliseconds) else {
                        throw .transport("connect to \(host):\(port) timed out")
                    }
                    var err: Int32 = 0
                    var len = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
                    guard err == 0 else { throw .transport("connect: \(String(cString: strerror(err)))") }
                }
                var one: Int32 = 1
                _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return s
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Waits for `events`; false on timeout.
    func poll(events: Int16, timeoutMilliseconds: Int32) throws(TLSError) -> Bool {
        var p = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let n = Glibc.poll(&p, 1, timeoutMilliseconds)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw Self.errorText("poll") }
            return n > 0
        }
    }

    enum ReadResult {
        case data(Int)
        case wouldBlock
        case endOfStream
    }

    /// Reads into `buffer`.
    func read(into buffer: inout [UInt8]) throws(TLSError) -> ReadResult {
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n > 0 { return .data(n) }
        if n == 0 { return .endOfStream }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return .wouldBlock }
        throw Self.errorText("read")
    }

    /// Writes as much of `bytes[offset...]` as the kernel takes; returns the count written (0 if it would block).
    func write(_ bytes: [UInt8], from offset: Int) throws(TLSError) -> Int {
        let n = bytes.withUnsafeBytes { b in
            send(fd, b.baseAddress.map { $0 + offset }, b.count - offset, Int32(MSG_NOSIGNAL))
        }
        if n >= 0 { return n }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return 0 }
        throw Self.errorText("write")
    }
}
#endif
