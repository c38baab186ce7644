import Foundation
import Synchronization
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// Audit lines not yet in the trail, each group a file in `audit-pending/` beside the queue.
///
/// A change the trail must hear of (a confirmed submission, a withdrawal, items sent) is written
/// here first, then made, then appended to the trail and the file removed. A power cut or a full
/// disk in between leaves the file; the next append to the trail (by any process) writes the
/// lines of every change that really happened, marked `recorded_late`, and drops those of changes
/// that never happened. So a lost line is never mistaken for a deleted record.
public struct PendingAudit: Sendable {
    let data: DataFolder
    public var folder: URL { data.root.appendingPathComponent("audit-pending") }
    var tmpFolder: URL { folder.appendingPathComponent("tmp") }
    /// A pending file larger than this is not one the kiosk wrote.
    static let longestFile = 256 << 10

    /// Why a group is waiting.
    public enum Kind: String, Sendable {
        /// Written before its change was made: it goes into the trail only if the change was made.
        case intent
        /// The trail could not be written (a full disk): it goes in at the next chance.
        case unwritten
    }

    /// One pending group: where it is, who wrote it and what it holds.
    public struct Group: Sendable {
        public var file: URL
        public var kind: Kind
        public var writer: pid_t
        public var at: String
        public var entries: [AuditLog.Entry]

        public var boot: String

        /// An intent whose writer still runs may be waiting for its change right now: only that
        /// writer settles it. Anyone may settle the others (a writer of an earlier boot has ended,
        /// whatever process has its number now).
        var settledByAnyone: Bool {
            if kind == .unwritten || boot != PendingAudit.bootID { return true }
            if writer == getpid() { return !PendingAudit.outstanding.withLock { $0.contains(file.lastPathComponent) } }
            return ProcessCheck.hasEnded(Substring(String(writer)))
        }
    }

    /// This process's intents whose change is under way.
    static let outstanding = Mutex<Set<String>>([])

    /// Tells one boot of the machine from the next; empty where the kernel does not say.
    static let bootID: String = {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }()

    /// Keeps `entries`, stamped `moment`, durably; returns the file, which goes once appended.
    func keep(_ entries: [AuditLog.Entry], _ kind: Kind, at moment: Moment) throws(DurableWriteError) -> URL {
        try DurableFile.makeFolder(folder)
        try DurableFile.makeFolder(tmpFolder)
        // Names sort in the order the changes were made; a clock before 1970 counts as 1970.
        let nanoseconds = UInt64(min(max(Date().timeIntervalSince1970, 0), 1e10) * 1e9)
        let name = String(format: "%020llu-%d-%08x.json", nanoseconds, getpid(), UInt32.random(in: .min ... .max))
        let lines: [JSONValue] = entries.map { entry in .object([("event", .string(entry.event.rawValue))] + entry.details) }
        let body = JSONValue.object([("kind", .string(kind.rawValue)), ("writer", .number(Double(getpid()))), ("boot", .string(PendingAudit.bootID)),
                                     ("at", .string(moment.rfc3339)), ("entries", .array(lines))])
        let file = folder.appendingPathComponent(name)
        if kind == .intent { PendingAudit.outstanding.withLock { _ = $0.insert(name) } }
        do {
            try DurableFile.write(body.encodedData(), to: file, tmpFolder: tmpFolder, replacing: false)
        } catch {
            settled(file)
            throw error
        }
        return file
    }

    /// The pending files' names, oldest first: nearly always none.
    var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Every pending group, oldest first. A file that cannot be read or parsed is left where it is
    /// and counted in `unreadable`; it is never written into the trail.
    public func groups() -> (groups: [Group], unreadable: Int) {
        let names = self.names
        var groups: [Group] = []
        var unreadable = 0
        for name in names {
            let file = folder.appendingPathComponent(name)
            guard let bytes = try? BoundedFile.read(file, limit: PendingAudit.longestFile),
                  let json = try? JSONValue.parse(bytes), let at = json["at"]?.stringValue, let lines = json["entries"]?.arrayValue,
                  let kind = json["kind"]?.stringValue.flatMap(Kind.init(rawValue:)),
                  let writer = json["writer"]?.intValue(in: 1...Int(Int32.max)), let boot = json["boot"]?.stringValue else {
                unreadable += 1
                continue
            }
            let entries: [AuditLog.Entry] = lines.compactMap { line in
                guard case let .object(pairs) = line, let name = line["event"]?.stringValue, let event = AuditLog.Event(rawValue: name) else { return nil }
                return AuditLog.Entry(event, pairs.filter { $0.0 != "event" })
            }
            groups.append(Group(file: file, kind: kind, writer: pid_t(writer), at: at, entries: entries, boot: boot))
        }
        return (groups, unreadable)
    }

    /// Whether the change a pending line describes was made before the kiosk stopped: its item is
    /// where that change put it. Lines of other events are written as they are.
    func tookEffect(_ entry: AuditLog.Entry) -> Bool {
        guard let text = entry.details.first(where: { $0.0 == "id" })?.1.stringValue, let id = ItemID(text) else { return true }
        let state = data.submissions.locate(id)
        switch entry.event {
        case .submissionConfirmed, .consent: return state != nil
        case .sent: return state == .sent
        case .withdrawn: return state == nil
        default: return true
        }
    }

    /// The change of an intent of this process was made or failed: anyone may settle it now.
    func settled(_ file: URL) {
        _ = PendingAudit.outstanding.withLock { $0.remove(file.lastPathComponent) }
    }

    func remove(_ files: [URL]) {
        for file in files { unlink(file.path) }
        if !files.isEmpty { try? DurableFile.syncFolder(folder) }
    }
}
