import Foundation

/// 查询办理进度 as a screen family: the resident types their identity number, the runtime looks it
/// up (on disk and at the portal), and what was found is shown. The number is never kept here: it
/// goes out with `.findProgress` and the field is emptied.
public enum ProgressRoom: Equatable, Sendable {
    case asking
    case searching
    case found([ProgressItem])

    var takesText: Bool { self == .asking }

    // MARK: its reducer

    /// Enter: the number is checked, then looked up; on the result, Enter goes home.
    mutating func confirm(_ input: String, today: CivilDate) -> RoomOutcome {
        switch self {
        case .asking:
            let typed = input.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { return .refuse(.required) }
            switch IdentityNumber.parse(typed, today: today) {
            case let .failure(e): return .refuse(e)
            case let .success(id):
                self = .searching
                return .stay([.findProgress(identityNumber: id.value)])
            }
        case .searching: return .stay([])
        case .found: return .leave
        }
    }

    /// The runtime's answer; one that comes after the resident left is dropped by the caller.
    mutating func found(_ items: [ProgressItem]) {
        guard self == .searching else { return }
        self = .found(items)
    }

    // MARK: its content

    func content(_ s: Strings, _ around: Surroundings) -> ScreenContent {
        switch self {
        case .asking:
            return ScreenContent(title: s.tr(.progressTitle), paragraphs: [s.tr(.progressWhy)],
                                 question: s.tr(.progressQuestion), input: around.input,
                                 keyHints: [.typeThenEnter, .back])
        case .searching:
            return ScreenContent(title: s.tr(.progressSearching))
        case let .found(items):
            let lines = items.isEmpty ? [s.tr(.progressNone)] : items.map { line($0, s, around) }
            return ScreenContent(title: s.tr(.progressTitle), paragraphs: lines, keyHints: [.enterHome])
        }
    }

    private func line(_ item: ProgressItem, _ s: Strings, _ around: Surroundings) -> String {
        let title = around.catalog.service(id: item.serviceID)?.title.resolve(around.locale) ?? item.serviceID
        let date = item.createdAt.map { s.tr(.progressDate(month: "\($0.civilDate.month)", day: "\($0.civilDate.day)")) } ?? ""
        let state: String
        switch item.state {
        case .waiting: state = s.tr(.progressStateWaiting)
        case .exported: state = s.tr(.progressStateExported)
        case .refused: state = s.tr(.progressStateRefused)
        case .unavailable: state = s.tr(.progressStateUnavailable)
        case let .portal(status, message):
            let word = status.words(s)
            state = message.map { word + s.tr(.progressMessage(message: $0)) } ?? word
        }
        let receipt = item.receipt.map { s.tr(.progressReceipt(receipt: $0)) } ?? ""
        return s.tr(.progressLine(service: title, date: date, receipt: receipt, state: state))
    }
}
