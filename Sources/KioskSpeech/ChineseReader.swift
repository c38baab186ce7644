import Foundation

/// Turns the Chinese characters of a text into tone-numbered pinyin for eSpeak NG's
/// `cmn-latn-pinyin` voice, or into Jyutping for `yue-Latn-jyutping`, so that every word is said as
/// the kiosk decides, not as eSpeak's own short word list guesses. Layers, highest first:
///
/// 1. the catalog's `pronunciations` and the project's lexicon (`locales/lexicon-cmn.txt`,
///    `locales/lexicon-yue.txt`): a listed word is always said as listed, longest listed word first;
/// 2. the dictionary, between those words: the split into the fewest words (see `fromDictionary`);
/// 3. a character in no word: its most common reading;
/// 4. Mandarin only: the tone changes of 一 and 不 (`ToneSandhi`), on what the dictionary gave.
///    Third-tone sandhi is left to eSpeak NG, which makes it itself (`ni3 hao3` is said 35 214).
///    Cantonese makes no tone changes here (see docs/speech.md);
/// 5. a character left alone at the end of a run, right after a word, takes the reading the
///    dictionary gives it as the end of a word (`@endings`, Cantonese only so far): it is mostly that
///    word's suffix (发布|会 wui2 "conference", not the wui6 of "meeting"; 出生|率 leot2, not seot1);
/// 6. Cantonese only: a lone character that is also a measure word takes its measure word's reading
///    after a number or a demonstrative (这种 zung2, not the zung3 of planting; 一只 zek3, not zi2),
///    and 分 in a fraction or a percentage is fan6 (五分之一, 百分之五), as the dictionary's own
///    七分之一 and 百分之 have it.
///
/// Anything else (punctuation, letters, characters the dictionary lacks) passes through.
public struct ChineseReader: Sendable {
    public enum Romanisation: Sendable {
        /// Mandarin, tone digits 1-5, with the tone changes of 一 and 不.
        case pinyin
        /// Cantonese, tone digits 1-6 (eSpeak NG's spelling of syllabic nasals comes later: `CantoneseSpelling`).
        case jyutping
    }

    public var romanisation: Romanisation
    public var dictionary: ReadingDictionarySource?
    public var lexicon: Lexicon
    public var pronunciations: Lexicon

    public init(_ romanisation: Romanisation = .pinyin, dictionary: ReadingDictionarySource?, lexicon: Lexicon,
                pronunciations: Lexicon = Lexicon()) {
        self.romanisation = romanisation
        self.dictionary = dictionary
        self.lexicon = lexicon
        self.pronunciations = pronunciations
    }

    /// One character of a run of Chinese, with how it is said and where its word ends.
    struct Unit {
        var character: Character
        var syllable: String?
        /// From the catalog or the lexicon: said exactly so, never changed by tone rules.
        var fixed = false
        var wordStart = true
        var wordEnd = true
    }

    /// The text with every Chinese character the layers know turned into its syllable.
    public func romanised(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            guard Self.isHan(chars[i]) else {
                out.append(chars[i])
                i += 1
                continue
            }
            var end = i
            while end < chars.count, Self.isHan(chars[end]) { end += 1 }
            var units = read(Array(chars[i..<end]))
            if romanisation == .pinyin { ToneSandhi.apply(&units) } else { Self.readAsCounted(&units) }
            out += " " + units.map { $0.syllable ?? String($0.character) }.joined(separator: " ") + " "
            i = end
        }
        return out
    }

    /// Characters read otherwise as measure words, in Jyutping, and what counts before a measure word.
    static let measureWords: [Character: String] = ["种": "zung2", "只": "zek3"]
    static let counting: Set<Character> = ["这", "那", "哪", "每", "各", "某", "该", "此", "几", "一", "二", "两", "三", "四",
                                           "五", "六", "七", "八", "九", "十", "百", "千", "万"]

    /// Characters that stand alone between words in written Chinese (particles, conjunctions,
    /// prepositions, pronouns, measure words), as UTF-16 units.
    static let functionWords = Set("的了和与及或在是把被给向从对为到就都也还又很不没吗呢吧您你我他她它请要会能可让由按并而且以这那哪每各该此个次项里后前"
        .utf16)

    private static func readAsCounted(_ units: inout [Unit]) {
        for i in units.indices.dropFirst() where !units[i].fixed && counting.contains(units[i - 1].character) {
            if units[i].wordStart && units[i].wordEnd && units[i - 1].wordEnd, let reading = measureWords[units[i].character] {
                units[i].syllable = reading
            } else if units[i].character == "分", i + 1 < units.count, units[i + 1].character == "之" {
                units[i].syllable = "fan6"
            }
        }
    }

    static func isHan(_ c: Character) -> Bool {
        guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value else { return false }
        return (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
    }

    /// A run of Chinese characters: listed words first, the dictionary in between.
    func read(_ run: [Character]) -> [Unit] {
        var units: [Unit] = []
        var gapStart = 0
        var i = 0
        while i < run.count {
            // The catalog's word wins over the lexicon's when both list words starting here.
            let county = pronunciations.longestMatch(in: run, at: i)
            let project = lexicon.longestMatch(in: run, at: i)
            guard let (length, syllables) = (county?.length ?? 0) >= (project?.length ?? 0) ? county ?? project : project else {
                i += 1
                continue
            }
            units += fromDictionary(Array(run[gapStart..<i]))
            units += word(Array(run[i..<(i + length)]), syllables, fixed: true)
            i += length
            gapStart = i
        }
        return units + fromDictionary(Array(run[gapStart...]))
    }

    /// The split of a run into dictionary words that has the fewest pieces, then the fewest lone
    /// characters, then (Cantonese) the fewest lone characters that are not function words (文字|和|音素,
    /// not 文字|和音|素), then the most characters in words with a reading of their own (a word listed
    /// with a special reading is the only evidence for how its characters are said: 重阳|节, not
    /// 重|阳节). Ties go to the longest last word, as matching from the end does,
    /// which splits Chinese more often right than matching from the start.
    private func fromDictionary(_ run: [Character]) -> [Unit] {
        guard !run.isEmpty else { return [] }
        guard let dictionary = dictionary?.dictionary else { return run.map { Unit(character: $0) } }
        let codes = run.map { UInt16($0.unicodeScalars.first!.value) }
        // best[e]: the cost of the best split of the first e characters, and its last word.
        struct Step { var pieces = 0, lone = 0, loose = 0, special = 0, length = 0, syllables: [String] = [] }
        func better(_ a: Step, than b: Step) -> Bool {
            (a.pieces, a.lone, a.loose, -a.special) < (b.pieces, b.lone, b.loose, -b.special)
        }
        let standAlone = romanisation == .jyutping ? Self.functionWords : []
        var best = [Step()]
        for end in 1...codes.count {
            var chosen: Step?
            // Longest last word first: a tie keeps it, as matching from the end would.
            for length in stride(from: min(ReadingDictionary.longestWord, end), through: 1, by: -1) {
                let units = codes[(end - length)..<end]
                let syllables: [String]
                var special = false
                if length == 1 {
                    syllables = [dictionary.reading(of: units.first!) ?? ""]
                } else if let word = dictionary.word(units) {
                    syllables = word
                    special = zip(units, word).contains { dictionary.reading(of: $0) != $1 }
                } else { continue }
                let before = best[end - length]
                let loose = length == 1 && !standAlone.contains(UInt16(run[end - 1].unicodeScalars.first!.value))
                let step = Step(pieces: before.pieces + 1, lone: before.lone + (length == 1 ? 1 : 0), loose: before.loose + (loose ? 1 : 0),
                                special: before.special + (special ? length : 0), length: length, syllables: syllables)
                if chosen.map({ better(step, than: $0) }) ?? true { chosen = step }
            }
            best.append(chosen!)
        }
        var words: [[Unit]] = []
        var end = codes.count
        while end > 0 {
            var step = best[end]
            // A character left alone at the end of the text, right after a word, is its suffix (发布|会),
            // unless a number or a demonstrative ends that word: then it is a measure word (同一|件).
            if end == codes.count, step.length == 1, end > 1, best[end - 1].length > 1, !Self.counting.contains(run[end - 2]),
               let ending = dictionary.ending(of: codes[end - 1]) {
                step.syllables = [ending]
            }
            words.append(word(Array(run[(end - step.length)..<end]), step.syllables, fixed: false))
            end -= step.length
        }
        return words.reversed().flatMap { $0 }
    }

    private func word(_ chars: [Character], _ syllables: [String], fixed: Bool) -> [Unit] {
        chars.indices.map { k in
            Unit(character: chars[k], syllable: syllables[k].isEmpty ? nil : syllables[k], fixed: fixed,
                 wordStart: k == 0, wordEnd: k == chars.count - 1)
        }
    }
}
