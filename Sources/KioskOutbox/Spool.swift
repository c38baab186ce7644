import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// A Maildir-style folder of items, one file each: the folder a file is in is its state.
/// New items are written into `tmp/` and renamed into `ready/` (see `DurableFile`); every later
/// step is a rename, or a durable write into the next folder followed by removing the old file.
/// After a crash at any point, `recover()` puts every item back into exactly one state.
public struct Spool: Sendable {
    public let root: URL

    public enum State: String, CaseIterable, Sendable {
        /// Confirmed, waiting to be sent.
        case ready
        /// Being sent right now; after a crash it goes back to `ready` and is sent again, same id and bytes.
        case sending
        /// The portal's receipt is stored; the payload is gone.
        case sent
        /// The portal refused it (409, 422, 404, 413); the reasons are in its facts.
        case quarantine
        /// Carried away on removable media in a bundle; waits for imported receipts.
        case exported

        /// When a crash left an item in two folders, the one further along wins.
        var progress: Int {
            switch self {
            case .ready: return 0
            case .sending: return 1
            case .exported: return 2
            case .quarantine: return 3
            case .sent: return 4
            }
        }
    }

    public init(root: URL) { self.root = root }

    public var tmpFolder: URL { root.appendingPathComponent("tmp") }
    public func folder(_ state: State) -> URL { root.appendingPathComponent(state.rawValue) }
    func file(_ id: String, _ state: State) -> URL { folder(state).appendingPathComponent("\(id).json") }

    public func prepare() throws(DurableWriteError) {
        try DurableFile.makeFolder(tmpFolder)
        for state in State.allCases { try DurableFile.makeFolder(folder(state)) }
    }

    /// Writes one item durably into `ready/`. Writing the same id again replaces it whole.
    public func put(id: String, _ item: QueueItem) throws(DurableWriteError) {
        try prepare()
        try DurableFile.write(item.fileBytes, to: file(id, .ready), tmpFolder: tmpFolder)
    }

    public func ids(in state: State) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(state).path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    public func count(in state: State) -> Int { ids(in: state).count }

    /// Items not yet at the portal and not carried away: what the status line calls waiting.
    public var waitingCount: Int { count(in: .ready) + count(in: .sending) }

    public func read(id: String, in state: State) -> QueueItem? {
        FileManager.default.contents(atPath: file(id, state).path).flatMap(QueueItem.init(fileBytes:))
    }

    /// Ids in `state`, oldest first (by the time they reached that folder), so that the resident
    /// who came first is sent first.
    public func idsOldestFirst(in state: State) -> [String] {
        let dated: [(id: String, time: Date)] = ids(in: state).map { ($0, modificationTime(file($0, state)) ?? .distantPast) }
        return dated.sorted { a, b in a.time == b.time ? a.id < b.id : a.time < b.time }.map(\.id)
    }

    /// When the oldest waiting item was confirmed, if any waits.
    public var oldestWaiting: Date? {
        let files: [URL] = [State.ready, .sending].flatMap { state in ids(in: state).map { file($0, state) } }
        return files.compactMap(modificationTime).min()
    }

    /// Moves an item unchanged to another state: one rename, made durable.
    public func move(_ id: String, from: State, to: State) throws(DurableWriteError) {
        try move([id], from: from, to: to)
    }

    /// Moves items unchanged to another state: a rename each, then each folder synced once.
    public func move(_ ids: [String], from: State, to: State) throws(DurableWriteError) {
        for id in ids {
            guard rename(file(id, from).path, file(id, to).path) == 0 else { throw .from(errno, file(id, from).path) }
        }
        try DurableFile.syncFolder(folder(to))
        try DurableFile.syncFolder(folder(from))
    }

    /// Moves an item to another state with new content: the new file is durable before the old one goes.
    public func replace(_ id: String, from: State, to: State, with item: QueueItem) throws(DurableWriteError) {
        try replace([(id, item)], from: from, to: to)
    }

    /// The same for several items: every new file is written and its folder synced before any old file goes.
    public func replace(_ items: [(id: String, item: QueueItem)], from: State, to: State) throws(DurableWriteError) {
        guard !items.isEmpty else { return }
        for (id, item) in items {
            try DurableFile.write(item.fileBytes, to: file(id, to), tmpFolder: tmpFolder, syncFolder: false)
        }
        try DurableFile.syncFolder(folder(to))
        for (id, _) in items {
            guard unlink(file(id, from).path) == 0 || errno == ENOENT else { throw .from(errno, file(id, from).path) }
        }
        try DurableFile.syncFolder(folder(from))
    }

    /// Removes an item for good (a withdrawn submission).
    public func remove(_ id: String, from state: State) throws(DurableWriteError) {
        guard unlink(file(id, state).path) == 0 || errno == ENOENT else { throw .from(errno, file(id, state).path) }
        try DurableFile.syncFolder(folder(state))
    }

    /// Puts every item into exactly one state after a crash: an item found in two folders keeps
    /// the one further along, an item left in `sending` goes back to `ready`, and temporary files
    /// of writers that are no longer running are removed. Call it holding the queue lock.
    @discardableResult
    public func recover() throws(DurableWriteError) -> Int {
        try prepare()
        var repaired = 0
        var seen: [String: State] = [:]
        for state in State.allCases.sorted(by: { $0.progress > $1.progress }) {
            for id in ids(in: state) {
                if seen[id] != nil {
                    try remove(id, from: state)
                    repaired += 1
                } else {
                    seen[id] = state
                }
            }
        }
        for id in ids(in: .sending) {
            try move(id, from: .sending, to: .ready)
            repaired += 1
        }
        repaired += DurableFile.removeAbandonedTemporaryFiles(in: tmpFolder)
        return repaired
    }

    private func modificationTime(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }
}
