import Foundation

/// How a sensitive value looks once it has been entered: on screens, in plain mode, in messages.
public enum Mask {
    /// `511922194503150016` → `5119**********0016`; `13800000000` → `1380***0000` (the first and
    /// last four: enough for their owner to know them, too little for anyone else);
    /// anything else keeps at most its last four characters.
    public static func value(_ raw: String, type: FieldType) -> String {
        let chars = Array(raw)
        switch type {
        case .idNumber where chars.count > 8:
            return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
        case .phone where chars.count > 8:
            return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
        case .number, .date, .choice, .yesNo:
            return "****"
        default:
            return chars.count > 4 ? String(repeating: "*", count: chars.count - 4) + String(chars.suffix(4)) : "****"
        }
    }

    /// What speech may say of a sensitive value: nothing but the last four characters of a
    /// number or text (`****0016`, read as "尾号 0016"); nothing at all of a date, amount or choice.
    public static func spoken(_ raw: String, type: FieldType) -> String {
        switch type {
        case .number, .date, .choice, .yesNo: return "****"
        default: return "****" + String(raw.suffix(4))
        }
    }

}
