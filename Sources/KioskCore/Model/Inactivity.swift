import Foundation

/// The inactivity rules, the same for every front end (README.md, "Inactivity": say at the start
/// how long the kiosk waits, warn at least 30 seconds before clearing, any key extends, clearing
/// wipes the screen and all answers). The runtime sends `.tick` every second or so; the time is
/// the action's, so tests move it without waiting.
extension WizardState {
    /// The warning comes this long before the screen clears.
    public static let inactivityWarningSeconds = 30
    /// The warning's seconds go down in steps of this many, so that nothing on the screen changes
    /// every second while a resident reads.
    static let inactivityWarningStep = 10
    /// How long the screen that asks a resident to wait for staff (F1) holds their answers.
    public static let staffWaitSeconds = 600

    /// How often a submission whose resident has gone is tried again, and how often staff may be called.
    public static let unsavedRetrySeconds: TimeInterval = 60
    public static let staffCallSeconds: TimeInterval = 60

    /// Whether the clock runs: not on the empty home screen (unless a helper is logged in, who is
    /// logged out when they walk away, or a resident changed the layout, language or voice there
    /// and left), and not while a confirmed submission is being written. It runs while a failed
    /// save waits, so that nobody after the resident finds their answers.
    var inactivityClockRuns: Bool {
        !(isEmptyHome && helper == nil && !differsFromSetup) && step != .saving
    }

    /// Care mode, the language or the voice is not as the kiosk is set up (F2, F4).
    var differsFromSetup: Bool {
        careMode != setup.careMode || locale != setup.locale || speechVoice != setup.speechVoice
    }

    mutating func noteActivity(_ now: Date) {
        lastActivity = now
        inactivityWarning = nil
    }

    /// How long check answers shows a sensitive answer in full to nobody pressing a key: then it is
    /// masked as on the question screens (* shows it again), long before the clear at 120 s.
    public static let checkAnswersQuietSeconds: TimeInterval = 30

    /// How long a notice banner stays on the screen.
    public static let noticeSeconds: TimeInterval = 15

    mutating func passTime(_ now: Date, _ context: Context) -> [Effect] {
        expireNotice(now)
        let retries = retryUnsaved(now)
        guard inactivityClockRuns, let last = lastActivity else {
            noteActivity(now)
            return retries
        }
        return retries + inactivityRules(now, since: last, context)
    }

    private mutating func expireNotice(_ now: Date) {
        guard notice != nil, let shown = noticeShownAt else { return }
        if now.timeIntervalSince(shown) >= Self.noticeSeconds { notice = nil }
    }

    /// Submissions whose resident has gone are written again every minute until the disk takes them.
    private mutating func retryUnsaved(_ now: Date) -> [Effect] {
        guard !unsaved.isEmpty else { return [] }
        if let tried = unsavedTriedAt, abs(now.timeIntervalSince(tried)) < Self.unsavedRetrySeconds { return [] }
        unsavedTriedAt = now
        return unsaved.map(Effect.enqueue)
    }

    private mutating func inactivityRules(_ now: Date, since last: Date, _ context: Context) -> [Effect] {
        if isEmptyHome, helper == nil {
            // Nothing to clear, only the settings someone chose and left: they come back quietly,
            // without a warning that something would be cleared.
            if now.timeIntervalSince(last) >= Double(inactivityTimeout) {
                returnToSetup()
                noteActivity(now)
            }
            return []
        }
        if case let .helperLogin(room) = screen, now.timeIntervalSince(last) >= Double(Self.helperLoginIdleSeconds) {
            if room.isChecking { return [] } // a PIN check under way finishes first
            goHome()
            noteActivity(now)
            return []
        }
        if overlay == .staffCalled {
            // The resident was told to wait for staff: nothing is cleared under them for ten
            // minutes. Then the question comes back, with the warning, as after any long pause.
            guard now.timeIntervalSince(last) >= Double(Self.staffWaitSeconds) else { return [] }
            overlay = nil
            lastActivity = now.addingTimeInterval(Double(Self.inactivityWarningSeconds - inactivityTimeout))
            inactivityWarning = Self.inactivityWarningSeconds
            return []
        }
        if canHideAnswers, !answersHidden, now.timeIntervalSince(last) >= Self.checkAnswersQuietSeconds {
            answersHidden = true
            say(.wholeScreen) // the page read again as it now is, as after any change of screen
        }
        let left = Double(inactivityTimeout) - now.timeIntervalSince(last)
        if left <= 0 {
            let unsavedBefore = unsaved.count
            var effects = clearForNextResident(now)
            // The resident left a confirmed submission that is not on disk yet: staff must come.
            if unsaved.count > unsavedBefore { effects += callStaff(context) }
            return effects
        }
        if left <= Double(Self.inactivityWarningSeconds) {
            let step = Double(Self.inactivityWarningStep)
            inactivityWarning = Int((left / step).rounded(.up) * step)
        }
        return []
    }

    /// Whether the screen holds something the resident typed or chose, which clearing wipes. Not
    /// the confirmation or the rating: the submission is saved, and clearing only goes home.
    var holdsResidentAnswers: Bool {
        switch screen {
        case .service, .progress, .helperLogin, .dashboard: return true
        case .home, .category, .needsNetwork, .receipt: return false
        }
    }

    /// The warning before the clear, in words that say what the clear does on this screen.
    func inactivityWarningText(_ seconds: Int, _ s: Strings) -> String {
        holdsResidentAnswers ? s.tr(.noticeInactivityWarning(seconds: "\(seconds)"))
            : s.tr(.noticeInactivityWarningNothingFilled(seconds: "\(seconds)"))
    }

    /// Forgets the resident: home, no answers, and the kiosk as it is set up. A helper who walked
    /// away is logged out too. "Cleared" is said on the home screen only when there was something.
    mutating func clearForNextResident(_ now: Date) -> [Effect] {
        let cleared = holdsResidentAnswers
        goHome()
        noteActivity(now)
        notice = cleared ? .cleared : nil
        returnToSetup()
        guard let helper else { return [] }
        logOutHelper()
        return [.audit(.logout(helperID: helper.id))]
    }

    /// The next resident starts as the kiosk is set up: care mode, language and voice as
    /// configured, whatever the last resident chose with F2 and F4.
    mutating func returnToSetup() {
        careMode = setup.careMode
        locale = setup.locale
        speechVoice = setup.speechVoice
    }
}
