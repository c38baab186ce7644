/// What a service's pages say: its introduction, materials, privacy notice, each question and the
/// check-answers page, and how an answer is shown (masked when sensitive).
extension WizardState {
    func serviceContent(_ visit: ServiceVisit, _ s: Strings, spoken: Bool) -> ScreenContent {
        switch visit.step {
        case let .page(page):
            return wizardContent(page, s, spoken: spoken)
        case .residentConsent:
            return helperContent(s, spoken: spoken) ?? ScreenContent(title: "")
        case let .ineligible(message, _):
            return ScreenContent(title: s.tr(.ineligibleTitle), paragraphs: [message.resolve(locale), s.tr(.ineligibleNothingQueued)],
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

    func wizardContent(_ page: Page, _ s: Strings, spoken: Bool) -> ScreenContent {
        guard let session else { return ScreenContent(title: "") }
        let l = locale
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
                    return "· " + m.title.resolve(l) + note
                }
            }
            // A keypad cannot write: say so before the resident starts, and who can.
            let writing = service.orderedFields.filter { $0.field.needsWriting && $0.field.required }
            let always = writing.filter { $0.step.relevant == nil && $0.field.relevant == nil }.count
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
            c.paragraphs += service.orderedFields.filter { $0.field.sensitive }.map { f in
                "· " + (f.field.name ?? f.field.label).resolve(l) + (f.field.purpose.map { s.tr(.privacyPurposeSeparator) + $0.resolve(l) } ?? "")
            }
            c.paragraphs.append(s.tr(.privacyRights))
            c.keyHints = [.enterAgree, .backDisagree]
        case let .question(fid):
            guard let field = service.field(id: fid) else { return c }
            let questions = wizardPages.filter { if case .question = $0 { return true }; return false }
            if let n = questions.firstIndex(of: page) {
                c.progress = s.tr(.progress(step: "\(n + 1)", steps: "\(questions.count)"))
            }
            c.question = field.label.resolve(l) + (field.required ? "" : s.tr(.questionOptional))
            // The unit follows the hint as its own bracket ("……没有收入就输入0。（单位：元）"), so that
            // wrapping never parts 单 from 位.
            c.hint = [field.hint?.resolve(l), field.unit.map { s.tr(.questionUnit(unit: $0.resolve(l))) }]
                .compactMap { $0 }.joined().trimmingCharacters(in: .whitespaces)
            if c.hint?.isEmpty == true { c.hint = nil }
            if acceptsText {
                if writingOther { c.hint = s.tr(.questionWriteOtherHint) }
                if let answer = session.answers[fid] {
                    c.currentAnswer = s.tr(.questionCurrentAnswer(answer: display(answer, field, s, spoken: spoken)))
                }
                c.input = input
                c.keyHints = [.typeThenEnter, .backspace, .back]
                if field.needsWriting { c.keyHints.append(.callStaff) }
            } else {
                c.keyHints = [.chooseNumber, .back]
            }
        case .review:
            c.title = s.tr(.reviewTitle)
            c.question = s.tr(.reviewQuestion)
            c.keyHints = [isLastPage ? .enterSubmit : .enterNextPage, .changeNumber]
                + hideKey + [.back]
        }
        return c
    }

    /// An answer as the screen shows it: option labels, 是/否, masked when sensitive
    /// (for speech, masked down to the last four characters).
    ///
    /// `checking`: the check-answers and consent screens, where residents must recognise what
    /// they submit: there only identity and phone numbers stay masked (first and last four), and
    /// the rest is shown in full unless the resident hid it from the room (`*`, 遮住).
    func display(_ answer: JSONValue, _ field: Field, _ s: Strings, spoken: Bool = false, checking: Bool = false) -> String {
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
    var hideKey: [KeyHint] {
        canHideAnswers ? [answersHidden ? .starShow : .starHide] : []
    }

    public var canHideAnswers: Bool {
        guard isCheckingAnswers, let session else { return false }
        return session.relevantFields(today: today).contains {
            $0.sensitive && !$0.showsEndsOnly && session.answers[$0.id] != nil
        }
    }
}
