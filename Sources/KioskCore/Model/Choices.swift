import Foundation

/// What a numbered option on the current screen does. The reducer acts on these and the
/// screen description labels them, so a number always means the same thing to both.
public enum Choice: Equatable, Sendable {
    case category(String)
    case service(String)
    /// An answer to a choice or yes/no question.
    case answer(JSONValue)
    /// One of a text question's `suggestions`, by its place in the catalog.
    case suggestion(Int)
    /// 其他: a text question's answer is written by a helper on a keyboard.
    case writeOther
    case material(MaterialChoice)
    case consent
    /// Go back from the check-answers screen to change this page.
    case change(Page)
    /// 好差评: 5 is 非常满意, 1 非常不满意.
    case rating(Int)
    case locale(String)
    /// 查询办理进度, on the home screen while online.
    case progressQuery
    /// The helper's dashboard, on the home screen while a helper is logged in, and what is on it.
    case dashboard
    case onDashboard(DashboardRoom.Option)
    case voice(SpeechVoice)
}

extension WizardState {
    /// Categories shown on the home screen, in catalog order, then 其他业务 if needed.
    public var homeCategories: [String] { catalog.menu.categoryIDs }

    /// Open services of one category (closing services are hidden, contract §3).
    public func services(inCategory id: String) -> [Service] { catalog.menu.servicesByCategory[id] ?? [] }

    /// Where 返回 out of a service goes: its category's list, or home where the category holds
    /// only that service (and was never shown as a list).
    func listOrHome(_ category: String) -> Screen {
        services(inCategory: category).count == 1 ? .home : .category(category)
    }

    /// Every numbered option of the current screen, before paging.
    public var choices: [Choice] {
        if let overlay {
            return overlay == .language ? availableLocales.map(Choice.locale) + SpeechVoice.allCases.map(Choice.voice) : []
        }
        switch screen {
        case .home:
            return homeCategories.map(Choice.category) + (online ? [.progressQuery] : []) + (helper != nil ? [.dashboard] : [])
        case let .dashboard(room): return room.options(online: online).map(Choice.onDashboard)
        case let .category(id): return services(inCategory: id).map { .service($0.id) }
        case let .receipt(room): return room.options.map(Choice.rating)
        case let .service(visit): return visit.choices(today: today)
        default: return []
        }
    }

    /// The options on the page being shown (at most nine, numbered 1 to 9).
    public var visibleChoices: [Choice] {
        let all = choices
        return Paging(page: optionPage, size: pageSize, items: all.count).slice(all)
    }

    /// The page of options on screen; on the resident's consent, of the answers it lists.
    var paging: Paging {
        let items = overlay == nil && step == .residentConsent ? reviewItems.count : choices.count
        return Paging(page: optionPage, size: pageSize, items: items)
    }

    public var optionPageCount: Int { paging.count }

    /// The answers are being checked, by the resident (核对) or for the helper (请您本人确认):
    /// paged, every page seen before the last one submits, and shown so that their owner knows them.
    public var isCheckingAnswers: Bool { overlay == nil && visit?.isCheckingAnswers == true }

    /// 遮住/显示 is offered: answers being checked show something in full that the room need not see.
    public var canHideAnswers: Bool { overlay == nil && visit?.canHideAnswers(today: today) == true }

    /// Options on a page: nine, or in care mode as many of the large answer buttons (3 rows each)
    /// as the screen's renderer says fit with their touch targets at full size.
    public var pageSize: Int {
        careMode && isCheckingAnswers ? answersPerCarePage : WizardState.optionsPerPage
    }

    public var isLastPage: Bool { paging.isLast }

    /// Pages of the check-answers screen that can be changed (`ServiceVisit.reviewItems`).
    public var reviewItems: [Page] { visit?.reviewItems(today: today) ?? [] }

    /// The pages of the current service in order, given the answers so far.
    public var wizardPages: [Page] { visit?.pages(today: today) ?? [] }

    /// Nobody is in the middle of anything: the home screen, no service, nothing laid over it.
    public var isEmptyHome: Bool { screen == .home && overlay == nil && session == nil && parked == nil }

    /// How many characters the field being typed into takes: a helper number is short, so that an
    /// identity number typed there by mistake is never there in full.
    public var inputLimit: Int {
        if helperLogin?.step == .id { return HelperLoginRoom.longestHelperID }
        return FieldValidator.maxInputLength
    }

    /// The screen takes typed text (a question that is not answered by choosing).
    public var acceptsText: Bool {
        if overlay == nil, case let .progress(room) = screen { return room.takesText }
        if overlay == nil, case let .dashboard(room) = screen { return room.takesText }
        if overlay == nil, case .helperLogin = screen { return true }
        return overlay == nil && visit?.takesText == true
    }

    /// Where an X may go in what is being typed, when it is a number that can hold one (a keypad
    /// has no X: its `*` or `.` types it): only as the last character of an identity number (18th)
    /// or of the last four searched for on the dashboard (4th); anywhere in a code typed on the
    /// keypad (a `text` field taking digits alone, such as a disability card number). Nil elsewhere.
    public var xPlace: XPlace? {
        guard overlay == nil else { return nil }
        if case let .dashboard(room) = screen, room.takesText { return .last(of: 4) }
        if screen == .progress(.asking) || typingField?.type == .idNumber { return .last(of: IdentityNumber.length) }
        if let field = typingField, field.type == .text, field.allowDigitsOnly, acceptsText { return .anywhere }
        return nil
    }

    /// The question on screen, chosen or typed: what is typed into it is said as its kind asks.
    var typingField: Field? { overlay == nil ? visit?.questionField : nil }
}

public enum XPlace: Equatable, Sendable {
    case last(of: Int)
    case anywhere
}
