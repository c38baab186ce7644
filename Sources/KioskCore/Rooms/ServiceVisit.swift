import Foundation

/// One resident's pass through one service, carried by its screen (`Screen.service`): the answers
/// (`Session`), where in the service they are, and how the screen shows it. Gone with the screen:
/// nothing of it is left once the kiosk goes home (a confirmed submission that could not be saved
/// goes to the model's `unsaved` first).
public struct ServiceVisit: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        /// A page of the service: its introduction, a material, the privacy notice, a question,
        /// the check-answers page.
        case page(Page)
        /// Pre-review (预审) stopped the service: the catalog's message, and the question that caused it.
        case ineligible(LocalizedText, fieldID: String)
        /// The confirmed submission is being written; only `.saved` shows it confirmed.
        case saving
        case saveFailed(SaveFailure)
        /// 帮办代办: the resident confirms on screen that the helper may submit for them.
        case residentConsent
    }

    public internal(set) var step: Step
    public internal(set) var session: Session
    /// The resident hid the answers being checked from the room (`*`, 遮住); until the service ends.
    public internal(set) var answersHidden = false
    /// 其他 was chosen on a text question with suggestions: a helper types the answer.
    public internal(set) var writingOther = false

    init(_ session: Session, at step: Step = .page(.intro)) {
        self.session = session
        self.step = step
    }

    /// The page being shown, when the step is one.
    public var page: Page? {
        if case let .page(page) = step { return page }
        return nil
    }
}

extension Screen {
    /// Where the resident is, apart from what a family keeps there: a move to another place is said
    /// in full (`Announcement.wholeScreen`); an answer kept on the same page, or the dashboard's
    /// message arriving while its list loads, is not.
    var place: Place {
        switch self {
        case let .service(visit): return .service(visit.step, writingOther: visit.writingOther)
        case let .dashboard(room): return .dashboard(room.page)
        case let .receipt(room): return .receipt(room.page)
        default: return .screen(self)
        }
    }

    enum Place: Equatable {
        case screen(Screen)
        case service(ServiceVisit.Step, writingOther: Bool)
        case dashboard(DashboardRoom.Page)
        case receipt(ReceiptRoom.Page)
    }
}
