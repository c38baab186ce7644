/// What the reducer asks to be written to the audit trail. Submissions, sending and the queue are
/// written by those who do them (the runtime's queue work, the sender); these are the decisions
/// the reducer takes itself.
public enum AuditEvent: Equatable, Sendable {
    case login(helperID: String)
    case logout(helperID: String)
    /// A wrong PIN; `nil` when the number is no helper's (it may be something else typed by
    /// mistake, so it is not written down).
    case failedPIN(helperID: String?)
    /// A number locked after wrong PINs; `nil` when the whole kiosk's login is (`LoginGuard`).
    case lockout(helperID: String?, seconds: Int)
    /// A resident pressed the call-staff key (F1).
    case helpCall(id: ItemID)
}
