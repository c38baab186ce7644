/// The 办件编号 a resident is given on the confirmation: twelve digits, shown in groups of four
/// and read digit by digit, so that it can be read out, written down and typed on a keypad. It is
/// worked out from the submission's id (its first 48 random bits), so the dashboard finds an item
/// by it without storing anything more.
public enum Reference {
    public static let digits = 12

    /// `0b0c0f7e-3c51-…` → `012345678901` (always twelve digits).
    public static func of(_ submissionID: String) -> String {
        let hex = submissionID.filter(\.isHexDigit).prefix(12)
        let value = UInt64(hex, radix: 16) ?? 0
        let number = String(value % 1_000_000_000_000)
        return String(repeating: "0", count: digits - number.count) + number
    }

    /// The reference of a submission as the screen shows it: `0123 4567 8901`.
    public static func shown(_ submissionID: String) -> String { grouped(of(submissionID)) }

    public static func of(_ submissionID: ItemID) -> String { of(submissionID.text) }
    public static func shown(_ submissionID: ItemID) -> String { shown(submissionID.text) }

    /// `0123 4567 8901`, as the screen shows it.
    public static func grouped(_ reference: String) -> String {
        stride(from: 0, to: reference.count, by: 4).map { start -> String in
            let a = reference.index(reference.startIndex, offsetBy: start)
            return String(reference[a..<(reference.index(a, offsetBy: 4, limitedBy: reference.endIndex) ?? reference.endIndex)])
        }.joined(separator: " ")
    }
}
