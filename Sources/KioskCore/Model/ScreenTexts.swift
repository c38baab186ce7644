import Foundation

/// What each screen outside a service's questions says: home, lists, the confirmation, errors, overlays.
extension WizardState {
    func overlayContent(_ overlay: Overlay, _ s: Strings) -> ScreenContent {
        switch overlay {
        case .staffCalled where !online:
            // Offline the call waits in the queue and reaches nobody: the resident is told to go
            // to staff, not to wait for them, and that their answers are kept if they have any.
            let body = s.tr(.staffBodyOffline) + (holdsResidentAnswers ? s.tr(.staffAnswersKept) : "")
            return ScreenContent(title: s.tr(.staffTitleOffline), paragraphs: [body], keyHints: [.anyKeyBack])
        case .staffCalled:
            return ScreenContent(title: s.tr(.staffTitle), paragraphs: [staffCalledAlready ? s.tr(.staffCalledAlready) : s.tr(.staffBody)],
                                 keyHints: [.anyKeyBack])
        case .language:
            return ScreenContent(title: s.tr(.languageTitle), question: s.tr(.languageQuestion),
                                 keyHints: [.chooseNumber, .back])
        }
    }

    func screenContent(_ s: Strings, spoken: Bool) -> ScreenContent {
        let l = locale
        switch screen {
        case .home:
            return ScreenContent(title: s.tr(.homeTitle),
                                 // Notes: under the choices where everything is double, so that the
                                 // choices stay on the first page; the status line and the bell
                                 // call staff for what is unsaved in any case.
                                 notes: (unsaved.isEmpty ? [] : [s.tr(.homeUnsaved(count: "\(unsaved.count)"))])
                                    + [s.tr(.homeInactivity(minutes: "\(max(1, inactivityTimeout / 60))"))],
                                 functionKeys: careMode ? .careMode : .standard,
                                 question: s.tr(.homeQuestion),
                                 keyHints: [.chooseNumber, .callStaff])
        case let .category(id):
            return ScreenContent(title: categoryTitle(id, s), question: s.tr(.categoryQuestion),
                                 keyHints: [.chooseNumber, .back])
        case let .needsNetwork(sid):
            return ScreenContent(title: catalog.service(id: sid)?.title.resolve(l) ?? "", paragraphs: [s.tr(.needsNetworkBody)],
                                 keyHints: [.back])
        case let .receipt(room):
            return room.content(s, surroundings)
        case let .service(visit):
            return visit.content(s, surroundings, spoken: spoken)
        case let .progress(room):
            return room.content(s, surroundings)
        case let .helperLogin(room):
            return room.content(s, surroundings)
        case let .dashboard(room):
            return room.content(s, surroundings, spoken: spoken)
        }
    }


    func categoryTitle(_ id: String, _ s: Strings) -> String {
        if id == WizardState.otherCategoryID { return s.tr(.categoryOther) }
        return catalog.categories.first { $0.id == id }?.title.resolve(locale) ?? id
    }
}
