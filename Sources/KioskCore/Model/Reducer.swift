import Foundation

/// What the runtime must do after an action. The core never touches disk, terminal or clock.
public enum Effect: Equatable, Sendable {
    /// Write durably, then answer with `.saved` (or `.saveFailed`).
    case enqueue(Submission)
    case record(Record)
    /// Draw (or print) the current screen again in full (F3); with speech on, a `.speak` beside it says it.
    case repeatPrompt
    /// Ring the terminal bell (staff called).
    case bell
    /// Check a helper's PIN (slow on purpose: PBKDF2); answer with `.helperChecked`.
    case checkHelper(id: String, pin: String)
    /// Keep the wrong-PIN counts in the data folder, so that a restart does not clear them.
    case keepLoginGuard(LoginGuard)
    /// A line for the audit trail.
    case audit(AuditEvent)
    /// Read the queue for the dashboard (answered with `.dashboardLoaded`), or act on it (answered
    /// with `.dashboardDone`).
    case dashboard(DashboardCommand)
    /// Look up the submissions of this identity number, on disk and at the portal; answer with `.progressFound`.
    case findProgress(identityNumber: String)
    /// What the resident should hear of this action's changes, in the order they were made;
    /// worded from the model by `voiced` (the runtime), never inside the reducer.
    case announce([Announcement])
    /// Say this, replacing whatever is being said.
    case speak(Utterance)
    /// The catalog's own readings of its words, for the speaker from now on.
    case pronounce(CatalogReadings)
    /// Time passed: look at the world (waiting items, the sender, a downloaded catalog) and post
    /// whatever differs from what the kiosk knows of it.
    case lookAround(KnownFacts)
    /// Be silent now (any key interrupts speech).
    case stopSpeech
}

extension WizardState {
    /// The single entry point: apply one action, return what the runtime must do.
    public mutating func reduce(_ action: Action, _ context: Context) -> [Effect] {
        said = []
        defer { said = [] } // nothing of one action's announcements is left in the model for the next
        let effects = apply(action, context)
        // A notice is timed from the action that put it up (Inactivity.expireNotice).
        if notice != nil, noticeShownAt == nil { noticeShownAt = context.moment.date }
        // What to say goes first: a save answered at once must not be talked over by "正在保存".
        return said.isEmpty ? effects : [.announce(said)] + effects
    }

    /// Adds to what this action asks to be said; a whole screen is asked for once.
    mutating func say(_ announcement: Announcement) {
        guard !said.contains(announcement) else { return }
        said.append(announcement)
    }

    private mutating func apply(_ action: Action, _ context: Context) -> [Effect] {
        setClock(context.moment.civilDate)
        switch action {
        case let .key(key): return press(key, context)
        case let .typeLine(line):
            noteActivity(context.moment.date)
            notice = nil
            guard acceptsText else {
                if !choices.isEmpty { error = .chooseAnOption }
                return []
            }
            guard TextLimit.fits(line, characters: inputLimit) else {
                input = ""
                error = .inputTooLong
                return []
            }
            error = nil
            input = line
            return press(.enter, context)
        case let .saved(id):
            if let index = unsaved.firstIndex(where: { $0.id == id }) {
                unsaved.remove(at: index) // a resident who had gone: their submission is safe now
                return []
            }
            guard step == .saving, let session, session.pending?.id == id else { return [] }
            let slip = ConfirmationSlip(session, today: today)
            screen = .receipt(ReceiptRoom(submissionID: id, slip: slip))
            return []
        case let .saveFailed(id, reason):
            guard step == .saving, session?.pending?.id == id else { return [] }
            visit?.step = .saveFailed(reason)
            return []
        case .tick:
            return passTime(context.moment.date, context) + [.lookAround(knownFacts)]
        case .speechStarted:
            say(.wholeScreen)
            return []
        case let .setOnline(online): self.online = online; return []
        case let .setSyncPaused(paused): syncPaused = paused; return []
        case let .progressFound(items):
            guard case var .progress(room) = screen else { return [] }
            room.found(items)
            screen = .progress(room)
            return []
        case let .helperChecked(check): return helperChecked(check, at: context.moment.date)
        case let .dashboardLoaded(view):
            guard helper != nil, case var .dashboard(room) = screen, room.isLoading else { return [] }
            room.loaded(view)
            show(.dashboard(room))
            return []
        case let .dashboardDone(message):
            guard case var .dashboard(room) = screen else { return [] }
            room.done(message)
            screen = .dashboard(room)
            return []
        case let .adoptCatalog(newCatalog):
            guard isEmptyHome else { return [] }
            catalog = newCatalog
            return [.pronounce(newCatalog.readings)]
        case let .setWaitingCount(n): waitingCount = n; return []
        case let .setSpeechTrouble(trouble): speechTrouble = trouble; return []
        case let .setTextPages(count, answersPage):
            let pages = max(1, count), answers = min(max(0, answersPage), pages - 1)
            guard !textPagesReported || pages != textPageCount || answers != textAnswersPage else { return [] }
            // The same screen cut anew (an error under the field, a notice in the legend's row): a
            // resident who was at the question stays at the question, wherever its page is now.
            let atQuestion = textPagesReported && textPage >= textAnswersPage
            textPage = atQuestion ? max(answers, min(textPage - textAnswersPage + answers, pages - 1)) : min(textPage, pages - 1)
            textPageCount = pages
            textAnswersPage = answers
            textPagesReported = true
            return []
        case let .setAnswersPerCarePage(count):
            let fits = min(max(count, 1), WizardState.optionsPerPage)
            guard fits != answersPerCarePage else { return [] }
            answersPerCarePage = fits
            answerPagesResized()
            return []
        }
    }

    private mutating func press(_ key: Key, _ context: Context) -> [Effect] {
        say(.silence) // any key first silences what was being said
        notice = nil
        noteActivity(context.moment.date)
        switch key {
        case .f1:
            focus = nil
            // Held down, F1 repeats: the screen that says staff are coming calls nobody again.
            guard overlay != .staffCalled else { return [] }
            overlay = .staffCalled
            let now = context.moment.date
            if let at = staffCalledAt, now >= at, now.timeIntervalSince(at) < Self.staffCallSeconds {
                staffCalledAlready = true
                return []
            }
            staffCalledAlready = false
            return callStaff(context)
        case .f2:
            careMode.toggle()
            answerPagesResized()
            return []
        case .f3:
            notice = speechTrouble == nil ? .repeating : .cannotRepeat
            say(.wholeScreen)
            return [.repeatPrompt]
        case .f4:
            overlay = .language
            optionPage = 0
            focus = nil
            return []
        default: break
        }
        if let turned = turnTextPage(key) { return turned }
        if let overlay { return pressInOverlay(overlay, key) }
        if let effects = homeSequence(key, at: context.moment.date) { return effects }
        if isCheckingAnswers, key == .character("*") {
            answersHidden.toggle()
            return []
        }
        if textPage < textAnswersPage, key.isDigitOrCharacter {
            // An answer pressed on a page of text before the question: the question's page comes
            // first, so that nothing is chosen unseen; a typed digit is typed there, in sight.
            textPage = textAnswersPage
            guard acceptsText else { return [] }
        }
        if let place = xPlace, case let .character(c) = key, !(c.isASCII && c.isNumber) {
            // Digits and X only: the keypad's `-` or `/` is no part of a number.
            if IdentityNumber.keysForX.contains(c) { typeX(at: place) }
            return []
        }
        if acceptsText, let edited = edit(input, with: key) {
            let fits = TextLimit.fits(edited, characters: inputLimit)
            if fits { say(.typed(before: input)) }
            input = fits ? edited : input
            error = fits ? nil : .inputTooLong
            return []
        }
        switch key {
        case let .digit(d): return chooseByNumber(d, context)
        case .enter:
            // The keypad contract: arrows and Tab move the focus, Enter activates it.
            if let focus, visibleChoices.indices.contains(focus) {
                error = nil
                return choose(visibleChoices[focus], context)
            }
            return confirm(context)
        case .escape: return goBack()
        case .down, .tab: moveFocus(by: 1); return []
        case .up: moveFocus(by: -1); return []
        default: return []
        }
    }

    /// On a text shown a page at a time, Enter turns to the next page and 返回 to the one before,
    /// before either does what it does on the screen (which is on the last page, or the first).
    private mutating func turnTextPage(_ key: Key) -> [Effect]? {
        switch key {
        case .enter where textPage + 1 < textPageCount: textPage += 1
        case .escape where textPage > 0: textPage -= 1
        default: return nil
        }
        return []
    }

    /// A new place, a new layout or language: its text starts at its first page, and how many
    /// pages it has is for the renderer to say again.
    mutating func textStartsOver() {
        textPage = 0
        textPageCount = 1
        textAnswersPage = 0
        textPagesReported = false
    }

    /// Moves the focus over the options on screen, round from the last to the first.
    private mutating func moveFocus(by step: Int) {
        let count = visibleChoices.count
        guard count > 0 else { return }
        focus = ((focus ?? (step > 0 ? -1 : count)) + step + count) % count
    }

    /// A keypad has no X: its `*` (or `.`) types the X that ends about one identity number in
    /// eleven. Where only the last character may be one, an X elsewhere in an identity number is
    /// refused at once with the reason.
    private mutating func typeX(at place: XPlace) {
        if case let .last(length) = place, input.count != length - 1 {
            if length == IdentityNumber.length { error = .idXOnlyLast }
            return
        }
        say(.typed(before: input))
        input += "X"
        error = nil
    }

    /// Typing into a text field; nil when the key is not an editing key.
    private func edit(_ text: String, with key: Key) -> String? {
        switch key {
        case let .digit(d): return text + String(d)
        case let .character(c): return text + String(c)
        case .backspace: return String(text.dropLast())
        default: return nil
        }
    }

    private mutating func pressInOverlay(_ overlay: Overlay, _ key: Key) -> [Effect] {
        switch (overlay, key) {
        case (.language, .down), (.language, .tab):
            moveFocus(by: 1)
            return []
        case (.language, .up):
            moveFocus(by: -1)
            return []
        case (.language, .enter) where focus != nil:
            return pressInOverlay(overlay, .digit(focus! + 1))
        case let (.language, .digit(d)):
            let options = visibleChoices
            guard d >= 1, d <= options.count else { return [] }
            switch options[d - 1] {
            case let .locale(tag): locale = tag
            case let .voice(voice): speechVoice = voice
            default: break
            }
            self.overlay = nil
        case (.language, .enter), (.language, .escape), (.staffCalled, _):
            self.overlay = nil
        default: break
        }
        if self.overlay == nil { focus = nil }
        return []
    }

    /// Rings for staff and tells the portal (a call for staff in the queue and the audit trail).
    mutating func callStaff(_ context: Context) -> [Effect] {
        staffCalledAt = context.moment.date
        let help = Record.helpRequest(id: context.newID, kioskID: kioskID, at: context.moment, serviceID: session?.service.id)
        return [.bell, .record(help), .audit(.helpCall(id: context.newID))]
    }

    // MARK: choosing

    private mutating func chooseByNumber(_ d: Int, _ context: Context) -> [Effect] {
        if d == 0 {
            if optionPageCount > 1 {
                optionPage = (optionPage + 1) % optionPageCount
                focus = nil
            }
            return []
        }
        let visible = visibleChoices
        guard !visible.isEmpty else { return [] }
        // A number longer than an option's is never repeated back: it may be an identity number.
        guard d <= visible.count else { error = (0...99).contains(d) ? .noSuchOption(d) : .chooseAnOption; return [] }
        error = nil
        return choose(visible[d - 1], context)
    }

    private mutating func choose(_ choice: Choice, _ context: Context) -> [Effect] {
        switch choice {
        case let .category(id):
            // A category of one service (证明办理) opens it: a list of one costs a screen and a key.
            let inside = services(inCategory: id)
            if inside.count == 1, let only = inside.first { return choose(.service(only.id), context) }
            show(.category(id))
        case let .service(id):
            guard let service = catalog.service(id: id) else { return [] }
            if service.onlineOnly && !online { show(.needsNetwork(serviceID: id)); return [] }
            // Back into the service just left with 返回: the answers given are still there.
            let resumed = parked?.session.service == service ? parked : nil
            parked = nil
            let visit = resumed ?? ServiceVisit(Session(service: service))
            show(.service(visit))
        case .answer, .suggestion, .writeOther, .material, .consent, .change:
            guard case var .service(visit) = screen else { return [] }
            let outcome = visit.choose(choice, surroundings, context)
            return follow(outcome, in: visit)
        case let .rating(score):
            guard case let .receipt(room) = screen, room.page == .rating else { return [] }
            let rating = room.rate(score, context, kioskID: kioskID)
            goHome()
            notice = .thanksForRating
            return [rating]
        case .progressQuery:
            show(.progress(.asking))
        case .dashboard:
            let (room, effects) = DashboardRoom.opening()
            show(.dashboard(room))
            return effects
        case let .onDashboard(option):
            guard case var .dashboard(room) = screen else { return [] }
            let outcome = room.choose(option, surroundings)
            return follow(outcome, showing: .dashboard(room))
        case .locale, .voice:
            break // only in the language overlay
        }
        return []
    }

    // MARK: Enter

    private mutating func confirm(_ context: Context) -> [Effect] {
        switch screen {
        case .home, .category:
            if !choices.isEmpty { error = .chooseAnOption }
            return []
        case .needsNetwork:
            return goBack()
        case var .service(visit):
            let outcome = visit.confirm(surroundings, context)
            return follow(outcome, in: visit)
        case var .helperLogin(room):
            let outcome = room.confirm(input, loginGuard, at: context.moment.date)
            return follow(outcome, showing: .helperLogin(room))
        case var .dashboard(room):
            let outcome = room.confirm(input)
            return follow(outcome, showing: .dashboard(room))
        case var .progress(room):
            let outcome = room.confirm(input, today: today)
            return follow(outcome, showing: .progress(room))
        case var .receipt(room):
            let outcome = room.next()
            return follow(outcome, showing: .receipt(room))
        }
    }

    /// Esc: one screen back. Returns what that screen needs (the dashboard reloads its list).
    private mutating func goBack() -> [Effect] {
        switch screen {
        case .home:
            return []
        case .category:
            parked = nil // home is where the next resident starts: nothing of this one is kept
            show(.home)
        case let .needsNetwork(sid):
            show(listOrHome(catalog.service(id: sid).map(catalog.group(of:)) ?? WizardState.otherCategoryID))
        case var .service(visit):
            let outcome = visit.goBack(surroundings)
            return follow(outcome, in: visit)
        case var .receipt(room):
            let outcome = room.back()
            return follow(outcome, showing: .receipt(room))
        case var .dashboard(room):
            let outcome = room.back()
            return follow(outcome, showing: .dashboard(room))
        case .progress, .helperLogin:
            goHome()
        }
        return []
    }

    /// Care mode changed, or the screen's room for answers did: the answers being checked start
    /// again from their first page, since the pages are another size now.
    private mutating func answerPagesResized() {
        guard isCheckingAnswers else { return }
        optionPage = 0
        focus = nil
    }

    /// Enter (forward) and Esc (back) between the pages of answers being checked.
    mutating func turnAnswerPage(by step: Int) {
        optionPage = min(max(optionPage + step, 0), optionPageCount - 1)
        focus = nil
        error = nil
    }

    mutating func show(_ next: Screen) {
        screen = next
        optionPage = 0
        focus = nil
        input = ""
        error = nil
    }

    /// Ends the resident's visit: answers are wiped from memory. A confirmed submission that could
    /// not be saved is kept apart (`unsaved`), never shown again, and tried again until it is saved.
    mutating func goHome() {
        if let pending = session?.pending ?? parked?.session.pending, !unsaved.contains(where: { $0.id == pending.id }) {
            unsaved.append(pending)
        }
        let finished: Bool
        if case .receipt = screen { finished = true } else { finished = false }
        overlay = nil
        helperKeysPressed = 0
        parked = nil
        if careModeBeforeConsent != nil {
            backToHelper()
        } else if finished, helper == nil {
            returnToSetup() // the next resident starts as the kiosk is set up
        }
        show(.home)
    }
}
