// SPDX-License-Identifier: Apache-2.0
// The sans-IO HTTP/1.1 parser and connection: framing, strictness, limits, pipelining (RFC 9112).

import ContrastCoordinator
import Testing

private func requests(_ text: String, limits: HTTPLimits = HTTPLimits(), split: Int? = nil) throws(HTTPParseError) -> [HTTPRequest] {
    var p = HTTPParser(kind: .request, limits: limits)
    var out: [HTTPRequest] = []
    let bytes = Array(text.utf8)
    let step = split ?? max(bytes.count, 1)
    var i = 0
    repeat {
        p.feed(bytes[i..<min(i + step, bytes.count)])
        i += step
        while let r = try p.nextRequest() { out.append(r) }
    } while i < bytes.count
    return out
}

private func status(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
    do {
        _ = try requests(text, limits: limits)
        return nil
    } catch {
        return error.status
    }
}

@Suite("HTTP parser")
struct HTTPParserTests {
    @Test("parses a request with Content-Length, fed whole and byte by byte")
    func contentLength() throws {
        let text = "POST /v1/attest?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhello"
        for split in [nil, 1, 3] as [Int?] {
            let r = try requests(text, split: split)
            #expect(r.count == 1)
            #expect(r.first?.method == "POST")
            #expect(r.first?.path == "/v1/attest")
            #expect(r.first?.query == "x=1")
            #expect(r.first?.headers["content-type"] == "application/json")
            #expect(r.first?.body == Array("hello".utf8))
        }
    }

    @Test("decodes chunked bodies with extensions and trailers")
    func chunked() throws {
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
        for split in [nil, 1, 7] as [Int?] {
            let r = try requests(text, split: split)
            #expect(r.map { String(decoding: $0.body, as: UTF8.self) } == ["hello world"])
        }
    }

    @Test("pipelined requests come out in order")
    func pipelined() throws {
        let one = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
        let two = "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
        let r = try requests(one + two + one)
        #expect(r.map(\.path) == ["/a", "/b", "/a"])
    }

    @Test("keep-alive rules for HTTP/1.0 and 1.1")
    func keepAlive() throws {
        #expect(try requests("GET / HTTP/1.1\r\nHost: a\r\n\r\n")[0].keepAlive)
        #expect(try requests("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")[0].keepAlive == false)
        #expect(try requests("GET / HTTP/1.0\r\n\r\n")[0].keepAlive == false)
        #expect(try requests("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")[0].keepAlive)
    }

    @Test("malformed requests get the right status", arguments: [
        ("GET / HTTP/1.1\nHost: a\n\n", 400),  // bare LF
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),  // double space
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET http://x/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),  // space before colon
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", 400),
    ])
    func malformed(text: String, expected: Int) {
        #expect(status(text) == expected, "\(text.debugDescription)")
    }

    @Test("limits: long request line 414, big head 431, too many fields 431, big body 413")
    func limits() {
        var small = HTTPLimits()
        small.maxStartLineLength = 64
        small.maxHeadBytes = 256
        small.maxHeaderCount = 4
        small.maxBodyBytes = 10
        #expect(status("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: a\r\n\r\n", limits: small) == 414)
        #expect(status("GET /\(String(repeating: "a", count: 100))", limits: small) == 414)  // before any CRLF
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 300))\r\n\r\n", limits: small) == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 300))", limits: small) == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n", limits: small) == 431)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: small) == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n", limits: small) == 413)
    }

    @Test("parses responses: Content-Length, chunked, read-until-close, HEAD and 204 without body")
    func responses() throws {
        var p = HTTPParser(kind: .response)
        p.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n".utf8))
        #expect(try p.nextResponse()?.body == Array("hi".utf8))
        let second = try p.nextResponse()
        #expect(second?.status == 404)
        #expect(second?.reason == "Not Found")
        #expect(second?.body == Array("x".utf8))
        var head = HTTPParser(kind: .response)
        head.expectResponse(to: "HEAD")
        head.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n".utf8))
        #expect(try head.nextResponse()?.body == [])
        var eof = HTTPParser(kind: .response)
        eof.feed(Array("HTTP/1.0 200 OK\r\n\r\nabc".utf8))
        #expect(try eof.nextResponse() == nil)
        eof.finish()
        #expect(try eof.nextResponse()?.body == Array("abc".utf8))
    }

    @Test("the connection answers in order, closes after errors and on Connection: close")
    func connection() {
        var c = HTTPServerConnection { req in HTTPResponse.text(200, req.path) }
        let out = c.receive(Array("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /c HTTP/1.1\r\n".utf8))
        let text = String(decoding: out.bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("/a") && text.contains("/b") && !text.contains("/c"))
        #expect(text.contains("Connection: close"))
        #expect(out.close)
        var bad = HTTPServerConnection { _ in HTTPResponse(status: 200) }
        let e = bad.receive(Array("BROKEN\r\n\r\n".utf8))
        #expect(String(decoding: e.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(e.close)
        var slow = HTTPServerConnection { _ in HTTPResponse(status: 200) }
        _ = slow.receive(Array("GET / HTT".utf8))
        #expect(String(decoding: slow.timedOut().bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
    }

    @Test("Expect: 100-continue gets an interim response before the body")
    func expectContinue() {
        var c = HTTPServerConnection { req in HTTPResponse.text(200, "\(req.body.count)") }
        let first = c.receive(Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(String(decoding: first.bytes, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        let second = c.receive(Array("abc".utf8))
        #expect(String(decoding: second.bytes, as: UTF8.self).hasSuffix("\r\n\r\n3"))
    }

    @Test("router: parameters, 404, 405 with Allow, HEAD served by GET")
    func router() {
        var router = Router()
        router.add("POST", "/v1/transit/encrypt/{name}") { _, p in HTTPResponse.text(200, p["name"] ?? "") }
        router.add("GET", "/capabilities") { _, _ in HTTPResponse.text(200, "caps") }
        #expect(router.handle(HTTPRequest(method: "POST", target: "/v1/transit/encrypt/key1")).body == Array("key1".utf8))
        #expect(router.handle(HTTPRequest(method: "POST", target: "/v1/transit/encrypt/")).status == 404)
        #expect(router.handle(HTTPRequest(method: "GET", target: "/nope")).status == 404)
        let r = router.handle(HTTPRequest(method: "DELETE", target: "/capabilities"))
        #expect(r.status == 405)
        #expect(r.headers["Allow"] == "GET")
        #expect(router.handle(HTTPRequest(method: "HEAD", target: "/capabilities")).status == 200)
    }

    @Test("random garbage never traps the parser")
    func fuzzSmoke() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("GET / HTTP/1.1\r\nHost: Content-Length: 0123456789 chunked Transfer-Encoding:\r\n".utf8) + [0, 0x7F, 0xFF]
        for _ in 0..<2000 {
            var p = HTTPParser(kind: .request)
            let n = Int.random(in: 0..<200, using: &rng)
            p.feed((0..<n).map { _ in alphabet.randomElement(using: &rng) ?? 0 })
            p.finish()
            for _ in 0..<5 { _ = try? p.nextRequest() }
            var q = HTTPParser(kind: .response)
            q.feed((0..<n).map { _ in alphabet.randomElement(using: &rng) ?? 0 })
            q.finish()
            for _ in 0..<5 { _ = try? q.nextResponse() }
        }
    }
}
