// SPDX-License-Identifier: Apache-2.0
// The sans-IO server side of one HTTP/1.1 connection: parse, dispatch in order (pipelining), keep-alive, error answers.

/// Drives one server connection without touching sockets: feed received bytes, get the bytes to send and
/// whether to close. Pipelined requests are answered strictly in order (RFC 9112 §9.3.2). A malformed
/// request is answered with its 4xx/5xx and `Connection: close`, after which the connection is done.
public struct HTTPServerConnection: Sendable {
    /// What the driver must do next.
    public struct Output: Sendable, Equatable {
        /// Bytes to write, in order.
        public var bytes: [UInt8] = []
        /// Close after writing `bytes`.
        public var close = false
    }

    private var parser: HTTPParser
    private var done = false
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse

    public init(limits: HTTPLimits = HTTPLimits(), handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.parser = HTTPParser(kind: .request, limits: limits)
        self.handler = handler
    }

    /// True if part of a request has arrived (a timeout now is a slow client: answer 408).
    public var hasPartialRequest: Bool { parser.hasPartialMessage }

    /// Handles received bytes; returns responses for every request completed by them.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> Output {
        var out = Output()
        guard !done else {
            out.close = true
            return out
        }
        parser.feed(bytes)
        while true {
            let request: HTTPRequest?
            do {
                request = try parser.nextRequest()
            } catch {
                out.bytes += HTTPSerializer.serialize(HTTPServerConnection.errorResponse(error), close: true)
                out.close = true
                done = true
                return out
            }
            guard let request else {
                if parser.takeContinueRequest() {
                    out.bytes += HTTPSerializer.serialize(HTTPResponse(status: 100))
                }
                return out
            }
            let response = handler(request)
            let keepAlive = request.keepAlive && !response.headers.contains(token: "close", in: "Connection")
            out.bytes += HTTPSerializer.serialize(response, close: !keepAlive, headRequest: request.method == "HEAD")
            if !keepAlive {
                out.close = true
                done = true
                return out
            }
        }
    }

    /// The answer to a read timeout: 408 if a request was under way, else a silent close of an idle connection.
    public mutating func timedOut() -> Output {
        done = true
        guard parser.hasPartialMessage else { return Output(bytes: [], close: true) }
        let r = HTTPResponse.text(408, "request not received in time\n")
        return Output(bytes: HTTPSerializer.serialize(r, close: true), close: true)
    }

    static func errorResponse(_ e: HTTPParseError) -> HTTPResponse {
        HTTPResponse.text(e.status, e.reason + "\n")
    }
}
