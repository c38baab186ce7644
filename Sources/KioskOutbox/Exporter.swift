import Foundation
import KioskCore

/// `carekiosk export`: writes every waiting submission into one bundle on removable media, then
/// marks them `exported`. The bundle is complete and durable before any item changes state, so a
/// crash or a pulled stick leaves the items waiting, never lost; if such an item is later both
/// synced and uploaded, the same id and bytes make the portal's replay answer it.
public struct Exporter {
    public let data: DataFolder

    public init(data: DataFolder) { self.data = data }

    public enum Failure: Error, Equatable {
        case busy
        case disk(DurableWriteError)
    }

    public struct Exported: Equatable, Sendable {
        public var file: URL
        public var count: Int
        public var sha256: String
    }

    /// Nil when nothing waits.
    public func export(to folder: URL, kioskID: String, at moment: Moment) throws(Failure) -> Exported? {
        guard let lock = QueueLock(folder: data.root) else { throw .busy }
        defer { withExtendedLifetime(lock) {} }
        do {
            let spool = data.submissions
            try spool.recover()
            let items = spool.idsOldestFirst(in: .ready).compactMap { id in
                spool.read(id: id, in: .ready).flatMap { item in item.payload.map { (id: id, item: item, payload: $0) } }
            }
            guard !items.isEmpty else { return nil }
            let (bytes, sha256) = BundleFile.encode(kioskID: kioskID, createdAt: moment.rfc3339, payloads: items.map(\.payload))
            // Never over an earlier bundle on the stick (a kiosk without a clock can repeat a time).
            var file = folder.appendingPathComponent("\(kioskID)-\(Self.stamp(moment)).ckb")
            var n = 1
            while FileManager.default.fileExists(atPath: file.path) {
                n += 1
                file = folder.appendingPathComponent("\(kioskID)-\(Self.stamp(moment))-\(n).ckb")
            }
            try DurableFile.write(bytes, to: file, tmpFolder: folder)
            let facts: [(String, JSONValue)] = [("exported_at", .string(moment.rfc3339)), ("bundle", .string(file.lastPathComponent)),
                                                ("bundle_sha256", .string(sha256))]
            try spool.replace(items.map { ($0.id, $0.item.adding(facts)) }, from: .ready, to: .exported)
            try? data.audit.append(.exported, at: moment, [("bundle", .string(file.lastPathComponent)),
                                                          ("count", .number(Double(items.count))), ("sha256", .string(sha256))])
            return Exported(file: file, count: items.count, sha256: sha256)
        } catch {
            throw .disk(error)
        }
    }

    /// `2026-11-22T09:30:00+08:00` → `20261122-093000`.
    static func stamp(_ moment: Moment) -> String {
        let digits = moment.rfc3339.prefix(19).filter(\.isNumber)
        return String(digits.prefix(8)) + "-" + String(digits.dropFirst(8))
    }
}
