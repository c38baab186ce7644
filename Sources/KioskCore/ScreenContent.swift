import Foundation

/// Everything one screen says, in the display language, with sensitive values masked.
/// Plain mode prints it; the terminal renderer lays it out; speech reads it.
public struct ScreenContent: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public var number: Int
        public var label: String
        public var selected: Bool
    }

    public var title: String
    public var progress: String?
    public var notice: String?
    public var paragraphs: [String] = []
    public var question: String?
    public var hint: String?
    public var currentAnswer: String?
    public var input: String?
    public var error: String?
    public var options: [Option] = []
    public var morePages: String?
    public var keys: [String] = []
    public var status: String = ""
}

extension WizardState {
    /// `spoken`: the same content for speech, where a sensitive value is only its last four characters.
    public func content(_ s: Strings, spoken: Bool = false) -> ScreenContent {
        var c = overlay.map { overlayContent($0, s) } ?? screenContent(s, spoken: spoken)
        c.notice = notice.map {
            switch $0 {
            case .thanksForRating: return s.tr("notice.thanks_for_rating")
            case .cleared: return s.tr("notice.cleared")
            case .helperLoggedIn: return s.tr("notice.helper_logged_in", ["name": helper?.name ?? ""])
            case .helperLoggedOut: return s.tr("notice.helper_logged_out")
            }
        }
        if let seconds = inactivityWarning {
            c.notice = s.tr("notice.inactivity_warning", ["seconds": "\(seconds)"])
        }
        c.error = error.map { s.tr("screen.error_prefix") + $0.message(s) }
        c.options = visibleChoices.enumerated().map { i, choice in
            ScreenContent.Option(number: i + 1, label: label(of: choice, s, spoken: spoken), selected: isSelected(choice))
        }
        if optionPageCount > 1 {
            c.morePages = s.tr("screen.more_pages", ["page": "\(optionPage + 1)", "pages": "\(optionPageCount)"])
        }
        c.status = statusLine(s)
        return c
    }

    public func statusLine(_ s: Strings) -> String {
        ([online ? s.tr("status.online") : s.tr("status.offline"),
         s.tr("status.waiting", ["count": "\(waitingCount)"]),
         careMode ? s.tr("status.care_on") : s.tr("status.care_off"),
         localeName(locale, s)] + (helper.map { [s.tr("status.helper", ["name": $0.name])] } ?? [])
            + (syncPaused ? [s.tr("status.sync_paused")] : [])
            + (clockSuspect ? [s.tr("clock.suspect")] : [])
            + (speechTroubleText(s).map { [$0] } ?? []))
            .joined(separator: s.tr("status.separator"))
    }

    private func speechTroubleText(_ s: Strings) -> String? {
        guard speechVoice != .silent else { return nil }
        switch speechTrouble {
        case nil: return nil
        case .noAudioDevice: return s.tr("status.speech_no_audio_device")
        case let .noVoice(name): return s.tr("status.speech_no_voice", ["voice": name])
        case .engineFailed: return s.tr("status.speech_failed")
        }
    }

    func voiceName(_ voice: SpeechVoice, _ s: Strings) -> String {
        switch voice {
        case .mandarin: return s.tr("voice.mandarin")
        case .cantonese: return s.tr("voice.cantonese")
        case .english: return s.tr("voice.english")
        case .silent: return s.tr("voice.silent")
        }
    }

    func localeName(_ tag: String, _ s: Strings) -> String {
        switch tag {
        case "zh-Hans": return s.tr("locale.zh_hans")
        case "en": return s.tr("locale.en")
        default: return tag
        }
    }

    private func overlayContent(_ overlay: Overlay, _ s: Strings) -> ScreenContent {
        switch overlay {
        case .staffCalled:
            return ScreenContent(title: s.tr("staff.title"), paragraphs: [s.tr("staff.body")], keys: [s.tr("keys.any_key_back")])
        case .language:
            return ScreenContent(title: s.tr("language.title"), question: s.tr("language.question"),
                                 keys: [s.tr("keys.choose_number"), s.tr("keys.back")])
        }
    }

    private func screenContent(_ s: Strings, spoken: Bool) -> ScreenContent {
        let l = locale
        switch screen {
        case .home:
            return ScreenContent(title: s.tr("home.title"),
                                 paragraphs: [s.tr("home.inactivity", ["minutes": "\(max(1, inactivityTimeout / 60))"])],
                                 question: s.tr("home.question"),
                                 keys: [s.tr("keys.choose_number"), s.tr("keys.call_staff")])
        case let .category(id):
            return ScreenContent(title: categoryTitle(id, s), question: s.tr("category.question"),
                                 keys: [s.tr("keys.choose_number"), s.tr("keys.back")])
        case let .needsNetwork(sid):
            return ScreenContent(title: catalog.service(id: sid)?.title.resolve(l) ?? "", paragraphs: [s.tr("needs_network.body")],
                                 keys: [s.tr("keys.back")])
        case let .ineligible(message, _):
            return ScreenContent(title: s.tr("ineligible.title"), paragraphs: [message.resolve(l), s.tr("ineligible.nothing_queued")],
                                 keys: [s.tr("keys.enter_home"), s.tr("keys.back_to_change")])
        case .saving:
            return ScreenContent(title: s.tr("saving.title"))
        case let .saveFailed(reason):
            let why: String
            switch reason {
            case .diskFull: why = s.tr("save_failed.disk_full")
            case .notWritable: why = s.tr("save_failed.not_writable")
            case .other: why = s.tr("save_failed.other")
            }
            return ScreenContent(title: s.tr("save_failed.title"), paragraphs: [why, s.tr("save_failed.kept")],
                                 keys: [s.tr("keys.enter_retry"), s.tr("keys.call_staff")])
        case let .confirmed(id):
            return ScreenContent(title: s.tr("confirmed.title"),
                                 paragraphs: [s.tr("confirmed.reference", ["reference": WizardState.reference(id)]),
                                              online ? s.tr("confirmed.online") : s.tr("confirmed.offline"),
                                              s.tr("confirmed.next"), s.tr("confirmed.ask")],
                                 keys: [s.tr("keys.enter_continue")])
        case .rating:
            return ScreenContent(title: s.tr("rating.title"), question: s.tr("rating.question"),
                                 keys: [s.tr("keys.choose_number"), s.tr("keys.enter_skip")])
        case let .wizard(page):
            return wizardContent(page, s, spoken: spoken)
        case .progressQuery, .progressSearching, .progressResult:
            return progressContent(s) ?? ScreenContent(title: "")
        case .helperLogin, .assistedConsent:
            return helperContent(s, spoken: spoken) ?? ScreenContent(title: "")
        case .dashboardLoading, .dashboard, .dashboardSearch, .dashboardItem:
            return dashboardContent(s, spoken: spoken) ?? ScreenContent(title: "")
        }
    }

    /// The short number a resident can quote before the portal's receipt arrives.
    public static func reference(_ submissionID: String) -> String {
        String(submissionID.replacingOccurrences(of: "-", with: "").prefix(8)).uppercased()
    }

    func categoryTitle(_ id: String, _ s: Strings) -> String {
        if id == WizardState.otherCategoryID { return s.tr("category.other") }
        return catalog.categories.first { $0.id == id }?.title.resolve(locale) ?? id
    }

    private func wizardContent(_ page: Page, _ s: Strings, spoken: Bool) -> ScreenContent {
        guard let session else { return ScreenContent(title: "") }
        let l = locale
        let service = session.service
        var c = ScreenContent(title: service.title.resolve(l))
        switch page {
        case .intro:
            c.paragraphs = service.summary.map { [$0.resolve(l)] } ?? []
            if !service.materials.isEmpty {
                c.paragraphs.append(s.tr("intro.materials"))
                c.paragraphs += service.materials.map { m in
                    let note = m.deferrable ? s.tr("intro.material_deferrable")
                        : m.required ? s.tr("intro.material_required") : s.tr("intro.material_optional")
                    return "· " + m.title.resolve(l) + note
                }
            }
            c.keys = [s.tr("keys.enter_start"), s.tr("keys.back")]
        case let .material(mid):
            let m = service.materials.first { $0.id == mid }
            c.question = s.tr("material.question", ["material": m?.title.resolve(l) ?? mid])
            c.hint = m?.hint?.resolve(l)
            c.keys = [s.tr("keys.choose_number"), s.tr("keys.back")]
        case .privacy:
            c.title = s.tr("privacy.title")
            c.paragraphs = service.privacy.map { [$0.text.resolve(l)] } ?? []
            c.paragraphs.append(s.tr("privacy.collected"))
            c.paragraphs += service.orderedFields.filter { $0.field.sensitive }.map { f in
                "· " + f.field.label.resolve(l) + (f.field.purpose.map { s.tr("privacy.purpose_separator") + $0.resolve(l) } ?? "")
            }
            c.paragraphs.append(s.tr("privacy.rights"))
            c.keys = [s.tr("keys.choose_number"), s.tr("keys.back_disagree")]
        case let .question(fid):
            guard let field = service.field(id: fid) else { return c }
            let questions = wizardPages.filter { if case .question = $0 { return true }; return false }
            if let n = questions.firstIndex(of: page) {
                c.progress = s.tr("progress", ["step": "\(n + 1)", "steps": "\(questions.count)"])
            }
            c.question = field.label.resolve(l) + (field.required ? "" : s.tr("question.optional"))
            c.hint = [field.hint?.resolve(l), field.unit.map { s.tr("question.unit", ["unit": $0.resolve(l)]) }]
                .compactMap { $0 }.joined(separator: " ")
            if c.hint?.isEmpty == true { c.hint = nil }
            if !field.type.isChoice {
                if let answer = session.answers[fid] {
                    c.currentAnswer = s.tr("question.current_answer", ["answer": display(answer, field, s, spoken: spoken)])
                }
                c.input = input
                c.keys = [s.tr("keys.type_then_enter"), s.tr("keys.backspace"), s.tr("keys.back")]
            } else {
                c.keys = [s.tr("keys.choose_number"), s.tr("keys.back")]
            }
        case .review:
            c.title = s.tr("review.title")
            c.question = s.tr("review.question")
            c.keys = [s.tr("keys.enter_submit"), s.tr("keys.change_number"), s.tr("keys.back")]
        }
        return c
    }

    /// An answer as the screen shows it: option labels, 是/否, masked when sensitive
    /// (for speech, masked down to the last four characters).
    func display(_ answer: JSONValue, _ field: Field, _ s: Strings, spoken: Bool = false) -> String {
        if field.sensitive, field.type.isChoice { return Mask.value("", type: field.type) }
        switch answer {
        case let .bool(b): return b ? s.tr("answer.yes") : s.tr("answer.no")
        case let .string(v) where field.type == .choice:
            return field.options.first { $0.value == v }?.label.resolve(locale) ?? v
        default:
            let text = answer.stringValue ?? answer.encoded()
            if field.sensitive { return spoken ? Mask.spoken(text, type: field.type) : Mask.value(text, type: field.type) }
            return text + (field.unit.map { " " + $0.resolve(locale) } ?? "")
        }
    }

    func label(of choice: Choice, _ s: Strings, spoken: Bool = false) -> String {
        switch choice {
        case let .category(id): return categoryTitle(id, s)
        case let .service(id): return catalog.service(id: id)?.title.resolve(locale) ?? id
        case let .answer(value):
            guard case let .wizard(.question(fid)) = screen, let field = session?.service.field(id: fid) else { return "" }
            return display(value, Field(id: fid, type: field.type, label: field.label, required: true, sensitive: false,
                                        options: field.options), s)
        case .material(.provided): return s.tr("material.provided")
        case .material(.deferred): return s.tr("material.deferred")
        case .material(.notApplicable): return s.tr("material.not_applicable")
        case .consent: return s.tr("privacy.agree")
        case .progressQuery: return s.tr("home.progress")
        case .residentConsent: return s.tr("assisted.agree")
        case .dashboard: return s.tr("dashboard.title")
        case .dashboardSearch: return s.tr("dashboard.search")
        case let .dashboardItem(id):
            guard case let .dashboard(view) = screen, let item = view.items.first(where: { $0.id == id }) else { return id.text }
            return dashboardLine(item, s, spoken: spoken)
        case .dashboardRetry: return s.tr("dashboard.retry")
        case .dashboardProgress: return s.tr("home.progress")
        case .dashboardExport: return s.tr("dashboard.export")
        case .dashboardImport: return s.tr("dashboard.import")
        case .dashboardWithdraw:
            if case .dashboardItem(_, true) = screen { return s.tr("dashboard.withdraw_yes") }
            return s.tr("dashboard.withdraw")
        case let .change(page):
            guard let session else { return "" }
            switch page {
            case let .material(mid):
                let title = session.service.materials.first { $0.id == mid }?.title.resolve(locale) ?? mid
                let chosen = session.materials[mid].map { label(of: .material($0), s) } ?? ""
                return s.tr("review.item", ["label": title, "answer": chosen])
            case let .question(fid):
                guard let field = session.service.field(id: fid), let answer = session.answers[fid] else { return fid }
                return s.tr("review.item", ["label": field.label.resolve(locale), "answer": display(answer, field, s, spoken: spoken)])
            default: return ""
            }
        case let .rating(score):
            switch score {
            case 5: return s.tr("rating.5")
            case 4: return s.tr("rating.4")
            case 3: return s.tr("rating.3")
            case 2: return s.tr("rating.2")
            default: return s.tr("rating.1")
            }
        case let .locale(tag): return localeName(tag, s)
        case let .voice(voice): return s.tr("language.voice_option", ["voice": voiceName(voice, s)])
        }
    }

    private func isSelected(_ choice: Choice) -> Bool {
        switch choice {
        case let .locale(tag): return tag == locale
        case let .voice(voice): return voice == speechVoice
        default: break
        }
        guard let session else { return false }
        switch (screen, choice) {
        case let (.wizard(.question(fid)), .answer(v)): return session.answers[fid] == v
        case let (.wizard(.material(mid)), .material(m)): return session.materials[mid] == m
        case (.wizard(.privacy), .consent): return session.consentGivenAt != nil
        default: return false
        }
    }
}
