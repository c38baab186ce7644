import Foundation
@testable import KioskSpeech
import KioskTestSupport
import XCTest

final class LexiconTests: XCTestCase {
    func testTheShippedLexiconHasNoBadLine() {
        XCTAssertEqual(shippedLexicon.problems, [])
        XCTAssertGreaterThan(shippedLexicon.entries.count, 40)
        for word in ["银行", "长辈", "重新", "还款", "参保", "单位", "调整"] { XCTAssertNotNil(shippedLexicon.entries[word], word) }
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
        XCTAssertEqual(lexicon.apply("去银行卡"), "去 yin2 hang2 ka3 ")
        XCTAssertEqual(lexicon.apply("去银行"), "去 yin2 hang2 ")
        XCTAssertEqual(lexicon.apply("绿色"), "lü4 色")
    }

    func testAWordAddedToTheFileIsUsedWithoutRebuilding() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "朝阳 zhao1 yang2\n".write(to: url, atomically: true, encoding: .utf8)
        let text = SpeechText(voice: .mandarin, lexicon: try Lexicon(contentsOf: url), strings: loadStrings("zh-Hans"))
        XCTAssertEqual(text.prose("朝阳村"), "zhao1 yang2 村")
    }
}
