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

extension WizardState {
    mutating func openDashboard(search: String? = nil) -> [Effect] {
        session = nil
        dashboardMessage = nil
        screen = .dashboardLoading
        input = ""
        error = nil
        return [.dashboard(.load(search: search))]
    }

    mutating func dashboardLoaded(_ view: DashboardView) {
        guard helper != nil, screen == .dashboardLoading else { return }
        lastDashboard = view
        screen = .dashboard(view)
        optionPage = 0
    }

    var dashboardChoices: [Choice] {
        switch screen {
        case let .dashboard(view):
            return [.dashboardSearch, .dashboardExport, .dashboardImport] + view.items.map { .dashboardItem($0.id) }
        case .dashboardItem(_, true):
            // While the withdrawal is being confirmed, 1 means only that.
            return [.dashboardWithdraw]
        case let .dashboardItem(item, false):
            var options: [Choice] = []
            if case .refused = item.state { options.append(.dashboardRetry) }
            if case .sent = item.state, online { options.append(.dashboardProgress) }
            if item.canWithdraw { options.append(.dashboardWithdraw) }
            return options
        default: return []
        }
    }

    mutating func chooseOnDashboard(_ choice: Choice) -> [Effect] {
        switch (screen, choice) {
        case (.dashboard, .dashboardSearch):
            screen = .dashboardSearch
            input = ""
        case let (.dashboard(view), .dashboardItem(id)):
            guard let item = view.items.first(where: { $0.id == id }) else { return [] }
            screen = .dashboardItem(item, confirmingWithdrawal: false)
        case let (.dashboardItem(item, _), .dashboardRetry):
            return openDashboardAfter(.retry(id: item.id, locale: locale))
        case let (.dashboardItem(item, _), .dashboardProgress):
            let effects = openDashboardAfter(.progress(id: item.id))
            dashboardMessage = .progressPending
            return effects
        case (.dashboard, .dashboardExport):
            return openDashboardAfter(.export(kioskID: kioskID, locale: locale))
        case (.dashboard, .dashboardImport):
            return openDashboardAfter(.importReceipts(locale: locale))
        case let (.dashboardItem(item, false), .dashboardWithdraw):
            // Withdrawing deletes: ask once more, with the resident beside the helper.
            screen = .dashboardItem(item, confirmingWithdrawal: true)
        case let (.dashboardItem(item, true), .dashboardWithdraw):
            return openDashboardAfter(.withdraw(id: item.id, helperID: helper?.id, locale: locale))
        default:
            break
        }
        return []
    }

    /// The command first, then the list again; the command's result (`.dashboardDone`) comes
    /// back before the list (`.dashboardLoaded`), and is shown with it.
    private mutating func openDashboardAfter(_ command: DashboardCommand) -> [Effect] {
        [.dashboard(command)] + openDashboard()
    }

    mutating func confirmDashboardSearch() -> [Effect] {
        // The reference as the resident was given it, spaces and all.
        let typed = input.filter { !$0.isWhitespace }
        // Four characters: the end of an identity number; twelve digits: a 办件编号; more: a receipt.
        guard typed.count >= 4, typed.allSatisfy({ ("0"..."9").contains($0) || $0 == "X" || $0 == "x" }) else {
            error = .searchTerm
            return []
        }
        return openDashboard(search: typed.uppercased())
    }

    func dashboardContent(_ s: Strings, spoken: Bool) -> ScreenContent? {
        switch screen {
        case .dashboardLoading:
            return ScreenContent(title: s.tr(.dashboardTitle))
        case let .dashboard(view):
            let counts = view.counts.map { s.tr(.dashboardCount, ["state": $0.state.name(s), "count": "\($0.count)"]) }
            var paragraphs = [counts.joined(separator: "  ")]
            if clockSuspect { paragraphs.append(s.tr(.clockSuspect)) }
            if view.count(.damaged) > 0 { paragraphs.append(s.tr(.dashboardDamagedWarning, ["count": "\(view.count(.damaged))"])) }
            if view.staleExports > 0 {
                paragraphs.append(s.tr(.dashboardStaleExports, ["count": "\(view.staleExports)", "days": "\(DashboardView.staleExportDays)"]))
            }
            if view.waitingAuditLines > 0 { paragraphs.append(s.tr(.auditPendingLines, ["count": "\(view.waitingAuditLines)"])) }
            switch dashboardMessage {
            case .busy?: paragraphs.append(s.tr(.dashboardBusy))
            case .gone?: paragraphs.append(s.tr(.dashboardGone))
            case .retried?: paragraphs.append(s.tr(.dashboardRetried))
            case .withdrawn?: paragraphs.append(s.tr(.dashboardWithdrawn))
            case let .disk(why)?: paragraphs.append(s.tr(.dashboardDisk, ["why": why]))
            case .noUSBFolder?: paragraphs.append(s.tr(.dashboardNoUsb))
            case let .exported(count, file)?: paragraphs.append(s.tr(.exportDone, ["count": "\(count)", "file": file]))
            case .nothingToExport?: paragraphs.append(s.tr(.exportNothing))
            case let .imported(sent, quarantined, files, rejected)?:
                paragraphs.append(s.tr(.dashboardImported, ["files": "\(files)", "sent": "\(sent)", "quarantined": "\(quarantined)"]))
                for reason in ReceiptRejection.allCases {
                    if let count = rejected[reason] { paragraphs.append(s.tr(.receiptsRejectedCount, ["count": "\(count)", "reason": reason.message(s)])) }
                }
            case let .damagedFound(count)?: paragraphs.append(s.tr(.dashboardDamagedWarning, ["count": "\(count)"]))
            case .noReceipts?: paragraphs.append(s.tr(.dashboardNoReceipts))
            case let .progress(service, status, message)?:
                let title = catalog.service(id: service)?.title.resolve(locale) ?? service
                let words = status.words(s) + (message.map { s.tr(.progressMessage, ["message": $0]) } ?? "")
                paragraphs.append(s.tr(.dashboardProgress, ["service": title, "state": words]))
            case .progressUnavailable?: paragraphs.append(s.tr(.progressStateUnavailable))
            case .progressPending?: paragraphs.append(s.tr(.dashboardProgressPending))
            case nil: break
            }
            if let search = view.search {
                let found = ["digits": search.count == Reference.digits ? Reference.grouped(search) : search, "count": "\(view.items.count)"]
                paragraphs.append(s.tr(search.count == 4 ? .dashboardSearchResult : .dashboardSearchResultNumber, found))
            }
            if view.items.isEmpty, view.search == nil { paragraphs.append(s.tr(.dashboardNothing)) }
            return ScreenContent(title: s.tr(.dashboardTitle), paragraphs: paragraphs, keyHints: [.chooseNumber, .back])
        case .dashboardSearch:
            return ScreenContent(title: s.tr(.dashboardTitle), question: s.tr(.dashboardSearchQuestion), input: input,
                                 keyHints: [.typeThenEnter, .back])
        case let .dashboardItem(item, confirming):
            var paragraphs = [dashboardLine(item, s, spoken: spoken)]
            if case let .refused(reason) = item.state { paragraphs.append(s.tr(.dashboardReason, ["reason": reason])) }
            if confirming { paragraphs.append(s.tr(.dashboardWithdrawConfirm)) }
            return ScreenContent(title: s.tr(.dashboardItemTitle), paragraphs: paragraphs, keyHints: [.chooseNumber, .back])
        default:
            return nil
        }
    }

    /// `spoken`: for speech, only the last four characters of the identity number.
    func dashboardLine(_ item: DashboardItem, _ s: Strings, spoken: Bool = false) -> String {
        let title = catalog.service(id: item.serviceID)?.title.resolve(locale) ?? item.serviceID
        let state: String
        switch item.state {
        case .waiting: state = s.tr(.dashboardStateWaiting)
        case .exported(stale: false): state = s.tr(.dashboardStateExported)
        case .exported(stale: true): state = s.tr(.dashboardStateExportedStale, ["days": "\(DashboardView.staleExportDays)"])
        case .refused: state = s.tr(.dashboardStateRefused)
        case let .sent(receipt): state = s.tr(.dashboardStateSent, ["receipt": receipt])
        case .damaged: state = s.tr(.dashboardStateDamaged, ["id": item.id.text])
        }
        // The state before the rest, so that a narrow screen cuts the time, not the state.
        let time = item.createdAt.map { s.tr(.dashboardTime, ["month": "\($0.civilDate.month)", "day": "\($0.civilDate.day)", "clock": $0.clockTime]) } ?? ""
        return s.tr(.dashboardItem, ["service": title, "reference": Reference.shown(item.id), "time": time,
                                       "who": item.maskedID.map { spoken ? Mask.spoken($0, type: .idNumber) : s.tr(.dashboardWho, ["last4": String($0.suffix(4))]) } ?? "—",
                                       "state": state])
    }
}
