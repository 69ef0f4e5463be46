// SPDX-License-Identifier: Apache-2.0
// Writing HTTP/1.1 messages (RFC 9112): start line, fields, Content-Length bodies.

/// Serialises requests and responses. Bodies are always sent with `Content-Length` (never chunked).
public enum HTTPSerializer {
    /// The bytes of `response`; sets `Content-Length` and, if `close`, `Connection: close`.
    public static func serialize(_ response: HTTPResponse, close: Bool = false, headRequest: Bool = false) -> [UInt8] {
        var headers = response.headers
        headers.remove("Content-Length")
        headers.remove("Transfer-Encoding")
        let interim = (100..<200).contains(response.status)
        if !interim && response.status != 204 && response.status != 304 {
            headers.add("Content-Length", "\(response.body.count)")
        }
        if close { headers.set("Connection", "close") }
        var out = Array("HTTP/1.1 \(response.status) \(response.reason)\r\n".utf8)
        append(headers, to: &out)
        if !headRequest && !interim { out += response.body }
        return out
    }

    /// The bytes of `request`; sets `Content-Length` when there is a body (or the method usually has one).
    public static func serialize(_ request: HTTPRequest) -> [UInt8] {
        var headers = request.headers
        headers.remove("Content-Length")
        headers.remove("Transfer-Encoding")
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            headers.add("Content-Length", "\(request.body.count)")
        }
        var out = Array("\(request.method) \(request.target) \(request.version)\r\n".utf8)
        append(headers, to: &out)
        out += request.body
        return out
    }

    private static func append(_ headers: HTTPHeaders, to out: inout [UInt8]) {
        for f in headers {
            out += Array(f.name.utf8)
            out += [UInt8(ascii: ":"), 0x20]
            // Never let a value smuggle a line break into the head.
            out += f.value.utf8.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 }
            out += [0x0D, 0x0A]
        }
        out += [0x0D, 0x0A]
    }
}
