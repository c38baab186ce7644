import Foundation

/// The id of a submission, rating or call for staff: a lowercase UUID v4 that the kiosk made
/// (contract §1). Ids also come back from outside (bundles, receipts files, names of files in the
/// queue), so nothing becomes a file name or a match before it has passed this check.
public struct ItemID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        for (i, b) in bytes.enumerated() {
            switch i {
            case 8, 13, 18, 23: guard b == UInt8(ascii: "-") else { return nil }
            case 14: guard b == UInt8(ascii: "4") else { return nil }  // version 4
            case 19: guard "89ab".utf8.contains(b) else { return nil }  // the RFC 4122 variant
            default: guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b) else { return nil }
            }
        }
        self.text = text
    }

    /// A new random id.
    public static func make() -> ItemID { ItemID(UUID().uuidString.lowercased())! }

    public var description: String { text }
    public static func < (a: ItemID, b: ItemID) -> Bool { a.text < b.text }
}
