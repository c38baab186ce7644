import Foundation
import KioskCore

/// Pronunciation overrides, read at start from `locales/lexicon-cmn.txt` (pinyin, tone digits 1-5)
/// or `locales/lexicon-yue.txt` (Jyutping, tone digits 1-6): one word and its syllables per line,
/// so that a helper can add a word without rebuilding. `#` starts a comment.
///
///     银行 yin2 hang2
///     长辈 zhang3 bei4
public struct Lexicon: Sendable {
    public struct Problem: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// A word with no pinyin after it.
            case noPinyin
            /// A syllable that is not letters followed by one tone digit.
            case badSyllable(String)
            /// The number of syllables is not the number of characters.
            case syllableCount(characters: Int, syllables: Int)
        }
        public var line: Int
        public var kind: Kind
    }

    /// Word → pinyin syllables joined with spaces.
    public private(set) var entries: [String: String] = [:]
    public private(set) var problems: [Problem] = []
    private var longest = 0

    /// The highest tone digit of the romanisation: 5 for pinyin (5 is the neutral tone), 6 for Jyutping.
    public let highestTone: Character

    public init(highestTone: Character = "5") { self.highestTone = highestTone }

    /// Readings that were checked already (a catalog's `pronunciations`): word → syllables.
    public init(checked entries: [String: String]) {
        highestTone = "5"
        self.entries = entries
        longest = entries.keys.map(\.count).max() ?? 0
    }

    public init(text: String, highestTone: Character = "5") {
        self.highestTone = highestTone
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let word = words.first else { continue }
            let syllables = words.dropFirst().map { $0.lowercased().replacingOccurrences(of: "v", with: "ü") }
            if syllables.isEmpty { problems.append(Problem(line: index + 1, kind: .noPinyin)); continue }
            if let bad = syllables.first(where: { !Lexicon.isSyllable($0, highestTone: highestTone) }) {
                problems.append(Problem(line: index + 1, kind: .badSyllable(bad)))
                continue
            }
            guard syllables.count == word.count else {
                problems.append(Problem(line: index + 1, kind: .syllableCount(characters: word.count, syllables: syllables.count)))
                continue
            }
            entries[String(word)] = syllables.joined(separator: " ")
            longest = max(longest, word.count)
        }
    }

    /// A lexicon is a short list kept by hand: more than a megabyte is not one, and is not read.
    public static let byteLimit = 1 << 20

    public init(contentsOf url: URL, highestTone: Character = "5") throws {
        let data = try SpeechFile.read(url, limit: Self.byteLimit)
        self.init(text: String(decoding: data, as: UTF8.self), highestTone: highestTone)
    }

    /// A syllable with its tone: `hang2`, `lü4`, `de5` (pinyin); `hong4`, `jyut6` (Jyutping).
    public static func isSyllable(_ s: String, highestTone: Character = "5") -> Bool {
        PinyinSyllable.isValid(s, highestTone: highestTone)
    }

    /// The longest listed word that starts at `i`, and its syllables.
    func longestMatch(in chars: [Character], at i: Int) -> (length: Int, syllables: [String])? {
        for length in stride(from: min(longest, chars.count - i), through: 1, by: -1) {
            if let pinyin = entries[String(chars[i..<(i + length)])] {
                return (length, pinyin.split(separator: " ").map(String.init))
            }
        }
        return nil
    }
}
