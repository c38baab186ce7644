import Foundation

/// The helper's dashboard (帮办员工作台): how many items are in each queue state, the items that
/// need a helper (waiting, refused, carried away), search by the last four digits of an identity
/// number, and for one item: retry a refused one, or withdraw (撤回) one that was not sent, with
/// the resident beside the helper.

public struct DashboardItem: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        case waiting
        /// On a USB stick, waiting for receipts; `stale` after a week without them.
        case exported(stale: Bool)
        case refused(reason: String)
        case sent(receipt: String)
        /// 本机文件损坏: never sent; a helper looks at the file.
        case damaged
    }

    public var id: ItemID
    public var serviceID: String
    public var createdAt: Moment?
    public var maskedID: String?
    public var state: State

    public init(id: ItemID, serviceID: String, createdAt: Moment?, maskedID: String?, state: State) {
        self.id = id
        self.serviceID = serviceID
        self.createdAt = createdAt
        self.maskedID = maskedID
        self.state = state
    }

    /// Only what has not reached the portal or a USB stick can be withdrawn here.
    public var canWithdraw: Bool {
        switch state {
        case .waiting, .refused: return true
        case .exported, .sent, .damaged: return false
        }
    }
}

public struct DashboardView: Equatable, Sendable {
    /// Counts per queue state, in `QueueState.allCases` order.
    public var counts: [(state: QueueState, count: Int)]
    public var items: [DashboardItem]
    /// The last four digits searched for, if any.
    public var search: String?
    /// Items on a USB stick for more than `DashboardView.staleExportDays` without receipts.
    public var staleExports: Int
    /// Audit lines waiting beside the trail, which could not be written when they happened.
    public var waitingAuditLines = 0

    /// A stick that has not come back within a week is probably lost: the helper is warned.
    public static let staleExportDays = 7

    public init(counts: [(state: QueueState, count: Int)], items: [DashboardItem], search: String?, staleExports: Int = 0) {
        self.counts = counts
        self.items = items
        self.search = search
        self.staleExports = staleExports
    }

    public func count(_ state: QueueState) -> Int { counts.first { $0.state == state }?.count ?? 0 }

    public static func == (a: DashboardView, b: DashboardView) -> Bool {
        a.counts.map(\.state) == b.counts.map(\.state) && a.counts.map(\.count) == b.counts.map(\.count)
            && a.items == b.items && a.search == b.search && a.staleExports == b.staleExports && a.waitingAuditLines == b.waitingAuditLines
    }
}

/// Why a line of a receipts file did not mark its item sent: a receipts file is evidence that
/// has to match what this kiosk exported, never an order.
public enum ReceiptRejection: Hashable, CaseIterable, Sendable {
    /// The id is not a kiosk id (a lowercase UUID v4).
    case badID
    /// No such item on this kiosk (another kiosk's receipts?).
    case notOnThisKiosk
    /// The item never went onto a USB stick.
    case notExported
    /// The item went out in another bundle than the one these receipts are for.
    case notInThisBundle
    /// These receipts are for a bundle this kiosk never wrote.
    case bundleMismatch
    /// The result does not say the portal stored it (no receipt, another id, an odd status).
    case notStored

    public func message(_ s: Strings) -> String {
        switch self {
        case .badID: return s.tr(.receiptsRejectedBadId)
        case .notOnThisKiosk: return s.tr(.receiptsRejectedNotOnThisKiosk)
        case .notExported: return s.tr(.receiptsRejectedNotExported)
        case .notInThisBundle: return s.tr(.receiptsRejectedNotInThisBundle)
        case .bundleMismatch: return s.tr(.receiptsRejectedBundleMismatch)
        case .notStored: return s.tr(.receiptsRejectedNotStored)
        }
    }
}

/// What the dashboard says after the helper's last command: why it did nothing, or what it did.
public enum DashboardMessage: Equatable, Sendable {
    /// A sender was working on the queue; try again in a moment.
    case busy
    /// The item had moved on meanwhile (sent, or already withdrawn).
    case gone
    /// A refused item goes out again; withdrawing deleted the item (said on screen and by voice).
    case retried
    case withdrawn
    case disk(String)
    /// No folder for the USB stick is configured (`usb_folder`, `--usb-folder`), or it is not there.
    case noUSBFolder
    case exported(count: Int, file: String)
    case nothingToExport
    /// Receipts read from the stick, and the lines that changed nothing, by reason.
    case imported(sent: Int, quarantined: Int, files: Int, rejected: [ReceiptRejection: Int])
    /// Files in the queue found damaged while exporting or importing: moved aside, never sent.
    case damagedFound(Int)
    case noReceipts
    /// The portal's progress of one sent item.
    case progress(service: String, status: PortalStatus, message: String?)
    case progressUnavailable
    /// The portal has been asked; its answer replaces this.
    case progressPending
}

/// What the helper asks the runtime to do to one item.
/// Each carries what the runtime needs to carry it out: the language of its message, the helper
/// who asked, the kiosk's id; the runtime never reads the model.
public enum DashboardCommand: Equatable, Sendable {
    case load(search: String?)
    case retry(id: ItemID, locale: String)
    case withdraw(id: ItemID, helperID: String?, locale: String)
    /// Waiting items onto the USB stick (a bundle); receipts files on it back into the queue.
    case export(kioskID: String, locale: String)
    case importReceipts(locale: String)
    /// Ask the portal how far a sent item has come.
    case progress(id: ItemID)
}
