/// What a service's pages say: its introduction, materials, privacy notice, each question and the
/// check-answers page, and how an answer is shown (masked when sensitive).
extension WizardState {
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
            c.keys = [s.tr(.keysEnterStart), s.tr(.keysBack)]
        case let .material(mid):
            let m = service.materials.first { $0.id == mid }
            c.question = s.tr(.materialQuestion, ["material": m?.title.resolve(l) ?? mid])
            c.hint = m?.hint?.resolve(l)
            c.keys = [s.tr(.keysChooseNumber), s.tr(.keysBack)]
        case .privacy:
            c.title = s.tr(.privacyTitle)
            c.paragraphs = service.privacy.map { [$0.text.resolve(l)] } ?? []
            c.paragraphs.append(s.tr(.privacyCollected))
            c.paragraphs += service.orderedFields.filter { $0.field.sensitive }.map { f in
                "· " + f.field.label.resolve(l) + (f.field.purpose.map { s.tr(.privacyPurposeSeparator) + $0.resolve(l) } ?? "")
            }
            c.paragraphs.append(s.tr(.privacyRights))
            c.keys = [s.tr(.keysChooseNumber), s.tr(.keysBackDisagree)]
        case let .question(fid):
            guard let field = service.field(id: fid) else { return c }
            let questions = wizardPages.filter { if case .question = $0 { return true }; return false }
            if let n = questions.firstIndex(of: page) {
                c.progress = s.tr(.progress, ["step": "\(n + 1)", "steps": "\(questions.count)"])
            }
            c.question = field.label.resolve(l) + (field.required ? "" : s.tr(.questionOptional))
            c.hint = [field.hint?.resolve(l), field.unit.map { s.tr(.questionUnit, ["unit": $0.resolve(l)]) }]
                .compactMap { $0 }.joined(separator: " ")
            if c.hint?.isEmpty == true { c.hint = nil }
            if !field.type.isChoice {
                if let answer = session.answers[fid] {
                    c.currentAnswer = s.tr(.questionCurrentAnswer, ["answer": display(answer, field, s, spoken: spoken)])
                }
                c.input = input
                c.keys = [s.tr(.keysTypeThenEnter), s.tr(.keysBackspace), s.tr(.keysBack)]
            } else {
                c.keys = [s.tr(.keysChooseNumber), s.tr(.keysBack)]
            }
        case .review:
            c.title = s.tr(.reviewTitle)
            c.question = s.tr(.reviewQuestion)
            c.keys = [s.tr(.keysEnterSubmit), s.tr(.keysChangeNumber), s.tr(.keysBack)]
        }
        return c
    }

    /// An answer as the screen shows it: option labels, 是/否, masked when sensitive
    /// (for speech, masked down to the last four characters).
    func display(_ answer: JSONValue, _ field: Field, _ s: Strings, spoken: Bool = false) -> String {
        if field.sensitive, field.type.isChoice { return Mask.value("", type: field.type) }
        switch answer {
        case let .bool(b): return b ? s.tr(.answerYes) : s.tr(.answerNo)
        case let .string(v) where field.type == .choice:
            return field.options.first { $0.value == v }?.label.resolve(locale) ?? v
        default:
            let text = answer.stringValue ?? answer.encoded()
            if field.sensitive { return spoken ? Mask.spoken(text, type: field.type) : Mask.value(text, type: field.type) }
            return text + (field.unit.map { " " + $0.resolve(locale) } ?? "")
        }
    }
}
