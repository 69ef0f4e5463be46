// SPDX-License-Identifier: Apache-2.0
// JSON request and response bodies via FoundationEssentials' Codable (DESIGN.md §5: snake_case keys, base64 bytes).

import FoundationEssentials

extension HTTPResponse {
    /// A JSON response from an `Encodable` value (`Content-Type: application/json`).
    public static func json(_ status: Int, _ value: some Encodable) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return HTTPResponse.text(500, "failed to encode the response\n")
        }
        return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(data))
    }

    /// Decodes the body as JSON.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body))
    }
}

extension HTTPRequest {
    /// True if `Content-Type` is `application/json` (parameters such as charset allowed).
    public var hasJSONContentType: Bool {
        guard let ct = headers["Content-Type"] else { return false }
        return ct.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } == "application/json"
    }

    /// Decodes the body as JSON.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body))
    }

    /// Sets a JSON body from an `Encodable` value and the content type.
    public mutating func setJSONBody(_ value: some Encodable) throws {
        body = Array(try JSONEncoder().encode(value))
        headers.set("Content-Type", "application/json")
    }
}
