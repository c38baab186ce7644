import Foundation

// How the top-level model hands a key to the screen family on screen and carries out what the
// family decided: the families never see the model, only what it lends them (`Surroundings`).

extension WizardState {
    var surroundings: Surroundings {
        Surroundings(catalog: catalog, locale: locale, kioskID: kioskID, helper: helper, online: online, today: today,
                     clockSuspect: clockSuspect, input: input, optionPage: optionPage, pageSize: pageSize)
    }

    /// Carries out what a screen family decided; `screen` is the family's screen as it now is.
    mutating func follow(_ outcome: RoomOutcome, showing next: Screen) -> [Effect] {
        switch outcome {
        case let .stay(effects):
            if next != screen { show(next) }
            return effects
        case .leave:
            goHome()
            return []
        case let .refuse(e):
            error = e
            return []
        case let .clear(e):
            input = ""
            error = e
            return []
        }
    }
}

extension WizardState {
    /// Carries out what the service under way decided; `visit` is the service as it now is.
    mutating func follow(_ outcome: VisitOutcome, in visit: ServiceVisit) -> [Effect] {
        // Care mode first: the page sizes of what is shown next depend on it.
        if let handOver = outcome.handOver { hand(over: handOver) }
        switch outcome.move {
        case .stay:
            screen = .service(visit)
        case .turn:
            show(.service(visit))
        case let .answerPage(step):
            screen = .service(visit)
            turnAnswerPage(by: step)
        case .home:
            goHome()
        case .park:
            let list = listOrHome(catalog.group(of: visit.session.service))
            // Parked on its category's list; a category of one service goes home instead, and home
            // is where the next resident starts: nothing of this one is kept (as 返回 from a list).
            if list == .home { goHome() } else {
                parked = visit
                show(list)
            }
        }
        if let e = outcome.error { error = e }
        if let notice = outcome.notice { self.notice = notice }
        return outcome.effects
    }
}
