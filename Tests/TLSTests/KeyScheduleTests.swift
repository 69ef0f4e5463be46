// SPDX-License-Identifier: Apache-2.0
// Key schedule tests against RFC 8448 (simple 1-RTT, HRR, client auth).

import ContrastCrypto
import ContrastTLS
import Testing
import TestSupport

@Suite("TLS 1.3 key schedule")
struct KeyScheduleTests {
    /// Checks every derived secret of one RFC 8448 section against the key schedule, given the transcript
    /// hashes the trace prints (those are checked separately by the transcript test).
    func checkSection(_ title: String, serverHelloIndex: Int) throws -> Int {
        let steps = try RFC8448.section(title)
        let hash = TLSHash.sha256
        var checks = 0
        let early = try RFC8448.step(steps, "server", "extract secret \"early\"")
        let es = EarlySecret(hash: hash)
        #expect(es.secretBytes == (try early.hex("secret")), "\(title): early secret")
        let hsStep = try RFC8448.step(steps, "server", "extract secret \"handshake\"")
        let hs = es.handshakeSecret(sharedSecret: try hsStep.hex("IKM"))
        #expect(hs.secretBytes == (try hsStep.hex("secret")), "\(title): handshake secret")
        let chs = try RFC8448.step(steps, "server", "derive secret \"tls13 c hs traffic\"")
        #expect(hs.clientHandshakeTrafficSecret(transcriptHash: try chs.hex("hash")) == (try chs.hex("expanded")))
        let shs = try RFC8448.step(steps, "server", "derive secret \"tls13 s hs traffic\"")
        #expect(hs.serverHandshakeTrafficSecret(transcriptHash: try shs.hex("hash")) == (try shs.hex("expanded")))
        checks += 4
        let ms = hs.masterSecret()
        let msStep = try RFC8448.step(steps, "server", "extract secret \"master\"")
        #expect(ms.secretBytes == (try msStep.hex("secret")), "\(title): master secret")
        let cap = try RFC8448.step(steps, "server", "derive secret \"tls13 c ap traffic\"")
        #expect(ms.clientApplicationTrafficSecret(transcriptHash: try cap.hex("hash")) == (try cap.hex("expanded")))
        let sap = try RFC8448.step(steps, "server", "derive secret \"tls13 s ap traffic\"")
        #expect(ms.serverApplicationTrafficSecret(transcriptHash: try sap.hex("hash")) == (try sap.hex("expanded")))
        let exp = try RFC8448.step(steps, "server", "derive secret \"tls13 exp master\"")
        #expect(ms.exporterMasterSecret(transcriptHash: try exp.hex("hash")).secretBytes == (try exp.hex("expanded")))
        let res = try RFC8448.step(steps, "client", "derive secret \"tls13 res master\"")
        #expect(ms.resumptionMasterSecret(transcriptHash: try res.hex("hash")) == (try res.hex("expanded")))
        checks += 5
        // Traffic keys: every "derive ... traffic keys" step with fields.
        for step in steps where step.caption.contains("traffic keys") && !step.fields.isEmpty {
            let keys = TrafficKeys(
                secret: try step.hex("PRK"), hash: hash, keyLength: 16, ivLength: 12)
            #expect(keys.key == (try step.hex("key expanded")), "\(title): \(step.caption) key")
            #expect(keys.iv == (try step.hex("iv expanded")), "\(title): \(step.caption) iv")
            checks += 1
        }
        // Finished keys: "calculate finished" steps.
        for step in steps where step.caption.hasPrefix("calculate finished") && !step.fields.isEmpty {
            #expect(TrafficSecret.finishedKey(hash, baseKey: try step.hex("PRK")) == (try step.hex("expanded")))
            checks += 1
        }
        _ = serverHelloIndex
        return checks
    }

    @Test(
        "RFC 8448 simple 1-RTT, HelloRetryRequest and client-auth key schedules",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func rfc8448KeySchedules() throws {
        #expect(try checkSection("Simple 1-RTT Handshake", serverHelloIndex: 0) == 9 + 4 + 2)
        #expect(try checkSection("HelloRetryRequest", serverHelloIndex: 1) == 9 + 4 + 2)
        #expect(try checkSection("Client Authentication", serverHelloIndex: 0) == 9 + 4 + 2)
    }

    @Test(
        "RFC 8448 transcript hashes and Finished values reproduce (1-RTT, with HRR roll-up)",
        .enabled(if: VectorLocator.isAvailable, VectorLocator.absentMessage))
    func rfc8448Transcripts() throws {
        for title in ["Simple 1-RTT Handshake", "HelloRetryRequest", "Client Authentication"] {
            let steps = try RFC8448.section(title)
            let messages = steps.filter { $0.caption.hasPrefix("construct a") }
            var t = Transcript()
            var sawServerHello = false
            var finishedChecked = 0
            let hsTrafficHash = try RFC8448.step(steps, "server", "derive secret \"tls13 c hs traffic\"").hex("hash")
            let apTrafficHash = try RFC8448.step(steps, "server", "derive secret \"tls13 c ap traffic\"").hex("hash")
            let sHS = try RFC8448.step(steps, "server", "derive secret \"tls13 s hs traffic\"").hex("expanded")
            let cHS = try RFC8448.step(steps, "server", "derive secret \"tls13 c hs traffic\"").hex("expanded")
            for m in messages {
                guard let (name, bytes) = m.fields.first else { continue }
                if name == "ServerHello" && !sawServerHello {
                    t.start(hash: .sha256)
                    sawServerHello = true
                    if Array(bytes[6..<38]) == ServerHello.helloRetryRequestRandom { t.rollUpForHelloRetryRequest() }
                }
                if name == "Finished" {
                    let baseKey = m.actor == "server" ? sHS : cHS
                    let expected = TrafficSecret.verifyData(.sha256, baseKey: baseKey, transcriptHash: t.currentHash())
                    #expect(Array(bytes[4...]) == expected, "\(title): \(m.actor) Finished")
                    finishedChecked += 1
                }
                t.add(bytes)
                if name == "ServerHello" && bytes[6..<38].elementsEqual(ServerHello.helloRetryRequestRandom) == false {
                    #expect(t.currentHash() == hsTrafficHash, "\(title): hash at ServerHello")
                }
                if name == "Finished" && m.actor == "server" {
                    #expect(t.currentHash() == apTrafficHash, "\(title): hash at server Finished")
                }
            }
            #expect(finishedChecked == 2, "\(title)")
        }
    }

    @Test("HKDF-Expand-Label builds the HkdfLabel structure of RFC 8446 §7.1")
    func hkdfLabelStructure() {
        // RFC 8448 §3 "derive secret for handshake": info for "derived" with the empty-string hash.
        let emptyHash = TLSHash.sha256.digest([])
        let info = HKDFLabel.hkdfLabel(label: "derived", context: emptyHash, length: 32)
        #expect(info.hexString == "00200d746c733133206465726976656420" + emptyHash.hexString)
    }

    @Test("Exporter: label and context change the output; lengths are honoured")
    func exporter() throws {
        let es = EarlySecret(hash: .sha256)
        let ms = es.handshakeSecret(sharedSecret: [UInt8](repeating: 1, count: 32)).masterSecret()
        let exp = ms.exporterMasterSecret(transcriptHash: TLSHash.sha256.digest([1, 2, 3]))
        let a = try exp.export(label: "EXPORTER-test", context: [], length: 32)
        let b = try exp.export(label: "EXPORTER-test", context: [1], length: 32)
        let c = try exp.export(label: "EXPORTER-other", context: [], length: 48)
        #expect(a.count == 32 && c.count == 48 && a != b && Array(c.prefix(32)) != a)
        #expect(throws: TLSError.self) { _ = try exp.export(label: "x", context: [], length: 255 * 32 + 1) }
    }
}
