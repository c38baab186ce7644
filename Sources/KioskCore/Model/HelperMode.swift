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
        show(.helperLogin(HelperLoginRoom()))
        return []
    }

    /// At the start, before the first action: the counts kept from before a restart.
    public mutating func restore(loginGuard kept: LoginGuard) { loginGuard = kept }

    /// Ends the helper's session: the kiosk goes back to its own care-mode setting.
    mutating func logOutHelper() {
        helper = nil
        careMode = setup.careMode
    }

    /// The PIN check came back: a helper verified is logged in, in the standard layout (helpers
    /// need speed, not care mode); a refusal stays on the login screen, which says why.
    mutating func helperChecked(_ check: HelperCheck, at now: Date) -> [Effect] {
        guard case var .helperLogin(room) = screen, let checked = room.checked(check, &loginGuard, at: now) else { return [] }
        switch checked {
        case let .loggedIn(session, effects):
            helper = session
            careMode = false
            show(.home)
            notice = .helperLoggedIn
            return effects
        case let .refused(effects):
            screen = .helperLogin(room)
            return effects
        }
    }

    /// 帮办代办: the screen turns to the resident for their consent, in care mode, or back to the
    /// helper in the layout they had (`VisitOutcome.HandOver`).
    mutating func hand(over: VisitOutcome.HandOver) {
        switch over {
        case .toResident:
            careModeBeforeConsent = careMode
            careMode = true
        case .toHelper:
            backToHelper()
        }
    }

    mutating func backToHelper() {
        careMode = careModeBeforeConsent ?? careMode
        careModeBeforeConsent = nil
    }
}
