import Foundation

/// Pronunciation overrides for the Mandarin voice, read at start from `locales/lexicon-cmn.txt`:
/// one word and its pinyin (tone digits 1-5) per line, so that a helper can add a word without
/// rebuilding. `#` starts a comment.
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

    public init() {}

    public init(text: String) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let word = words.first else { continue }
            let syllables = words.dropFirst().map { $0.lowercased().replacingOccurrences(of: "v", with: "ü") }
            if syllables.isEmpty { problems.append(Problem(line: index + 1, kind: .noPinyin)); continue }
            if let bad = syllables.first(where: { !Lexicon.isSyllable($0) }) {
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

    public init(contentsOf url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    /// Pinyin syllable with its tone: `hang2`, `lü4`, `de5`.
    static func isSyllable(_ s: String) -> Bool {
        guard let tone = s.last, ("1"..."5").contains(tone), s.count >= 2 else { return false }
        return s.dropLast().allSatisfy { ("a"..."z").contains($0) || $0 == "ü" }
    }

    /// Replaces every listed word with its pinyin, longest match first, set apart by spaces.
    public func apply(_ text: String) -> String {
        guard longest > 0 else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            var matched = false
            for length in stride(from: min(longest, chars.count - i), through: 1, by: -1) {
                if let pinyin = entries[String(chars[i..<(i + length)])] {
                    if let last = out.last, !last.isWhitespace { out += " " }
                    out += pinyin + " "
                    i += length
                    matched = true
                    break
                }
            }
            if !matched {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }
}
