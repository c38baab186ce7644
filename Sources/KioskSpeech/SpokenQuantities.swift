import Foundation

/// Times, money, percentages, fractions and ranges in Chinese text, said as people say them rather
/// than digit by digit or as a bare number: 09:30 九点半, 12.50元 十二元五角, 5% 百分之五,
/// 1/3 三分之一, 60-79岁 六十到七十九岁. Runs before the general number rules, which would read
/// each side on its own. In Cantonese (`cantonese`) a time's hour, an amount of money and a range of
/// quantities count two as 两 (两点半, 两元, 两到三个; `ChineseNumbers.Two`).
enum SpokenQuantities {
    static func chinese(_ text: String, cantonese: Bool = false) -> String {
        let counted: ChineseNumbers.Two = cantonese ? .quantity : .er
        var t = text
        // A clock time: hours 0-23, minutes 00-59, with an ASCII or a full-width colon.
        // Swift's regular expressions have no lookbehind: what comes before a match is matched and put back.
        t = t.replacing(/(^|[^0-9])([01]?[0-9]|2[0-3])[:：]([0-5][0-9])(?![0-9])/) { (m) -> String in
            m.1 + " " + time(hour: Int(m.2) ?? 0, minute: Int(m.3) ?? 0, two: counted) + " "
        }
        t = t.replacing(/([0-9]+)(?:\.([0-9]{1,2}))?元/) { (m) -> String in
            " " + money(String(m.1), m.2.map(String.init) ?? "", two: counted) + " "
        }
        t = t.replacing(/([0-9]+(?:\.[0-9]+)?)\s*[%％]/) { (m) -> String in " 百分之" + ChineseNumbers.number(String(m.1)) + " " }
        // Not a date (2026/11/01 is one, and was read before this).
        t = t.replacing(/(^|[^0-9\/])([0-9]{1,3})\/([0-9]{1,3})(?![0-9\/])/) { (m) -> String in
            m.1 + " " + ChineseNumbers.number(String(m.3)) + "分之" + ChineseNumbers.number(String(m.2)) + " "
        }
        // Two amounts joined by a dash or a tilde; not a phone number (0838-1234567) nor a year and month.
        let before = t
        t = t.replacing(/(^|[^0-9\-])([0-9]{1,4}(?:\.[0-9]+)?)\s*[\-~～—–]\s*([0-9]{1,4}(?:\.[0-9]+)?)(?![0-9\-\/.])/) { (m) -> String in
            let two: ChineseNumbers.Two = !cantonese ? .er : ChineseNumbers.isQuantity(before: before[m.range.upperBound...]) ? .quantity : .place
            return m.1 + " " + ChineseNumbers.number(String(m.2), two: two) + "到" + ChineseNumbers.number(String(m.3), two: two) + " "
        }
        return t
    }

    /// 9:30 九点半, 14:05 十四点零五分, 8:00 八点; the hour counted as `two` says (两点).
    static func time(hour: Int, minute: Int, two: ChineseNumbers.Two = .er) -> String {
        let h = ChineseNumbers.number(String(hour), two: two) + "点"
        switch minute {
        case 0: return h
        case 30: return h + "半"
        case 1..<10: return h + "零" + ChineseNumbers.number(String(minute)) + "分"
        default: return h + ChineseNumbers.number(String(minute)) + "分"
        }
    }

    /// 12.50 元 → 十二元五角; 0.05 元 → 五分; 3.05 元 → 三元零五分; 300 元 → 三百元; each place
    /// counted as `two` says (两元, 两角, 三元零二分).
    static func money(_ yuan: String, _ cents: String, two: ChineseNumbers.Two = .er) -> String {
        let digits = Array((cents + "00").prefix(2)).compactMap(\.wholeNumberValue)
        let whole = Int(yuan) ?? 0
        var out = whole > 0 || digits == [0, 0] ? ChineseNumbers.number(yuan, two: two) + "元" : ""
        if digits[0] > 0 { out += ChineseNumbers.number(String(digits[0]), two: two) + "角" }
        if digits[1] > 0 {
            let zero = digits[0] == 0 && whole > 0
            out += (zero ? "零" : "") + ChineseNumbers.number(String(digits[1]), two: zero ? .er : two) + "分"
        }
        return out
    }
}
