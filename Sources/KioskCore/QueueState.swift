/// Where an item of the queue is (the folder its file is in, see `Spool`), as the core and the
/// helper's screens speak of it.
public enum QueueState: String, CaseIterable, Sendable {
    /// Confirmed, waiting to be sent.
    case ready
    /// Being sent right now; after a crash it goes back to where it was taken from, same id and bytes.
    case sending
    /// The portal's receipt is stored; the payload is gone.
    case sent
    /// The portal refused it (409, 422, 404, 413); the reasons are in its facts.
    case quarantine
    /// Carried away on removable media in a bundle; waits for imported receipts, and is sent by
    /// the kiosk itself whenever the portal can be reached.
    case exported
    /// The file on this kiosk is damaged (empty, cut short, ids that disagree): never sent, kept
    /// as it was for a helper to look at.
    case damaged

    /// The state in the user's language.
    public func name(_ s: Strings) -> String {
        switch self {
        case .ready: return s.tr(.queueStateReady)
        case .sending: return s.tr(.queueStateSending)
        case .sent: return s.tr(.queueStateSent)
        case .quarantine: return s.tr(.queueStateQuarantine)
        case .exported: return s.tr(.queueStateExported)
        case .damaged: return s.tr(.queueStateDamaged)
        }
    }
}
