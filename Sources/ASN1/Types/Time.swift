// SPDX-License-Identifier: Apache-2.0
// UTCTime and GeneralizedTime in their DER/RFC 5280 forms (X.690 §11.7–11.8, RFC 5280 §4.1.2.5), plus RFC 3339.

/// A point in time with one-second resolution, as X.509 uses it.
public struct ASN1Time: DERParseable, DERSerializable, Hashable, Comparable, CustomStringConvertible {
    /// Which encoding carried (or will carry) the time.
    public enum Encoding: Sendable, Hashable {
        case utcTime
        case generalizedTime
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64
    /// The encoding used on the wire.
    public let encoding: Encoding

    /// A time at `secondsSinceEpoch`, encoded as RFC 5280 §4.1.2.5 requires (UTCTime for 1950–2049).
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
        let year = ASN1Time.civil(secondsSinceEpoch).year
        encoding = year >= 1950 && year <= 2049 ? .utcTime : .generalizedTime
    }

    /// A time from calendar fields (UTC).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.init(
            secondsSinceEpoch: ASN1Time.daysFromCivil(year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    /// Decodes a UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`, no fraction).
    /// - Throws: `.invalidTime` for any other form or an impossible date.
    public init(derEncoded node: ASN1Node) throws(ASN1Error) {
        let text = try node.primitiveContent()
        let digits: Int
        switch node.identifier {
        case .utcTime:
            encoding = .utcTime
            digits = 2
        case .generalizedTime:
            encoding = .generalizedTime
            digits = 4
        default:
            throw ASN1Error(.unexpectedTag, "expected UTCTime or GeneralizedTime, found \(node.identifier)")
        }
        guard text.count == digits + 11, text.last == UInt8(ascii: "Z") else {
            throw ASN1Error(.invalidTime, "time must be \(digits + 10) digits followed by Z (RFC 5280 §4.1.2.5)")
        }
        var fields: [Int] = []
        var i = text.startIndex
        var widths = [digits, 2, 2, 2, 2, 2]
        while let w = widths.first {
            widths.removeFirst()
            var v = 0
            for _ in 0..<w {
                let c = text[i]
                guard c >= 0x30 && c <= 0x39 else { throw ASN1Error(.invalidTime, "time holds a non-digit") }
                v = v * 10 + Int(c - 0x30)
                i += 1
            }
            fields.append(v)
        }
        var year = fields[0]
        if digits == 2 { year += year >= 50 ? 1900 : 2000 }  // RFC 5280 §4.1.2.5.1
        let (month, day, hour, minute, second) = (fields[1], fields[2], fields[3], fields[4], fields[5])
        guard month >= 1 && month <= 12, day >= 1 && day <= ASN1Time.daysIn(year, month), hour <= 23, minute <= 59,
            second <= 59
        else { throw ASN1Error(.invalidTime, "time fields out of range") }
        secondsSinceEpoch =
            ASN1Time.daysFromCivil(year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public func serialize(into coder: inout DER.Serializer) {
        let c = ASN1Time.civil(secondsSinceEpoch)
        let text: String
        switch encoding {
        case .utcTime: text = ASN1Time.pad(c.year % 100, 2)
        case .generalizedTime: text = ASN1Time.pad(c.year, 4)
        }
        let rest = [c.month, c.day, c.hour, c.minute, c.second].map { ASN1Time.pad($0, 2) }.joined() + "Z"
        coder.appendPrimitiveNode(identifier: encoding == .utcTime ? .utcTime : .generalizedTime) {
            $0.append(contentsOf: Array((text + rest).utf8))
        }
    }

    /// Parses RFC 3339 (`2026-11-29T12:00:00Z`, optional fraction ignored, `Z` or `±hh:mm`).
    /// - Throws: `.invalidTime` for other forms.
    public init(rfc3339 string: String) throws(ASN1Error) {
        let b = Array(string.utf8)
        func num(_ from: Int, _ count: Int) throws(ASN1Error) -> Int {
            guard from + count <= b.count else { throw ASN1Error(.invalidTime, "RFC 3339 time too short") }
            var v = 0
            for c in b[from..<(from + count)] {
                guard c >= 0x30 && c <= 0x39 else { throw ASN1Error(.invalidTime, "RFC 3339 time holds a non-digit") }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A
        else { throw ASN1Error(.invalidTime, "expected YYYY-MM-DDTHH:MM:SS and a zone") }
        let (y, mo, d, h, mi, s) = (try num(0, 4), try num(5, 2), try num(8, 2), try num(11, 2), try num(14, 2), try num(17, 2))
        guard mo >= 1 && mo <= 12, d >= 1 && d <= ASN1Time.daysIn(y, mo), h <= 23, mi <= 59, s <= 60 else {
            throw ASN1Error(.invalidTime, "RFC 3339 fields out of range")
        }
        var i = 19
        if i < b.count && b[i] == 0x2E {
            i += 1
            while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        }
        var offset = 0
        if i < b.count && (b[i] == 0x5A || b[i] == 0x7A) {
            i += 1
        } else if i + 6 == b.count && (b[i] == 0x2B || b[i] == 0x2D) && b[i + 3] == 0x3A {
            offset = (try num(i + 1, 2) * 60 + (try num(i + 4, 2))) * 60 * (b[i] == 0x2B ? 1 : -1)
            i += 6
        }
        guard i == b.count else { throw ASN1Error(.invalidTime, "bad RFC 3339 zone") }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59))
        self = ASN1Time(secondsSinceEpoch: secondsSinceEpoch - Int64(offset))
    }

    /// RFC 3339 UTC form.
    public var rfc3339: String {
        let c = ASN1Time.civil(secondsSinceEpoch)
        return "\(ASN1Time.pad(c.year, 4))-\(ASN1Time.pad(c.month, 2))-\(ASN1Time.pad(c.day, 2))T"
            + "\(ASN1Time.pad(c.hour, 2)):\(ASN1Time.pad(c.minute, 2)):\(ASN1Time.pad(c.second, 2))Z"
    }

    /// The `openssl x509 -text` form: `Nov 29 12:00:00 2026 GMT`.
    public var opensslDescription: String {
        let c = ASN1Time.civil(secondsSinceEpoch)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = c.day < 10 ? " \(c.day)" : "\(c.day)"
        return "\(months[c.month - 1]) \(day) \(ASN1Time.pad(c.hour, 2)):\(ASN1Time.pad(c.minute, 2)):"
            + "\(ASN1Time.pad(c.second, 2)) \(c.year) GMT"
    }

    public var description: String { rfc3339 }

    public static func < (lhs: ASN1Time, rhs: ASN1Time) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
    public static func == (lhs: ASN1Time, rhs: ASN1Time) -> Bool { lhs.secondsSinceEpoch == rhs.secondsSinceEpoch }
    public func hash(into hasher: inout Hasher) { hasher.combine(secondsSinceEpoch) }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private static func daysIn(_ year: Int, _ month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Calendar fields of a time (inverse of `daysFromCivil`).
    static func civil(_ seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var days = seconds / 86_400
        var rem = seconds % 86_400
        if rem < 0 {
            rem += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), Int(rem / 3600), Int(rem % 3600 / 60), Int(rem % 60))
    }
}
