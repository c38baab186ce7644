import Foundation

/// 帮办代办: a helper logs in at the kiosk (`/`, `*`, `-` on the home screen's keypad), fills
/// in for a resident in the standard layout, and before anything is queued the screen turns to the
/// resident in care mode, says what will be submitted and who acts for them, and the resident
/// agrees. Such submissions carry channel `assisted`, the helper and `consent.proxy: true`.

public struct HelperSession: Equatable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

public enum HelperLoginStep: Equatable, Sendable {
    case id
    case pin(helperID: String)
    /// The PIN is being checked (PBKDF2 takes a moment, off the screen's thread).
    case checking(helperID: String)
}

/// What the runtime found when it checked a helper's number and PIN.
public enum HelperCheck: Equatable, Sendable {
    case verified(HelperSession)
    case wrongPIN(helperID: String)
    /// No helper has this number.
    case unknownHelper
}

/// Why a login was refused, in terms the helper can act on.
/// A number that is no helper's is refused in the same words as a wrong PIN: the screen never
/// tells which numbers are helpers'.
public enum HelperRefusal: Equatable, Sendable {
    case wrongPIN(triesLeft: Int)
    case locked(minutesLeft: Int)
    /// Ten wrong PINs in ten minutes, at any numbers: no number may log in for a while.
    case kioskLocked(minutesLeft: Int)
}

extension WizardState {
    /// The keypad keys a helper presses in order on the home screen to log in (or out): `/`, `*`,
    /// `-`, the keypad's top row, which a resident has no reason to press and which 返回 and 确认,
    /// pressed again and again, can never make.
    static let helperSequence: [Key] = [.character("/"), .character("*"), .character("-")]

    /// The whole sequence must come within this many seconds.
    static let helperSequenceSeconds: TimeInterval = 5

    /// The login screen goes back home by itself after this many seconds without a key, so that
    /// a resident who landed there is not left in front of it.
    public static let helperLoginIdleSeconds = 10

    /// Called for every key on the home screen; returns effects when the sequence is complete.
    mutating func homeSequence(_ key: Key, at now: Date) -> [Effect]? {
        guard screen == .home, overlay == nil else { helperKeysPressed = 0; return nil }
        let quick = helperKeysStarted.map { now.timeIntervalSince($0) <= WizardState.helperSequenceSeconds } ?? false
        if helperKeysPressed > 0, !quick { helperKeysPressed = 0 }
        guard key == WizardState.helperSequence[helperKeysPressed] else {
            helperKeysPressed = key == WizardState.helperSequence[0] ? 1 : 0
            if helperKeysPressed == 1 { helperKeysStarted = now }
            return key == WizardState.helperSequence[0] ? [] : nil
        }
        if helperKeysPressed == 0 { helperKeysStarted = now }
        helperKeysPressed += 1
        guard helperKeysPressed == WizardState.helperSequence.count else { return [] }
        helperKeysPressed = 0
        if let helper {
            logOutHelper()
            notice = .helperLoggedOut
            return [.audit(.logout(helperID: helper.id))]
        }
        screen = .helperLogin(.id)
        input = ""
        error = nil
        helperRefusal = nil
        return []
    }

    /// Ends the helper's session: the kiosk goes back to its own care-mode setting.
    mutating func logOutHelper() {
        helper = nil
        careMode = setup.careMode
    }

    /// A helper number is 1 to 8 digits; the field takes no more, so nothing longer (an identity
    /// number typed by mistake) is ever shown, spoken or written down.
    static let longestHelperID = 8

    mutating func confirmHelperLogin(_ step: HelperLoginStep, at now: Date) -> [Effect] {
        let typed = input.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { error = .required; return [] }
        if step == .id, !typed.allSatisfy({ ("0"..."9").contains($0) }) {
            input = ""
            error = .digitsOnly
            return []
        }
        input = ""
        error = nil
        switch step {
        case .id:
            helperRefusal = nil
            screen = .helperLogin(.pin(helperID: typed))
            return []
        case let .pin(helperID):
            switch loginGuard.check(helperID, now: now) {
            case .allowed: break
            case let .locked(seconds):
                helperRefusal = .locked(minutesLeft: (seconds + 59) / 60)
                screen = .helperLogin(.id)
                return []
            case let .kioskLocked(seconds):
                helperRefusal = .kioskLocked(minutesLeft: (seconds + 59) / 60)
                screen = .helperLogin(.id)
                return []
            }
            screen = .helperLogin(.checking(helperID: helperID))
            return [.checkHelper(id: helperID, pin: typed)]
        case .checking:
            return []
        }
    }

    /// The PIN check came back: the login guard counts wrong PINs and numbers that are no
    /// helper's alike, the audit trail hears of each, and the counts are kept in the data folder.
    mutating func helperChecked(_ check: HelperCheck, at now: Date) -> [Effect] {
        guard case let .helperLogin(.checking(helperID)) = screen else { return [] }
        screen = .helperLogin(.id)
        if case let .verified(session) = check {
            loginGuard.succeeded(helperID)
            helper = session
            helperRefusal = nil
            careMode = false     // helpers need speed, not care mode
            screen = .home
            notice = .helperLoggedIn
            return [.keepLoginGuard(loginGuard), .audit(.login(helperID: session.id))]
        }
        // An unknown number is not named in the audit trail (it may be something else typed by
        // mistake); its count is kept like any number's (`login-guard.json`, at most 8 digits).
        let known = check != .unknownHelper ? helperID : nil
        var lockout: [Effect] = []
        switch loginGuard.failed(helperID, now: now) {
        case let .triesLeft(left):
            helperRefusal = .wrongPIN(triesLeft: left)
        case .locked:
            helperRefusal = .locked(minutesLeft: Int(LoginGuard.lockSeconds / 60))
            if let known { lockout = [.audit(.lockout(helperID: known, seconds: Int(LoginGuard.lockSeconds)))] }
        case .kioskLocked:
            helperRefusal = .kioskLocked(minutesLeft: Int(LoginGuard.kioskLockSeconds / 60))
            lockout = [.audit(.lockout(helperID: nil, seconds: Int(LoginGuard.kioskLockSeconds)))]
        }
        return [.keepLoginGuard(loginGuard), .audit(.failedPIN(helperID: known))] + lockout
    }

    /// Enter on the check-answers screen while a helper acts: first the resident's own consent,
    /// from its first page whatever page the helper was on: that page names who acts for them.
    mutating func turnToResident() {
        careModeBeforeConsent = careMode
        careMode = true
        visit?.step = .residentConsent
        optionPage = 0
        focus = nil
        error = nil
    }

    mutating func backToHelper() {
        careMode = careModeBeforeConsent ?? careMode
        careModeBeforeConsent = nil
    }

    func helperContent(_ s: Strings, spoken: Bool) -> ScreenContent? {
        switch screen {
        case let .helperLogin(step):
            var c = ScreenContent(title: s.tr(.helperLoginTitle), keyHints: [.typeThenEnter, .back])
            switch step {
            case .id:
                c.question = s.tr(.helperAskId)
                c.input = input
            case .pin:
                c.question = s.tr(.helperAskPin)
                c.input = String(repeating: "•", count: input.count)
            case .checking:
                c.question = s.tr(.helperChecking)
            }
            c.paragraphs = helperRefusal.map { [refusalText($0, s)] } ?? []
            return c
        case .service(let visit) where visit.step == .residentConsent:
            guard let helper else { return nil }
            let session = visit.session
            // Paged like the check-answers screen: Enter shows the next page, and agrees only on the last.
            let answers = onPage(reviewItems).map { label(of: .change($0), s, spoken: spoken) }
            let who = s.tr(.assistedWho(helper: helper.name, service: session.service.title.resolve(locale)))
            // 返回 says no on the first page only; on a later page it turns back, and the words say so,
            // in a line of their own.
            let agree = optionPage == 0 ? [s.tr(.assistedAsk)] : [s.tr(.assistedAgree), s.tr(.assistedAskLater)]
            return ScreenContent(title: s.tr(.assistedTitle),
                                 paragraphs: (optionPage == 0 ? [who] : []) + answers + (isLastPage ? agree : []),
                                 keyHints: [isLastPage ? .enterAgree : .enterNextPage] + hideKey
                                    + [optionPage == 0 ? .backDisagree : .backPage])
        default:
            return nil
        }
    }

    private func refusalText(_ refusal: HelperRefusal, _ s: Strings) -> String {
        switch refusal {
        case let .wrongPIN(left): return s.tr(.helperWrongPin(left: "\(left)"))
        case let .locked(minutes): return s.tr(.helperLocked(minutes: "\(minutes)"))
        case let .kioskLocked(minutes): return s.tr(.helperKioskLocked(minutes: "\(minutes)"))
        }
    }
}
