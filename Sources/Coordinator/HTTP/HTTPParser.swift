// SPDX-License-Identifier: Apache-2.0
// Incremental, strict HTTP/1.1 message parser (RFC 9112): start line, header fields, Content-Length and chunked bodies, limits.

/// Parses one direction of an HTTP/1.1 connection from bytes fed in any split. Sans-IO: it never reads or
/// writes a socket. Strictness (each is a 400 unless noted): lines end in CRLF only (RFC 9112 §2.2),
/// no obs-fold (§5.2), no whitespace before the colon (§5.1), field names are tokens and values have no
/// control characters (RFC 9110 §5.5), Content-Length together with Transfer-Encoding is rejected (§6.3,
/// request smuggling), differing Content-Length values are rejected, a transfer coding other than `chunked`
/// is 501, HTTP versions other than 1.0/1.1 are 505, HTTP/1.1 requests need exactly one Host (§3.2).
/// A parse error is sticky: the connection must be closed after answering it.
public struct HTTPParser: Sendable {
    public enum Kind: Sendable { case request, response }

    struct Head: Sendable {
        var first: [Substring]
        var version: HTTPVersion
        var headers: HTTPHeaders
    }

    enum ChunkPhase: Sendable {
        case size
        case data(remaining: Int)
        case dataCRLF
        case trailers(bytes: Int)
    }

    enum State: Sendable {
        case head
        case fixed(Head, remaining: Int)
        case chunked(Head, ChunkPhase)
        case untilClose(Head)
    }

    public let kind: Kind
    public let limits: HTTPLimits
    private var buffer: [UInt8] = []
    private var offset = 0
    private var scanned = 0
    private var state: State = .head
    private var body: [UInt8] = []
    private var failure: HTTPParseError?
    private var closed = false
    private var pendingContinue = false
    /// Methods of requests whose responses are still expected (a response to HEAD has no body).
    private var expectedMethods: [String] = []

    public init(kind: Kind, limits: HTTPLimits = HTTPLimits()) {
        self.kind = kind
        self.limits = limits
    }

    /// Appends received bytes.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        if offset > 65536 && offset * 2 > buffer.count {
            buffer.removeFirst(offset)
            scanned -= offset
            offset = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Marks the end of input (peer closed). Completes a read-until-close response body.
    public mutating func finish() { closed = true }

    /// True if some bytes of a next message have arrived but the message is not complete.
    public var hasPartialMessage: Bool {
        if case .head = state { return buffer.count > offset }
        return true
    }

    /// For clients: the next response answers a request with this method (HEAD responses have no body).
    public mutating func expectResponse(to method: String) { expectedMethods.append(method) }

    /// True once after a request head with `Expect: 100-continue` whose body has not arrived yet; the server
    /// then sends `100 Continue` (RFC 9110 §10.1.1).
    public mutating func takeContinueRequest() -> Bool {
        defer { pendingContinue = false }
        return pendingContinue
    }

    /// The next complete request, nil if more bytes are needed.
    /// - Throws: `HTTPParseError` (sticky) with the status to answer.
    public mutating func nextRequest() throws(HTTPParseError) -> HTTPRequest? {
        guard let (head, body) = try nextMessage() else { return nil }
        return HTTPRequest(method: String(head.first[0]), target: String(head.first[1]), version: head.version, headers: head.headers, body: body)
    }

    /// The next complete response, nil if more bytes are needed. Interim (1xx) responses are returned too.
    public mutating func nextResponse() throws(HTTPParseError) -> HTTPResponse? {
        guard let (head, body) = try nextMessage() else { return nil }
        var r = HTTPResponse(status: Int(head.first[1]) ?? 0, reason: String(head.first[2]), headers: head.headers, body: body)
        r.version = head.version
        return r
    }

    private mutating func fail(_ status: Int, _ reason: String) -> HTTPParseError {
        let e = HTTPParseError(status, reason)
        failure = e
        return e
    }

    private mutating func nextMessage() throws(HTTPParseError) -> (Head, [UInt8])? {
        if let failure { throw failure }
        while true {
            switch state {
            case .head:
                guard let head = try parseHead() else { return nil }
                try startBody(head)
            case .fixed(let head, let remaining):
                let available = buffer.count - offset
                if available < remaining {
                    if closed { throw fail(400, "connection closed inside a body") }
                    return nil
                }
                body += buffer[offset..<(offset + remaining)]
                offset += remaining
                return complete(head)
            case .untilClose(let head):
                body += buffer[offset...]
                offset = buffer.count
                guard body.count <= limits.maxBodyBytes else { throw fail(413, "body exceeds \(limits.maxBodyBytes) bytes") }
                guard closed else { return nil }
                return complete(head)
            case .chunked(let head, let phase):
                guard let next = try stepChunked(phase) else {
                    if closed { throw fail(400, "connection closed inside a chunked body") }
                    return nil
                }
                guard let next else { return complete(head) }
                state = .chunked(head, next)
            }
        }
    }

    private mutating func complete(_ head: Head) -> (Head, [UInt8]) {
        let out = (head, body)
        body = []
        state = .head
        scanned = offset
        return out
    }

    // MARK: Head

    /// Finds a complete head (through CRLF CRLF) and parses it; nil if incomplete.
    private mutating func parseHead() throws(HTTPParseError) -> Head? {
        // RFC 9112 §2.2: ignore empty lines before a request line.
        if kind == .request {
            while buffer.count - offset >= 2, buffer[offset] == 0x0D, buffer[offset + 1] == 0x0A { offset += 2 }
            scanned = max(scanned, offset)
        }
        var end: Int?
        var i = max(scanned, offset)
        while i < buffer.count {
            let b = buffer[i]
            if b == 0x0A {
                // RFC 9112 §2.2: a bare LF is not a line terminator here.
                guard i > offset, buffer[i - 1] == 0x0D else { throw fail(400, "bare LF in message head") }
                if i - offset >= 3, buffer[i - 2] == 0x0A, buffer[i - 3] == 0x0D {
                    end = i + 1
                    break
                }
            } else if i > offset, buffer[i - 1] == 0x0D {
                throw fail(400, "bare CR in message head")
            }
            i += 1
        }
        guard let end else {
            scanned = buffer.count
            let pending = buffer.count - offset
            let firstLineLength = (buffer[offset...].firstIndex(of: 0x0A) ?? buffer.count) - offset
            if firstLineLength > limits.maxStartLineLength {
                throw fail(kind == .request ? 414 : 400, "start line longer than \(limits.maxStartLineLength) bytes")
            }
            if pending > limits.maxHeadBytes { throw fail(431, "message head larger than \(limits.maxHeadBytes) bytes") }
            if closed && pending > 0 { throw fail(400, "connection closed inside a message head") }
            return nil
        }
        guard end - offset <= limits.maxHeadBytes else { throw fail(431, "message head larger than \(limits.maxHeadBytes) bytes") }
        let headBytes = buffer[offset..<(end - 4)]
        offset = end
        scanned = end
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = headBytes.startIndex
        var j = headBytes.startIndex
        while j < headBytes.endIndex {
            if headBytes[j] == 0x0D {
                lines.append(headBytes[lineStart..<j])
                j += 2
                lineStart = j
            } else {
                j += 1
            }
        }
        lines.append(headBytes[lineStart..<headBytes.endIndex])
        let startLine = lines.removeFirst()
        guard startLine.count <= limits.maxStartLineLength else {
            throw fail(kind == .request ? 414 : 400, "start line longer than \(limits.maxStartLineLength) bytes")
        }
        guard lines.count <= limits.maxHeaderCount else { throw fail(431, "more than \(limits.maxHeaderCount) header fields") }
        var head = kind == .request ? try parseRequestLine(startLine) : try parseStatusLine(startLine)
        for line in lines {
            guard line.count <= limits.maxHeaderLineLength else { throw fail(431, "header line longer than \(limits.maxHeaderLineLength) bytes") }
            let (name, value) = try parseField(line)
            head.headers.add(name, value)
        }
        return head
    }

    private static func isTokenChar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(c)
        }
    }

    private mutating func parseVersion(_ s: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let v = Array(s)
        guard v.count == 8, v.starts(with: Array("HTTP/".utf8)), v[6] == UInt8(ascii: "."),
            (0x30...0x39).contains(v[5]), (0x30...0x39).contains(v[7])
        else { throw fail(400, "malformed HTTP version") }
        let version = HTTPVersion(major: Int(v[5] - 0x30), minor: Int(v[7] - 0x30))
        guard version == .http11 || version == .http10 else { throw fail(505, "only HTTP/1.0 and HTTP/1.1 are supported") }
        return version
    }

    // RFC 9112 §3: request-line = method SP request-target SP HTTP-version
    private mutating func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Head {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw fail(400, "malformed request line") }
        guard parts[0].allSatisfy(HTTPParser.isTokenChar) else { throw fail(400, "malformed method") }
        // Origin-form `/…` (or `*` for OPTIONS); visible ASCII only (RFC 9112 §3.2).
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            parts[1].first == UInt8(ascii: "/") || (Array(parts[1]) == [UInt8(ascii: "*")] && Array(parts[0]) == Array("OPTIONS".utf8))
        else { throw fail(400, "malformed request target") }
        let version = try parseVersion(parts[2])
        let method = Substring(String(decoding: parts[0], as: UTF8.self))
        let target = Substring(String(decoding: parts[1], as: UTF8.self))
        return Head(first: [method, target], version: version, headers: HTTPHeaders())
    }

    // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
    private mutating func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Head {
        guard line.count >= 12, line[line.startIndex + 8] == 0x20 else { throw fail(400, "malformed status line") }
        let version = try parseVersion(line.prefix(8))
        let code = line[(line.startIndex + 9)..<(line.startIndex + 12)]
        guard code.allSatisfy({ (0x30...0x39).contains($0) }) else { throw fail(400, "malformed status code") }
        var reason: ArraySlice<UInt8> = []
        if line.count > 12 {
            guard line[line.startIndex + 12] == 0x20 else { throw fail(400, "malformed status line") }
            reason = line[(line.startIndex + 13)...]
        }
        guard reason.allSatisfy({ $0 == 0x09 || $0 >= 0x20 && $0 != 0x7F }) else { throw fail(400, "control character in reason") }
        return Head(
            first: ["", Substring(String(decoding: code, as: UTF8.self)), Substring(String(decoding: reason, as: UTF8.self))],
            version: version, headers: HTTPHeaders())
    }

    // RFC 9112 §5: field-line = field-name ":" OWS field-value OWS
    private mutating func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first, first != 0x20, first != 0x09 else { throw fail(400, "obsolete line folding") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw fail(400, "header line without ':'") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(HTTPParser.isTokenChar) else {
            throw fail(400, "malformed header name (no whitespace before ':' allowed)")
        }
        var value = line[(colon + 1)...]
        while let f = value.first, f == 0x20 || f == 0x09 { value = value.dropFirst() }
        while let l = value.last, l == 0x20 || l == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw fail(400, "control character in header value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    // MARK: Body framing (RFC 9112 §6.3)

    private mutating func startBody(_ head: Head) throws(HTTPParseError) {
        body = []
        let te = head.headers.values("Transfer-Encoding")
        let cl = head.headers.values("Content-Length")
        var noBody = false
        if kind == .request {
            if head.version == .http11 && head.headers.values("Host").count != 1 {
                throw fail(400, "HTTP/1.1 request needs exactly one Host header")
            }
        } else {
            let method = expectedMethods.isEmpty ? "GET" : expectedMethods[0]
            let status = Int(head.first[1]) ?? 0
            if status >= 200 && !expectedMethods.isEmpty { expectedMethods.removeFirst() }
            noBody = method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304
        }
        if noBody {
            state = .fixed(head, remaining: 0)
            return
        }
        if !te.isEmpty {
            guard cl.isEmpty else { throw fail(400, "both Content-Length and Transfer-Encoding") }
            guard head.version == .http11 else { throw fail(400, "Transfer-Encoding in an HTTP/1.0 message") }
            let codings = te.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces().lowercased() }
            guard codings == ["chunked"] else { throw fail(501, "unsupported transfer coding") }
            state = .chunked(head, .size)
            pendingContinue = kind == .request && head.headers.contains(token: "100-continue", in: "Expect")
            return
        }
        if !cl.isEmpty {
            var length: Int?
            for item in cl.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
                let digits = item.trimmingSpaces()
                guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                    let n = Int(digits)
                else { throw fail(400, "malformed Content-Length") }
                guard length == nil || length == n else { throw fail(400, "conflicting Content-Length values") }
                length = n
            }
            let n = length ?? 0
            guard n <= limits.maxBodyBytes else { throw fail(413, "body of \(n) bytes exceeds \(limits.maxBodyBytes)") }
            state = .fixed(head, remaining: n)
            pendingContinue = kind == .request && n > 0 && head.headers.contains(token: "100-continue", in: "Expect")
                && buffer.count - offset < n
            return
        }
        state = kind == .request ? .fixed(head, remaining: 0) : .untilClose(head)
    }

    /// One step of chunked decoding. Returns nil (outer) if more bytes are needed, `.some(nil)` when the body
    /// is complete, `.some(phase)` to continue.
    private mutating func stepChunked(_ phase: ChunkPhase) throws(HTTPParseError) -> ChunkPhase?? {
        switch phase {
        case .size:
            guard let line = try takeLine(limit: 4096) else { return nil }
            // RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF; extensions are ignored.
            let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
            let trimmed = sizeText.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
            guard !trimmed.isEmpty, trimmed.count <= 15 else { throw fail(400, "malformed chunk size") }
            var size = 0
            for c in trimmed {
                let d: Int
                switch c {
                case 0x30...0x39: d = Int(c - 0x30)
                case 0x61...0x66: d = Int(c - 0x61 + 10)
                case 0x41...0x46: d = Int(c - 0x41 + 10)
                default: throw fail(400, "malformed chunk size")
                }
                size = size << 4 | d
            }
            guard body.count + size <= limits.maxBodyBytes else { throw fail(413, "body exceeds \(limits.maxBodyBytes) bytes") }
            return .some(size == 0 ? .trailers(bytes: 0) : .data(remaining: size))
        case .data(let remaining):
            let available = min(remaining, buffer.count - offset)
            guard available > 0 else { return nil }
            body += buffer[offset..<(offset + available)]
            offset += available
            return .some(remaining == available ? .dataCRLF : .data(remaining: remaining - available))
        case .dataCRLF:
            guard buffer.count - offset >= 2 else { return nil }
            guard buffer[offset] == 0x0D, buffer[offset + 1] == 0x0A else { throw fail(400, "missing CRLF after chunk data") }
            offset += 2
            return .some(.size)
        case .trailers(let bytes):
            guard let line = try takeLine(limit: limits.maxHeaderLineLength) else { return nil }
            if line.isEmpty { return .some(nil) }
            _ = try parseField(line)  // trailer fields are checked for syntax, then dropped
            guard bytes + line.count <= limits.maxHeadBytes else { throw fail(431, "trailer section too large") }
            return .some(.trailers(bytes: bytes + line.count))
        }
    }

    /// One CRLF-terminated line (without the CRLF), or nil if incomplete.
    private mutating func takeLine(limit: Int) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        var i = offset
        while i < buffer.count {
            if buffer[i] == 0x0A {
                guard i > offset, buffer[i - 1] == 0x0D else { throw fail(400, "bare LF in chunked framing") }
                let line = buffer[offset..<(i - 1)]
                offset = i + 1
                return line
            }
            i += 1
            guard i - offset <= limit + 2 else { throw fail(400, "chunk line too long") }
        }
        return nil
    }
}
