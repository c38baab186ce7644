import Foundation

/// What a screen family's reducer decided about a key or a result: the family changes itself (it
/// is `inout`), and says whether the kiosk stays on its screen, leaves it for home, or only shows
/// an error. The top-level reducer follows it (`follow`): a family never touches the rest of the model.
enum RoomOutcome: Equatable {
    /// On the family's screen, changed or not, with what the runtime must do.
    case stay([Effect])
    /// Done here: the kiosk goes home.
    case leave
    /// Nothing changed but this error, shown on the family's screen.
    case refuse(ValidationError)
}

extension WizardState {
    /// Carries out what a screen family decided; `screen` is the family's screen as it now is.
    mutating func follow(_ outcome: RoomOutcome, showing next: Screen) -> [Effect] {
        switch outcome {
        case let .stay(effects):
            if next != screen { show(next) }
            return effects
        case .leave:
            goHome()
            return []
        case let .refuse(e):
            error = e
            return []
        }
    }
}
