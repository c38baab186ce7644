import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

/// The corpus (`pronunciation-corpus.txt`): domain words and sentences of the catalog, the locale
/// file and real forms, each with the pinyin it must be said with, checked as `carekiosk speak
/// --check` checks it. Its held-out half names no word of the lexicon, so it measures the
/// dictionary alone.
final class PronunciationCorpusTests: XCTestCase {
    func corpus() throws -> [PronunciationCheck.Entry] {
        let read = try PronunciationCheck.read(repoRoot.appendingPathComponent("Tests/KioskSpeechTests/pronunciation-corpus.txt"))
        XCTAssertEqual(read.unreadable, [])
        return read.entries
    }

    func testTheCorpusIsSaidRightAtLeast99PercentAndItsHeldOutHalf97() throws {
        let entries = try corpus()
        let heldOut = entries.filter { $0.marks.contains("held-out") }
        XCTAssertGreaterThanOrEqual(entries.count, 400)
        XCTAssertGreaterThanOrEqual(heldOut.count * 5, entries.count * 2, "the held-out part is about half")
        let check = PronunciationCheck(text: speechText(.mandarin), engine: try engine(.mandarin))
        let misses = check.misses(entries)
        let heldOutMisses = misses.filter { $0.entry.marks.contains("held-out") }
        let report = misses.map { "\($0.entry.text): \($0.entry.reading) ≠ \($0.engineText)" }.joined(separator: "\n")
        XCTAssertGreaterThanOrEqual(1 - Double(misses.count) / Double(entries.count), 0.99, report)
        XCTAssertGreaterThanOrEqual(1 - Double(heldOutMisses.count) / Double(heldOut.count), 0.97, report)
    }

    func testNoLexiconWordIsInTheHeldOutHalf() throws {
        for entry in try corpus() where entry.marks.contains("held-out") {
            let listed = shippedLexicon.entries.keys.filter { entry.text.contains($0) }
            XCTAssertEqual(listed, [], entry.text)
        }
    }

    func testEveryReadingHasOneSyllablePerCharacter() throws {
        for entry in try corpus() {
            let syllables = entry.reading.split(separator: " ").map(String.init)
            XCTAssertTrue(syllables.allSatisfy { Lexicon.isSyllable($0) }, entry.text)
            XCTAssertEqual(syllables.count, entry.text.count, entry.text)
        }
    }

    /// The check itself: a wrong reading is found, a right one is not, and eSpeak's own
    /// third-tone change does not count as a difference.
    func testTheCheckFindsAWrongReadingOnly() throws {
        let check = PronunciationCheck(text: speechText(.mandarin), engine: try engine(.mandarin))
        let entries = PronunciationCheck.entries("# comment\n银行\tyin2 xing2\n你好\tni3 hao3\n地址\tdi4 zhi3\nno tab here\n")
        XCTAssertEqual(entries.unreadable, [5])
        XCTAssertEqual(check.misses(entries.entries).map(\.entry.text), ["银行"])
    }
}
