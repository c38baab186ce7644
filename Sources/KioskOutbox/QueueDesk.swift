import Foundation
import KioskCore

/// What the helper's dashboard reads from and does to the queue.
public struct QueueDesk {
    public let data: DataFolder

    public init(data: DataFolder) { self.data = data }

    /// Counts per state; the items that need a helper, newest first; with `search` (last four
    /// characters of an identity number, or digits of a receipt), every item that matches, sent
    /// ones included. Items on a USB stick for a week without receipts are flagged.
    public func view(search: String?, now: Moment) -> DashboardView {
        let spool = data.submissions
        let counts = Spool.State.allCases.map { ($0, spool.count(in: $0)) }
        let states: [Spool.State] = search == nil ? [.damaged, .quarantine, .ready, .sending, .exported] : Spool.State.allCases
        let staleBefore = now.date.addingTimeInterval(-Double(DashboardView.staleExportDays) * 86_400)
        var items: [DashboardItem] = []
        var stale = 0
        for state in states {
            for id in spool.ids(in: state) {
                guard let item = spool.read(id, in: state) else {
                    if state == .damaged, search == nil {
                        items.append(DashboardItem(id: id, serviceID: "", createdAt: nil, maskedID: nil, state: .damaged))
                    }
                    continue
                }
                let facts = item.facts
                if let search, !Self.matches(search, id: id.text, masked: facts.maskedID, receipt: facts.receipt) { continue }
                let isStale = state == .exported && (facts.firstExportedAt.flatMap(Moment.parse)?.date).map { $0 < staleBefore } ?? false
                if isStale { stale += 1 }
                items.append(DashboardItem(id: id, serviceID: facts.serviceID ?? "", createdAt: facts.createdAt,
                                           maskedID: facts.maskedID, state: Self.state(state, facts, stale: isStale)))
            }
        }
        items.sort { ($0.createdAt?.date ?? .distantPast) > ($1.createdAt?.date ?? .distantPast) }
        var view = DashboardView(counts: counts, items: items, search: search, staleExports: stale)
        view.waitingAuditLines = data.audit.waitingLines
        return view
    }

    /// Four characters match the end of the masked identity number; twelve digits the 办件编号 the
    /// resident was given; more than four also match the digits of a receipt.
    static func matches(_ search: String, id: String, masked: String?, receipt: String?) -> Bool {
        if search.count == 4, masked?.uppercased().hasSuffix(search) == true { return true }
        if search.count == Reference.digits, Reference.of(id) == search { return true }
        guard search.count > 4, let receipt else { return false }
        return receipt.filter(\.isNumber).hasSuffix(search)
    }

    static func state(_ state: Spool.State, _ facts: QueueFacts, stale: Bool) -> DashboardItem.State {
        switch state {
        case .ready, .sending: return .waiting
        case .exported: return .exported(stale: stale)
        case .sent: return .sent(receipt: facts.receipt ?? "")
        case .damaged: return .damaged
        case .quarantine:
            guard let refusal = facts.refusal?.refusal else { return .refused(reason: "") }
            let head = "\(refusal.status) \(refusal.error)"
            return .refused(reason: refusal.fields.isEmpty ? head : "\(head): \(refusal.fields.joined(separator: "; "))")
        }
    }

    public enum Failure: Error, Equatable {
        /// A sender holds the queue right now, or the folder cannot be written.
        case lock(QueueLock.Failure)
        /// The item is no longer where it was (sent or moved meanwhile).
        case gone
        case disk(DurableWriteError)
    }

    /// A refused item goes back to `ready`, to be sent again with the same bytes.
    public func retry(_ id: ItemID, at moment: Moment) throws(Failure) {
        try withQueue { spool throws(DurableWriteError) in
            guard spool.read(id, in: .quarantine) != nil else { return false }
            try spool.move(id, from: .quarantine, to: .ready)
            return true
        }
    }

    /// 撤回: deletes an item that has not reached the portal or a USB stick, and says so in the audit trail.
    public func withdraw(_ id: ItemID, at moment: Moment, helper: String?) throws(Failure) {
        try withQueue { spool throws(DurableWriteError) in
            guard let state = spool.locate(id), state == .ready || state == .quarantine else { return false }
            let facts = spool.read(id, in: state)?.facts
            // `withdrawn` is kept before the file goes, and written after: never a deletion the
            // trail did not hear of. When not even that can be written, nothing is deleted.
            let change = try data.audit.beforeChange([AuditLog.Entry(.withdrawn, [
                ("id", .string(id.text)), ("service_id", facts?.serviceID.map(JSONValue.string) ?? .null),
                ("masked_id", facts?.maskedID.map(JSONValue.string) ?? .null), ("helper", helper.map(JSONValue.string) ?? .null),
            ])], at: moment)
            defer { data.audit.afterChange(change, at: moment) }
            try spool.remove(id, from: state)
            return true
        }
    }

    private func withQueue(_ body: (Spool) throws(DurableWriteError) -> Bool) throws(Failure) {
        let lock: QueueLock
        do { lock = try QueueLock(folder: data.root) } catch { throw .lock(error) }
        defer { withExtendedLifetime(lock) {} }
        let done: Bool
        do { done = try body(data.submissions) } catch { throw .disk(error) }
        guard done else { throw .gone }
    }
}
