import KioskCore

extension Array where Element == Effect {
    /// Without the tick's look at the world, which comes with every tick whatever else happens.
    var withoutLookingAround: [Effect] { filter { if case .lookAround = $0 { return false } else { return true } } }
}
