import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// A Maildir-style folder of items, one file each: the folder a file is in is its state.
/// New items are written into `tmp/` and renamed into `ready/` (see `DurableFile`); every later
/// step is a rename, or a durable write into the next folder followed by removing the old file.
/// After a crash at any point, `recover()` puts every item back into exactly one state.
///
/// File names are `<id>.json` with `id` an `ItemID`: an id from outside never becomes a path
/// unchecked, and a file named otherwise is not an item (it goes to `damaged/`).
public struct Spool: Sendable {
    public let root: URL
    public let kind: ItemKind
    /// No item the kiosk writes comes near this; a larger file is damaged, and never read whole.
    public static let largestFile = 1 << 20

    public typealias State = QueueState


    public init(root: URL, kind: ItemKind) {
        self.root = root
        self.kind = kind
    }

    public var tmpFolder: URL { root.appendingPathComponent("tmp") }
    public func folder(_ state: State) -> URL { root.appendingPathComponent(state.rawValue) }
    func file(_ id: ItemID, _ state: State) -> URL { folder(state).appendingPathComponent("\(id.text).json") }

    public func prepare() throws(DurableWriteError) {
        try DurableFile.makeFolder(tmpFolder)
        for state in State.allCases { try DurableFile.makeFolder(folder(state)) }
    }

    /// Writes one item durably into `ready/`. Writing the same id again replaces it whole.
    public func put(_ item: QueueItem) throws(DurableWriteError) {
        try prepare()
        try DurableFile.write(item.fileBytes, to: file(item.id, .ready), tmpFolder: tmpFolder)
    }

    private func names(in state: State) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder(state).path)) ?? []).filter { !$0.hasPrefix(".") }
    }

    public func ids(in state: State) -> [ItemID] {
        names(in: state).compactMap { $0.hasSuffix(".json") ? ItemID(String($0.dropLast(5))) : nil }.sorted()
    }

    /// Files in a state folder that cannot be items, because of their names.
    public func strayNames(in state: State) -> [String] {
        names(in: state).filter { !($0.hasSuffix(".json") && ItemID(String($0.dropLast(5))) != nil) }.sorted()
    }

    public func count(in state: State) -> Int { ids(in: state).count }

    /// Items not yet at the portal and not carried away: what the status line calls waiting.
    public var waitingCount: Int { count(in: .ready) + count(in: .sending) }

    /// The item as its file says, checked (`QueueItem.check`); nil when there is no such file.
    public func load(_ id: ItemID, in state: State) -> Result<QueueItem, QueueItem.Damage>? {
        let bytes: Data
        do { bytes = try BoundedFile.read(file(id, state), limit: Self.largestFile) } catch {
            switch error {
            case .missing: return nil
            case let .tooLarge(_, limit): return .failure(.tooLarge(limit: limit))
            case .notAFile, .unreadable: return .failure(.unreadable)
            }
        }
        return QueueItem.check(bytes, named: id, needsPayload: state != .sent && state != .damaged)
    }

    /// The item, when its file is there and sound.
    public func read(_ id: ItemID, in state: State) -> QueueItem? {
        if case let .success(item)? = load(id, in: state) { return item }
        return nil
    }

    /// Which state an item is in, looking where it is most likely to be found last.
    public func locate(_ id: ItemID) -> State? {
        State.allCases.sorted { $0.progress > $1.progress }.first { FileManager.default.fileExists(atPath: file(id, $0).path) }
    }

    /// Ids in `state`, oldest first (by the time they reached that folder), so that the resident
    /// who came first is sent first.
    public func idsOldestFirst(in state: State) -> [ItemID] {
        let dated: [(id: ItemID, time: Date)] = ids(in: state).map { ($0, modificationTime(file($0, state)) ?? .distantPast) }
        return dated.sorted { a, b in a.time == b.time ? a.id < b.id : a.time < b.time }.map(\.id)
    }

    /// When the oldest waiting item was confirmed, if any waits.
    public var oldestWaiting: Date? {
        let files: [URL] = [State.ready, .sending].flatMap { state in ids(in: state).map { file($0, state) } }
        return files.compactMap(modificationTime).min()
    }

    /// Moves an item unchanged to another state: one rename, made durable.
    public func move(_ id: ItemID, from: State, to: State) throws(DurableWriteError) {
        try move([id], from: from, to: to)
    }

    /// Moves items unchanged to another state: a rename each, then each folder synced once.
    public func move(_ ids: [ItemID], from: State, to: State) throws(DurableWriteError) {
        guard !ids.isEmpty else { return }
        for id in ids {
            guard rename(file(id, from).path, file(id, to).path) == 0 else { throw .from(errno, file(id, from).path) }
        }
        try DurableFile.syncFolder(folder(to))
        try DurableFile.syncFolder(folder(from))
    }

    /// Moves a damaged file, whatever its name, into `damaged/` as it is.
    public func moveToDamaged(name: String, from state: State) throws(DurableWriteError) {
        let from = folder(state).appendingPathComponent(name), to = folder(.damaged).appendingPathComponent(name)
        guard rename(from.path, to.path) == 0 else { throw .from(errno, from.path) }
        try DurableFile.syncFolder(folder(.damaged))
        try DurableFile.syncFolder(folder(state))
    }

    /// Moves an item to another state with new content: the new file is durable before the old one goes.
    public func replace(_ item: QueueItem, from: State, to: State) throws(DurableWriteError) {
        try replace([item], from: from, to: to)
    }

    /// The same for several items: every new file is written and its folder synced before any old file goes.
    public func replace(_ items: [QueueItem], from: State, to: State) throws(DurableWriteError) {
        guard !items.isEmpty else { return }
        for item in items {
            try DurableFile.write(item.fileBytes, to: file(item.id, to), tmpFolder: tmpFolder, syncFolder: false)
        }
        try DurableFile.syncFolder(folder(to))
        guard from != to else { return }
        for item in items {
            guard unlink(file(item.id, from).path) == 0 || errno == ENOENT else { throw .from(errno, file(item.id, from).path) }
        }
        try DurableFile.syncFolder(folder(from))
    }

    /// Removes an item for good (a withdrawn submission).
    public func remove(_ id: ItemID, from state: State) throws(DurableWriteError) {
        guard unlink(file(id, state).path) == 0 || errno == ENOENT else { throw .from(errno, file(id, state).path) }
        try DurableFile.syncFolder(folder(state))
    }

    /// Puts every item into exactly one state after a crash: an item found in two folders keeps
    /// the one further along, an item left in `sending` goes back to where it was taken from
    /// (`exported` when it went out in a bundle, else `ready`), and temporary files of writers
    /// that are no longer running are removed. Call it holding the queue lock.
    @discardableResult
    public func recover() throws(DurableWriteError) -> Int {
        try prepare()
        var repaired = 0
        var seen: Set<ItemID> = []
        for state in State.allCases.sorted(by: { $0.progress > $1.progress }) {
            for id in ids(in: state) {
                if seen.contains(id) {
                    try remove(id, from: state)
                    repaired += 1
                } else {
                    seen.insert(id)
                }
            }
        }
        for id in ids(in: .sending) {
            let exported = read(id, in: .sending).map { !$0.facts.bundles.isEmpty } ?? false
            try move(id, from: .sending, to: exported ? .exported : .ready)
            repaired += 1
        }
        repaired += DurableFile.removeAbandonedTemporaryFiles(in: tmpFolder)
        return repaired
    }

    private func modificationTime(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }
}

extension QueueState {
    /// When a crash left an item in two folders, the one further along wins.
    var progress: Int {
        switch self {
        case .ready: return 0
        case .sending: return 1
        case .exported: return 2
        case .quarantine: return 3
        case .damaged: return 4
        case .sent: return 5
        }
    }
}
