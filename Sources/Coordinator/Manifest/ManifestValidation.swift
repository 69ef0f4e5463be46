// SPDX-License-Identifier: Apache-2.0
// Manifest.Validate(): every rule of spec/upstream.md §3.1, reported with JSON paths as upstream does.

import ContrastCrypto

/// Which generation of upstream's rules to apply where they differ.
public struct ManifestValidationOptions: Sendable {
    /// How many `Role: coordinator` policies are required.
    public enum CoordinatorRule: Sendable {
        /// Baseline v1.x: exactly one ("expected exactly 1 policy with role 'coordinator', got N").
        case exactlyOne
        /// Newer (2026): at least one; several Coordinator policies are allowed.
        case atLeastOne
    }

    public var coordinatorRule: CoordinatorRule

    public init(coordinatorRule: CoordinatorRule = .exactlyOne) { self.coordinatorRule = coordinatorRule }
}

extension Manifest {
    /// Checks every semantic rule (upstream `Manifest.Validate`), collecting all problems.
    /// - Throws: `ManifestError` with one `ManifestIssue` per broken rule, in document order.
    public func validate(_ options: ManifestValidationOptions = ManifestValidationOptions()) throws(ManifestError) {
        var issues: [ManifestIssue] = []
        func add(_ path: String, _ message: String, _ kind: ManifestIssue.Kind = .invalid) {
            issues.append(ManifestIssue(path: path, message: message, kind: kind))
        }

        // §3.1: each policy hash key is 64 hex characters; Role ∈ {"", "coordinator"}.
        for p in policies {
            let path = JSONPath.mapKey("Policies", p.policyHash)
            if let problem = Manifest.hexProblem(p.policyHash, bytes: 32) { add(path, "policy hash: \(problem)") }
            if p.role != "" && p.role != PolicyEntry.roleCoordinator {
                add(JSONPath.member(path, "Role"), "unknown role: \(p.role)")
            }
        }
        // §3.1: Coordinator policy count (baseline exactly one, newer at least one).
        let coordinators = coordinatorPolicies.count
        switch options.coordinatorRule {
        case .exactlyOne where coordinators != 1:
            add("Policies", "expected exactly 1 policy with role 'coordinator', got \(coordinators)")
        case .atLeastOne where coordinators < 1:
            add("Policies", "expected at least 1 policy with role 'coordinator', got 0")
        default: break
        }

        // §3.1: at least one reference value entry.
        if referenceValues.snp.isEmpty && referenceValues.tdx.isEmpty {
            add("ReferenceValues", "reference values in manifest cannot be empty. Is the chosen platform supported?")
        }
        for (i, snp) in referenceValues.snp.enumerated() {
            Manifest.validateSNP(snp, path: "ReferenceValues.snp[\(i)]", into: &issues)
        }
        for (i, tdx) in referenceValues.tdx.enumerated() {
            Manifest.validateTDX(tdx, path: "ReferenceValues.tdx[\(i)]", into: &issues)
        }

        // §3.1: owner key digests are 64 hex characters.
        for (i, d) in workloadOwnerKeyDigests.enumerated() {
            if let problem = Manifest.hexProblem(d, bytes: 32) { add("WorkloadOwnerKeyDigests[\(i)]", problem) }
        }
        // NEW (2026): owner public keys are hex PKIX DER ECDSA keys.
        for (i, k) in workloadOwnerPubKeys.enumerated() {
            let path = "WorkloadOwnerPubKeys[\(i)]"
            guard let der = try? [UInt8](hexString: k) else {
                add(path, "invalid hex")
                continue
            }
            do { _ = try ManifestPublicKey.parseECSubjectPublicKeyInfo(der) } catch { add(path, "not an ECDSA public key: \(error)") }
        }
        // §3.1: seed-share owner keys are hex PKCS#1 RSA public keys.
        for (i, k) in seedshareOwnerPubKeys.enumerated() {
            let path = "SeedshareOwnerPubKeys[\(i)]"
            guard let der = try? [UInt8](hexString: k) else {
                add(path, "parsing from hex: invalid hex")
                continue
            }
            do { _ = try ManifestPublicKey.parsePKCS1RSA(der) } catch { add(path, "parsing from PKCS1: \(error)") }
        }
        guard issues.isEmpty else { throw ManifestError(issues) }
    }

    /// Parses and validates in one step.
    public static func parseAndValidate(
        _ bytes: [UInt8], options: ManifestValidationOptions = ManifestValidationOptions()
    ) throws(ManifestError) -> Manifest {
        let m = try Manifest(parsing: bytes)
        try m.validate(options)
        return m
    }

    /// nil if `s` is exactly `bytes` bytes of hex (either case), else upstream's message.
    static func hexProblem(_ s: String, bytes: Int) -> String? {
        let n = s.utf8.count
        guard n == 2 * bytes else { return "invalid length: \(n) (expected \(2 * bytes))" }
        guard (try? [UInt8](hexString: s)) != nil else { return "invalid hex" }
        return nil
    }

    static func validateSNP(_ r: SNPReferenceValues, path: String, into issues: inout [ManifestIssue]) {
        func add(_ sub: String, _ message: String, _ kind: ManifestIssue.Kind = .invalid) {
            issues.append(ManifestIssue(path: JSONPath.member(path, sub), message: message, kind: kind))
        }
        // §3.1: all four MinimumTCB fields present (expected-missing: the user fills them in).
        let tcb = r.minimumTCB
        let required: [(String, UInt8?)] = [
            ("BootloaderVersion", tcb.bootloaderVersion), ("TEEVersion", tcb.teeVersion),
            ("SNPVersion", tcb.snpVersion), ("MicrocodeVersion", tcb.microcodeVersion),
        ]
        for (name, value) in required where value == nil {
            add("MinimumTCB.\(name)", tcb.nullMembers.contains(name) ? "missing (null)" : "missing", .expectedMissing)
        }
        // §3.1: ProductName ∈ {Milan, Genoa}.
        switch r.productName {
        case "Milan", "Genoa": break
        case nil: add("ProductName", "missing", .missing)
        case let other?: add("ProductName", "unknown product name: \(other)")
        }
        // §3.1: TrustedMeasurement is 48 bytes.
        if let problem = hexProblem(r.trustedMeasurement ?? "", bytes: 48) { add("TrustedMeasurement", problem) }
        // §3.1 (newer): the guest policy may not be modified except ABIMinor 0 (bare metal) or 31 (AKS).
        let gp = r.guestPolicy
        let fixed = "modifying this field is not permitted"
        if gp.abiMajor != 0 { add("GuestPolicy.ABIMajor", fixed) }
        if gp.abiMinor != 0 && gp.abiMinor != 31 { add("GuestPolicy.ABIMinor", fixed) }
        if !gp.smt { add("GuestPolicy.SMT", fixed) }
        if gp.migrateMA { add("GuestPolicy.MigrateMA", fixed) }
        if gp.debug { add("GuestPolicy.Debug", fixed) }
        if gp.singleSocket { add("GuestPolicy.SingleSocket", fixed) }
        if gp.cxlAllowed { add("GuestPolicy.CXLAllowed", fixed) }
        if gp.memAES256XTS { add("GuestPolicy.MemAES256XTS", fixed) }
        if gp.raplDis { add("GuestPolicy.RAPLDis", fixed) }
        if gp.cipherTextHidingDRAM { add("GuestPolicy.CipherTextHidingDRAM", fixed) }
        // §3.1: each allowed chip ID is 64 bytes.
        for (i, chip) in r.allowedChipIDs.enumerated() {
            if let problem = hexProblem(chip, bytes: 64) { add("AllowedChipIDs[\(i)]", problem) }
        }
        // NEW (2026): APEIP, when given, is 4 bytes.
        if let eip = r.apEIP, let problem = hexProblem(eip, bytes: 4) { add("APEIP", problem) }
    }

    static func validateTDX(_ r: TDXReferenceValues, path: String, into issues: inout [ManifestIssue]) {
        func add(_ sub: String, _ message: String, _ kind: ManifestIssue.Kind = .invalid) {
            issues.append(ManifestIssue(path: JSONPath.member(path, sub), message: message, kind: kind))
        }
        // §3.1: MrTd 48 bytes; MrSeam 48 bytes (expected-missing); Xfam 8 bytes; each RTMR 48 bytes.
        if let problem = hexProblem(r.mrTd ?? "", bytes: 48) { add("MrTd", problem) }
        if let problem = hexProblem(r.mrSeam ?? "", bytes: 48) {
            add("MrSeam", r.mrSeam == nil ? "missing" : problem, .expectedMissing)
        }
        if let problem = hexProblem(r.xfam ?? "", bytes: 8) { add("Xfam", problem) }
        if r.rtmrs.isEmpty { add(r.rtmrsKey, "missing", .missing) }
        for (i, rtmr) in r.rtmrs.enumerated() {
            if let problem = hexProblem(rtmr, bytes: 48) { add("\(r.rtmrsKey)[\(i)]", problem) }
        }
        for (i, piid) in r.allowedPIIDs.enumerated() {
            if let problem = hexProblem(piid, bytes: 16) { add("AllowedPIIDs[\(i)]", problem) }
        }
        // §3.1 (older schema): QE/PCE SVN minima present, MinimumTeeTcbSvn 16 bytes, TdAttributes 8 bytes.
        if r.generation == .legacy {
            if r.minimumQeSvn == nil { add("MinimumQeSvn", "missing", .missing) }
            if r.minimumPceSvn == nil { add("MinimumPceSvn", "missing", .missing) }
            if let problem = hexProblem(r.minimumTeeTcbSvn ?? "", bytes: 16) { add("MinimumTeeTcbSvn", problem) }
            if let problem = hexProblem(r.tdAttributes ?? "", bytes: 8) { add("TdAttributes", problem) }
        }
    }
}
