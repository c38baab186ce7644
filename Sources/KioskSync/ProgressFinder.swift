import Foundation
import KioskCore
import KioskOutbox

/// Finds a resident's earlier submissions by the whole identity number they typed: its keyed hash
/// (`IdentityKeys`) against the one kept in each item's facts. A number that shares its first and
/// last four digits with another finds nothing of the other's. For the sent ones, what the portal
/// says comes from `lookUp` (the sender, in its own process). The number is never written,
/// logged or sent.
public struct ProgressFinder: Sendable {
    public var data: DataFolder

    public init(data: DataFolder) { self.data = data }

    public func find(identityNumber: String, limit: Int = 5,
                     lookUp: ([ItemID]) -> [ItemID: PortalClient.Progress]) -> [ProgressItem] {
        // Without the kiosk's secret nothing can be matched, so nothing is shown.
        guard let key = IdentityKeys.load(data)?.key(identityNumber) else { return [] }
        let spool = data.submissions
        var found: [(id: ItemID, item: QueueItem, state: Spool.State)] = []
        for state in [Spool.State.ready, .sending, .exported, .quarantine, .sent] {
            for id in spool.ids(in: state) {
                if let item = spool.read(id, in: state), item.facts.identityKey == key { found.append((id, item, state)) }
            }
        }
        let newest = found.sorted { ($0.item.facts.createdAt?.date ?? .distantPast) > ($1.item.facts.createdAt?.date ?? .distantPast) }.prefix(limit)
        let portal = lookUp(newest.filter { $0.state == .sent }.map(\.id))
        return newest.map { id, item, state in
            let progress: ProgressItem.State
            switch state {
            case .ready, .sending, .damaged: progress = .waiting
            case .exported: progress = .exported
            case .quarantine: progress = .refused
            case .sent:
                switch portal[id] {
                case let .status(_, status, _, message)?: progress = .portal(status: status, message: message)
                case .unknown?, .unavailable?, nil: progress = .unavailable
                }
            }
            return ProgressItem(serviceID: item.facts.serviceID ?? "", createdAt: item.facts.createdAt,
                                receipt: item.facts.receipt, state: progress)
        }
    }
}
