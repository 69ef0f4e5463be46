// SPDX-License-Identifier: Apache-2.0
// Blocking TCP sockets over Glibc with deadlines: the only HTTP code that touches the network.

#if canImport(Glibc)
import Glibc
#endif

/// A socket call failed.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    public let operation: String
    public let errno: Int32
    public init(_ operation: String, _ errno: Int32) {
        self.operation = operation
        self.errno = errno
    }
    public var description: String {
        let text = strerror(errno).map { String(cString: $0) } ?? "errno \(errno)"
        return "\(operation): \(text)"
    }
}

/// An owned TCP socket file descriptor (closed by `close()`, not by deinit, so that ownership stays explicit).
public struct TCPSocket: Sendable {
    public let fd: Int32

    public init(fd: Int32) { self.fd = fd }

    /// The outcome of a read.
    public enum ReadResult: Sendable, Equatable {
        case data([UInt8])
        case endOfStream
        case timedOut
    }

    /// Resolves `host:port` (numeric or name) with getaddrinfo.
    static func resolve(_ host: String, _ port: UInt16, passive: Bool) throws(SocketError) -> [(family: Int32, address: [UInt8])] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, "\(port)", &hints, &result)
        guard rc == 0, let first = result else { throw SocketError("getaddrinfo \(host)", EHOSTUNREACH) }
        defer { freeaddrinfo(result) }
        var out: [(Int32, [UInt8])] = []
        var p: UnsafeMutablePointer<addrinfo>? = first
        while let ai = p {
            if let addr = ai.pointee.ai_addr {
                out.append((ai.pointee.ai_family, Array(UnsafeRawBufferPointer(start: addr, count: Int(ai.pointee.ai_addrlen)))))
            }
            p = ai.pointee.ai_next
        }
        return out
    }

    /// A listening socket on `host:port` (port 0 picks a free one); returns the socket and the bound port.
    public static func listen(host: String, port: UInt16, backlog: Int32 = 128) throws(SocketError) -> (TCPSocket, UInt16) {
        let addresses = try resolve(host, port, passive: true)
        var lastError = SocketError("listen", EADDRNOTAVAIL)
        for (family, address) in addresses {
            let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = SocketError("socket", errno)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            let bound = address.withUnsafeBytes { raw in
                bind(fd, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
            guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
                lastError = SocketError("bind/listen \(host):\(port)", errno)
                Glibc.close(fd)
                continue
            }
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let actualPort: UInt16 = withUnsafeMutablePointer(to: &storage) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    guard getsockname(fd, sa, &length) == 0 else { return port }
                    if Int32(sa.pointee.sa_family) == AF_INET {
                        return sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
                    }
                    return sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                }
            }
            return (TCPSocket(fd: fd), actualPort)
        }
        throw lastError
    }

    /// Connects to `host:port`.
    public static func connect(host: String, port: UInt16) throws(SocketError) -> TCPSocket {
        let addresses = try resolve(host, port, passive: false)
        var lastError = SocketError("connect \(host):\(port)", ECONNREFUSED)
        for (family, address) in addresses {
            let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = SocketError("socket", errno)
                continue
            }
            let rc = address.withUnsafeBytes { raw in
                Glibc.connect(fd, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
            if rc == 0 {
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return TCPSocket(fd: fd)
            }
            lastError = SocketError("connect \(host):\(port)", errno)
            Glibc.close(fd)
        }
        throw lastError
    }

    /// Accepts one connection (blocking).
    public func accept() throws(SocketError) -> TCPSocket {
        while true {
            let c = Glibc.accept(fd, nil, nil)
            if c >= 0 {
                _ = fcntl(c, F_SETFD, FD_CLOEXEC)
                var one: Int32 = 1
                setsockopt(c, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return TCPSocket(fd: c)
            }
            if errno == EINTR || errno == ECONNABORTED { continue }
            throw SocketError("accept", errno)
        }
    }

    /// Reads up to `maximum` bytes, waiting at most until `deadline` (nil: forever).
    public func read(maximum: Int = 65536, deadline: ContinuousClock.Instant?) throws(SocketError) -> ReadResult {
        while true {
            var timeout: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                if left <= .zero { return .timedOut }
                let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
                timeout = Int32(clamping: ms)
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SocketError("poll", errno)
            }
            if ready == 0 { return .timedOut }
            var buffer = [UInt8](repeating: 0, count: maximum)
            let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { return .data(Array(buffer[0..<n])) }
            if n == 0 { return .endOfStream }
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == ECONNRESET { return .endOfStream }
            throw SocketError("recv", errno)
        }
    }

    /// Writes every byte (MSG_NOSIGNAL: a closed peer is an error, not SIGPIPE).
    public func writeAll(_ bytes: [UInt8]) throws(SocketError) {
        var failure: SocketError?
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count, let base = raw.baseAddress {
                let n = send(fd, base + off, raw.count - off, Int32(MSG_NOSIGNAL))
                if n > 0 {
                    off += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    failure = SocketError("send", errno)
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// Stops both directions (wakes a thread blocked in accept or poll on this socket).
    public func shutdown() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

    /// Closes the descriptor.
    public func close() { _ = Glibc.close(fd) }
}
