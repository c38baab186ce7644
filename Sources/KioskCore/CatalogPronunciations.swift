import Foundation

/// A catalog's `pronunciations` (contract, additions): how the kiosk's Mandarin voice says a word,
/// in pinyin with tone digits, so that a county can fix a word without a new kiosk.
///
///     "pronunciations": {"给付": "ji3 fu4", "供养": "gong1 yang3"}
///
/// Each reading has one syllable per character, each syllable letters and one tone digit 1-5
/// (5: neutral; `v` may stand for ü). A bad entry is reported at its JSON path, like every other
/// catalog problem, and the catalog is refused.
public enum CatalogPronunciations {
    /// The good entries, syllables lower-case with ü, and one problem per bad entry.
    public static func read(_ value: JSONValue?) -> (entries: [String: String], problems: [CatalogProblem]) {
        guard let value else { return ([:], []) }
        guard let members = value.objectValue else {
            return ([:], [CatalogProblem(path: "pronunciations", issue: .wrongType(expected: .object, found: value.kind))])
        }
        var entries: [String: String] = [:]
        var problems: [CatalogProblem] = []
        for (word, reading) in members {
            let path = "pronunciations.\(word)"
            guard let text = reading.stringValue else {
                problems.append(CatalogProblem(path: path, issue: .wrongType(expected: .string, found: reading.kind)))
                continue
            }
            let syllables = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased().replacingOccurrences(of: "v", with: "ü") }
            if let bad = syllables.first(where: { !PinyinSyllable.isValid($0) }) {
                problems.append(CatalogProblem(path: path, issue: .badReadingSyllable(bad)))
            } else if syllables.count != word.count || word.contains(where: \.isWhitespace) {
                problems.append(CatalogProblem(path: path, issue: .readingSyllableCount(word: word, characters: word.count, syllables: syllables.count)))
            } else {
                entries[word] = syllables.joined(separator: " ")
            }
        }
        return (entries, problems)
    }
}

/// A romanised syllable with its tone digit: pinyin `hang2`, `lü4`, `de5`; Jyutping (tones to 6) `hong4`.
public enum PinyinSyllable {
    public static func isValid(_ s: String, highestTone: Character = "5") -> Bool {
        guard let tone = s.last, ("1"...highestTone).contains(tone), s.count >= 2 else { return false }
        return s.dropLast().allSatisfy { ("a"..."z").contains($0) || $0 == "ü" }
    }
}
