import Foundation
import KioskCore

/// The kiosk's data folder: submissions, ratings and calls for staff, each in its own spool.
public struct DataFolder: Sendable {
    public let root: URL
    public var submissions: Spool { Spool(root: root.appendingPathComponent("submissions"), kind: .submission) }
    public var ratings: Spool { Spool(root: root.appendingPathComponent("ratings"), kind: .rating) }
    public var helpRequests: Spool { Spool(root: root.appendingPathComponent("help-requests"), kind: .helpRequest) }
    public var spools: [Spool] { [submissions, ratings, helpRequests] }
    /// The last good catalog downloaded from the portal, and its ETag.
    public var catalogFolder: URL { root.appendingPathComponent("catalog") }
    public var audit: AuditLog { AuditLog(data: self) }

    public init(root: URL) { self.root = root }

    /// Makes the folders; a new data folder's audit trail starts with its genesis line.
    public func prepare(kioskID: String, at moment: Moment = .now()) throws(DurableWriteError) {
        try DurableFile.makeFolder(root)
        for spool in spools { try spool.prepare() }
        _ = try IdentityKeys.prepare(self)
        try audit.start(kioskID: kioskID, at: moment, queueIsEmpty: spools.allSatisfy { spool in
            Spool.State.allCases.allSatisfy { spool.count(in: $0) == 0 }
        })
        // Lines of changes made before a crash or on a full disk, written now.
        audit.settlePending(at: moment)
    }

    /// Writes a confirmed submission, its facts keyed by the whole identity number for the
    /// progress check (never the number itself).
    public func enqueue(_ submission: Submission) throws(DurableWriteError) {
        var item = submission.queueItem
        // The secret was made when the folder was prepared. The key only serves the progress
        // check: a secret missing or damaged never stops a save.
        if let number = submission.identityNumber { item.facts.identityKey = IdentityKeys.load(self)?.key(number) }
        try submissions.put(item)
    }

    public func store(_ record: Record) throws(DurableWriteError) {
        let item = record.queueItem
        switch record.kind {
        case .rating: try ratings.put(item)
        case .helpRequest: try helpRequests.put(item)
        }
    }

    /// A file that turned out damaged, by its name in the state folder.
    public struct DamagedFile: Equatable, Sendable {
        public var name: String
        public var damage: QueueItem.Damage
    }

    /// The sound items among `ids` in `state`. Damaged files (and, with `strays`, files whose names
    /// are not item names) are moved to `damaged/` and written to the audit trail, never passed on.
    /// Looking for strays lists the whole folder: a sender does it once per pass, not per request.
    public func checkedItems(_ spool: Spool, _ ids: [ItemID], in state: Spool.State, strays: Bool = true,
                             at moment: Moment) throws(DurableWriteError) -> (items: [QueueItem], damaged: [DamagedFile]) {
        var items: [QueueItem] = []
        var damaged: [DamagedFile] = strays ? spool.strayNames(in: state).map { DamagedFile(name: $0, damage: .badName($0)) } : []
        for id in ids {
            switch spool.load(id, in: state) {
            case let .success(item)?: items.append(item)
            case let .failure(damage)?: damaged.append(DamagedFile(name: "\(id.text).json", damage: damage))
            case nil: break   // gone meanwhile (withdrawn)
            }
        }
        for file in damaged { try spool.moveToDamaged(name: file.name, from: state) }
        if !damaged.isEmpty {
            audit.record(damaged.map {
                AuditLog.Entry(.damaged, [("file", .string($0.name)), ("kind", .string(spool.kind.rawValue)),
                                          ("state", .string(state.rawValue)), ("damage", .string($0.damage.code))])
            }, at: moment)
        }
        return (items, damaged)
    }
}
