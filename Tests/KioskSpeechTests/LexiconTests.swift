import Foundation
@testable import KioskSpeech
import KioskTestSupport
import XCTest

final class LexiconTests: XCTestCase {
    func testTheShippedLexiconHasNoBadLine() {
        XCTAssertEqual(shippedLexicon.problems, [])
        XCTAssertEqual(shippedCantoneseLexicon.problems, [])
        // The words the dictionary says wrong in the kiosk's own texts.
        for word in ["还款", "重听", "供养", "给付"] { XCTAssertNotNil(shippedLexicon.entries[word], word) }
    }

    func testBadLinesAreReportedWithTheirLineNumber() {
        let lexicon = Lexicon(text: "# comment\n银行 yin2 hang2\n长辈\n重新 chong xin1\n还款 huan2\n调整 tiao2 zheng3 # ok\n")
        XCTAssertEqual(lexicon.problems, [
            .init(line: 3, kind: .noPinyin),
            .init(line: 4, kind: .badSyllable("chong")),
            .init(line: 5, kind: .syllableCount(characters: 2, syllables: 1)),
        ])
        XCTAssertEqual(lexicon.entries, ["银行": "yin2 hang2", "调整": "tiao2 zheng3"])
    }

    func testLongestWordWinsAndVIsReadAsUe() {
        let lexicon = Lexicon(text: "银行 yin2 hang2\n银行卡 yin2 hang2 ka3\n绿 lv4\n")
        let text = SpeechText(voice: .mandarin, lexicon: lexicon, strings: loadStrings("zh-Hans"))
        XCTAssertEqual(text.prose("去银行卡"), "去 yin2 hang2 ka3")
        XCTAssertEqual(text.prose("去银行"), "去 yin2 hang2")
        XCTAssertEqual(text.prose("绿色"), "lü4 色")
    }

    func testJyutpingHasSixTonesAndPinyinFive() {
        XCTAssertEqual(Lexicon(text: "银行 ngan4 hong4\n", highestTone: "6").problems, [])
        XCTAssertEqual(Lexicon(text: "时 si6\n").problems, [.init(line: 1, kind: .badSyllable("si6"))])
    }

    func testAWordAddedToTheFileIsUsedWithoutRebuilding() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "朝阳 zhao1 yang2\n".write(to: url, atomically: true, encoding: .utf8)
        let text = SpeechText(voice: .mandarin, lexicon: try Lexicon(contentsOf: url), strings: loadStrings("zh-Hans"))
        XCTAssertEqual(text.prose("朝阳村"), "zhao1 yang2 村")
        let withDictionary = SpeechText(voice: .mandarin, lexicon: try Lexicon(contentsOf: url), strings: loadStrings("zh-Hans"),
                                        dictionary: shippedDictionary)
        XCTAssertEqual(withDictionary.prose("朝阳村"), "zhao1 yang2 cun1")
    }
}
