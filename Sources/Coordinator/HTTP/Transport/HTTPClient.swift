// SPDX-License-Identifier: Apache-2.0
// A blocking HTTP/1.1 client with keep-alive over one TCP connection (the CLI and the etcd gateway use it).

/// A client error: transport failure, timeout, or a malformed response.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    case socket(SocketError)
    case timedOut
    case connectionClosed
    case malformedResponse(HTTPParseError)

    public var description: String {
        switch self {
        case .socket(let e): return e.description
        case .timedOut: return "timed out waiting for the response"
        case .connectionClosed: return "connection closed before a complete response"
        case .malformedResponse(let e): return "malformed response: \(e)"
        }
    }
}

/// Sends requests to one `host:port`, reusing the connection while the server keeps it open and
/// reconnecting (once per request) when it does not. Not thread-safe: one client per thread.
public final class HTTPClient {
    public let host: String
    public let port: UInt16
    public var timeout: Duration
    public var limits: HTTPLimits
    private var socket: TCPSocket?
    private var parser: HTTPParser

    public init(host: String, port: UInt16, timeout: Duration = .seconds(30), limits: HTTPLimits = HTTPLimits()) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.limits = limits
        self.parser = HTTPParser(kind: .response, limits: limits)
    }

    deinit { socket?.close() }

    /// Closes the connection (the next request reconnects).
    public func close() {
        socket?.close()
        socket = nil
    }

    /// Sends `request` (adding `Host` if missing) and returns the final (non-1xx) response.
    public func send(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        var request = request
        if request.headers["Host"] == nil { request.headers.add("Host", port == 80 ? host : "\(host):\(port)") }
        let bytes = HTTPSerializer.serialize(request)
        let reused = socket != nil
        do {
            return try exchange(bytes, method: request.method)
        } catch .connectionClosed where reused {
            // A kept-alive connection may have been closed by the server in the meantime: retry once fresh.
            close()
            return try exchange(bytes, method: request.method)
        }
    }

    /// Convenience: `GET path`.
    public func get(_ path: String) throws(HTTPClientError) -> HTTPResponse {
        try send(HTTPRequest(method: "GET", target: path))
    }

    /// Convenience: `POST path` with a body and content type.
    public func post(_ path: String, body: [UInt8], contentType: String = "application/json") throws(HTTPClientError) -> HTTPResponse {
        try send(HTTPRequest(method: "POST", target: path, headers: HTTPHeaders([("Content-Type", contentType)]), body: body))
    }

    private func exchange(_ bytes: [UInt8], method: String) throws(HTTPClientError) -> HTTPResponse {
        let s: TCPSocket
        if let existing = socket {
            s = existing
        } else {
            do { s = try TCPSocket.connect(host: host, port: port) } catch { throw .socket(error) }
            socket = s
            parser = HTTPParser(kind: .response, limits: limits)
        }
        do { try s.writeAll(bytes) } catch {
            close()
            throw .connectionClosed
        }
        parser.expectResponse(to: method)
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                if let response = try parser.nextResponse() {
                    if (100..<200).contains(response.status) { continue }
                    let keep = response.version == .http11 && !response.headers.contains(token: "close", in: "Connection")
                    if !keep { close() }
                    return response
                }
            } catch {
                close()
                throw .malformedResponse(error)
            }
            let result: TCPSocket.ReadResult
            do { result = try s.read(deadline: deadline) } catch {
                close()
                throw .socket(error)
            }
            switch result {
            case .data(let b): parser.feed(b)
            case .timedOut:
                close()
                throw .timedOut
            case .endOfStream:
                parser.finish()
                let partial = parser.hasPartialMessage
                if let response = try? parser.nextResponse() {
                    close()
                    return response
                }
                close()
                if partial { throw .connectionClosed }
                throw .connectionClosed
            }
        }
    }
}
