import Foundation

/// A catalog's `pronunciations` (contract, additions): how the kiosk's voices say a word, so that a
/// county can fix a word without a new kiosk. A string is the Mandarin reading, in pinyin with tone
/// digits; an object gives the Mandarin (`cmn`, pinyin) and the Cantonese (`yue`, Jyutping) reading,
/// either or both:
///
///     "pronunciations": {"给付": "ji3 fu4", "街坊": {"cmn": "jie1 fang1", "yue": "gaai1 fong1"}}
///
/// Each reading has one syllable per character, each syllable letters and one tone digit: 1-5 in
/// pinyin (5: neutral; `v` may stand for ü), 1-6 in Jyutping. A bad entry is reported at its JSON
/// path, like every other catalog problem, and the catalog is refused.
public enum CatalogPronunciations {
    /// The good entries of each voice, syllables lower-case with ü, and one problem per bad entry.
    public static func read(_ value: JSONValue?) -> (readings: CatalogReadings, problems: [CatalogProblem]) {
        guard let value else { return (CatalogReadings(), []) }
        guard let members = value.objectValue else {
            return (CatalogReadings(), [CatalogProblem(path: "pronunciations", issue: .wrongType(expected: .object, found: value.kind))])
        }
        var readings = CatalogReadings()
        var problems: [CatalogProblem] = []
        func take(_ word: String, _ reading: JSONValue, _ voice: SpeechVoice, _ path: String) {
            guard let text = reading.stringValue else {
                problems.append(CatalogProblem(path: path, issue: .wrongType(expected: .string, found: reading.kind)))
                return
            }
            // Pinyin may write ü as v; Jyutping has neither letter.
            let syllables = text.split(whereSeparator: \.isWhitespace).map { syllable in
                voice == .mandarin ? syllable.lowercased().replacingOccurrences(of: "v", with: "ü") : syllable.lowercased()
            }
            let highestTone: Character = voice == .cantonese ? "6" : "5"
            let valid = { (s: String) in PinyinSyllable.isValid(s, highestTone: highestTone) && (voice == .mandarin || !s.contains { "vü".contains($0) }) }
            if let bad = syllables.first(where: { !valid($0) }) {
                problems.append(CatalogProblem(path: path, issue: voice == .cantonese ? .badJyutpingSyllable(bad) : .badReadingSyllable(bad)))
            } else if syllables.count != word.count || word.contains(where: \.isWhitespace) {
                problems.append(CatalogProblem(path: path, issue: .readingSyllableCount(word: word, characters: word.count, syllables: syllables.count)))
            } else if voice == .cantonese {
                readings.cantonese[word] = syllables.joined(separator: " ")
            } else {
                readings.mandarin[word] = syllables.joined(separator: " ")
            }
        }
        for (word, reading) in members {
            let path = "pronunciations.\(word)"
            guard let forms = reading.objectValue else {
                take(word, reading, .mandarin, path)
                continue
            }
            for (key, form) in forms {
                guard let voice = SpeechVoice(rawValue: key), voice == .mandarin || voice == .cantonese else {
                    problems.append(CatalogProblem(path: "\(path).\(key)", issue: .unknownReadingVoice(key)))
                    continue
                }
                take(word, form, voice, "\(path).\(key)")
            }
        }
        return (readings, problems)
    }
}

/// A romanised syllable with its tone digit: pinyin `hang2`, `lü4`, `de5`; Jyutping (tones to 6) `hong4`.
public enum PinyinSyllable {
    public static func isValid(_ s: String, highestTone: Character = "5") -> Bool {
        guard let tone = s.last, ("1"...highestTone).contains(tone), s.count >= 2 else { return false }
        return s.dropLast().allSatisfy { ("a"..."z").contains($0) || $0 == "ü" }
    }
}
