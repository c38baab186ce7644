import KioskCore

extension Array where Element == Effect {
    /// Without the tick's look at the world, which comes with every tick whatever else happens.
    var withoutLookingAround: [Effect] { filter { if case .lookAround = $0 { return false } else { return true } } }
    /// The submission these effects queue, if any (what is said comes first).
    var queued: Submission? { lazy.compactMap { if case let .enqueue(s) = $0 { return s } else { return nil } }.first }
    /// Without what is to be said (tested in ReducerSpeechTests).
    var withoutSpeech: [Effect] {
        filter {
            switch $0 {
            case .announce, .speak, .stopSpeech: return false
            default: return true
            }
        }
    }
}
