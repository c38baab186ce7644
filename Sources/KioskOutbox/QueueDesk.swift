import Foundation
import KioskCore

/// What the helper's dashboard reads from and does to the queue.
public struct QueueDesk {
    public let data: DataFolder

    public init(data: DataFolder) { self.data = data }

    /// Counts per state; the items that need a helper, newest first; with `search` (last four
    /// characters of an identity number), every item of that number, sent ones included.
    public func view(search: String?) -> DashboardView {
        let spool = data.submissions
        let counts = Spool.State.allCases.map { ($0.rawValue, spool.count(in: $0)) }
        let states: [Spool.State] = search == nil ? [.quarantine, .ready, .sending, .exported] : Spool.State.allCases
        var items: [DashboardItem] = []
        for state in states {
            for id in spool.ids(in: state) {
                guard let item = spool.read(id: id, in: state) else { continue }
                let masked = item.fact("masked_id")
                if let search, !Self.matches(search, masked: masked, receipt: item.fact("receipt")) { continue }
                items.append(DashboardItem(id: id, serviceID: item.fact("service_id") ?? "", createdAt: item.fact("created_at") ?? "",
                                           maskedID: masked, state: Self.state(state, item)))
            }
        }
        items.sort { $0.createdAt > $1.createdAt }
        return DashboardView(counts: counts, items: items, search: search)
    }

    /// Four characters match the end of the masked identity number; more match the digits of a receipt.
    static func matches(_ search: String, masked: String?, receipt: String?) -> Bool {
        if search.count == 4, masked?.uppercased().hasSuffix(search) == true { return true }
        guard search.count > 4, let receipt else { return false }
        return receipt.filter(\.isNumber).hasSuffix(search)
    }

    static func state(_ state: Spool.State, _ item: QueueItem) -> DashboardItem.State {
        switch state {
        case .ready, .sending: return .waiting
        case .exported: return .exported
        case .sent: return .sent(receipt: item.fact("receipt") ?? "")
        case .quarantine:
            let refusal = item.facts["refusal"]
            let fields = (refusal?["fields"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "; ")
            let head = "\(refusal?["status"]?.intValue.map(String.init) ?? "?") \(refusal?["error"]?.stringValue ?? "")"
            return .refused(reason: fields.isEmpty ? head : "\(head): \(fields)")
        }
    }

    public enum Failure: Error, Equatable {
        /// A sender holds the queue right now.
        case busy
        /// The item is no longer where it was (sent or moved meanwhile).
        case gone
        case disk(DurableWriteError)
    }

    /// A refused item goes back to `ready`, to be sent again with the same bytes.
    public func retry(_ id: String, at moment: Moment) throws(Failure) {
        try withQueue { spool throws(DurableWriteError) in
            guard spool.read(id: id, in: .quarantine) != nil else { return false }
            try spool.move(id, from: .quarantine, to: .ready)
            return true
        }
    }

    /// 撤回: deletes an item that has not reached the portal or a USB stick, and says so in the audit trail.
    public func withdraw(_ id: String, at moment: Moment, helper: String?) throws(Failure) {
        try withQueue { spool throws(DurableWriteError) in
            guard let state = [Spool.State.ready, .quarantine].first(where: { spool.read(id: id, in: $0) != nil }) else { return false }
            let facts = spool.read(id: id, in: state)?.facts
            try spool.remove(id, from: state)
            try? data.audit.append(.withdrawn, at: moment, [("id", .string(id)), ("service_id", facts?["service_id"] ?? .null),
                                                           ("masked_id", facts?["masked_id"] ?? .null),
                                                           ("helper", helper.map(JSONValue.string) ?? .null)])
            return true
        }
    }

    private func withQueue(_ body: (Spool) throws(DurableWriteError) -> Bool) throws(Failure) {
        guard let lock = QueueLock(folder: data.root) else { throw .busy }
        defer { withExtendedLifetime(lock) {} }
        let done: Bool
        do { done = try body(data.submissions) } catch { throw .disk(error) }
        guard done else { throw .gone }
    }
}
