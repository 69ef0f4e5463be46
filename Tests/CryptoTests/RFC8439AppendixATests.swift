// SPDX-License-Identifier: Apache-2.0
// RFC 8439 Appendix A (A.1–A.5): every additional ChaCha20, Poly1305 and AEAD test vector, read from
// Vectors/rfc8439-appendix-a.txt.

import ContrastCrypto
import Testing
import TestSupport

/// One record of Vectors/rfc8439-appendix-a.txt: its name ("A.3 #7") and `field = hex` values, with wrapped
/// continuation lines joined.
struct RFC8439Record {
    let name: String
    var fields: [String: String] = [:]

    func hex(_ field: String) throws -> [UInt8] {
        guard let v = fields[field] else { throw RFC8439FileError.missingField(name, field) }
        return try Hex.decode(v)
    }

    func int(_ field: String) throws -> UInt32 {
        guard let v = fields[field], let n = UInt32(v) else { throw RFC8439FileError.missingField(name, field) }
        return n
    }
}

enum RFC8439FileError: Error {
    case missingField(String, String)
    case malformedLine(String)
}

/// Parses the project's transcription of RFC 8439 Appendix A.
func rfc8439AppendixA() throws -> [RFC8439Record] {
    let text = String(decoding: try VectorLocator.read(try VectorLocator.projectPath("rfc8439-appendix-a.txt")), as: UTF8.self)
    var records: [RFC8439Record] = []
    var last: String?
    for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
        let line = String(raw)
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") && line.hasSuffix("]") {
            records.append(RFC8439Record(name: String(line.dropFirst().dropLast())))
            last = nil
            continue
        }
        guard !records.isEmpty else { throw RFC8439FileError.malformedLine(line) }
        if line.hasPrefix("    "), let field = last {
            records[records.count - 1].fields[field, default: ""] += line.trimmingPrefix("    ")
            continue
        }
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " ") }
        guard parts.count == 2 else { throw RFC8439FileError.malformedLine(line) }
        records[records.count - 1].fields[parts[0]] = parts[1]
        last = parts[0]
    }
    return records
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}

@Suite("RFC 8439 Appendix A vectors")
struct RFC8439AppendixATests {
    /// Nonce bytes as the three little-endian words of the ChaCha20 state (RFC 8439 §2.3).
    static func words(_ nonce: [UInt8]) -> (UInt32, UInt32, UInt32) {
        func w(_ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(nonce[i + $1]) << (8 * UInt32($1)) } }
        return (w(0), w(4), w(8))
    }

    /// ChaCha20 of `data` under key, nonce and initial counter (RFC 8439 §2.4).
    static func chacha20(key: [UInt8], nonce: [UInt8], counter: UInt32, _ data: [UInt8]) -> [UInt8] {
        let c = key.withUnsafeBytes { ChaCha20(key: $0) }
        var out = data
        out.withUnsafeMutableBytes { b in
            if let base = b.baseAddress { c.xorKeyStream(base, count: b.count, counter: counter, nonce: words(nonce)) }
        }
        return out
    }

    static func poly1305(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = key.withUnsafeBytes { Poly1305(key: $0.baseAddress.unsafelyUnwrapped) }
        message.withUnsafeBytes { mac.update($0) }
        let t = mac.finalize()
        return withUnsafeBytes(of: t) { Array($0) }
    }

    /// Checks one record; returns nil when it matches, else what differed.
    static func check(_ r: RFC8439Record) throws -> String? {
        switch r.fields["kind"] {
        case "block":  // A.1: the block function's output is the key stream for 64 zero bytes
            let out = chacha20(key: try r.hex("key"), nonce: try r.hex("nonce"), counter: try r.int("counter"),
                [UInt8](repeating: 0, count: 64))
            return out == (try r.hex("keystream")) ? nil : "keystream \(Hex.encode(out))"
        case "encrypt":  // A.2: encryption, and decryption back
            let key = try r.hex("key"), nonce = try r.hex("nonce"), counter = try r.int("counter")
            let ct = chacha20(key: key, nonce: nonce, counter: counter, try r.hex("plaintext"))
            guard ct == (try r.hex("ciphertext")) else { return "ciphertext \(Hex.encode(ct))" }
            let pt = chacha20(key: key, nonce: nonce, counter: counter, ct)
            return pt == (try r.hex("plaintext")) ? nil : "decryption \(Hex.encode(pt))"
        case "poly1305":  // A.3
            let tag = poly1305(key: try r.hex("key"), message: try r.hex("message"))
            return tag == (try r.hex("tag")) ? nil : "tag \(Hex.encode(tag))"
        case "poly1305-keygen":  // A.4: the first 32 bytes of ChaCha20 block 0 (RFC 8439 §2.6)
            let otk = chacha20(key: try r.hex("key"), nonce: try r.hex("nonce"), counter: 0,
                [UInt8](repeating: 0, count: 32))
            return otk == (try r.hex("otk")) ? nil : "one-time key \(Hex.encode(otk))"
        case "aead-open":  // A.5: verify the received tag, then decrypt
            let key = SymmetricKey(data: try r.hex("key"))
            let nonce = try ChaChaPoly.Nonce(data: try r.hex("nonce"))
            let box = try ChaChaPoly.SealedBox(nonce: nonce, ciphertext: try r.hex("ciphertext"), tag: try r.hex("tag"))
            let opened = try ChaChaPoly.open(box, using: key, authenticating: try r.hex("aad"))
            guard opened == (try r.hex("plaintext")) else { return "plaintext \(Hex.encode(opened))" }
            // And the other way: sealing the plaintext reproduces ciphertext and tag.
            let sealed = try ChaChaPoly.seal(opened, using: key, nonce: nonce, authenticating: try r.hex("aad"))
            let ct = try r.hex("ciphertext"), tag = try r.hex("tag")
            return sealed.ciphertext == ct && sealed.tag == tag ? nil : "seal mismatch"
        default:
            return "unknown kind \(r.fields["kind"] ?? "none")"
        }
    }

    @Test("RFC 8439 Appendix A.1–A.5: every test vector")
    func appendixA() throws {
        let records = try rfc8439AppendixA()
        // A.1 #1–#5, A.2 #1–#3, A.3 #1–#11, A.4 #1–#3, A.5.
        #expect(records.count == 23, "rfc8439-appendix-a.txt: expected 23 records, found \(records.count)")
        var kinds: [String: Int] = [:]
        for r in records {
            kinds[r.fields["kind"] ?? "", default: 0] += 1
            let problem = try Self.check(r)
            #expect(problem == nil, "rfc8439-appendix-a.txt [\(r.name)]: \(problem ?? "")")
        }
        #expect(kinds == ["block": 5, "encrypt": 3, "poly1305": 11, "poly1305-keygen": 3, "aead-open": 1])
    }

    @Test("RFC 8439 A.5 with a flipped tag bit is rejected")
    func appendixA5Tampered() throws {
        let records = try rfc8439AppendixA()
        let r = try #require(records.first { $0.name == "A.5" })
        var tag = try r.hex("tag")
        tag[0] ^= 1
        let box = try ChaChaPoly.SealedBox(
            nonce: try ChaChaPoly.Nonce(data: try r.hex("nonce")), ciphertext: try r.hex("ciphertext"), tag: tag)
        #expect(throws: CryptoError.authenticationFailure) {
            try ChaChaPoly.open(box, using: SymmetricKey(data: try r.hex("key")), authenticating: try r.hex("aad"))
        }
    }
}
