// SPDX-License-Identifier: Apache-2.0
// TLSServer: non-blocking sockets on a poll(2) event loop with deadlines and bounds (DESIGN.md §7).

#if canImport(Glibc)
import Glibc
import ContrastCrypto
import Synchronization

/// Limits of a server: every wait has a deadline and every buffer a bound.
public struct TLSServerLimits: Sendable {
    public var maxConnections = 1024
    public var handshakeTimeoutMilliseconds = 10_000
    public var idleTimeoutMilliseconds = 30_000
    public var maxPendingOutput = 1 << 20
    public init() {}
}

/// What a request handler sees and does for one connection.
public struct TLSSession {
    public let summary: HandshakeSummary
    /// Bytes the handler wants to send.
    public var output: [UInt8] = []
    /// Set to close the connection (with close_notify) after `output`.
    public var shouldClose = false
    /// Free space for the handler's per-connection state (e.g. a partial request).
    public var userBuffer: [UInt8] = []
}

/// A single-threaded event-loop server: accepts, handshakes and hands application data to `handler`.
/// It waits with poll(2): the Glibc module map does not export epoll, and binding it needs the Extern
/// feature on this target (requested from the lead); with the connection bound (`maxConnections`) poll's
/// O(n) scan per wake-up is acceptable.
public final class TLSServer: @unchecked Sendable {  // `run` owns all mutable state; `stop` is atomic
    public typealias Handler = (inout TLSSession, [UInt8]) -> Void

    final class Conn {
        let socket: Socket
        var tls: TLSConnection
        var session: TLSSession?
        var pending: [UInt8] = []
        var deadline: Int64
        var closing = false
        init(socket: Socket, tls: TLSConnection, deadline: Int64) {
            self.socket = socket
            self.tls = tls
            self.deadline = deadline
        }
    }

    let listener: Socket
    let configuration: TLSConfiguration
    let limits: TLSServerLimits
    let stopFlag = Atomic<Bool>(false)
    /// Completed handshakes (for benchmarks and tests).
    public let handshakes = Atomic<Int>(0)
    /// Failed connections (handshake or later).
    public let failures = Atomic<Int>(0)

    public init(listener: Socket, configuration: TLSConfiguration, limits: TLSServerLimits = TLSServerLimits()) {
        self.listener = listener
        self.configuration = configuration
        self.limits = limits
    }

    public var port: UInt16 { listener.localPort }

    /// Asks `run` to return (within ~100 ms).
    public func stop() { stopFlag.store(true, ordering: .relaxed) }

    static func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Runs the loop until `stop()`. `onError` hears about each failed connection (for logging).
    public func run(handler: Handler, onError: (TLSError) -> Void = { _ in }) throws(TLSError) {
        var conns: [Int32: Conn] = [:]
        var fds: [pollfd] = []
        while !stopFlag.load(ordering: .relaxed) {
            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0))
            for c in conns.values {
                let want = Int16(POLLIN) | (c.pending.isEmpty ? 0 : Int16(POLLOUT))
                fds.append(pollfd(fd: c.socket.fd, events: want, revents: 0))
            }
            let n = fds.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, nfds_t($0.count), 100) }
            if n < 0 && errno != EINTR { throw Socket.errorText("poll") }
            if n > 0 {
                for p in fds where p.revents != 0 {
                    if p.fd == listener.fd {
                        acceptAll(&conns)
                        continue
                    }
                    guard let c = conns[p.fd] else { continue }
                    let ok = service(c, p.revents, handler: handler, onError: onError)
                    if !ok || (c.closing && c.pending.isEmpty) { drop(c, &conns) }
                }
            }
            let now = Self.nowMilliseconds()
            for c in conns.values where c.deadline < now {
                onError(.transport("deadline passed"))
                failures.add(1, ordering: .relaxed)
                drop(c, &conns)
            }
        }
        for c in conns.values { drop(c, &conns) }
    }

    func drop(_ c: Conn, _ conns: inout [Int32: Conn]) {
        conns[c.socket.fd] = nil
        c.socket.close()
    }

    func acceptAll(_ conns: inout [Int32: Conn]) {
        while let s = try? listener.accept() {
            // Bounded number of connections: refuse (close) beyond the limit.
            guard conns.count < limits.maxConnections else {
                s.close()
                continue
            }
            let tls = TLSConnection(server: configuration, random: SystemRandom())
            let c = Conn(socket: s, tls: tls, deadline: Self.nowMilliseconds() + Int64(limits.handshakeTimeoutMilliseconds))
            conns[s.fd] = c
        }
    }

    /// Reads, runs TLS and the handler, writes. Returns false when the connection should be dropped now.
    func service(_ c: Conn, _ events: Int16, handler: Handler, onError: (TLSError) -> Void) -> Bool {
        do throws(TLSError) {
            if events & Int16(POLLIN | POLLHUP | POLLERR) != 0 && !c.closing {
                var buffer = [UInt8](repeating: 0, count: 16 * 1024)
                // A bounded number of reads per wake-up keeps one busy peer from starving the others.
                reading: for _ in 0..<4 {
                    switch try c.socket.read(into: &buffer) {
                    case .data(let n):
                        try c.tls.receive(buffer[0..<n])
                        try afterReceive(c, handler)
                    case .wouldBlock:
                        break reading
                    case .endOfStream:
                        try c.tls.receiveEndOfStream()
                        c.closing = true
                        break reading
                    }
                }
            }
            c.pending += c.tls.takeOutgoing()
            guard c.pending.count <= limits.maxPendingOutput else { throw .transport("output buffer limit") }
            if !c.pending.isEmpty {
                let n = try c.socket.write(c.pending, from: 0)
                c.pending.removeFirst(n)
            }
            return true
        } catch {
            if error != .closed {
                onError(error)
                failures.add(1, ordering: .relaxed)
            }
            // Best effort: send the alert the connection queued.
            let alert = c.pending + c.tls.takeOutgoing()
            if !alert.isEmpty { _ = try? c.socket.write(alert, from: 0) }
            return false
        }
    }

    func afterReceive(_ c: Conn, _ handler: Handler) throws(TLSError) {
        guard let summary = c.tls.summary else { return }
        if c.session == nil {
            c.session = TLSSession(summary: summary)
            c.deadline = Self.nowMilliseconds() + Int64(limits.idleTimeoutMilliseconds)
            handshakes.add(1, ordering: .relaxed)
        }
        let data = c.tls.readApplicationData()
        if c.tls.peerClosed {
            c.tls.close()
            c.closing = true
        }
        guard !data.isEmpty, var session = c.session else { return }
        c.deadline = Self.nowMilliseconds() + Int64(limits.idleTimeoutMilliseconds)
        handler(&session, data)
        if !session.output.isEmpty { try c.tls.write(session.output) }
        session.output = []
        if session.shouldClose {
            c.tls.close()
            c.closing = true
        }
        c.session = session
    }
}
#endif
