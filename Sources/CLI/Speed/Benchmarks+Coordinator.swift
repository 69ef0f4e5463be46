// SPDX-License-Identifier: Apache-2.0
// `contrast speed` entries for the Coordinator core: HTTP/1.1 round trips over loopback with keep-alive.

import ContrastCoordinator

/// A set-up round trip that did not come back as expected (the benchmark refuses to time a broken path).
private struct RoundTripCheckFailed: Error, CustomStringConvertible {
    let description: String
}

/// One server per benchmark process; it lives until the process exits.
private func benchmarkServer(bodyBytes: Int) throws -> HTTPServer {
    var config = HTTPServer.Configuration()
    config.workers = 1
    let body = [UInt8](repeating: 0x61, count: bodyBytes)
    return try HTTPServer(configuration: config) { request in
        HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/octet-stream")]), body: request.method == "POST" ? request.body : body)
    }
}

let coordinatorBenchmarks: [Benchmark] = [
    Benchmark(
        name: "http-roundtrip",
        summary: "HTTP/1.1 request/response over loopback TCP, one keep-alive connection (client + server)",
        variants: [
            Benchmark.Variant(operation: "get", bytes: 0) {
                let server = try benchmarkServer(bodyBytes: 2)
                let client = HTTPClient(host: "127.0.0.1", port: server.port)
                let first = try client.get("/")
                guard first.status == 200, first.body == [0x61, 0x61] else {
                    throw RoundTripCheckFailed(description: "GET / answered \(first.status) with \(first.body.count) bytes")
                }
                return {
                    let r = try? client.get("/")
                    _ = server  // keep the server alive with the closure
                    return UInt8(truncatingIfNeeded: r?.status ?? 0)
                }
            },
            Benchmark.Variant(operation: "post-16k", bytes: 16384) {
                let server = try benchmarkServer(bodyBytes: 0)
                let client = HTTPClient(host: "127.0.0.1", port: server.port)
                let payload = [UInt8](repeating: 0x62, count: 16384)
                let first = try client.post("/", body: payload, contentType: "application/octet-stream")
                guard first.status == 200, first.body == payload else {
                    throw RoundTripCheckFailed(description: "POST / answered \(first.status) with \(first.body.count) bytes")
                }
                return {
                    let r = try? client.post("/", body: payload, contentType: "application/octet-stream")
                    _ = server
                    return UInt8(truncatingIfNeeded: r?.body.count ?? 0)
                }
            },
        ])
]
