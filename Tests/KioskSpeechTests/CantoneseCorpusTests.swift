import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

/// The Cantonese corpus, checked as `carekiosk speak --voice yue --check` checks it (the dictionary is
/// built from rime-cantonese, neither source below):
/// - `cantonese-corpus.txt`: every run of Chinese of the bundled catalog and the locale file whose
///   characters HKCanCor has, with the Jyutping HKCanCor gives it. The lexicon and the rules were
///   fixed on it.
/// - `cantonese-held-out.txt`: 700 domain words nothing was fixed on, drawn from CC-Canto with its
///   readings by `scripts/check-cantonese-corpus --draw-held-out`. It names no lexicon word.
final class CantoneseCorpusTests: XCTestCase {
    func corpus() throws -> Corpus {
        try Corpus("cantonese-corpus.txt", heldOutFile: "cantonese-held-out.txt", voice: .cantonese, lexicon: shippedCantoneseLexicon)
    }

    /// The kiosk's own texts at 99% and the held-out words at 97%, as the issue asks; both together at
    /// the figure measured when the dictionary was last built (98.8%: the 99% of all lines is
    /// not reached, docs/speech.md says why).
    func testTheKiosksTextsAreSaidRightAtLeast99PercentAndTheHeldOutWords97() throws {
        try corpus().assertSaidRight(overall: 0.987, tuned: 0.99, heldOut: 0.97)
    }

    func testTheHeldOutWordsAreNoneOfTheKiosksOwnTexts() throws {
        let corpus = try corpus()
        let own = corpus.entries.filter { !$0.marks.contains("held-out") }.map(\.text)
        for entry in corpus.heldOut {
            XCTAssertFalse(own.contains { $0.contains(entry.text) }, "留出的词出现在本机自己的文字里：\(entry.text)")
        }
    }

    func testNoLexiconWordIsInTheHeldOutHalf() throws {
        try corpus().assertNoLexiconWordIsHeldOut()
    }

    func testEveryReadingHasOneSyllablePerCharacter() throws {
        try corpus().assertOneSyllablePerCharacter(highestTone: "6")
    }

    /// A wrong tone or coda is found, also on a syllabic nasal (下午 is ng5, not ng6), which eSpeak NG
    /// says with its tone only as the kiosk spells it.
    func testTheCheckFindsAWrongReadingOnly() throws {
        let check = PronunciationCheck(text: speechText(.cantonese), engine: try engine(.cantonese))
        let entries = PronunciationCheck.entries("银行\tngan4 hang4\n电话\tdi6 waa6\n下午五点\thaa6 ng5 ng5 dim2\n错误\tco3 ng6\n"
            + "更正\tgang1 zing3\n下午\thaa6 ng6\n")
        XCTAssertEqual(check.misses(entries.entries).map(\.entry.text), ["银行", "电话", "下午"])
    }
}
