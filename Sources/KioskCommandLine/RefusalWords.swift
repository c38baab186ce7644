import KioskCore
import KioskOutbox

/// A portal's refusal in the helper's language. The portal answers with codes (contract §2.1:
/// `id_conflict`, `invalid`, `unknown_service`; per field `required`, `format`, …); those the
/// contract and the reference portal use are said in words, any other is shown as a code, so no
/// English word stands inside a Chinese message.
enum RefusalWords {
    static func reason(_ error: String, _ s: Strings) -> String {
        switch error {
        case "id_conflict": return s.tr(.refusalIdConflict)
        case "invalid": return s.tr(.refusalInvalid)
        case "unknown_service": return s.tr(.refusalUnknownService)
        case "too_large": return s.tr(.refusalTooLarge)
        default: return s.tr(.refusalCode(code: error))
        }
    }

    /// A `field code` pair, as the sender stores it: the field's id, and what is wrong with it.
    static func field(_ pair: String, _ s: Strings) -> String {
        let parts = pair.split(separator: " ", maxSplits: 1).map(String.init)
        let code = parts.count > 1 ? parts[1] : ""
        let problem: String
        switch code {
        case "required": problem = s.tr(.refusalFieldRequired)
        case "format": problem = s.tr(.refusalFieldFormat)
        case "range": problem = s.tr(.refusalFieldRange)
        case "value": problem = s.tr(.refusalFieldValue)
        case "": problem = s.tr(.refusalFieldOther)
        default: problem = s.tr(.refusalCode(code: code))
        }
        return s.tr(.refusalField(field: parts.first ?? "?", problem: problem))
    }
}
