/// The label of each numbered option on a screen, and whether it is the one already chosen.
extension WizardState {
    func label(of choice: Choice, _ s: Strings, spoken: Bool = false) -> String {
        switch choice {
        case let .category(id): return categoryTitle(id, s)
        case let .service(id): return catalog.service(id: id)?.title.resolve(locale) ?? id
        case let .answer(value):
            guard case let .question(fid)? = page, let field = session?.service.field(id: fid) else { return "" }
            return display(value, Field(id: fid, type: field.type, label: field.label, required: true, sensitive: false,
                                        options: field.options), s)
        case let .suggestion(i):
            guard case let .question(fid)? = page, let field = session?.service.field(id: fid),
                  field.suggestions.indices.contains(i) else { return "" }
            return field.suggestions[i].resolve(locale)
        case .writeOther: return s.tr(.answerWriteOther)
        case .material(.provided): return s.tr(.materialProvided)
        case .material(.deferred):
            return helper == nil || step == .residentConsent ? s.tr(.materialDeferred) : s.tr(.materialDeferredHelper)
        case .material(.notApplicable): return s.tr(.materialNotApplicable)
        case .consent: return s.tr(.privacyAgree)
        case .progressQuery: return s.tr(.homeProgress)
        case .dashboard: return s.tr(.dashboardTitle)
        case let .onDashboard(option):
            guard case let .dashboard(room) = screen else { return "" }
            return room.label(of: option, s, surroundings, spoken: spoken)
        case let .change(page):
            guard let session else { return "" }
            switch page {
            case let .material(mid):
                let title = session.service.materials.first { $0.id == mid }?.title.resolve(locale) ?? mid
                let chosen = session.materials[mid].map { label(of: .material($0), s) } ?? ""
                return s.tr(.reviewItem(label: title, answer: chosen))
            case let .question(fid):
                guard let field = session.service.field(id: fid) else { return fid }
                let name = field.label.resolve(locale)
                guard let answer = session.answers[fid] else {
                    // Left empty: on the check-answers screen its own number fills it in.
                    guard let number = visibleChoices.firstIndex(of: choice).map({ $0 + 1 }) else { return s.tr(.reviewNotFilled(label: name)) }
                    return s.tr(.reviewSkipped(label: name, number: "\(number)"))
                }
                return s.tr(.reviewItem(label: name, answer: display(answer, field, s, spoken: spoken, checking: true)))
            default: return ""
            }
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
        guard let session else { return false }
        switch (page, choice) {
        case let (.question(fid)?, .answer(v)): return session.answers[fid] == v
        case let (.question(fid)?, .suggestion(i)):
            guard let field = session.service.field(id: fid), field.suggestions.indices.contains(i) else { return false }
            return session.answers[fid] == .string(field.suggestions[i].resolve(Catalog.fallbackLocale))
        case let (.material(mid)?, .material(m)): return session.materials[mid] == m
        case (.privacy?, .consent): return session.consentGivenAt != nil
        default: return false
        }
    }
}
