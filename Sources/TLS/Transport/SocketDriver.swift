// SPDX-License-Identifier: Apache-2.0
// TLSServer: non-blocking sockets on an epoll(7) event loop with deadlines and bounds (DESIGN.md §7).

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
/// It waits with level-triggered epoll(7): a wake-up costs O(ready descriptors), not O(connections), and
/// output interest is registered only while a connection has bytes queued.
public final class TLSServer: @unchecked Sendable {  // `run` owns all mutable state; `stop` is atomic
    public typealias Handler = (inout TLSSession, [UInt8]) -> Void

    final class Conn {
        let socket: Socket
        var tls: TLSConnection
        var session: TLSSession?
        var pending: [UInt8] = []
        var deadline: Int64
        var closing = false
        /// Whether EPOLLOUT is registered (it is exactly while `pending` is not empty).
        var watchingOutput = false
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
    /// One read buffer for every connection: `run` serves them one at a time, and each read is handed to TLS
    /// before the next, so no 16 KiB allocation per wake-up on the record path.
    var readBuffer = [UInt8](repeating: 0, count: 16 * 1024)

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
        let epoll = try Epoll()
        try epoll.add(listener.fd, events: Epoll.input)
        var ready: [(fd: Int32, events: UInt32)] = []
        ready.reserveCapacity(epoll.capacity)
        // Every 100 ms at the latest the loop wakes to check `stop()` and the deadlines.
        while !stopFlag.load(ordering: .relaxed) {
            ready.removeAll(keepingCapacity: true)
            try epoll.wait(timeoutMilliseconds: 100) { fd, events in ready.append((fd, events)) }
            for (fd, events) in ready {
                if fd == listener.fd {
                    acceptAll(&conns, epoll)
                    continue
                }
                guard let c = conns[fd] else { continue }
                let ok = service(c, events, handler: handler, onError: onError)
                if !ok || (c.closing && c.pending.isEmpty) {
                    drop(c, &conns, epoll)
                } else if c.watchingOutput == c.pending.isEmpty {
                    c.watchingOutput = !c.pending.isEmpty
                    do { try epoll.modify(fd, events: Epoll.input | (c.watchingOutput ? Epoll.output : 0)) } catch {
                        onError(error)
                        failures.add(1, ordering: .relaxed)
                        drop(c, &conns, epoll)
                    }
                }
            }
            let now = Self.nowMilliseconds()
            for c in conns.values where c.deadline < now {
                onError(.transport("deadline passed"))
                failures.add(1, ordering: .relaxed)
                drop(c, &conns, epoll)
            }
        }
        for c in conns.values { drop(c, &conns, epoll) }
    }

    func drop(_ c: Conn, _ conns: inout [Int32: Conn], _ epoll: borrowing Epoll) {
        conns[c.socket.fd] = nil
        epoll.remove(c.socket.fd)
        c.socket.close()
    }

    func acceptAll(_ conns: inout [Int32: Conn], _ epoll: borrowing Epoll) {
        while let s = try? listener.accept() {
            // Bounded number of connections: refuse (close) beyond the limit.
            guard conns.count < limits.maxConnections, (try? epoll.add(s.fd, events: Epoll.input)) != nil else {
                s.close()
                continue
            }
            let tls = TLSConnection(server: configuration, random: SystemRandom())
            let c = Conn(socket: s, tls: tls, deadline: Self.nowMilliseconds() + Int64(limits.handshakeTimeoutMilliseconds))
            conns[s.fd] = c
        }
    }

    /// Reads, runs TLS and the handler, writes. Returns false when the connection should be dropped now.
    func service(_ c: Conn, _ events: UInt32, handler: Handler, onError: (TLSError) -> Void) -> Bool {
        do throws(TLSError) {
            if events & (Epoll.input | Epoll.hangUp | Epoll.error) != 0 && !c.closing {
                // A bounded number of reads per wake-up keeps one busy peer from starving the others.
                reading: for _ in 0..<4 {
                    switch try c.socket.read(into: &readBuffer) {
                    case .data(let n):
                        try c.tls.receive(readBuffer[0..<n])
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
