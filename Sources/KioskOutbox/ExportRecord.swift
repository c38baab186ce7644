import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The bundle an export is writing, recorded durably in `<data-dir>/exports-in-progress/<sha256>.json`
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

    /// One record per bundle (named by its SHA-256), so that a second export while the first
    /// one's stick is away never overwrites the first one's record.
    static func folder(_ data: DataFolder) -> URL { data.root.appendingPathComponent("exports-in-progress") }
    static func url(_ data: DataFolder, sha256: String) -> URL { folder(data).appendingPathComponent("\(sha256).json") }
    func url(_ data: DataFolder) -> URL { Self.url(data, sha256: sha256) }

    func write(to data: DataFolder) throws(DurableWriteError) {
        let json = JSONValue.object([("folder", .string(folder)), ("file", .string(file)), ("sha256", .string(sha256)),
                                     ("exported_at", .string(exportedAt)), ("ids", .array(ids.map { .string($0.text) }))])
        try DurableFile.makeFolder(Self.folder(data))
        try DurableFile.write(json.encodedData(), to: url(data), tmpFolder: data.submissions.tmpFolder)
    }

    /// The records left by exports that did not end, by file: nil for one that cannot be read.
    static func records(in data: DataFolder) -> [(file: URL, record: ExportRecord?)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder(data).path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.map { name in
            let file = folder(data).appendingPathComponent(name)
            return (file, read(file))
        }
    }

    private static func read(_ url: URL) -> ExportRecord? {
        guard let bytes = try? BoundedFile.read(url, limit: largestFile), let json = try? JSONValue.parse(bytes),
              let folder = json["folder"]?.stringValue, let file = json["file"]?.stringValue, !file.contains("/"),
              let sha256 = json["sha256"]?.stringValue, let exportedAt = json["exported_at"]?.stringValue,
              let raw = json["ids"]?.arrayValue else { return nil }
        let ids = raw.compactMap { $0.stringValue.flatMap(ItemID.init) }
        guard ids.count == raw.count else { return nil }
        return ExportRecord(folder: URL(fileURLWithPath: folder), file: file, sha256: sha256, exportedAt: exportedAt, ids: ids)
    }

    static func remove(_ file: URL, in data: DataFolder) throws(DurableWriteError) {
        guard unlink(file.path) == 0 || errno == ENOENT else { throw .from(errno, file.path) }
        try DurableFile.syncFolder(folder(data))
    }

    /// The items learn the bundle they went out in, and are `exported`.
    static func mark(_ items: [QueueItem], with ref: BundleRef, from state: Spool.State, in spool: Spool) throws(DurableWriteError) {
        try spool.replace(items.map { item in
            var updated = item
            updated.facts.bundles.append(ref)
            return updated
        }, from: state, to: .exported)
    }

    /// Finishes what interrupted exports left; returns how many items learned their bundle.
    /// A record whose stick is not there is kept for when it is. Call it holding the queue lock,
    /// after `Spool.recover()`.
    @discardableResult
    public static func finish(_ data: DataFolder, at moment: Moment) throws(DurableWriteError) -> Int {
        var finished = 0
        for (file, record) in records(in: data) {
            guard let record else { try remove(file, in: data); continue }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: record.folder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            finished += try record.finish(data, at: moment)
            try remove(file, in: data)
        }
        return finished
    }

    /// Every item of this record learns the bundle, if the bundle on the stick is the one it wrote.
    private func finish(_ data: DataFolder, at moment: Moment) throws(DurableWriteError) -> Int {
        let bundle = URL(fileURLWithPath: folder).appendingPathComponent(file)
        // Only the bundle this export wrote: a file of that name with other contents is another one.
        guard let bytes = try? BoundedFile.read(bundle, limit: BundleFile.largestBundle), (try? BundleFile.read(bytes))?.sha256 == sha256 else { return 0 }
        let ref = BundleRef(file: file, sha256: sha256, exportedAt: exportedAt)
        let spool = data.submissions
        var finished = 0
        for state in [Spool.State.ready, .exported] {
            let items = ids.compactMap { spool.read($0, in: state) }.filter { !$0.facts.bundles.contains { $0.sha256 == ref.sha256 } }
            try Self.mark(items, with: ref, from: state, in: spool)
            finished += items.count
        }
        if finished > 0 {
            data.audit.record([AuditLog.Entry(.exported, [("bundle", .string(file)), ("count", .number(Double(finished))),
                                                          ("sha256", .string(sha256)), ("finished_after_interruption", .bool(true))])], at: moment)
        }
        return finished
    }
}
