import Foundation

/// A helper logs in, as a screen family: their number, then their PIN, which the runtime checks
/// (`.checkHelper`, slow on purpose); a refusal is shown on the number's step until the next try.
/// The counts of wrong PINs belong to the kiosk (`LoginGuard`, kept in the data folder): the room
/// reads them and is handed them to count a refusal, never anything else of the model.
public struct HelperLoginRoom: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        case id
        case pin(helperID: String)
        /// The PIN is being checked (PBKDF2 takes a moment, off the screen's thread).
        case checking(helperID: String)
    }

    public internal(set) var step: Step = .id
    /// Why the last try was refused, in terms the helper can act on.
    public internal(set) var refusal: HelperRefusal?

    /// A helper number is 1 to 8 digits; the field takes no more, so nothing longer (an identity
    /// number typed by mistake) is ever shown, spoken or written down.
    static let longestHelperID = 8

    var isChecking: Bool {
        if case .checking = step { return true }
        return false
    }

    // MARK: its reducer

    /// Enter: the number, then the PIN; a PIN for a number the guard has locked is not checked.
    mutating func confirm(_ input: String, _ loginGuard: LoginGuard, at now: Date) -> RoomOutcome {
        let typed = input.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return .refuse(.required) }
        switch step {
        case .id:
            guard typed.allSatisfy({ ("0"..."9").contains($0) }) else { return .clear(.digitsOnly) }
            refusal = nil
            step = .pin(helperID: typed)
            return .stay([])
        case let .pin(helperID):
            switch loginGuard.check(helperID, now: now) {
            case .allowed: break
            case let .locked(seconds):
                refuse(.locked(minutesLeft: (seconds + 59) / 60))
                return .stay([])
            case let .kioskLocked(seconds):
                refuse(.kioskLocked(minutesLeft: (seconds + 59) / 60))
                return .stay([])
            }
            step = .checking(helperID: helperID)
            return .stay([.checkHelper(id: helperID, pin: typed)])
        case .checking:
            return .stay([])
        }
    }

    /// What the PIN check came to, for the top-level model: a helper to log in, or a refusal the
    /// room now shows; with what the runtime must do either way.
    enum Checked: Equatable {
        case loggedIn(HelperSession, [Effect])
        case refused([Effect])
    }

    /// The PIN check came back: the login guard counts wrong PINs and numbers that are no
    /// helper's alike, the audit trail hears of each, and the counts are kept in the data folder.
    /// Nil when no check was waiting (the helper had gone).
    mutating func checked(_ check: HelperCheck, _ loginGuard: inout LoginGuard, at now: Date) -> Checked? {
        guard case let .checking(helperID) = step else { return nil }
        step = .id
        if case let .verified(session) = check {
            loginGuard.succeeded(helperID)
            refusal = nil
            return .loggedIn(session, [.keepLoginGuard(loginGuard), .audit(.login(helperID: session.id))])
        }
        // An unknown number is not named in the audit trail (it may be something else typed by
        // mistake); its count is kept like any number's (`login-guard.json`, at most 8 digits).
        let known = check != .unknownHelper ? helperID : nil
        var lockout: [Effect] = []
        switch loginGuard.failed(helperID, now: now) {
        case let .triesLeft(left):
            refusal = .wrongPIN(triesLeft: left)
        case .locked:
            refusal = .locked(minutesLeft: Int(LoginGuard.lockSeconds / 60))
            if let known { lockout = [.audit(.lockout(helperID: known, seconds: Int(LoginGuard.lockSeconds)))] }
        case .kioskLocked:
            refusal = .kioskLocked(minutesLeft: Int(LoginGuard.kioskLockSeconds / 60))
            lockout = [.audit(.lockout(helperID: nil, seconds: Int(LoginGuard.kioskLockSeconds)))]
        }
        return .refused([.keepLoginGuard(loginGuard), .audit(.failedPIN(helperID: known))] + lockout)
    }

    private mutating func refuse(_ why: HelperRefusal) {
        refusal = why
        step = .id
    }

    // MARK: its content

    func content(_ s: Strings, _ around: Surroundings) -> ScreenContent {
        var c = ScreenContent(title: s.tr(.helperLoginTitle), keyHints: [.typeThenEnter, .back])
        switch step {
        case .id:
            c.question = s.tr(.helperAskId)
            c.input = around.input
        case .pin:
            c.question = s.tr(.helperAskPin)
            c.input = String(repeating: "•", count: around.input.count)
        case .checking:
            c.question = s.tr(.helperChecking)
        }
        c.paragraphs = refusal.map { [refusalText($0, s)] } ?? []
        return c
    }

    private func refusalText(_ refusal: HelperRefusal, _ s: Strings) -> String {
        switch refusal {
        case let .wrongPIN(left): return s.tr(.helperWrongPin(left: "\(left)"))
        case let .locked(minutes): return s.tr(.helperLocked(minutes: "\(minutes)"))
        case let .kioskLocked(minutes): return s.tr(.helperKioskLocked(minutes: "\(minutes)"))
        }
    }
}
