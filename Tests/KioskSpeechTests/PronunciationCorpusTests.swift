import Foundation
import KioskSpeech
import KioskTestSupport
import XCTest

/// Each domain word or sentence, read through the lexicon by the Mandarin voice, must give the
/// same phonemes as its expected pinyin.
final class PronunciationCorpusTests: XCTestCase {
    func corpus() throws -> [(text: String, pinyin: String)] {
        let url = repoRoot.appendingPathComponent("Tests/KioskSpeechTests/pronunciation-corpus.txt")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { line in
                let fields = line.split(separator: "\t")
                return (String(fields[0]), fields.count > 1 ? String(fields[1]) : "")
            }
    }

    func testEveryCorpusEntryIsReadWithItsPinyin() throws {
        let entries = try corpus()
        XCTAssertGreaterThanOrEqual(entries.count, 60)
        let engine = try engine(.mandarin)
        let text = speechText(.mandarin)
        var wrong: [String] = []
        for (word, pinyin) in entries {
            XCTAssertFalse(pinyin.isEmpty, word)
            let said = engine.phonemes(text.prose(word))
            let expected = engine.phonemes(pinyin)
            if said != expected { wrong.append("\(word): \(said) ≠ \(pinyin): \(expected)") }
        }
        XCTAssertEqual(wrong, [], wrong.joined(separator: "\n"))
    }
}
