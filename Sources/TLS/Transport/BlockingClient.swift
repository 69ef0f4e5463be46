// SPDX-License-Identifier: Apache-2.0
// TLSClientSocket: a blocking convenience client over Socket + TLSConnection, with deadlines.

#if canImport(Glibc)
import Glibc
import ContrastCrypto

/// A connected TLS client. Every wait has a deadline; reads are bounded by the record layer.
public final class TLSClientSocket {
    let socket: Socket
    var connection: TLSConnection
    let timeoutMilliseconds: Int32

    /// Connects and completes the handshake, or throws.
    public init(
        host: String, port: UInt16, configuration: TLSConfiguration, random: any RandomSource = SystemRandom(),
        timeoutMilliseconds: Int32 = 10_000
    ) throws(TLSError) {
        self.timeoutMilliseconds = timeoutMilliseconds
        socket = try Socket.connect(host: host, port: port, timeoutMilliseconds: timeoutMilliseconds)
        connection = try TLSConnection(client: configuration, random: random)
        while !connection.isHandshakeComplete {
            try flush()
            try receiveSome()
        }
        try flush()
    }

    /// The negotiated parameters.
    public var summary: HandshakeSummary? { connection.summary }

    /// TLS-Exporter (RFC 8446 §7.5).
    public func exportKeyingMaterial(label: String, context: [UInt8], length: Int) throws(TLSError) -> [UInt8] {
        try connection.exportKeyingMaterial(label: label, context: context, length: length)
    }

    public func write(_ bytes: [UInt8]) throws(TLSError) {
        try connection.write(bytes)
        try flush()
    }

    /// Returns the next application data; an empty array means the peer closed cleanly.
    public func read() throws(TLSError) -> [UInt8] {
        while true {
            let data = connection.readApplicationData()
            if !data.isEmpty { return data }
            if connection.peerClosed { return [] }
            try receiveSome()
            try flush()
        }
    }

    /// Sends close_notify and closes the socket.
    public func close() {
        connection.close()
        try? flush()
        socket.close()
    }

    func flush() throws(TLSError) {
        let out = connection.takeOutgoing()
        var offset = 0
        while offset < out.count {
            let n = try socket.write(out, from: offset)
            offset += n
            if n == 0 {
                guard try socket.poll(events: Int16(POLLOUT), timeoutMilliseconds: timeoutMilliseconds) else {
                    throw .transport("write timed out")
                }
            }
        }
    }

    func receiveSome() throws(TLSError) {
        guard try socket.poll(events: Int16(POLLIN), timeoutMilliseconds: timeoutMilliseconds) else {
            throw .transport("read timed out")
        }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        switch try socket.read(into: &buffer) {
        case .data(let n):
            do { try connection.receive(buffer[0..<n]) } catch {
                try? flush()  // the alert
                throw error
            }
        case .wouldBlock:
            return
        case .endOfStream:
            try connection.receiveEndOfStream()
        }
    }
}
#endif
