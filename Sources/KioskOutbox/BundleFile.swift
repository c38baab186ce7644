import Foundation
import KioskCore
import KioskCrypto

/// A batch bundle (contract §5): JSON lines carried on a USB stick from a kiosk with no network
/// to a township machine that has one. A header, one line per submission exactly as it would be
/// POSTed, and a trailer with the count and the SHA-256 of every byte before it.
public enum BundleFile {
    public struct Item: Equatable, Sendable {
        public var id: ItemID
        public var payload: Data
    }

    /// A bundle larger than this is refused unread: it would hold tens of thousands of submissions.
    public static let largestBundle = 64 << 20

    public struct Contents: Equatable, Sendable {
        public var kioskID: String
        public var createdAt: String
        public var items: [Item]
        /// Hex SHA-256 of everything before the trailer: the bundle's name in a receipts file.
        public var sha256: String
    }

    /// Why a bundle is refused whole; each case names the check that failed.
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case badHeader
        case missingTrailer
        case countMismatch(header: Int, trailer: Int, lines: Int)
        case digestMismatch
        case badItem(line: Int)
        /// An item whose id is not a kiosk's (a lowercase UUID v4): nothing from outside becomes a path.
        case badItemID(line: Int)
        case duplicateItem(line: Int)
    }

    /// The bundle's bytes and the SHA-256 its trailer carries.
    public static func encode(kioskID: String, createdAt: Moment, payloads: [Data]) -> (bytes: Data, sha256: String) {
        var out = JSONValue.object([
            ("format", .string("carekiosk-bundle")), ("version", .number(1)), ("kiosk_id", .string(kioskID)),
            ("created_at", .string(createdAt.rfc3339)), ("count", .number(Double(payloads.count))),
        ]).encodedData()
        out.append(0x0A)
        for payload in payloads {
            out.append(payload)
            out.append(0x0A)
        }
        let digest = SHA256.hex(out)
        let trailer = JSONValue.object([("count", .number(Double(payloads.count))), ("sha256", .string(digest))])
        out.append(trailer.encodedData())
        out.append(0x0A)
        return (out, digest)
    }

    public static func read(_ data: Data) throws(Problem) -> Contents {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else { throw .empty }
        guard let header = try? JSONValue.parse(Data(first)), header["format"]?.stringValue == "carekiosk-bundle",
              header["version"]?.intValue == 1, let declared = header["count"]?.intValue,
              let kioskID = header["kiosk_id"]?.stringValue, let createdAt = header["created_at"]?.stringValue else {
            throw .badHeader
        }
        guard lines.count >= 2, let last = lines.last, let trailer = try? JSONValue.parse(Data(last)),
              let counted = trailer["count"]?.intValue, let digest = trailer["sha256"]?.stringValue,
              trailer["format"] == nil else {
            throw .missingTrailer
        }
        let itemLines = lines.dropFirst().dropLast()
        guard declared == counted, counted == itemLines.count else {
            throw .countMismatch(header: declared, trailer: counted, lines: itemLines.count)
        }
        let signed = data.prefix(data.count - last.count - (data.last == 0x0A ? 1 : 0))
        guard SHA256.hex(Data(signed)) == digest.lowercased() else { throw .digestMismatch }
        var items: [Item] = []
        var seen: Set<ItemID> = []
        for (offset, line) in itemLines.enumerated() {
            guard let json = try? JSONValue.parse(Data(line)), json.objectValue != nil, let raw = json["id"]?.stringValue else {
                throw .badItem(line: offset + 2)
            }
            guard let id = ItemID(raw) else { throw .badItemID(line: offset + 2) }
            guard seen.insert(id).inserted else { throw .duplicateItem(line: offset + 2) }
            items.append(Item(id: id, payload: Data(line)))
        }
        return Contents(kioskID: kioskID, createdAt: createdAt, items: items, sha256: digest.lowercased())
    }
}
