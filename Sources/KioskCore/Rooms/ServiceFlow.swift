import Foundation

/// What the service's own reducer decided about a key; the top-level reducer carries it out
/// (`follow`), since the field, the page of options, care mode and the notice belong to the whole
/// screen, not to the service.
struct VisitOutcome: Equatable {
    enum Move: Equatable {
        /// The same step, changed in place or not: what is typed and the page of answers stay.
        case stay
        /// Another step of the service is shown: its field empty, its options from the first page.
        case turn
        /// Another page of the answers being checked: Enter forward (+1), 返回 back (−1).
        case answerPage(Int)
        /// Done: the kiosk goes home.
        case home
        /// 返回 on the introduction: back to the service's category, the answers kept until the
        /// resident opens it again or another service (`parked`).
        case park
    }

    /// 帮办代办: the screen turns to the resident for their consent, in care mode, or back to the
    /// helper in the layout they had.
    enum HandOver: Equatable {
        case toResident
        case toHelper
    }

    var move: Move
    var effects: [Effect] = []
    /// Shown on the step the move leaves the resident on.
    var error: ValidationError?
    var handOver: HandOver?
    var notice: Notice?

    static let stay = VisitOutcome(move: .stay)
    static let turn = VisitOutcome(move: .turn)
    static func refuse(_ error: ValidationError) -> VisitOutcome { VisitOutcome(move: .stay, error: error) }
}

// The wizard's flow: one service's pages in order, and what Enter, 返回 and a numbered option do on
// each. Everything it reads of the kiosk around it comes in `Surroundings`.
extension ServiceVisit {
    /// The pages of the service in order, given the answers so far.
    func pages(today: CivilDate) -> [Page] {
        var pages: [Page] = [.intro]
        let fields = session.relevantFields(today: today)
        let asked = session.askedMaterials(among: fields, today: today)
        // Materials for everyone first; those that depend on answers after the questions.
        pages += asked.filter { $0.relevant == nil }.map { .material($0.id) }
        for field in fields {
            if field.sensitive, !pages.contains(.privacy) { pages.append(.privacy) }
            pages.append(.question(field.id))
        }
        pages += asked.filter { $0.relevant != nil }.map { .material($0.id) }
        pages.append(.review)
        return pages
    }

    /// Pages of the check-answers screen that can be changed: materials chosen, and every question
    /// that applies, answered or left empty (an optional one can be filled in from here).
    func reviewItems(today: CivilDate) -> [Page] {
        let fields = session.relevantFields(today: today)
        let materials = session.askedMaterials(among: fields, today: today).filter { session.materials[$0.id] != nil }
        return materials.map { Page.material($0.id) } + fields.map { Page.question($0.id) }
    }

    /// Another page of the service, its field empty (a text field again, not 其他's).
    mutating func show(_ page: Page) {
        step = .page(page)
        writingOther = false
    }

    // MARK: Enter

    mutating func confirm(_ around: Surroundings, _ context: Context) -> VisitOutcome {
        switch step {
        case .saving:
            return .stay // the write answers first
        case .ineligible:
            return VisitOutcome(move: .home)
        case .page(.intro):
            advance(today: around.today)
            return .turn
        case let .page(.material(mid)):
            guard session.materials[mid] != nil else { return .refuse(.chooseAnOption) }
            advance(today: around.today)
            return .turn
        case .page(.privacy):
            // 确认 agrees, as its button says, like the numbered option.
            return choose(.consent, around, context)
        case let .page(.question(fid)):
            return confirmQuestion(fid, around, context)
        case .page(.review):
            if !around.paging(reviewItems(today: around.today).count).isLast { return VisitOutcome(move: .answerPage(1)) }
            if around.helper != nil, session.residentConsentAt == nil {
                // The resident is asked only about what will really be queued.
                if let stopped = stopsBeforeSubmitting(around) { return stopped }
                step = .residentConsent
                return VisitOutcome(move: .turn, handOver: .toResident)
            }
            return submit(around, context)
        case .residentConsent:
            if !around.paging(reviewItems(today: around.today).count).isLast { return VisitOutcome(move: .answerPage(1)) }
            // The resident agrees, with 确认 as the screen says; the receipt and what follows are
            // theirs, in care mode, until the kiosk goes home.
            session.residentConsentAt = context.moment
            return submit(around, context)
        case .saveFailed:
            guard let pending = session.pending else { return VisitOutcome(move: .home) }
            step = .saving
            return VisitOutcome(move: .turn, effects: [.enqueue(pending)])
        }
    }

    private mutating func confirmQuestion(_ fid: String, _ around: Surroundings, _ context: Context) -> VisitOutcome {
        guard let field = session.service.field(id: fid) else { return .stay }
        let typed = around.input.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty {
            // Enter on an empty field keeps an earlier answer, skips an optional one.
            guard session.answers[fid] != nil || !session.requires(field, today: around.today) else {
                return .refuse(field.type.isChoice ? .chooseAnOption : .required)
            }
            session.visited.insert(fid)
            advance(today: around.today)
            return .turn
        }
        switch FieldValidator.validate(field, input: session.completing(field, typed: typed), today: around.today) {
        case let .success(value): return accept(value, for: fid, around)
        case let .failure(e): return .refuse(e)
        }
    }

    // MARK: a numbered option

    /// The options of the service's step that the resident chooses among, before paging.
    func choices(today: CivilDate) -> [Choice] {
        switch step {
        case let .page(.material(mid)):
            guard let m = session.service.materials.first(where: { $0.id == mid }) else { return [] }
            var options: [Choice] = [.material(.provided)]
            if m.deferrable { options.append(.material(.deferred)) }
            if !m.required { options.append(.material(.notApplicable)) }
            return options
        case .page(.privacy): return [.consent]
        case let .page(.question(fid)):
            guard let field = session.service.field(id: fid) else { return [] }
            switch field.type {
            case .choice: return field.options.map { .answer(.string($0.value)) }
            case .yesNo: return [.answer(.bool(true)), .answer(.bool(false))]
            case .text where !field.suggestions.isEmpty && !writingOther:
                return field.suggestions.indices.map(Choice.suggestion) + [.writeOther]
            default: return []
            }
        case .page(.review): return reviewItems(today: today).map(Choice.change)
        default: return []
        }
    }

    mutating func choose(_ choice: Choice, _ around: Surroundings, _ context: Context) -> VisitOutcome {
        switch choice {
        case let .answer(value):
            guard case let .question(fid)? = page else { return .stay }
            return accept(value, for: fid, around)
        case let .suggestion(i):
            // The catalog's own words are the answer, in Chinese whatever the screen's language:
            // the portal reads them.
            guard case let .question(fid)? = page, let field = session.service.field(id: fid),
                  field.suggestions.indices.contains(i) else { return .stay }
            return accept(.string(field.suggestions[i].resolve(Catalog.fallbackLocale)), for: fid, around)
        case .writeOther:
            writingOther = true
            return .turn
        case let .material(choice):
            guard case let .material(mid)? = page else { return .stay }
            session.materials[mid] = choice
            session.residentConsentAt = nil
            advance(today: around.today)
            return .turn
        case .consent:
            if session.consentGivenAt == nil { session.consentGivenAt = context.moment }
            advance(today: around.today)
            return .turn
        case let .change(page):
            // Whatever the resident agreed to before no longer stands once something changes.
            session.residentConsentAt = nil
            session.changing = true
            show(page)
            return .turn
        default:
            return .stay // not an option of a service's step
        }
    }

    /// Stores an answer, runs pre-review (预审), and moves on.
    private mutating func accept(_ value: JSONValue, for fid: String, _ around: Surroundings) -> VisitOutcome {
        if let before = session.answers[fid], before != value { session.forgetAnswers(startingWith: fid) }
        session.answers[fid] = value
        session.residentConsentAt = nil
        session.visited.insert(fid)
        if let failed = failingEligibility(around) {
            step = .ineligible(failed.message, fieldID: fid)
        } else {
            advance(today: around.today)
        }
        return .turn
    }

    private func failingEligibility(_ around: Surroundings) -> EligibilityRule? {
        let answers = session.effectiveAnswers(today: around.today)
        return session.service.eligibility.first { rule in
            // With a clock that cannot be right, an age is a guess: nobody is turned away on it.
            rule.require.isDecidable(answers) && !(around.clockSuspect && rule.require.readsAge)
                && !rule.require.holds(answers, today: around.today)
        }
    }

    /// What stops a submission, shown: the pre-check, or an unfinished page; nil when nothing
    /// stands in the way.
    private mutating func stopsBeforeSubmitting(_ around: Surroundings) -> VisitOutcome? {
        if let failed = failingEligibility(around) {
            let fid = failed.require.references.map(Condition.baseField).first ?? ""
            step = .ineligible(failed.message, fieldID: fid)
            return .turn
        }
        // Nothing is queued while a page is unfinished: a material not chosen, the privacy notice
        // not agreed to before a sensitive answer, a required question without an answer.
        guard let unfinished = firstUnfinishedPage(today: around.today) else { return nil }
        session.changing = true
        show(unfinished)
        return VisitOutcome(move: .turn, error: unfinished == .privacy ? .chooseAnOption : .required)
    }

    private mutating func submit(_ around: Surroundings, _ context: Context) -> VisitOutcome {
        if var stopped = stopsBeforeSubmitting(around) {
            session.residentConsentAt = nil
            stopped.handOver = .toHelper
            return stopped
        }
        let notice = session.service.privacy?.version ?? around.catalog.version
        var submission = session.submission(id: context.newID, kioskID: around.kioskID, locale: around.locale,
                                            noticeVersion: notice, at: context.moment, today: around.today, helper: around.helper)
        submission.clockSuspect = around.clockSuspect
        // A submission that failed to save is sent again unchanged: same id, same bytes.
        if let pending = session.pending, pending.body == submission.body { submission = pending }
        session.pending = submission
        step = .saving
        return VisitOutcome(move: .turn, effects: [.enqueue(submission)])
    }

    // MARK: moving between pages

    private func firstUnfinishedPage(today: CivilDate) -> Page? {
        pages(today: today).first { page in
            switch page {
            case let .material(mid): return session.materials[mid] == nil
            case .privacy: return session.consentGivenAt == nil
            case let .question(fid):
                return session.answers[fid] == nil && session.service.field(id: fid).map { session.requires($0, today: today) } == true
            case .intro, .review: return false
            }
        }
    }

    private mutating func advance(today: CivilDate) {
        guard let current = page else { return }
        let pages = pages(today: today)
        let index = pages.firstIndex(of: current) ?? 0
        let rest = pages.dropFirst(index + 1)
        guard session.changing else { show(rest.first ?? .review); return }
        // Back to the check-answers screen, unless the change opened a question not yet seen.
        let unseen = rest.first { page in
            switch page {
            case let .question(fid): return !session.visited.contains(fid)
            case let .material(mid): return session.materials[mid] == nil
            case .privacy: return session.consentGivenAt == nil
            default: return false
            }
        }
        show(unseen ?? .review)
        if unseen == nil { session.changing = false }
    }

    // MARK: 返回

    mutating func goBack(_ around: Surroundings) -> VisitOutcome {
        switch step {
        case .saving:
            return .stay
        case let .ineligible(_, fid):
            show(.question(fid))
            return .turn
        case .page(.intro):
            // One 返回 too many loses nothing: the answers wait until another service is opened,
            // the kiosk goes home or clears.
            return VisitOutcome(move: .park)
        case .page(.question) where writingOther:
            writingOther = false
            return .turn
        case .page(.review) where around.optionPage > 0, .residentConsent where around.optionPage > 0:
            return VisitOutcome(move: .answerPage(-1))
        case let .page(page):
            if session.changing, page != .review {
                session.changing = false
                show(.review)
                return .turn
            }
            let pages = pages(today: around.today)
            let index = pages.firstIndex(of: page) ?? 1
            show(pages[max(index - 1, 0)])
            return .turn
        case .saveFailed:
            show(.review)
            return VisitOutcome(move: .turn, handOver: .toHelper)
        case .residentConsent:
            // 不同意请按返回键, on the first page (later pages go back a page, as when checking
            // answers): the helper is told, and nothing is queued.
            show(.review)
            return VisitOutcome(move: .turn, handOver: .toHelper, notice: .residentDeclined)
        }
    }
}
