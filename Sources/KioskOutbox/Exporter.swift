import Foundation
import KioskCore

/// `carekiosk export`: writes every waiting submission into one bundle on removable media, then
/// marks them `exported`. The bundle is complete and durable before any item changes state, so a
/// crash or a pulled stick leaves the items waiting, never lost; if such an item is later both
/// synced and uploaded, the same id and bytes make the portal's replay answer it.
///
/// `again`: a new bundle of every item still waiting for receipts (a stick that was lost), with
/// the same bytes; receipts of either bundle are accepted for them. Which bundle is being written
/// is recorded before it is written (`ExportRecord`), so an export killed while its items learn
/// their bundle is finished by the next one.
public struct Exporter {
    public let data: DataFolder

    public init(data: DataFolder) { self.data = data }

    public enum Failure: Error, Equatable {
        case lock(QueueLock.Failure)
        case disk(DurableWriteError)
    }

    public struct Exported: Equatable, Sendable {
        /// Nil when nothing waited to be exported.
        public var file: URL?
        public var count: Int
        public var sha256: String?
        /// Files found damaged on the way and moved aside instead of exported.
        public var damaged: [DataFolder.DamagedFile]
    }

    public func export(to folder: URL, kioskID: String, at moment: Moment, again: Bool = false) throws(Failure) -> Exported {
        let lock: QueueLock
        do { lock = try QueueLock(folder: data.root) } catch { throw .lock(error) }
        defer { withExtendedLifetime(lock) {} }
        do {
            let spool = data.submissions
            try spool.recover()
            try ExportRecord.finish(data, at: moment)
            // What an export killed mid-write left on the stick.
            DurableFile.removeAbandonedTemporaryFiles(in: folder, prefix: ".\(kioskID)-")
            let source: Spool.State = again ? .exported : .ready
            let checked = try data.checkedItems(spool, spool.idsOldestFirst(in: source), in: source, at: moment)
            let items = checked.items.filter { $0.payload != nil }
            guard !items.isEmpty else { return Exported(file: nil, count: 0, sha256: nil, damaged: checked.damaged) }
            let (bytes, sha256) = BundleFile.encode(kioskID: kioskID, createdAt: moment, payloads: items.map { $0.payload! })
            // Never over an earlier bundle, or whatever else is on the stick under that name.
            var file = folder.appendingPathComponent("\(kioskID)-\(moment.fileStamp).ckb")
            for n in 2...1000 {
                // Which bundle is being written, before it is: see `ExportRecord`.
                try ExportRecord(folder: folder, file: file.lastPathComponent, sha256: sha256, exportedAt: moment.rfc3339,
                                 ids: items.map(\.id)).write(to: data)
                do {
                    try DurableFile.write(bytes, to: file, tmpFolder: folder, replacing: false)
                    break
                } catch .exists where n < 1000 {
                    file = folder.appendingPathComponent("\(kioskID)-\(moment.fileStamp)-\(n).ckb")
                }
            }
            let ref = BundleRef(file: file.lastPathComponent, sha256: sha256, exportedAt: moment.rfc3339)
            try ExportRecord.mark(items, with: ref, from: source, in: spool)
            data.audit.record([AuditLog.Entry(.exported, [("bundle", .string(file.lastPathComponent)), ("count", .number(Double(items.count))),
                                                          ("sha256", .string(sha256)), ("again", .bool(again))])], at: moment)
            // The export is done: a record left by a failed removal is finished harmlessly later.
            try? ExportRecord.remove(ExportRecord.url(data, sha256: sha256), in: data)
            return Exported(file: file, count: items.count, sha256: sha256, damaged: checked.damaged)
        } catch {
            throw .disk(error)
        }
    }

    /// At the kiosk's start: an export killed part-way is finished (`ExportRecord`), when there is
    /// one and the queue is free; otherwise the next export or import of receipts does it.
    public func finishInterrupted(at moment: Moment) {
        guard !ExportRecord.records(in: data).isEmpty, let lock = try? QueueLock(folder: data.root) else { return }
        withExtendedLifetime(lock) {
            if (try? data.submissions.recover()) != nil { _ = try? ExportRecord.finish(data, at: moment) }
        }
    }
}
