import Foundation
import KioskCore
@testable import KioskSpeech
import KioskTestSupport
import XCTest

/// Cantonese as the kiosk gives it to `yue-Latn-jyutping`: Jyutping from the dictionary, the lexicon
/// and the catalog above it, two counted as Cantonese speakers count it, syllabic nasals as eSpeak
/// NG can say them.
final class CantoneseReaderTests: XCTestCase {
    let cantonese = speechText(.cantonese)

    func testTheShippedDictionaryIsLargeAndLoadsOnce() throws {
        try assertShippedDictionary(shippedCantoneseDictionary, words: 50_000, word: "银行", reading: ["ngan4", "hong4"])
        XCTAssertLessThan(try Data(contentsOf: shippedCantoneseDictionary.url).count, ReadingDictionary.byteLimit / 8, "词典文件太大")
    }

    /// The words: eSpeak NG's own list dropped a coda or a tone in them.
    func testWordsEspeakSaidWrongAreSaidFromTheDictionary() {
        let cases = ["更正": "gang1 zing3", "电话": "din6 waa2", "行业": "hong4 jip6", "银行": "ngan4 hong4",
                     "长辈": "zoeng2 bui3", "还款": "waan4 fun2", "身份证": "san1 fan6 zing3", "重新": "cung4 san1"]
        for (word, jyutping) in cases { XCTAssertEqual(cantonese.prose(word), jyutping, word) }
    }

    func testTheLexiconAndTheCatalogWinOverTheDictionary() {
        XCTAssertEqual(cantonese.prose("参保"), "caam1 bou2")
        XCTAssertEqual(cantonese.prose("帮办员"), "bong1 baan6 jyun4")
        let county = cantonese.with(pronunciations: Lexicon(checked: ["银行": "ngan4 haang4", "参保": "sam1 bou2"]))
        XCTAssertEqual(county.prose("去银行参保"), "heoi3 ngan4 haang4 sam1 bou2")
    }

    func testTwoIsCountedAsCantoneseSpeakersCountIt() {
        let cases = ["2000元": "loeng5 cin1 jyun4", "200人": "loeng5 baak3 jan4", "共2个": "gung6 loeng5 go3",
                     "2:30": "loeng5 dim2 bun3", "0.2元": "loeng5 gok3", "2小时": "loeng5 siu2 si4",
                     "22": "ji6 sap6 ji6", "第2项": "dai6 ji6 hong6", "12月2日": "sap6 ji6 jyut6 ji6 jat6",
                     "1/2": "ji6 fan1 zi1 jat1", "2.5": "ji6 dim2 五", "14:02": "sap6 sei3 dim2 ling4 ji6 fan1",
                     "1200元": "jat1 cin1 ji6 baak3 jyun4", "2026年": "ji6 ling4 ji6 luk6 nin4"]
        for (text, jyutping) in cases { XCTAssertEqual(cantonese.prose(text), jyutping, text) }
        // Mandarin keeps 二 (its own counting is not part of this).
        XCTAssertEqual(speechText(.mandarin).prose("共2个"), "gong4 er4 ge4")
    }

    func testPhoneDigitsAreSaidWithOneNotYao() {
        XCTAssertEqual(cantonese.value("13812345671", as: .phone), "jat1 saam1 baat3，jat1 ji6 saam1 sei3，五 luk6 cat1 jat1")
    }

    /// eSpeak NG says Jyutping "ng5" without its tone; 五 it says 'ng5. The check compares the same way.
    func testSyllabicNasalsAreGivenAsCharactersEspeakSaysSo() throws {
        XCTAssertEqual(cantonese.prose("下午"), "haa6 五")
        XCTAssertEqual(cantonese.prose("错误"), "co3 误")
        let engine = try engine(.cantonese)
        XCTAssertEqual(engine.phonemes(cantonese.prose("下午")), engine.phonemes(cantonese.engineReading("haa6 ng5")))
        XCTAssertNotEqual(engine.phonemes("haa6 ng5"), engine.phonemes("haa6 五"), "eSpeak NG now says ng5 itself: the spelling is not needed")
    }

    func testWithoutTheDictionaryEspeakReadsWhatTheLexiconDoesNotList() {
        let text = SpeechText(voice: .cantonese, lexicon: shippedCantoneseLexicon, strings: loadStrings("zh-Hans"))
        XCTAssertEqual(text.prose("去参保"), "去 caam1 bou2")
    }
}
