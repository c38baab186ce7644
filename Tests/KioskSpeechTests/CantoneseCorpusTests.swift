import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

/// The Cantonese corpus (`cantonese-corpus.txt`): every run of Chinese of the bundled catalog and
/// the locale file whose characters HKCanCor has, with the Jyutping HKCanCor gives it (the dictionary
/// is built from rime-cantonese, not from HKCanCor), checked as `carekiosk speak --voice yue --check`
/// checks it. Its held-out half names no word of `locales/lexicon-yue.txt`.
final class CantoneseCorpusTests: XCTestCase {
    func corpus() throws -> Corpus { try Corpus("cantonese-corpus.txt", voice: .cantonese, lexicon: shippedCantoneseLexicon) }

    func testTheCorpusIsSaidRightAtLeast99PercentAndItsHeldOutHalf97() throws {
        try corpus().assertSaidRight()
    }

    func testNoLexiconWordIsInTheHeldOutHalf() throws {
        try corpus().assertNoLexiconWordIsHeldOut()
    }

    func testEveryReadingHasOneSyllablePerCharacter() throws {
        try corpus().assertOneSyllablePerCharacter(highestTone: "6")
    }

    /// A wrong tone or coda is found; a syllabic nasal (五 ng5, 误 ng6) is compared as eSpeak NG says it.
    func testTheCheckFindsAWrongReadingOnly() throws {
        let check = PronunciationCheck(text: speechText(.cantonese), engine: try engine(.cantonese))
        let entries = PronunciationCheck.entries("银行\tngan4 hang4\n电话\tdi6 waa6\n下午五点\thaa6 ng5 ng5 dim2\n错误\tco3 ng6\n更正\tgang1 zing3\n")
        XCTAssertEqual(check.misses(entries.entries).map(\.entry.text), ["银行", "电话"])
    }
}
