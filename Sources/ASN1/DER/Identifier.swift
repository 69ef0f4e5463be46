// SPDX-License-Identifier: Apache-2.0
// ASN.1 tags: class + number (X.690 §8.1.2), with the universal tags X.509 uses.

/// A tag (class and number). Whether the value is constructed is kept on the node, not in the identifier.
public struct ASN1Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The four tag classes (X.690 §8.1.2.2).
    public enum TagClass: UInt8, Sendable {
        case universal = 0
        case application = 1
        case contextSpecific = 2
        case `private` = 3
    }

    /// The tag number.
    public let tagNumber: UInt
    /// The tag class.
    public let tagClass: TagClass

    /// Creates an identifier.
    public init(tagWithNumber tagNumber: UInt, tagClass: TagClass) {
        self.tagNumber = tagNumber
        self.tagClass = tagClass
    }

    /// A context-specific tag `[n]`.
    public static func contextSpecific(_ n: UInt) -> ASN1Identifier { .init(tagWithNumber: n, tagClass: .contextSpecific) }

    public static let boolean = universal(1)
    public static let integer = universal(2)
    public static let bitString = universal(3)
    public static let octetString = universal(4)
    public static let null = universal(5)
    public static let objectIdentifier = universal(6)
    public static let enumerated = universal(10)
    public static let utf8String = universal(12)
    public static let sequence = universal(16)
    public static let set = universal(17)
    public static let numericString = universal(18)
    public static let printableString = universal(19)
    public static let teletexString = universal(20)
    public static let ia5String = universal(22)
    public static let utcTime = universal(23)
    public static let generalizedTime = universal(24)
    public static let visibleString = universal(26)
    public static let universalString = universal(28)
    public static let bmpString = universal(30)

    private static func universal(_ n: UInt) -> ASN1Identifier { .init(tagWithNumber: n, tagClass: .universal) }

    public var description: String {
        switch tagClass {
        case .universal: return "UNIVERSAL \(tagNumber)"
        case .application: return "[APPLICATION \(tagNumber)]"
        case .contextSpecific: return "[\(tagNumber)]"
        case .private: return "[PRIVATE \(tagNumber)]"
        }
    }

    /// The identifier octets (X.690 §8.1.2), with the constructed bit as given.
    func encode(constructed: Bool, into out: inout [UInt8]) {
        let first = (tagClass.rawValue << 6) | (constructed ? 0x20 : 0)
        if tagNumber < 31 {
            out.append(first | UInt8(tagNumber))
            return
        }
        out.append(first | 0x1F)
        var groups: [UInt8] = []
        var n = tagNumber
        repeat {
            groups.append(UInt8(n & 0x7F))
            n >>= 7
        } while n > 0
        for (i, g) in groups.reversed().enumerated() {
            out.append(i == groups.count - 1 ? g : g | 0x80)
        }
    }
}
