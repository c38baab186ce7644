import Foundation

/// The helper's dashboard (帮办员工作台) as a screen family: its pages, what its numbers do, what
/// Enter and 返回 do there, and what it shows. The screen carries it (`Screen.dashboard`), so it is
/// gone, last list and message included, once the kiosk leaves the dashboard.
public struct DashboardRoom: Equatable, Sendable {
    public enum Page: Equatable, Sendable {
        case loading
        case list(DashboardView)
        /// The last four of an identity number, a 办件编号 or a receipt, typed.
        case search
        case item(DashboardItem, confirmingWithdrawal: Bool)
    }

    /// What a numbered option on the dashboard does.
    public enum Option: Equatable, Sendable {
        case search, export, importReceipts
        case item(ItemID)
        case retry, progress, withdraw
    }

    public internal(set) var page: Page = .loading
    /// What the helper's last command did, or why it did nothing.
    public internal(set) var message: DashboardMessage?
    /// The list as last loaded: 返回 from a search or an item goes back to it.
    var lastList: DashboardView?

    /// The dashboard as a helper opens it: its list is being read.
    static func opening(search: String? = nil) -> (DashboardRoom, [Effect]) {
        var room = DashboardRoom()
        let effects = room.reload(search: search)
        return (room, effects)
    }

    var isLoading: Bool { page == .loading }
    var takesText: Bool { page == .search }

    func options(online: Bool) -> [Option] {
        switch page {
        case let .list(view):
            return [.search, .export, .importReceipts] + view.items.map { .item($0.id) }
        case .item(_, true):
            // While the withdrawal is being confirmed, 1 means only that.
            return [.withdraw]
        case let .item(item, false):
            var options: [Option] = []
            if case .refused = item.state { options.append(.retry) }
            if case .sent = item.state, online { options.append(.progress) }
            if item.canWithdraw { options.append(.withdraw) }
            return options
        case .loading, .search:
            return []
        }
    }

    // MARK: its reducer

    /// The runtime read the queue: the list is shown, and kept for 返回.
    mutating func loaded(_ view: DashboardView) {
        guard isLoading else { return }
        lastList = view
        page = .list(view)
    }

    mutating func done(_ message: DashboardMessage) { self.message = message }

    mutating func choose(_ option: Option, _ around: Surroundings) -> RoomOutcome {
        .stay(chosen(option, around))
    }

    private mutating func chosen(_ option: Option, _ around: Surroundings) -> [Effect] {
        switch (page, option) {
        case (.list, .search):
            page = .search
        case let (.list(view), .item(id)):
            guard let item = view.items.first(where: { $0.id == id }) else { return [] }
            page = .item(item, confirmingWithdrawal: false)
        case let (.item(item, _), .retry):
            return reload(after: .retry(id: item.id, locale: around.locale))
        case let (.item(item, _), .progress):
            let effects = reload(after: .progress(id: item.id))
            message = .progressPending
            return effects
        case (.list, .export):
            return reload(after: .export(kioskID: around.kioskID, locale: around.locale))
        case (.list, .importReceipts):
            return reload(after: .importReceipts(locale: around.locale))
        case let (.item(item, false), .withdraw):
            // Withdrawing deletes: ask once more, with the resident beside the helper.
            page = .item(item, confirmingWithdrawal: true)
        case let (.item(item, true), .withdraw):
            return reload(after: .withdraw(id: item.id, helperID: around.helper?.id, locale: around.locale))
        default:
            break
        }
        return []
    }

    /// Enter: a search is looked for; elsewhere a number must be chosen.
    mutating func confirm(_ input: String) -> RoomOutcome {
        switch page {
        case .loading: return .stay([])
        case .list, .item: return .refuse(.chooseAnOption)
        case .search:
            // The reference as the resident was given it, spaces and all.
            let typed = input.filter { !$0.isWhitespace }
            // Four characters: the end of an identity number; twelve digits: a 办件编号; more: a receipt.
            guard typed.count >= 4, typed.allSatisfy({ ("0"..."9").contains($0) || $0 == "X" || $0 == "x" }) else {
                return .refuse(.searchTerm)
            }
            return .stay(reload(search: typed.uppercased()))
        }
    }

    /// 返回: one page back, and what that page needs; from the whole list, home.
    mutating func back() -> RoomOutcome {
        switch page {
        case let .list(view) where view.search != nil:
            return .stay(reload()) // from a search's results back to the whole list
        case .list, .loading:
            return .leave
        case .search, .item:
            guard let lastList else { return .stay(reload()) }
            page = .list(lastList)
            return .stay([])
        }
    }

    private mutating func reload(search: String? = nil) -> [Effect] {
        page = .loading
        message = nil
        return [.dashboard(.load(search: search))]
    }

    /// The command first, then the list again; the command's result (`.dashboardDone`) comes
    /// back before the list (`.dashboardLoaded`), and is shown with it.
    private mutating func reload(after command: DashboardCommand) -> [Effect] {
        [.dashboard(command)] + reload()
    }
}
