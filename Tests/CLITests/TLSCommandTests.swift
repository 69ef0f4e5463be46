// SPDX-License-Identifier: Apache-2.0
// `contrast tls server|client` end to end over loopback: groups, --ca verification, name mismatch, bad options.

#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// Enabled only when `openssl` is installed (it makes the certificate; CI installs it).
@Suite("contrast tls", .serialized, .enabled(if: Subprocess.which("openssl") != nil, "openssl not installed"))
struct TLSCommandTests {
    /// Runs a shell script with `$BIN` (the contrast binary), `$OPENSSL` and `$DIR` (a fresh scratch directory).
    func script(_ body: String) throws -> ProcessResult {
        let bin = try #require(Subprocess.builtProduct("contrast"), "the contrast binary is built next to the tests")
        let dir = "/tmp/contrast-cli-tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let port = Int.random(in: 20_000...60_000)
        let prelude = """
            set -u
            BIN='\(bin)'; OPENSSL='\(Subprocess.which("openssl") ?? "openssl")'; DIR='\(dir)'; PORT=\(port)
            mkdir -p "$DIR" && cd "$DIR" || exit 99
            "$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout key.pem -out cert.pem \\
              -subj /CN=localhost -days 2 -addext subjectAltName=DNS:localhost 2>/dev/null || exit 98
            "$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other.key \\
              -out other.pem -subj /CN=other -days 2 2>/dev/null || exit 98
            "$BIN" tls server --cert cert.pem --key key.pem --port $PORT --groups secp384r1 >server.log 2>&1 &
            SERVER=$!
            trap 'kill $SERVER 2>/dev/null; cd /; rm -rf "$DIR"' EXIT
            # Wait (up to ~10 s) until the server accepts.
            for i in $(seq 100); do
              "$BIN" tls client 127.0.0.1:$PORT >/dev/null 2>&1 && break
              sleep 0.1
            done

            """
        return try Subprocess.run("/bin/sh", ["-c", prelude + body])
    }

    @Test("client --ca verifies the server's chain and name; --groups restricts key exchange (HelloRetryRequest)")
    func verified() throws {
        let r = try script(#"""
            "$BIN" tls client 127.0.0.1:$PORT --ca cert.pem --servername localhost --groups x25519,secp384r1
            """#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Verification: OK"), "\(r.stdout)")
        #expect(r.stdout.contains("Group       : secp384r1 (after HelloRetryRequest)"), "\(r.stdout)")
    }

    @Test("client --ca fails with the reasons for a wrong name or an untrusted root; without --ca it says so")
    func refused() throws {
        let r = try script(#"""
            "$BIN" tls client 127.0.0.1:$PORT --ca cert.pem --servername example.com; echo "rc1=$?"
            "$BIN" tls client 127.0.0.1:$PORT --ca other.pem --servername localhost; echo "rc2=$?"
            "$BIN" tls client 127.0.0.1:$PORT; echo "rc3=$?"
            """#)
        #expect(r.stdout.contains("rc1=1") && r.stdout.contains("rc2=1") && r.stdout.contains("rc3=0"), "\(r.stdout)")
        #expect(r.stderr.contains("no DNS SAN matches example.com"), "\(r.stderr)")
        #expect(r.stderr.contains("no path to a trust anchor"), "\(r.stderr)")
        #expect(r.stdout.contains("Verification: not performed"), "\(r.stdout)")
    }

    @Test("unknown groups and a --ca file without certificates are reported, not trapped")
    func badOptions() throws {
        let r = try script(#"""
            "$BIN" tls client 127.0.0.1:$PORT --groups x448; echo "rc1=$?"
            "$BIN" tls client 127.0.0.1:$PORT --ca key.pem; echo "rc2=$?"
            """#)
        #expect(r.stdout.contains("rc1=2") && r.stdout.contains("rc2=1"), "\(r.stdout)")
        #expect(r.stderr.contains("unknown group 'x448'"), "\(r.stderr)")
        #expect(r.stderr.contains("no CERTIFICATE block"), "\(r.stderr)")
    }
}
