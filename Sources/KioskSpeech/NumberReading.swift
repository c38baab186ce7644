import Foundation

/// Numbers as Chinese words: one digit at a time (identity, phone and receipt numbers, years) or as
/// a number (amounts, ages, counts). Cantonese voices read the same characters, but count two their own way.
enum ChineseNumbers {
    static let digitNames: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// How the two at the start of a number is said. Only numbers the kiosk makes from digits are
    /// changed: a text's own 二 and 两 are said as written (二次报销 stays 二次).
    enum Two: Sendable {
        /// 二 always: digits, dates, ordinals, fractions, Mandarin as the kiosk reads it today.
        case er
        /// Cantonese: 两 before 百, 千, 万, 亿 at the start of a number (两百, 两千二百, 两万).
        case place
        /// Cantonese, a quantity (before a measure word, a unit of money or time, a clock hour): a
        /// lone 2 too (两个, 两元, 两点, 两小时).
        case quantity
    }

    /// Measure words and units after which Cantonese speakers count 两 (two years, two people, two yuan).
    private static let countedAfter: Set<Character> = [
        "个", "位", "项", "次", "天", "岁", "人", "份", "张", "本", "条", "种", "名", "件", "元", "角", "倍", "户", "口",
        "间", "遍", "家", "类", "台", "包", "块", "盒", "瓶", "笔", "栋", "组", "套", "对", "双", "只", "辆", "斤", "周",
        "年", "点", "页", "样", "段", "部", "架", "顿", "趟", "回", "轮", "批", "道",
    ]

    /// Whether a number followed by `rest` is a quantity (`2个`, `2小时`, `2分钟`, `2点`) rather than
    /// a date, a part (`2分之1`) or a number on its own. 月 is left out: 2月 is February.
    static func isQuantity(before rest: Substring) -> Bool {
        if rest.hasPrefix("年级") { return false }  // 2年级: a school year, said 二
        if rest.hasPrefix("小时") || rest.hasPrefix("分钟") || rest.hasPrefix("星期") { return true }
        guard let next = rest.first else { return false }
        if next == "分" { return !rest.dropFirst().hasPrefix("之") }
        return countedAfter.contains(next)
    }

    /// `"1380"` → `"一三八零"`; in a phone number 1 is 幺 (yao), as Mandarin speakers say it.
    static func digits<S: StringProtocol>(_ text: S, yao: Bool = false) -> String {
        String(text.map { c -> Character in
            guard let v = c.wholeNumberValue, c.isASCII else { return c }
            return yao && v == 1 ? "幺" : digitNames[v]
        })
    }

    /// `"1200"` → `"一千二百"`, `"12.50"` → `"十二点五零"`, `"10"` → `"十"`, `"-3"` → `"负三"`;
    /// with `.place` `"2000"` → `"两千"`, with `.quantity` `"2"` → `"两"` too.
    static func number(_ text: String, two: Two = .er) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" { sign = "负"; body = body.dropFirst() }
        let pieces = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = pieces[0].drop { $0 == "0" }
        guard whole.count <= 16, whole.allSatisfy(\.isASCII) else { return sign + digits(body) }
        var words = whole.isEmpty ? "零" : integer(Array(whole).compactMap(\.wholeNumberValue))
        let fraction = pieces.count == 2 && !pieces[1].isEmpty
        if two != .er, words.first == "二",
           words.dropFirst().first.map({ "百千万亿".contains($0) }) ?? (two == .quantity && !fraction) {
            words = "两" + words.dropFirst()
        }
        if fraction { words += "点" + digits(pieces[1]) }
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
