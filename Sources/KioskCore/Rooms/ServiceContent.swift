import Foundation

// What a service's steps say: its introduction, materials, privacy notice, each question, the
// check-answers page and the resident's consent, how each numbered option is labelled, and how an
// answer is shown (masked when sensitive).
extension ServiceVisit {
    /// Starts each line of the materials list and the privacy notice: "・" (U+30FB), which the
    /// session's font draws, not "·" (U+00B7), which it shows as a box (docs/kiosk.md,
    /// "Characters the session draws").
    static let bullet = "・"

    func content(_ s: Strings, _ around: Surroundings, spoken: Bool) -> ScreenContent {
        switch step {
        case let .page(page):
            return content(of: page, s, around, spoken: spoken)
        case .residentConsent:
            return consentContent(s, around, spoken: spoken)
        case let .ineligible(message, _):
            return ScreenContent(title: s.tr(.ineligibleTitle), paragraphs: [message.resolve(around.locale), s.tr(.ineligibleNothingQueued)],
                                 keyHints: [.enterHome, .backToChange])
        case .saving:
            return ScreenContent(title: s.tr(.savingTitle))
        case let .saveFailed(reason):
            let why: String
            switch reason {
            case .diskFull: why = s.tr(.saveFailedDiskFull)
            case .notWritable: why = s.tr(.saveFailedNotWritable)
            case .other: why = s.tr(.saveFailedOther)
            }
            return ScreenContent(title: s.tr(.saveFailedTitle), paragraphs: [why, s.tr(.saveFailedKept)],
                                 keyHints: [.enterRetry, .callStaff])
        }
    }

    private func content(of page: Page, _ s: Strings, _ around: Surroundings, spoken: Bool) -> ScreenContent {
        let l = around.locale
        let service = session.service
        var c = ScreenContent(title: service.title.resolve(l))
        switch page {
        case .intro:
            c.paragraphs = service.summary.map { [$0.resolve(l)] } ?? []
            if !service.materials.isEmpty {
                c.paragraphs.append(s.tr(.introMaterials))
                c.paragraphs += service.materials.map { m in
                    let note = m.deferrable ? s.tr(.introMaterialDeferrable)
                        : m.required ? s.tr(.introMaterialRequired) : s.tr(.introMaterialOptional)
                    return Self.bullet + m.title.resolve(l) + note
                }
            }
            // A keypad cannot write: say so before the resident starts, and who can.
            let writing = service.orderedFields.filter { $0.field.needsWriting && $0.field.mayBeRequired }
            let always = writing.filter { $0.step.relevant == nil && $0.field.relevant == nil && $0.field.required }.count
            if always > 0 {
                c.paragraphs.append(s.tr(.introNeedsWriting(count: "\(always)")))
            } else if !writing.isEmpty {
                c.paragraphs.append(s.tr(.introMayNeedWriting))
            }
            c.keyHints = [.enterStart, .back] + (writing.isEmpty ? [] : [.callStaff])
        case let .material(mid):
            let m = service.materials.first { $0.id == mid }
            c.question = s.tr(.materialQuestion(material: m?.title.resolve(l) ?? mid))
            c.hint = m?.hint?.resolve(l)
            c.keyHints = [.chooseNumber, .back]
        case .privacy:
            c.title = s.tr(.privacyTitle)
            c.paragraphs = service.privacy.map { [$0.text.resolve(l)] } ?? []
            c.paragraphs.append(s.tr(.privacyCollected))
            c.paragraphs += personalInformation(s, l)
            c.paragraphs.append(s.tr(.privacyRights))
            c.keyHints = [.enterAgree, .backDisagree]
        case let .question(fid):
            guard let field = service.field(id: fid) else { return c }
            // Counted over the questions that may still be asked (`possibleFields`): the total
            // never grows partway.
            let questions = session.possibleFields(today: around.today).map(\.id)
            if let n = questions.firstIndex(of: fid) {
                c.progress = s.tr(.progress(step: "\(n + 1)", steps: "\(questions.count)"))
            }
            c.question = field.label.resolve(l) + (session.requires(field, today: around.today) ? "" : s.tr(.questionOptional))
            // The unit follows the hint as its own bracket ("……没有收入就输入0。（单位：元）"), so that
            // wrapping never parts 单 from 位.
            c.hint = [field.hint?.resolve(l), field.unit.map { s.tr(.questionUnit(unit: $0.resolve(l))) }]
                .compactMap { $0 }.joined().trimmingCharacters(in: .whitespaces)
            if c.hint?.isEmpty == true { c.hint = nil }
            if takesText {
                if writingOther { c.hint = s.tr(.questionWriteOtherHint) }
                if let answer = session.answers[fid] {
                    c.currentAnswer = s.tr(.questionCurrentAnswer(answer: display(answer, field, s, l, spoken: spoken)))
                }
                c.input = around.input
                c.keyHints = [.typeThenEnter, .backspace, .back]
                if field.needsWriting { c.keyHints.append(.callStaff) }
            } else {
                c.keyHints = [.chooseNumber, .back]
            }
        case .review:
            c.title = s.tr(.reviewTitle)
            c.question = s.tr(.reviewQuestion)
            c.keyHints = [around.paging(reviewItems(today: around.today).count).isLast ? .enterSubmit : .enterNextPage, .changeNumber]
                + hideKey(today: around.today) + [.back]
        }
        return c
    }

    /// The personal information the service collects, one bullet each, with what it is for: in
    /// the privacy notice, and again for the resident on the last page of 请您本人确认 (the helper
    /// agreed to the notice; the resident should hear it too before agreeing).
    private func personalInformation(_ s: Strings, _ l: String) -> [String] {
        session.service.orderedFields.filter { $0.field.sensitive }.map { f in
            Self.bullet + (f.field.name ?? f.field.label).resolve(l) + (f.field.purpose.map { s.tr(.privacyPurposeSeparator) + $0.resolve(l) } ?? "")
        }
    }

    /// 请您本人确认: what will be submitted and who acts for the resident, paged like the
    /// check-answers screen: Enter shows the next page, and agrees only on the last, after what
    /// the personal information is for.
    private func consentContent(_ s: Strings, _ around: Surroundings, spoken: Bool) -> ScreenContent {
        guard let helper = around.helper else { return ScreenContent(title: "") }
        let items = reviewItems(today: around.today)
        let paging = around.paging(items.count)
        let answers = paging.slice(items).map { label(of: .change($0), s, around, spoken: spoken) }
        let who = s.tr(.assistedWho(helper: helper.name, service: session.service.title.resolve(around.locale)))
        // 返回 says no on the first page only; on a later page it turns back, and the words say so,
        // in a line of their own.
        let agree = paging.page == 0 ? [s.tr(.assistedAsk)] : [s.tr(.assistedAgree), s.tr(.assistedAskLater)]
        let information = personalInformation(s, around.locale)
        let purposes = paging.isLast && !information.isEmpty ? [s.tr(.assistedPurposes)] + information : []
        return ScreenContent(title: s.tr(.assistedTitle),
                             paragraphs: (paging.page == 0 ? [who] : []) + answers + purposes + (paging.isLast ? agree : []),
                             keyHints: [paging.isLast ? .enterAgree : .enterNextPage] + hideKey(today: around.today)
                                + [paging.page == 0 ? .backDisagree : .backPage])
    }

    /// The question on screen, chosen or typed: what is typed into it is said as its kind asks.
    var questionField: Field? {
        guard case let .question(fid)? = page else { return nil }
        return session.service.field(id: fid)
    }

    /// The step takes typed text: a question not answered by choosing (or 其他 chosen).
    var takesText: Bool {
        guard let field = questionField else { return false }
        return !field.type.isChoice && (field.suggestions.isEmpty || writingOther)
    }

    /// Enter goes on from this step (see `WizardState.enterMovesOn`): on a material or a question
    /// answered by choosing, only once something is chosen, or when the question may be skipped.
    func enterMovesOn(today: CivilDate) -> Bool {
        switch step {
        case let .page(.material(mid)): return session.materials[mid] != nil
        case let .page(.question(fid)):
            guard let field = session.service.field(id: fid), !takesText else { return true }
            return session.answers[fid] != nil || !session.requires(field, today: today)
        case .saving: return false
        default: return true
        }
    }

    /// The answers are being checked, by the resident (核对) or for the helper (请您本人确认).
    var isCheckingAnswers: Bool { page == .review || step == .residentConsent }

    // MARK: its options

    func label(of choice: Choice, _ s: Strings, _ around: Surroundings, spoken: Bool) -> String {
        let l = around.locale
        switch choice {
        case let .answer(value):
            guard case let .question(fid)? = page, let field = session.service.field(id: fid) else { return "" }
            return display(value, Field(id: fid, type: field.type, label: field.label, required: true, sensitive: false,
                                        options: field.options), s, l)
        case let .suggestion(i):
            guard case let .question(fid)? = page, let field = session.service.field(id: fid),
                  field.suggestions.indices.contains(i) else { return "" }
            return field.suggestions[i].resolve(l)
        case .writeOther: return s.tr(.answerWriteOther)
        case .material(.provided): return s.tr(.materialProvided)
        case .material(.deferred):
            return around.helper == nil || step == .residentConsent ? s.tr(.materialDeferred) : s.tr(.materialDeferredHelper)
        case .material(.notApplicable): return s.tr(.materialNotApplicable)
        case .consent: return s.tr(.privacyAgree)
        case let .change(.material(mid)):
            let title = session.service.materials.first { $0.id == mid }?.title.resolve(l) ?? mid
            let chosen = session.materials[mid].map { label(of: .material($0), s, around, spoken: spoken) } ?? ""
            return s.tr(.reviewItem(label: title, answer: chosen))
        case let .change(.question(fid)):
            guard let field = session.service.field(id: fid) else { return fid }
            let name = field.label.resolve(l)
            guard let answer = session.answers[fid] else {
                // Left empty: on the check-answers screen its own number fills it in.
                let all = page == .review ? choices(today: around.today) : []
                let shown = around.paging(all.count).slice(all)
                guard let number = shown.firstIndex(of: choice).map({ $0 + 1 }) else { return s.tr(.reviewNotFilled(label: name)) }
                return s.tr(.reviewSkipped(label: name, number: "\(number)"))
            }
            return s.tr(.reviewItem(label: name, answer: display(answer, field, s, l, spoken: spoken, checking: true)))
        default:
            return ""
        }
    }

    func isSelected(_ choice: Choice) -> Bool {
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

    /// An answer as the screen shows it: option labels, 是/否, masked when sensitive
    /// (for speech, masked down to the last four characters).
    ///
    /// `checking`: the check-answers and consent screens, where residents must recognise what
    /// they submit: there only identity and phone numbers stay masked (first and last four), and
    /// the rest is shown in full unless the resident hid it from the room (`*`, 遮住).
    private func display(_ answer: JSONValue, _ field: Field, _ s: Strings, _ locale: String, spoken: Bool = false, checking: Bool = false) -> String {
        let masked = field.sensitive && (spoken || !checking || answersHidden || field.showsEndsOnly)
        if masked, field.type.isChoice { return Mask.value("", type: field.type) }
        switch answer {
        case let .bool(b): return b ? s.tr(.answerYes) : s.tr(.answerNo)
        case let .string(v) where field.type == .choice:
            return field.options.first { $0.value == v }?.label.resolve(locale) ?? v
        default:
            let text = answer.stringValue ?? answer.encoded()
            if masked { return spoken ? Mask.spoken(text, type: field.type) : Mask.value(text, type: field.showsEndsOnly && field.type == .text ? .idNumber : field.type) }
            if field.type == .date, let day = CivilDate(text) { return day.display(s) }
            return text + (field.unit.map { " " + $0.resolve(locale) } ?? "")
        }
    }

    /// 遮住/显示 on the screens that check answers, when some answer is shown in full that the
    /// room need not see (an amount, a card number).
    private func hideKey(today: CivilDate) -> [KeyHint] {
        canHideAnswers(today: today) ? [answersHidden ? .starShow : .starHide] : []
    }

    func canHideAnswers(today: CivilDate) -> Bool {
        guard isCheckingAnswers else { return false }
        return session.relevantFields(today: today).contains {
            $0.sensitive && !$0.showsEndsOnly && session.answers[$0.id] != nil
        }
    }
}
