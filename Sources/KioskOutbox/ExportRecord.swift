import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The bundle an export is writing, recorded durably in `<data-dir>/export-in-progress.json`
/// before the bundle is written: its folder, file name, SHA-256 and the items in it. The items
/// learn their bundle one by one after it is written; an export killed between leaves this
/// record, and the next export, import of receipts or start of the kiosk finishes it (`finish`):
/// every item of a bundle that is on the stick learns it, or the record goes when no such bundle
/// was written. So receipts of a bundle are never refused for an item that went out in it.
public struct ExportRecord: Equatable, Sendable {
    public var folder: String
    public var file: String
    public var sha256: String
    public var exportedAt: String
    public var ids: [ItemID]

    /// A hundred thousand ids; no export comes near it.
    static let largestFile = 4 << 20

    public init(folder: URL, file: String, sha256: String, exportedAt: String, ids: [ItemID]) {
        self.folder = folder.path
        self.file = file
        self.sha256 = sha256
        self.exportedAt = exportedAt
        self.ids = ids
    }

    static func url(_ data: DataFolder) -> URL { data.root.appendingPathComponent("export-in-progress.json") }

    func write(to data: DataFolder) throws(DurableWriteError) {
        let json = JSONValue.object([("folder", .string(folder)), ("file", .string(file)), ("sha256", .string(sha256)),
                                     ("exported_at", .string(exportedAt)), ("ids", .array(ids.map { .string($0.text) }))])
        try DurableFile.write(json.encodedData(), to: Self.url(data), tmpFolder: data.submissions.tmpFolder)
    }

    /// The record left by an export that did not end; nil when there is none or it cannot be read.
    static func read(from data: DataFolder) -> ExportRecord? {
        guard let bytes = try? BoundedFile.read(url(data), limit: largestFile), let json = try? JSONValue.parse(bytes),
              let folder = json["folder"]?.stringValue, let file = json["file"]?.stringValue, !file.contains("/"),
              let sha256 = json["sha256"]?.stringValue, let exportedAt = json["exported_at"]?.stringValue,
              let raw = json["ids"]?.arrayValue else { return nil }
        let ids = raw.compactMap { $0.stringValue.flatMap(ItemID.init) }
        guard ids.count == raw.count else { return nil }
        return ExportRecord(folder: URL(fileURLWithPath: folder), file: file, sha256: sha256, exportedAt: exportedAt, ids: ids)
    }

    static func remove(from data: DataFolder) throws(DurableWriteError) {
        guard unlink(url(data).path) == 0 || errno == ENOENT else { throw .from(errno, url(data).path) }
        try DurableFile.syncFolder(data.root)
    }

    /// The items learn the bundle they went out in, and are `exported`.
    static func mark(_ items: [QueueItem], with ref: BundleRef, from state: Spool.State, in spool: Spool) throws(DurableWriteError) {
        try spool.replace(items.map { item in
            var updated = item
            updated.facts.bundles.append(ref)
            return updated
        }, from: state, to: .exported)
    }

    /// Finishes what an interrupted export left; returns how many items learned their bundle.
    /// While the stick of the record is not there, nothing is done. Call it holding the queue lock,
    /// after `Spool.recover()`.
    @discardableResult
    public static func finish(_ data: DataFolder, at moment: Moment) throws(DurableWriteError) -> Int {
        guard FileManager.default.fileExists(atPath: url(data).path) else { return 0 }
        guard let record = read(from: data) else { try remove(from: data); return 0 }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: record.folder, isDirectory: &isFolder), isFolder.boolValue else { return 0 }
        let bundle = URL(fileURLWithPath: record.folder).appendingPathComponent(record.file)
        var finished = 0
        // Only the bundle this export wrote: a file of that name with other contents is another one.
        if let bytes = try? BoundedFile.read(bundle, limit: BundleFile.largestBundle), (try? BundleFile.read(bytes))?.sha256 == record.sha256 {
            let ref = BundleRef(file: record.file, sha256: record.sha256, exportedAt: record.exportedAt)
            let spool = data.submissions
            for state in [Spool.State.ready, .exported] {
                let items = record.ids.compactMap { spool.read($0, in: state) }.filter { !$0.facts.bundles.contains { $0.sha256 == ref.sha256 } }
                try mark(items, with: ref, from: state, in: spool)
                finished += items.count
            }
            if finished > 0 {
                data.audit.record([AuditLog.Entry(.exported, [("bundle", .string(record.file)), ("count", .number(Double(finished))),
                                                              ("sha256", .string(record.sha256)), ("finished_after_interruption", .bool(true))])], at: moment)
            }
        }
        try remove(from: data)
        return finished
    }
}
