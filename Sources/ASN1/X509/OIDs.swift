// SPDX-License-Identifier: Apache-2.0
// Object identifiers used by X.509, PKCS and the attestation profiles (RFC 5280 §4, RFC 5758, RFC 4055, AMD KDS).

extension ASN1ObjectIdentifier {
    /// Signature and key algorithms (RFC 5758 §3.2, RFC 8017 App. C, RFC 4055 §2, RFC 5480 §2.1).
    public enum Algorithm {
        public static let ecdsaWithSHA1: ASN1ObjectIdentifier = "1.2.840.10045.4.1"
        public static let ecdsaWithSHA256: ASN1ObjectIdentifier = "1.2.840.10045.4.3.2"
        public static let ecdsaWithSHA384: ASN1ObjectIdentifier = "1.2.840.10045.4.3.3"
        public static let ecdsaWithSHA512: ASN1ObjectIdentifier = "1.2.840.10045.4.3.4"
        public static let rsaEncryption: ASN1ObjectIdentifier = "1.2.840.113549.1.1.1"
        public static let sha1WithRSAEncryption: ASN1ObjectIdentifier = "1.2.840.113549.1.1.5"
        public static let mgf1: ASN1ObjectIdentifier = "1.2.840.113549.1.1.8"
        public static let rsassaPSS: ASN1ObjectIdentifier = "1.2.840.113549.1.1.10"
        public static let sha256WithRSAEncryption: ASN1ObjectIdentifier = "1.2.840.113549.1.1.11"
        public static let sha384WithRSAEncryption: ASN1ObjectIdentifier = "1.2.840.113549.1.1.12"
        public static let sha512WithRSAEncryption: ASN1ObjectIdentifier = "1.2.840.113549.1.1.13"
        public static let ecPublicKey: ASN1ObjectIdentifier = "1.2.840.10045.2.1"
        public static let sha1: ASN1ObjectIdentifier = "1.3.14.3.2.26"
        public static let sha256: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.2.1"
        public static let sha384: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.2.2"
        public static let sha512: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.2.3"
    }

    /// Named curves (RFC 5480 §2.1.1.1).
    public enum NamedCurve {
        public static let p256: ASN1ObjectIdentifier = "1.2.840.10045.3.1.7"
        public static let p384: ASN1ObjectIdentifier = "1.3.132.0.34"
        public static let p521: ASN1ObjectIdentifier = "1.3.132.0.35"
    }

    /// Name attribute types (RFC 5280 App. A, RFC 4519).
    public enum NameAttribute {
        public static let commonName: ASN1ObjectIdentifier = "2.5.4.3"
        public static let surname: ASN1ObjectIdentifier = "2.5.4.4"
        public static let serialNumber: ASN1ObjectIdentifier = "2.5.4.5"
        public static let countryName: ASN1ObjectIdentifier = "2.5.4.6"
        public static let localityName: ASN1ObjectIdentifier = "2.5.4.7"
        public static let stateOrProvinceName: ASN1ObjectIdentifier = "2.5.4.8"
        public static let streetAddress: ASN1ObjectIdentifier = "2.5.4.9"
        public static let organizationName: ASN1ObjectIdentifier = "2.5.4.10"
        public static let organizationalUnitName: ASN1ObjectIdentifier = "2.5.4.11"
        public static let title: ASN1ObjectIdentifier = "2.5.4.12"
        public static let givenName: ASN1ObjectIdentifier = "2.5.4.42"
        public static let emailAddress: ASN1ObjectIdentifier = "1.2.840.113549.1.9.1"
        public static let domainComponent: ASN1ObjectIdentifier = "0.9.2342.19200300.100.1.25"
        public static let userID: ASN1ObjectIdentifier = "0.9.2342.19200300.100.1.1"
    }

    /// Standard extensions (RFC 5280 §4.2, §5.2, §5.3).
    public enum X509ExtensionID {
        public static let subjectKeyIdentifier: ASN1ObjectIdentifier = "2.5.29.14"
        public static let keyUsage: ASN1ObjectIdentifier = "2.5.29.15"
        public static let subjectAlternativeName: ASN1ObjectIdentifier = "2.5.29.17"
        public static let issuerAlternativeName: ASN1ObjectIdentifier = "2.5.29.18"
        public static let basicConstraints: ASN1ObjectIdentifier = "2.5.29.19"
        public static let crlNumber: ASN1ObjectIdentifier = "2.5.29.20"
        public static let crlReason: ASN1ObjectIdentifier = "2.5.29.21"
        public static let nameConstraints: ASN1ObjectIdentifier = "2.5.29.30"
        public static let crlDistributionPoints: ASN1ObjectIdentifier = "2.5.29.31"
        public static let certificatePolicies: ASN1ObjectIdentifier = "2.5.29.32"
        public static let policyConstraints: ASN1ObjectIdentifier = "2.5.29.36"
        public static let authorityKeyIdentifier: ASN1ObjectIdentifier = "2.5.29.35"
        public static let extendedKeyUsage: ASN1ObjectIdentifier = "2.5.29.37"
        public static let inhibitAnyPolicy: ASN1ObjectIdentifier = "2.5.29.54"
        public static let authorityInformationAccess: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.1.1"
        public static let tlsFeature: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.1.24"
        public static let ctPrecertificateSCTs: ASN1ObjectIdentifier = "1.3.6.1.4.1.11129.2.4.2"
    }

    /// Extended key usage purposes (RFC 5280 §4.2.1.12).
    public enum ExtendedKeyUsage {
        public static let any: ASN1ObjectIdentifier = "2.5.29.37.0"
        public static let serverAuth: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.3.1"
        public static let clientAuth: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.3.2"
        public static let codeSigning: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.3.3"
        public static let emailProtection: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.3.4"
        public static let timeStamping: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.3.8"
        public static let ocspSigning: ASN1ObjectIdentifier = "1.3.6.1.5.5.7.3.9"
    }

    /// AMD KDS VCEK/VLEK extensions (AMD "Versioned Chip Endorsement Key" spec, §3; upstream.md §8.2).
    public enum AMD {
        public static let structVersion: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.1"
        public static let productName: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.2"
        public static let blSPL: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.1"
        public static let teeSPL: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.2"
        public static let snpSPL: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.3"
        public static let spl4: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.4"
        public static let spl5: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.5"
        public static let spl6: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.6"
        public static let spl7: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.7"
        public static let ucodeSPL: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.8"
        public static let fmcSPL: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.3.9"
        public static let hwid: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.4"
        public static let cspID: ASN1ObjectIdentifier = "1.3.6.1.4.1.3704.1.5"
    }

    /// Upstream Contrast attestation extensions (upstream.md §5.4, §7.2, §7.4).
    public enum Contrast {
        /// Raw SNP attestation document.
        public static let snpAttestation: ASN1ObjectIdentifier = "1.3.9901.2.1"
        /// Raw TDX attestation document.
        public static let tdxAttestation: ASN1ObjectIdentifier = "1.3.9901.2.2"
        /// Workload secret ID (OCTET STRING of UTF-8).
        public static let workloadSecretID: ASN1ObjectIdentifier = "1.3.9901.3.1"
    }

    /// Intel SGX PCK certificate extensions (Intel SGX PCK Certificate and CRL Profile §1.3.5).
    public enum IntelSGX {
        public static let extensions: ASN1ObjectIdentifier = "1.2.840.113741.1.13.1"
    }

    /// True when `self` lies strictly below `prefix` (e.g. `1.3.9901.2.1.5` under `1.3.9901.2.1`).
    public func isDescendant(of prefix: ASN1ObjectIdentifier) -> Bool {
        contentBytes.count > prefix.contentBytes.count && contentBytes.starts(with: prefix.contentBytes)
            && prefix.contentBytes.last.map { $0 & 0x80 == 0 } == true
    }

    /// The last arc (for sub-OID claim numbers), when it fits in 64 bits.
    public var lastArc: UInt64? { components?.last }
}
