// SPDX-License-Identifier: Apache-2.0
// Persistence of the simulated SEV-SNP platform: one `key=hex` text file, mode 0600, so the chain (and the ARK pin
// a verifier was configured with) survives restarts.

import ContrastASN1
import ContrastCrypto

#if canImport(Glibc)
import Glibc
#endif

extension SimulatedSNPPlatform {
    public static let fileName = "simulated-snp.txt"

    /// Writes the platform to `directory/simulated-snp.txt` (created 0600, replaced atomically).
    public func save(to directory: String) throws(IssuerError) {
        let a = arkKey.components
        let s = askKey.components
        var lines: [(String, String)] = [
            ("product", product.rawValue),
            ("tcb", "\(tcb.bootloader),\(tcb.tee),\(tcb.snp),\(tcb.microcode),\(tcb.fmc ?? 0)"),
            ("chip_id", AttestationBytes.hex(chipID)),
        ]
        for (prefix, c) in [("ark", a), ("ask", s)] {
            lines += [("\(prefix)_n", AttestationBytes.hex(c.n)), ("\(prefix)_e", AttestationBytes.hex(c.e)), ("\(prefix)_d", AttestationBytes.hex(c.d)),
                      ("\(prefix)_p", AttestationBytes.hex(c.p)), ("\(prefix)_q", AttestationBytes.hex(c.q))]
        }
        lines += [
            ("vcek_d", AttestationBytes.hex(vcekKey.rawRepresentation)), ("ark_cert", AttestationBytes.hex(ark.derBytes)),
            ("ask_cert", AttestationBytes.hex(ask.derBytes)), ("vcek_cert", AttestationBytes.hex(vcek.derBytes)),
        ]
        let text = Array(lines.map { "\($0.0)=\($0.1)\n" }.joined().utf8)
        let path = directory + "/" + SimulatedSNPPlatform.fileName
        let tmp = path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw IssuerError("cannot create \(tmp): \(SystemFiles.errorText())") }
        let n = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard n == text.count, synced, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw IssuerError("cannot write \(path): \(SystemFiles.errorText())")
        }
    }

    /// Reads a platform written by `save(to:)`.
    public static func load(from directory: String) throws(IssuerError) -> SimulatedSNPPlatform {
        let path = directory + "/" + fileName
        let text = String(decoding: try SystemFiles.read(path), as: UTF8.self)
        var v: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            v[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        func bytes(_ k: String) throws(IssuerError) -> [UInt8] {
            guard let h = v[k], let b = try? [UInt8](hexString: h) else { throw IssuerError("\(path): missing or malformed \(k)") }
            return b
        }
        guard let name = v["product"], let product = SNPProduct(name: name) else { throw IssuerError("\(path): missing or unknown product") }
        let t = (v["tcb"] ?? "").split(separator: ",").compactMap { UInt8($0) }
        guard t.count == 5 else { throw IssuerError("\(path): malformed tcb") }
        let tcb = SNPTCBVersion.Components(fmc: product == .turin ? t[4] : nil, bootloader: t[0], tee: t[1], snp: t[2], microcode: t[3])
        do {
            let arkKey = try RSA.Signing.PrivateKey(n: try bytes("ark_n"), e: try bytes("ark_e"), d: try bytes("ark_d"), p: try bytes("ark_p"), q: try bytes("ark_q"))
            let askKey = try RSA.Signing.PrivateKey(n: try bytes("ask_n"), e: try bytes("ask_e"), d: try bytes("ask_d"), p: try bytes("ask_p"), q: try bytes("ask_q"))
            let vcekKey = try P384.Signing.PrivateKey(rawRepresentation: try bytes("vcek_d"))
            return SimulatedSNPPlatform(
                product: product, tcb: tcb, chipID: try bytes("chip_id"), arkKey: arkKey, askKey: askKey, vcekKey: vcekKey,
                ark: try Certificate(derEncoded: try bytes("ark_cert")), ask: try Certificate(derEncoded: try bytes("ask_cert")),
                vcek: try Certificate(derEncoded: try bytes("vcek_cert")))
        } catch let e as IssuerError {
            throw e
        } catch {
            throw IssuerError("\(path): \(error)")
        }
    }

    /// Loads the platform from `directory`, or creates and saves a new one (4096-bit keys) when there is none.
    public static func loadOrCreate(
        directory: String, product: SNPProduct, tcb: SNPTCBVersion.Components, now: ASN1Time
    ) throws(IssuerError) -> SimulatedSNPPlatform {
        if SystemFiles.exists(directory + "/" + fileName) { return try load(from: directory) }
        var random = SystemRandom()
        let p = try create(product: product, tcb: tcb, now: now, random: &random)
        try p.save(to: directory)
        return p
    }
}
