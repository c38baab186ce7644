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
    func corpus() throws -> Corpus { try Corpus("pronunciation-corpus.txt", voice: .mandarin, lexicon: shippedLexicon) }

    func testTheCorpusIsSaidRightAtLeast99PercentAndItsHeldOutHalf97() throws {
        try corpus().assertSaidRight(overall: 0.99, heldOut: 0.97)
    }

    func testNoLexiconWordIsInTheHeldOutHalf() throws {
        try corpus().assertNoLexiconWordIsHeldOut()
    }

    func testEveryReadingHasOneSyllablePerCharacter() throws {
        try corpus().assertOneSyllablePerCharacter(highestTone: "5")
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
