import Foundation

/// Numbers as Chinese words: one digit at a time (identity, phone and receipt numbers, years) or as
/// a number (amounts, ages, counts). Cantonese voices read the same characters.
enum ChineseNumbers {
    static let digitNames: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// `"1380"` → `"一三八零"`; in a phone number 1 is 幺 (yao), as Mandarin speakers say it.
    static func digits<S: StringProtocol>(_ text: S, yao: Bool = false) -> String {
        String(text.map { c -> Character in
            guard let v = c.wholeNumberValue, c.isASCII else { return c }
            return yao && v == 1 ? "幺" : digitNames[v]
        })
    }

    /// `"1200"` → `"一千二百"`, `"12.50"` → `"十二点五零"`, `"10"` → `"十"`, `"-3"` → `"负三"`.
    static func number(_ text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" { sign = "负"; body = body.dropFirst() }
        let pieces = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = pieces[0].drop { $0 == "0" }
        guard whole.count <= 16, whole.allSatisfy(\.isASCII) else { return sign + digits(body) }
        var words = whole.isEmpty ? "零" : integer(Array(whole).compactMap(\.wholeNumberValue))
        if pieces.count == 2, !pieces[1].isEmpty { words += "点" + digits(pieces[1]) }
        return sign + words
    }

    /// Up to 16 digits, in groups of four (万, 亿, 万亿), with 零 where a place is skipped.
    private static func integer(_ ds: [Int]) -> String {
        let groupNames = ["", "万", "亿", "万亿"]
        var groups: [[Int]] = []
        var rest = ds[...]
        while !rest.isEmpty {
            groups.insert(Array(rest.suffix(4)), at: 0)
            rest = rest.dropLast(4)
        }
        var out = ""
        var pendingZero = false
        for (i, group) in groups.enumerated() {
            let value = group.reduce(0) { $0 * 10 + $1 }
            let name = groupNames[groups.count - 1 - i]
            if value == 0 { pendingZero = !out.isEmpty; continue }
            if !out.isEmpty && (pendingZero || value < 1000) { out += "零" }
            out += section(value) + name
            pendingZero = false
        }
        if out.hasPrefix("一十") { out.removeFirst() }
        return out
    }

    /// 1...9999 → `一千零二十`.
    private static func section(_ n: Int) -> String {
        let units = ["", "十", "百", "千"]
        var out = ""
        var zero = false
        for place in stride(from: 3, through: 0, by: -1) {
            let d = n / Int(pow(10, Double(place))) % 10
            if d == 0 {
                if !out.isEmpty { zero = true }
            } else {
                if zero { out += "零"; zero = false }
                out += String(digitNames[d]) + units[place]
            }
        }
        return out
    }
}

/// Splits digits into groups, read with a short pause between them.
func grouped<S: StringProtocol>(_ text: S, sizes: [Int]) -> [String] {
    var groups: [String] = []
    var rest = Substring(text)
    var i = 0
    while !rest.isEmpty {
        let size = i < sizes.count ? sizes[i] : (sizes.last ?? 4)
        groups.append(String(rest.prefix(size)))
        rest = rest.dropFirst(size)
        i += 1
    }
    return groups
}
