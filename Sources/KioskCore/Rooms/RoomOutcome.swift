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
    /// What was typed is thrown away, and this error shown: it cannot be right, and is not kept
    /// on screen (a helper number holds digits alone).
    case clear(ValidationError)
}
