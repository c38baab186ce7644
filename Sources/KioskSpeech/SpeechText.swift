import Foundation
import KioskCore

/// Turns an utterance into the exact text that goes to eSpeak NG for its voice.
///
/// Mandarin goes to the `cmn-latn-pinyin` voice: digits become Chinese numerals, then every Chinese
/// character becomes tone-numbered pinyin (`ChineseReader`: the catalog's pronunciations, the
/// lexicon, the dictionary, tone changes), and Latin letters are spelled as Mandarin speakers say
/// them. Cantonese goes the same way to the `yue-Latn-jyutping` voice, in Jyutping from its own
/// lexicon and dictionary, with 两 where Cantonese speakers count two in the numbers the kiosk makes
/// from digits (`ChineseNumbers.Two`).
/// Masked values (`****0016`) are read as "尾号" and the digits after the stars only.
public struct SpeechText: Sendable {
    public let voice: SpeechVoice
    /// The lexicon of this voice: pinyin for Mandarin, Jyutping for Cantonese.
    public let lexicon: Lexicon
    /// The strings of `voice.stringsLocale`: "尾号{digits}" and the like.
    public let strings: Strings
    /// Mandarin's or Cantonese's readings, layer by layer.
    public private(set) var reader: ChineseReader

    /// `dictionary`: the dictionary of this voice's language (none: eSpeak NG reads what the lexicon
    /// does not list). `pronunciations`: the current catalog's for this voice, above everything else.
    public init(voice: SpeechVoice, lexicon: Lexicon, strings: Strings,
                dictionary: ReadingDictionarySource? = nil, pronunciations: Lexicon = Lexicon()) {
        self.voice = voice
        self.lexicon = lexicon
        self.strings = strings
        reader = ChineseReader(voice == .cantonese ? .jyutping : .pinyin, dictionary: dictionary, lexicon: lexicon,
                               pronunciations: pronunciations)
    }

    /// A reading (`ngan4 hong4`) or a text this voice has read (`prose`, `value`) as the exact text
    /// for its eSpeak NG voice: Cantonese syllabic nasals spelled as eSpeak says them.
    public func engineReading(_ reading: String) -> String {
        voice == .cantonese ? CantoneseSpelling.engine(reading) : reading
    }

    /// The same, with a catalog's pronunciations above the lexicon and the dictionary.
    public func with(pronunciations: Lexicon) -> SpeechText {
        var copy = self
        copy.reader.pronunciations = pronunciations
        return copy
    }

    private var chinese: Bool { voice == .mandarin || voice == .cantonese }

    /// The whole utterance, one sentence per part, as the exact text for the eSpeak NG voice.
    public func engineText(_ utterance: Utterance) -> String {
        let pieces = utterance.parts.map { part -> String in
            switch part {
            case let .text(t): return prose(t)
            case let .value(v, kind): return value(v, as: kind)
            }
        }.filter { !$0.isEmpty }
        let end = chinese ? "。" : "."
        let text = pieces.map { p in
            guard let last = p.trimmingCharacters(in: .whitespaces).last else { return p }
            return "。！？，、；：.!?,;:…".contains(last) ? p : p + end
        }.joined(separator: chinese ? "" : " ")
        return engineReading(text)
    }

    // MARK: values by type

    /// A value typed into a field or given on the command line, read the way its type is read (in
    /// pinyin or Jyutping: `engineReading` makes it the engine's text).
    public func value(_ raw: String, as kind: SpokenValue) -> String {
        let v = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .idNumber:
            // Never in full: identity numbers are sensitive wherever they appear.
            return finish(lastFour(String(v.suffix(4))))
        case .phone:
            let digits = v.filter(\.isNumber)
            return finish(spell(digits, groups: digits.count == 11 ? [3, 4, 4] : [4], yao: true))
        case .receipt:
            return finish(spell(v.filter { $0.isLetter || $0.isNumber }.uppercased(), groups: [4]))
        case .amount:
            return finish(numberWords(v.filter { $0.isNumber || $0 == "." || $0 == "-" }, two: voice == .cantonese ? .place : .er))
        case .date:
            let ds = v.filter(\.isNumber)
            guard ds.count == 8 else { return prose(v) }
            return finish(date(String(ds.prefix(4)), String(ds.dropFirst(4).prefix(2)), String(ds.suffix(2))))
        case .digits:
            return finish(spell(v, groups: [4]))
        }
    }

    // MARK: prose

    /// Text from the screen: numbers, dates, masks and codes inside it read by their kind (in pinyin
    /// or Jyutping: `engineReading` makes it the engine's text).
    public func prose(_ text: String) -> String {
        var t = text
        // Masked values: only what follows the stars is spoken, as "尾号 …".
        t = t.replacing(/[0-9A-Za-z]*\*{2,}([0-9A-Za-z]{0,4})/) { m in
            m.1.isEmpty ? " " + strings.tr(.speechHidden) + " " : " " + lastFour(String(m.1)) + " "
        }
        t = t.replacing(/([0-9]{4})[\-\/.年]([0-9]{1,2})[\-\/.月]([0-9]{1,2})日?/) { m in
            " " + date(String(m.1), String(m.2), String(m.3)) + " "
        }
        // A reference shown in groups of four (2026 1122 0016): digit by digit, group by group.
        t = t.replacing(/\b[0-9]{4}(?: [0-9]{4}){1,2}\b/) { m in " " + spell(m.0.filter(\.isNumber), groups: [4]) + " " }
        if chinese {
            t = SpokenQuantities.chinese(t, cantonese: voice == .cantonese)
            t = t.replacing(/([0-9]{4})年/) { m in spell(m.1, groups: []) + "年" }
        }
        // Codes mixing letters and digits (办件编号 1A2B3C4D): one character at a time.
        t = t.replacing(/\b(?=[0-9A-Za-z]*[A-Za-z])(?=[0-9A-Za-z]*[0-9])[0-9A-Za-z]{4,}\b/) { m in
            " " + spell(String(m.0).uppercased(), groups: [4]) + " "
        }
        let numbered = t
        t = t.replacing(/[0-9]{17}[Xx]|[0-9]+(\.[0-9]+)?/) { m in
            let s = String(m.0)
            if s.contains(".") { return numberWords(s, two: two(before: numbered[..<m.range.lowerBound], after: numbered[m.range.upperBound...])) }
            if s.count == 18 || s.count == 15 { return " " + spell(s.uppercased(), groups: [6, 8, 4]) + " " }
            if s.count == 11, s.hasPrefix("1") { return " " + spell(s, groups: [3, 4, 4], yao: true) + " " }
            if s.count >= 5 { return " " + spell(s, groups: [4]) + " " }
            return numberWords(s, two: two(before: numbered[..<m.range.lowerBound], after: numbered[m.range.upperBound...]))
        }
        return finish(t)
    }

    // MARK: pieces

    /// "尾号" and the last digits, one by one.
    private func lastFour(_ tail: String) -> String {
        strings.tr(.speechLastFour(digits: spell(tail.uppercased(), groups: [])))
    }

    /// Year digit by digit, month and day as numbers: 一九四五年三月十五日 / March 15, 1945.
    private func date(_ y: String, _ m: String, _ d: String) -> String {
        guard chinese else {
            let month = Int(m).flatMap { (1...12).contains($0) ? englishMonths[$0 - 1] : nil } ?? m
            return "\(month) \(Int(d) ?? 0), \(y)"
        }
        return ChineseNumbers.digits(y) + "年" + ChineseNumbers.number(m) + "月" + ChineseNumbers.number(d) + "日"
    }

    private func numberWords(_ s: String, two: ChineseNumbers.Two = .er) -> String { chinese ? ChineseNumbers.number(s, two: two) : s }

    /// How this voice says a two at the start of a number between `before` and `after`: Cantonese
    /// counts 两 for a quantity (共2个, 2小时) and before 百/千/万/亿, but not in an ordinal (第2项).
    private func two(before: Substring, after: Substring) -> ChineseNumbers.Two {
        guard voice == .cantonese else { return .er }
        if before.last(where: { !$0.isWhitespace }) == "第" { return .er }
        let rest = after.drop(while: \.isWhitespace)
        // 2万, 2亿: the place is written after the digits.
        return ChineseNumbers.isQuantity(before: rest) || rest.first.map({ "百千万亿".contains($0) }) == true ? .quantity : .place
    }

    /// One character at a time, groups set apart by a pause.
    private func spell(_ s: some StringProtocol, groups sizes: [Int], yao: Bool = false) -> String {
        let parts = sizes.isEmpty ? [String(s)] : grouped(s, sizes: sizes)
        if chinese {
            // Han digits run together; letters and 幺 become pinyin later, set apart by spaces there.
            return parts.map { ChineseNumbers.digits($0, yao: yao && voice == .mandarin) }.joined(separator: "，")
        }
        return parts.map { $0.map { String($0) }.joined(separator: " ") }.joined(separator: ", ")
    }

    /// Letters, punctuation and the lexicon last, when no Arabic digit is left that a tone digit could be taken for.
    private func finish(_ text: String) -> String {
        var t = text
        for (from, to) in [("·", " "), ("•", " "), ("・", " "), ("｜", "，"), ("|", "，"), ("　", "，"), ("*", " "), ("_", " "), ("/", "，")] {
            t = t.replacingOccurrences(of: from, with: to)
        }
        if voice == .mandarin {
            // English words (the "Language" of "语言 / Language") cannot be said by the pinyin voice
            // without switching to English; they are left out. Capitals and codes are spelled.
            t = t.replacing(/[A-Za-z]*[a-z][A-Za-z]*/, with: " ")
            t = t.replacing(/[A-Z]+/) { m in
                " " + m.0.uppercased().compactMap { MandarinLetters.pinyin[$0] }.joined(separator: " ") + " "
            }
            t = t.replacingOccurrences(of: "幺", with: " yao1 ")
            t = reader.romanised(t)
        } else if voice == .cantonese {
            // The Jyutping voice reads Latin letters as Jyutping: they are spelled as Cantonese speakers say them.
            t = t.replacing(/[A-Za-z]*[a-z][A-Za-z]*/, with: " ")
            t = t.replacing(/[A-Z]+/) { m in
                " " + m.0.compactMap { CantoneseLetters.jyutping[$0] }.joined(separator: " ") + " "
            }
            t = reader.romanised(t)
        }
        t = t.replacing(/\s*([，。：；！？、（）])\s*/) { m in String(m.1) }
        return t.replacing(/\s+/, with: " ").trimmingCharacters(in: .whitespaces)
    }

    private let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]
}
