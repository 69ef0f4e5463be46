// SPDX-License-Identifier: Apache-2.0
// NIST CAVS FIPS 186-3 ECDSA vectors (SigVer, SigGen with the given k, KeyPair, PKV) for P-256 and P-384.

import ContrastCrypto
import Testing
import TestSupport

/// The FIPS 186-3 files group records under curve headers (`[P-256]`, `[P-256,SHA-256]`); KeyPair.rsp follows
/// each curve header with a second header (`[B.4.2 …]`) that would overwrite the curve in `CAVPRecord.parameters`.
/// So each curve's section is cut out here (other lines blanked, so line numbers stay those of the file) and
/// parsed on its own.
enum FIPS186Vectors {
    static let directory = "nist/ecdsa/FIPS_186-3/"

    /// Records of the section that starts at the line `[header]` and ends at the next curve header.
    static func section(_ file: String, _ header: String) throws -> [CAVPRecord] {
        let text = String(decoding: try VectorLocator.readShared(directory + file).filter { $0 != 0x0D }, as: UTF8.self)
        var inside = false
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if isCurveHeader(line) { inside = line == "[\(header)]" }
            kept.append(inside ? line : "")
        }
        return CAVP.parse(kept.joined(separator: "\n"), file: "\(file) [\(header)]")
    }

    /// `[P-256]`, `[K-163,SHA-1]` …, but not `[B.4.2 Key Pair Generation …]`.
    static func isCurveHeader(_ line: Substring) -> Bool {
        guard line.hasPrefix("["), line.hasSuffix("]"), line.count >= 6 else { return false }
        let body = line.dropFirst().dropLast()
        guard let first = body.first, "PKB".contains(first), body.dropFirst().first == "-" else { return false }
        return body.dropFirst(2).allSatisfy { $0.isNumber || $0 == "," || $0 == "-" || $0.isLetter }
    }

    /// A hex integer as big-endian bytes, odd-length values getting a leading 0 nibble; nil when the value
    /// does not fit in `count` bytes (it is then out of range for the curve).
    static func integer(_ record: CAVPRecord, _ key: String, count: Int) throws -> [UInt8]? {
        guard var digits = record[key] else { throw VectorError.malformed(file: record.file, reason: "\(record.label): no \(key)") }
        if digits.count % 2 == 1 { digits = "0" + digits }
        var bytes = try Hex.decode(digits)
        while bytes.count > count, bytes.first == 0 { bytes.removeFirst() }
        guard bytes.count <= count else { return nil }
        return [UInt8](repeating: 0, count: count - bytes.count) + bytes
    }

    /// The digest of `message` with the section's hash (`SHA-1` … `SHA-512`).
    static func digest(_ section: String, _ message: [UInt8]) throws -> [UInt8] {
        switch section.split(separator: ",").last.map(String.init) ?? "" {
        case "SHA-1": return ReferenceSHA1.hash(message)
        case "SHA-224": return SHA224.hash(data: message).bytes
        case "SHA-256": return SHA256.hash(data: message).bytes
        case "SHA-384": return SHA384.hash(data: message).bytes
        case "SHA-512": return SHA512.hash(data: message).bytes
        default: throw VectorError.malformed(file: "SigVer", reason: "unknown hash in \(section)")
        }
    }

    static let hashes = ["SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"]
}

@Suite("NIST FIPS 186-3 ECDSA vectors (P-256, P-384)")
struct ECDSANISTTests {
    /// SigVer: Msg is hashed with the section's hash; `Result = P` must verify, `F (…)` must not.
    func sigVer<C: PrimeCurve>(_: C.Type, curve: String) throws -> VectorTally {
        var tally = VectorTally(file: "SigVer.rsp \(curve)")
        let n = C.byteCount
        for hash in FIPS186Vectors.hashes {
            let header = "\(curve),\(hash)"
            for record in try FIPS186Vectors.section("SigVer.rsp", header) {
                let digest = try FIPS186Vectors.digest(header, try record.hex("Msg"))
                let expected = record["Result"]?.hasPrefix("P") == true
                var accepted = false
                if let qx = try FIPS186Vectors.integer(record, "Qx", count: n),
                    let qy = try FIPS186Vectors.integer(record, "Qy", count: n),
                    let r = try FIPS186Vectors.integer(record, "R", count: n),
                    let s = try FIPS186Vectors.integer(record, "S", count: n),
                    let q = try? ECPublicKeyCore<C>(rawRepresentation: qx + qy)
                {
                    accepted = ECDSA<C>.verifyVarTime(signature: r + s, digest: digest, q: q.point)
                }
                tally.check(accepted == expected, record.label, "expected \(record["Result"] ?? "?"), got \(accepted)")
            }
        }
        return tally
    }

    /// SigGen: with the given d and k, the signature must be exactly (R, S), Q must be d·G, and it verifies.
    func sigGen<C: PrimeCurve>(_: C.Type, curve: String) throws -> VectorTally {
        var tally = VectorTally(file: "SigGen.txt \(curve)")
        let n = C.byteCount
        for hash in FIPS186Vectors.hashes {
            let header = "\(curve),\(hash)"
            for record in try FIPS186Vectors.section("SigGen.txt", header) {
                let digest = try FIPS186Vectors.digest(header, try record.hex("Msg"))
                let d = try #require(try FIPS186Vectors.integer(record, "d", count: n))
                let k = try #require(try FIPS186Vectors.integer(record, "k", count: n))
                let q = try #require(try FIPS186Vectors.integer(record, "Qx", count: n))
                    + #require(try FIPS186Vectors.integer(record, "Qy", count: n))
                let rs = try #require(try FIPS186Vectors.integer(record, "R", count: n))
                    + #require(try FIPS186Vectors.integer(record, "S", count: n))
                let key = try ECPrivateKeyCore<C>(rawRepresentation: d)
                let signature = ECDSA<C>.sign(d: d, digest: digest, nonce: k)
                let verifies = ECDSA<C>.verifyVarTime(signature: rs, digest: digest, q: key.publicKey.point)
                tally.check(
                    signature == rs && key.publicKey.rawRepresentation == q && verifies, record.label,
                    "signature \(signature.map { Hex.encode($0) } ?? "nil"), Q match \(key.publicKey.rawRepresentation == q), verifies \(verifies)")
            }
        }
        return tally
    }

    /// KeyPair: Q = d·G.
    func keyPair<C: PrimeCurve>(_: C.Type, curve: String) throws -> VectorTally {
        var tally = VectorTally(file: "KeyPair.rsp \(curve)")
        let n = C.byteCount
        for record in try FIPS186Vectors.section("KeyPair.rsp", curve) where record.has("d") {
            let d = try #require(try FIPS186Vectors.integer(record, "d", count: n))
            let q = try #require(try FIPS186Vectors.integer(record, "Qx", count: n))
                + #require(try FIPS186Vectors.integer(record, "Qy", count: n))
            let key = try ECPrivateKeyCore<C>(rawRepresentation: d)
            tally.check(key.publicKey.rawRepresentation == q, record.label, "Q = \(Hex.encode(key.publicKey.rawRepresentation))")
        }
        return tally
    }

    /// PKV: public-key validation accepts `Result = P` and rejects `F` (coordinates out of range — values wider
    /// than the field cannot even be encoded — or not on the curve).
    func pkv<C: PrimeCurve>(_: C.Type, curve: String) throws -> VectorTally {
        var tally = VectorTally(file: "PKV.rsp \(curve)")
        let n = C.byteCount
        for record in try FIPS186Vectors.section("PKV.rsp", curve) {
            let expected = record["Result"]?.hasPrefix("P") == true
            var accepted = false
            if let qx = try FIPS186Vectors.integer(record, "Qx", count: n),
                let qy = try FIPS186Vectors.integer(record, "Qy", count: n)
            {
                accepted = (try? ECPublicKeyCore<C>(x963Representation: [0x04] + qx + qy)) != nil
            }
            tally.check(accepted == expected, record.label, "expected \(record["Result"] ?? "?"), got \(accepted)")
        }
        return tally
    }

    @Test("SigVer P-256 (5 hashes × 15)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sigVerP256() throws { try sigVer(P256Curve.self, curve: "P-256").expectCount(75) }

    @Test("SigVer P-384 (5 hashes × 15)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sigVerP384() throws { try sigVer(P384Curve.self, curve: "P-384").expectCount(75) }

    @Test("SigGen P-256 with the given k (5 hashes × 15)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sigGenP256() throws { try sigGen(P256Curve.self, curve: "P-256").expectCount(75) }

    @Test("SigGen P-384 with the given k (5 hashes × 15)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func sigGenP384() throws { try sigGen(P384Curve.self, curve: "P-384").expectCount(75) }

    @Test("KeyPair P-256 and P-384 (10 each)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func keyPairs() throws {
        try keyPair(P256Curve.self, curve: "P-256").expectCount(10)
        try keyPair(P384Curve.self, curve: "P-384").expectCount(10)
    }

    @Test("PKV P-256 and P-384 (12 each)", .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func publicKeyValidation() throws {
        try pkv(P256Curve.self, curve: "P-256").expectCount(12)
        try pkv(P384Curve.self, curve: "P-384").expectCount(12)
    }
}

/// SHA-1 (FIPS 180-4 §6.1), only to hash the `SHA-1` sections of the CAVS files; ContrastCrypto has no SHA-1.
enum ReferenceSHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message + [0x80]
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) * 8
        for i in (0..<8).reversed() { padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i))) }
        func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
        for block in stride(from: 0, to: padded.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 80)
            for t in 0..<16 {
                for j in 0..<4 { w[t] = (w[t] << 8) | UInt32(padded[block + 4 * t + j]) }
            }
            for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for t in 0..<80 {
                let (f, k): (UInt32, UInt32) =
                    t < 20 ? ((b & c) | (~b & d), 0x5A82_7999)
                    : t < 40 ? (b ^ c ^ d, 0x6ED9_EBA1)
                    : t < 60 ? ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC) : (b ^ c ^ d, 0xCA62_C1D6)
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                (e, d, c, b, a) = (d, c, rotl(b, 30), a, temp)
            }
            h[0] &+= a
            h[1] &+= b
            h[2] &+= c
            h[3] &+= d
            h[4] &+= e
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * $0)) } }
    }
}
