/// The label of each numbered option on a screen, and whether it is the one already chosen.
extension WizardState {
    func label(of choice: Choice, _ s: Strings, spoken: Bool = false) -> String {
        switch choice {
        case let .category(id): return categoryTitle(id, s)
        case let .service(id): return catalog.service(id: id)?.title.resolve(locale) ?? id
        case .answer, .suggestion, .writeOther, .material, .consent, .change:
            guard case let .service(visit) = screen else { return "" }
            return visit.label(of: choice, s, surroundings, spoken: spoken)
        case .progressQuery: return s.tr(.homeProgress)
        case .dashboard: return s.tr(.dashboardTitle)
        case let .onDashboard(option):
            guard case let .dashboard(room) = screen else { return "" }
            return room.label(of: option, s, surroundings, spoken: spoken)
        case let .rating(score): return ReceiptRoom.label(ofScore: score, s)
        case let .locale(tag): return localeName(tag, s)
        case let .voice(voice): return s.tr(.languageVoiceOption(voice: voiceName(voice, s)))
        }
    }

    func isSelected(_ choice: Choice) -> Bool {
        switch choice {
        case let .locale(tag): return tag == locale
        case let .voice(voice): return voice == speechVoice
        default: break
        }
        return visit?.isSelected(choice) ?? false
    }
}
