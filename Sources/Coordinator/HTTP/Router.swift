// SPDX-License-Identifier: Apache-2.0
// A small request router: method + path patterns with `{name}` segments, 404 and 405 (with Allow) answers.

/// Path parameters captured by `{name}` segments.
public struct RouteParameters: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]
    public subscript(name: String) -> String? { values[name] }
    mutating func set(_ name: String, _ value: String) { values[name] = value }
}

/// Maps `(method, path)` to handlers. Patterns are literal segments and `{name}` captures (one segment each,
/// never empty). Unknown paths get 404; known paths with another method get 405 with `Allow`.
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, RouteParameters) -> HTTPResponse

    private struct Route: Sendable {
        let method: String
        let segments: [Substring]
        let handler: Handler
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route, e.g. `add("POST", "/v1/transit/encrypt/{name}") { req, params in … }`.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, segments: pattern.split(separator: "/", omittingEmptySubsequences: false), handler: handler))
    }

    /// Dispatches a request.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
        var allowed: [String] = []
        for route in routes {
            guard let params = Router.match(route.segments, segments) else { continue }
            if route.method == request.method || (route.method == "GET" && request.method == "HEAD") {
                return route.handler(request, params)
            }
            allowed.append(route.method)
        }
        if allowed.isEmpty { return HTTPResponse.text(404, "no route for \(request.path)\n") }
        var r = HTTPResponse.text(405, "method \(request.method) not allowed for \(request.path)\n")
        r.headers.set("Allow", allowed.joined(separator: ", "))
        return r
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> RouteParameters? {
        guard pattern.count == path.count else { return nil }
        var params = RouteParameters()
        for (p, s) in zip(pattern, path) {
            if p.hasPrefix("{") && p.hasSuffix("}") && p.count > 2 {
                guard !s.isEmpty else { return nil }
                params.set(String(p.dropFirst().dropLast()), String(s))
            } else if p != s {
                return nil
            }
        }
        return params
    }
}
