// SPDX-License-Identifier: Apache-2.0
// TLS13Label: every HKDF label of the TLS 1.3 key schedule, spelled as in RFC 8446 §7.1, §7.3, §7.5, §4.6.3.

/// HKDF labels without the "tls13 " prefix, which `HKDFLabel.expandLabel` adds.
public enum TLS13Label: String, Sendable {
    case derived = "derived"
    case externalPSKBinder = "ext binder"
    case resumptionPSKBinder = "res binder"
    case clientEarlyTraffic = "c e traffic"
    case earlyExporter = "e exp master"
    case clientHandshakeTraffic = "c hs traffic"
    case serverHandshakeTraffic = "s hs traffic"
    case clientApplicationTraffic = "c ap traffic"
    case serverApplicationTraffic = "s ap traffic"
    case exporterMaster = "exp master"
    case resumptionMaster = "res master"
    case finished = "finished"
    case key = "key"
    case iv = "iv"
    case trafficUpdate = "traffic upd"
    case exporter = "exporter"
}
