import Foundation
import KioskCore
@testable import KioskSpeech
import KioskTestSupport
import XCTest

/// The layers of Mandarin reading: the dictionary file, the words the issue's residents heard
/// wrong, the tone changes, and the catalog's pronunciations above everything.
final class MandarinReaderTests: XCTestCase {
    let mandarin = speechText(.mandarin)

    func testTheShippedDictionaryIsLargeAndLoadsOnce() throws {
        try assertShippedDictionary(shippedDictionary, words: 100_000, word: "银行", reading: ["yin2", "hang2"])
    }

    func testWordsResidentsHeardWrongAreSaidRight() {
        let cases = ["地址": "di4 zhi3", "异地": "yi4 di4", "出差": "chu1 chai1", "差额": "cha1 e2", "着急": "zhao2 ji2",
                     "给付": "ji3 fu4", "尽快": "jin3 kuai4", "相应": "xiang1 ying4", "校验": "jiao4 yan4",
                     "种地": "zhong4 di4", "头发": "tou2 fa4", "宁可": "ning4 ke3", "还款": "huan2 kuan3", "重听": "chong2 ting1"]
        for (word, pinyin) in cases { XCTAssertEqual(mandarin.prose(word), pinyin, word) }
    }

    func testOneAndNotChangeTheirTones() {
        let cases = ["一个": "yi2 ge4", "一天": "yi4 tian1", "统一": "tong3 yi1", "第一次": "di4 yi1 ci4",
                     "十一": "shi2 yi1", "一月一日": "yi1 yue4 yi1 ri4", "一千一百": "yi4 qian1 yi4 bai3",
                     "看一看": "kan4 yi5 kan4", "不是": "bu2 shi4", "不能": "bu4 neng2", "是不是": "shi4 bu5 shi4",
                     "一九二一": "yi1 jiu3 er4 yi1"]
        for (text, pinyin) in cases { XCTAssertEqual(mandarin.prose(text), pinyin, text) }
    }

    func testACharacterInNoWordHasItsMostCommonReading() {
        XCTAssertEqual(mandarin.prose("参保地"), "can1 bao3 di4")
        XCTAssertEqual(mandarin.prose("丢了的卡"), "diu1 le5 de5 ka3")
    }

    func testTheCatalogsPronunciationsWinOverTheLexiconAndTheDictionary() {
        let county = mandarin.with(pronunciations: Lexicon(checked: ["银行": "yin2 xing2", "还款": "hai2 kuan3"]))
        XCTAssertEqual(county.prose("去银行还款"), "qu4 yin2 xing2 hai2 kuan3")
        XCTAssertEqual(mandarin.prose("去银行还款"), "qu4 yin2 hang2 huan2 kuan3")
    }

    func testWithoutTheDictionaryEspeakReadsWhatTheLexiconDoesNotList() {
        let text = SpeechText(voice: .mandarin, lexicon: Lexicon(text: "银行 yin2 hang2\n"), strings: loadStrings("zh-Hans"))
        XCTAssertEqual(text.prose("去银行"), "去 yin2 hang2")
    }

    func testABrokenOrOversizedFileIsRefusedWithItsReason() throws {
        XCTAssertThrowsError(try ReadingDictionary(text: "@chars\nyi1 一\n@words\n银 行:yin2\n")) {
            XCTAssertEqual($0 as? ReadingDictionary.Failure, .malformed(line: 4))
        }
        XCTAssertThrowsError(try ReadingDictionary(text: "@words\n银 河 行\n银 行\n")) {
            XCTAssertEqual($0 as? ReadingDictionary.Failure, .malformed(line: 3), "words out of order")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dictionary-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(count: ReadingDictionary.byteLimit + 1).write(to: url)
        let source = ReadingDictionarySource(url: url)
        XCTAssertNil(source.dictionary)
        XCTAssertEqual(source.failure, .tooLarge(bytes: ReadingDictionary.byteLimit + 1))
    }

    /// Every reading the dictionary can give is a syllable the pinyin voice says in Mandarin.
    func testEverySyllableOfTheDictionaryIsSaidWithoutEnglish() throws {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("speech/mandarin-pinyin.txt"), encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let syllables = Set(body.matches(of: /[a-zü]+[1-5]/).map { String($0.0) })
        XCTAssertGreaterThan(syllables.count, 1000)
        let engine = try engine(.mandarin)
        let english = syllables.filter { engine.phonemes($0).contains("(en)") }
        XCTAssertEqual(english, [])
    }
}
