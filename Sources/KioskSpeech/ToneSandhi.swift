import Foundation

/// The tone changes of 一 and 不 that speakers make and eSpeak NG does not: 一 is yi2 before a
/// fourth tone and yi4 before the others, but yi1 when counted, in numbers, dates and ordinals and
/// at the end of a word; 不 is bu2 before a fourth tone. Between a repeated word (看一看, 是不是)
/// both are neutral. The dictionary stores both in their own tones so that the rules decide alone.
enum ToneSandhi {
    /// Characters around which 一 is a digit or part of a number read as counted (十一, 一九四五, 第一).
    private static let counting: Set<Character> = ["零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "点", "第"]
    /// Number places before which 一 changes like a word (一百, 一千, 一万).
    private static let places: Set<Character> = ["百", "千", "万", "亿"]
    /// Dates said with 一 in its own tone: 一月, 一日, 一号.
    private static let dateUnits: Set<Character> = ["月", "日", "号"]

    static func apply(_ units: inout [ChineseReader.Unit]) {
        for i in units.indices where !units[i].fixed && (units[i].character == "一" || units[i].character == "不") {
            let previous = i > 0 ? units[i - 1] : nil
            let next = i + 1 < units.count ? units[i + 1] : nil
            units[i].syllable = units[i].character == "一" ? yi(previous, units[i], next) : bu(previous, units[i], next)
        }
    }

    private static func yi(_ previous: ChineseReader.Unit?, _ unit: ChineseReader.Unit, _ next: ChineseReader.Unit?) -> String {
        guard let next else { return "yi1" }
        if places.contains(next.character) { return changed(before: next) }
        if counting.contains(next.character) || dateUnits.contains(next.character) { return "yi1" }
        if let previous, counting.contains(previous.character) || places.contains(previous.character) { return "yi1" }
        if let previous, previous.character == next.character { return "yi5" }
        if unit.wordEnd && !unit.wordStart { return "yi1" }
        return changed(before: next)
    }

    private static func bu(_ previous: ChineseReader.Unit?, _ unit: ChineseReader.Unit, _ next: ChineseReader.Unit?) -> String {
        guard let next, let syllable = next.syllable else { return "bu4" }
        if let previous, previous.character == next.character { return "bu5" }
        if unit.wordEnd && !unit.wordStart { return "bu4" }
        return tone(syllable) == 4 ? "bu2" : "bu4"
    }

    /// 一 before a fourth tone is yi2 (a neutral tone counts as one: 一个 is yi2 ge5), before the others yi4.
    private static func changed(before next: ChineseReader.Unit) -> String {
        guard let syllable = next.syllable else { return "yi1" }
        return tone(syllable) == 4 || tone(syllable) == 5 ? "yi2" : "yi4"
    }

    private static func tone(_ syllable: String) -> Int { syllable.last?.wholeNumberValue ?? 5 }
}
