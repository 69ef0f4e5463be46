// SPDX-License-Identifier: Apache-2.0
// The HTTP/1.1 server and client over plain TCP on loopback: keep-alive, pipelining, malformed, oversized and slow clients.

#if canImport(Glibc)
import Glibc
#endif
import ContrastCoordinator
import Testing

private struct Echo: Codable, Equatable {
    let nonce: String
    let count: Int
}

private func makeServer(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws -> HTTPServer {
    var config = HTTPServer.Configuration()
    config.workers = 2
    configure(&config)
    var router = Router()
    router.add("GET", "/hello") { _, _ in HTTPResponse.text(200, "hello") }
    router.add("POST", "/v1/echo") { req, _ in
        guard req.hasJSONContentType else { return HTTPResponse.text(415, "want JSON") }
        guard let e = try? req.decodeJSON(Echo.self) else { return HTTPResponse.text(400, "bad JSON") }
        return HTTPResponse.json(200, Echo(nonce: e.nonce, count: e.count + 1))
    }
    let r = router
    return try HTTPServer(configuration: config) { r.handle($0) }
}

/// Sends raw bytes on a fresh connection and reads until the server closes or `timeout` passes.
private func raw(_ port: UInt16, _ chunks: [[UInt8]], pause: UInt32 = 0, timeout: Duration = .seconds(5)) throws -> String {
    let s = try TCPSocket.connect(host: "127.0.0.1", port: port)
    defer { s.close() }
    for c in chunks {
        try? s.writeAll(c)
        if pause > 0 { usleep(pause) }
    }
    var out: [UInt8] = []
    let deadline = ContinuousClock.now + timeout
    while true {
        guard case .data(let b) = try s.read(deadline: deadline) else { break }
        out += b
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite("HTTP over loopback TCP", .serialized)
struct HTTPServerTests {
    @Test("client and server: keep-alive reuse, JSON round trip, 404/405/415")
    func roundTrip() throws {
        let server = try makeServer()
        defer { server.stop() }
        let client = HTTPClient(host: "127.0.0.1", port: server.port)
        for i in 0..<20 {
            let r = try client.get("/hello")
            #expect(r.status == 200 && r.body == Array("hello".utf8), "request \(i)")
        }
        var req = HTTPRequest(method: "POST", target: "/v1/echo")
        try req.setJSONBody(Echo(nonce: "abc", count: 41))
        let r = try client.send(req)
        #expect(r.status == 200)
        #expect(try r.decodeJSON(Echo.self) == Echo(nonce: "abc", count: 42))
        #expect(try client.get("/missing").status == 404)
        #expect(try client.send(HTTPRequest(method: "DELETE", target: "/hello")).status == 405)
        #expect(try client.post("/v1/echo", body: [1], contentType: "text/plain").status == 415)
        #expect(try client.post("/v1/echo", body: Array("{".utf8)).status == 400)
    }

    @Test("pipelined requests on one connection are answered in order")
    func pipelining() throws {
        let server = try makeServer()
        defer { server.stop() }
        let one = Array("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let last = Array("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        let text = try raw(server.port, [one + one + one + last])
        #expect(text.components("HTTP/1.1 200 OK") == 3)
        #expect(text.hasSuffix("no route for /nope\n"))
    }

    @Test("malformed and oversized requests get 4xx and a close, never a crash")
    func malformed() throws {
        let server = try makeServer { $0.limits.maxBodyBytes = 100 }
        defer { server.stop() }
        #expect(try raw(server.port, [Array("NONSENSE\r\n\r\n".utf8)]).hasPrefix("HTTP/1.1 400 "))
        #expect(try raw(server.port, [Array("GET /\(String(repeating: "a", count: 10_000)) HTTP/1.1\r\n".utf8)]).hasPrefix("HTTP/1.1 414 "))
        #expect(try raw(server.port, [Array("GET / HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "a", count: 70_000))\r\n\r\n".utf8)]).hasPrefix("HTTP/1.1 431 "))
        #expect(try raw(server.port, [Array("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n".utf8)]).hasPrefix("HTTP/1.1 413 "))
        #expect(try raw(server.port, [[0, 1, 2, 0xFF, 0x0D, 0x0A, 0x0D, 0x0A]]).hasPrefix("HTTP/1.1 400 "))
        // The server still works afterwards.
        #expect(try HTTPClient(host: "127.0.0.1", port: server.port).get("/hello").status == 200)
    }

    @Test("a slow client is cut off with 408 after the request timeout; an idle one is closed silently")
    func slowClient() throws {
        let server = try makeServer {
            $0.requestTimeout = .milliseconds(300)
            $0.idleTimeout = .milliseconds(300)
        }
        defer { server.stop() }
        let start = ContinuousClock.now
        // Trickle a header byte every 50 ms: the deadline counts from the first byte, not per read.
        let trickle = Array("GET /hello HTTP/1.1\r\nHost: x\r\n".utf8).map { [$0] }
        let text = try raw(server.port, trickle, pause: 50_000)
        #expect(text.hasPrefix("HTTP/1.1 408 "))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try raw(server.port, []) == "")
    }

    @Test("more connections than workers are served one after another")
    func boundedWorkers() async throws {
        let server = try makeServer { $0.workers = 1 }
        defer { server.stop() }
        let port = server.port
        let ok = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let c = HTTPClient(host: "127.0.0.1", port: port)
                    let r = try? c.send(HTTPRequest(method: "GET", target: "/hello", headers: HTTPHeaders([("Connection", "close")])))
                    return r?.status == 200
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(ok)
    }
}

extension String {
    /// Number of non-overlapping occurrences of `needle`.
    func components(_ needle: String) -> Int {
        let h = Array(utf8)
        let n = Array(needle.utf8)
        var count = 0
        var i = 0
        while i + n.count <= h.count {
            if Array(h[i..<i + n.count]) == n {
                count += 1
                i += n.count
            } else {
                i += 1
            }
        }
        return count
    }
}

extension AsyncSequence where Element == Bool, Self: Sendable {
    func allSatisfy(_ p: (Bool) -> Bool) async -> Bool {
        do {
            for try await x in self where !p(x) { return false }
        } catch { return false }
        return true
    }
}
