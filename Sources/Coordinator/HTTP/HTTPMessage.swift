// SPDX-License-Identifier: Apache-2.0
// HTTP/1.1 message model: requests, responses, header fields, limits and parse errors (RFC 9110, RFC 9112).

/// Header fields in received order. Lookup is case-insensitive (RFC 9110 §5.1); names are kept as sent.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public private(set) var fields: [Field] = []

    public init() {}
    public init(_ pairs: [(String, String)]) { fields = pairs.map { Field(name: $0.0, value: $0.1) } }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// Appends a field.
    public mutating func add(_ name: String, _ value: String) { fields.append(Field(name: name, value: value)) }

    /// Replaces every field named `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        let lower = name.lowercased()
        fields.removeAll { $0.name.lowercased() == lower }
    }

    /// True if a comma-separated list header (e.g. `Connection`) contains `token`, case-insensitively.
    public func contains(token: String, in name: String) -> Bool {
        let t = token.lowercased()
        return values(name).contains { v in
            v.split(separator: ",").contains { $0.trimmingSpaces().lowercased() == t }
        }
    }
}

/// `HTTP/major.minor`; only 1.0 and 1.1 are spoken.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    public static let http11 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// A request as parsed or to be sent.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent (origin-form: `/path?query`).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, target: String, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The path part of the target (before `?`).
    public var path: String {
        guard let q = target.firstIndex(of: "?") else { return target }
        return String(target[..<q])
    }

    /// The query part of the target (after `?`), or nil.
    public var query: String? {
        guard let q = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: q)...])
    }

    /// Whether the connection stays open after this request (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        if headers.contains(token: "close", in: "Connection") { return false }
        if version == .http10 { return headers.contains(token: "keep-alive", in: "Connection") }
        return true
    }
}

/// A response as parsed or to be sent.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, reason: String? = nil, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.reason = reason ?? HTTPResponse.reasonPhrase(status)
        self.version = .http11
        self.headers = headers
        self.body = body
    }

    /// A `text/plain` response.
    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]), body: Array(text.utf8))
    }

    /// Standard reason phrases (RFC 9110 §15) for the codes this server uses.
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}

/// Size limits enforced while parsing; exceeding one yields the matching 4xx, never unbounded memory.
public struct HTTPLimits: Sendable {
    /// Longest request line or status line (414 for requests beyond it).
    public var maxStartLineLength: Int = 8192
    /// Longest single header line.
    public var maxHeaderLineLength: Int = 8192
    /// Most header fields.
    public var maxHeaderCount: Int = 100
    /// Most bytes in the whole head (start line + headers); 431 beyond it.
    public var maxHeadBytes: Int = 65536
    /// Largest body (after de-chunking); 413 beyond it.
    public var maxBodyBytes: Int = 1 << 20

    public init() {}
}

/// Why a message could not be parsed, with the status a server answers (then closes the connection).
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let reason: String
    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }
    public var description: String { "\(status) \(HTTPResponse.reasonPhrase(status)): \(reason)" }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
