import Foundation
import KioskCore
import KioskOutbox

/// Finds a resident's earlier submissions by comparing the masked form of the identity number
/// they typed with the masked numbers kept in the queue, then asks the portal how far the sent
/// ones have come. The full number is never written, logged or sent.
public struct ProgressFinder: Sendable {
    public var data: DataFolder
    public var client: PortalClient?

    public init(data: DataFolder, client: PortalClient?) {
        self.data = data
        self.client = client
    }

    public func find(identityNumber: String, limit: Int = 5) -> [ProgressItem] {
        let masked = Mask.value(identityNumber, type: .idNumber)
        let spool = data.submissions
        var found: [(id: ItemID, item: QueueItem, state: Spool.State)] = []
        for state in [Spool.State.ready, .sending, .exported, .quarantine, .sent] {
            for id in spool.ids(in: state) {
                if let item = spool.read(id, in: state), item.facts.maskedID == masked { found.append((id, item, state)) }
            }
        }
        let newest = found.sorted { ($0.item.facts.createdAt ?? "") > ($1.item.facts.createdAt ?? "") }.prefix(limit)
        return newest.map { id, item, state in
            let progress: ProgressItem.State
            switch state {
            case .ready, .sending, .damaged: progress = .waiting
            case .exported: progress = .exported
            case .quarantine: progress = .refused
            case .sent:
                switch client?.progress(of: id) {
                case let .status(_, status, _, message)?: progress = .portal(status: status, message: message)
                case .unknown?, .unavailable?, nil: progress = .unavailable
                }
            }
            return ProgressItem(serviceID: item.facts.serviceID ?? "", createdAt: item.facts.createdAt ?? "",
                                receipt: item.facts.receipt, state: progress)
        }
    }
}
