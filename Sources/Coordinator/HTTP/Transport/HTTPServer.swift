// SPDX-License-Identifier: Apache-2.0
// A plain-TCP HTTP/1.1 server: a fixed pool of worker threads over the sans-IO HTTPServerConnection (DESIGN.md §7).

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Serves HTTP/1.1 on a TCP port with a bounded number of worker threads (each serves one connection at a
/// time; further connections wait in the kernel's accept queue — no thread or task per connection).
/// Every read has a deadline: `requestTimeout` from the first byte of a request to its end (slow clients
/// get 408 and are closed), `idleTimeout` between keep-alive requests.
public final class HTTPServer: Sendable {
    /// Server settings.
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port (see `HTTPServer.port`).
        public var port: UInt16 = 0
        public var workers = 8
        public var limits = HTTPLimits()
        public var requestTimeout: Duration = .seconds(10)
        public var idleTimeout: Duration = .seconds(60)
        public init() {}
    }

    /// The bound port.
    public let port: UInt16
    private let listener: TCPSocket
    private let configuration: Configuration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let stopping = Atomic<Bool>(false)
    private let active = Mutex<Set<Int32>>([])
    private let threads = Mutex<[pthread_t]>([])

    /// Binds and starts serving.
    /// - Throws: `SocketError` if the address cannot be bound.
    public init(configuration: Configuration = Configuration(), handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws(SocketError) {
        let (listener, port) = try TCPSocket.listen(host: configuration.host, port: configuration.port)
        self.listener = listener
        self.port = port
        self.configuration = configuration
        self.handler = handler
        for _ in 0..<max(1, configuration.workers) {
            let t = startThread { [self] in self.workerLoop() }
            threads.withLock { $0.append(t) }
        }
    }

    /// Stops accepting, closes open connections and waits for the workers.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        listener.shutdown()
        active.withLock { for fd in $0 { TCPSocket(fd: fd).shutdown() } }
        for t in threads.withLock({ $0 }) { pthread_join(t, nil) }
        listener.close()
    }

    deinit { stop() }

    private func workerLoop() {
        while !stopping.load(ordering: .acquiring) {
            guard let client = try? listener.accept() else {
                if stopping.load(ordering: .acquiring) { return }
                usleep(10_000)  // e.g. EMFILE: back off instead of spinning
                continue
            }
            active.withLock { _ = $0.insert(client.fd) }
            if stopping.load(ordering: .acquiring) { client.shutdown() }
            serve(client)
            active.withLock { _ = $0.remove(client.fd) }
            client.close()
        }
    }

    private func serve(_ socket: TCPSocket) {
        var connection = HTTPServerConnection(limits: configuration.limits, handler: handler)
        var deadline = ContinuousClock.now + configuration.idleTimeout
        var inRequest = false
        while true {
            let result: TCPSocket.ReadResult
            do { result = try socket.read(deadline: deadline) } catch { return }
            switch result {
            case .endOfStream:
                return
            case .timedOut:
                let out = connection.timedOut()
                try? socket.writeAll(out.bytes)
                return
            case .data(let bytes):
                if !inRequest {
                    inRequest = true
                    deadline = ContinuousClock.now + configuration.requestTimeout
                }
                let out = connection.receive(bytes)
                if !out.bytes.isEmpty {
                    do { try socket.writeAll(out.bytes) } catch { return }
                }
                if out.close { return }
                if !connection.hasPartialRequest {
                    inRequest = false
                    deadline = ContinuousClock.now + configuration.idleTimeout
                }
            }
        }
    }
}

/// Runs `body` on a new joinable POSIX thread.
func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
    final class Box: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { arg in
        guard let arg else { return nil }
        Unmanaged<Box>.fromOpaque(arg).takeRetainedValue().body()
        return nil
    }, box)
    // pthread_create fails only on resource exhaustion at start-up; a server without workers is unusable.
    precondition(rc == 0, "pthread_create failed: \(rc)")
    return thread
}
