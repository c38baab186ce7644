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
                     "1/2": "ji6 fan6 zi1 jat1", "5%": "baak3 fan6 zi1 ng5", "1/3": "saam1 fan6 zi1 jat1", "2.5": "ji6 dim2 ng5", "14:02": "sap6 sei3 dim2 ling4 ji6 fan1",
                     "1200元": "jat1 cin1 ji6 baak3 jyun4", "2026年": "ji6 ling4 ji6 luk6 nin4",
                     "2万": "loeng5 maan6", "2200": "loeng5 cin1 ji6 baak3", "2次": "loeng5 ci3", "2月": "ji6 jyut6",
                     "2年级": "ji6 nin4 kap1", "1-2个": "jat1 dou3 loeng5 go3", "3.02元": "saam1 jyun4 ling4 ji6 fan1",
                     "第 2 次": "dai6 ji6 ci3"]
        for (text, jyutping) in cases { XCTAssertEqual(cantonese.prose(text), jyutping, text) }
        XCTAssertEqual(cantonese.value("2000", as: .amount), "loeng5 cin1")
        // Mandarin keeps 二 (its own counting is not part of this).
        XCTAssertEqual(speechText(.mandarin).prose("共2个"), "gong4 er4 ge4")
    }

    /// Only the numbers the kiosk makes from digits are counted: a text's own 二 and 两 are said as
    /// written, so 二次报销 (a second claim) is never turned into 两次 (two claims).
    func testATextsOwnTwoIsSaidAsWritten() {
        XCTAssertEqual(cantonese.prose("二次报销"), "ji6 ci3 bou3 siu1")
        XCTAssertEqual(cantonese.prose("二个"), "ji6 go3")
        XCTAssertEqual(cantonese.prose("两次"), "loeng5 ci3")
        XCTAssertEqual(cantonese.prose("二百"), "ji6 baak3")
    }

    /// The dictionary alone, without the lexicon: what the reading rules decide.
    var dictionaryAlone: SpeechText {
        SpeechText(voice: .cantonese, lexicon: Lexicon(highestTone: "6"), strings: loadStrings("zh-Hans"), dictionary: shippedCantoneseDictionary)
    }

    /// 种 and 只 are said as measure words after a number or a demonstrative (zung2, zek3), and as
    /// themselves elsewhere (种树 zung3, 只有 zi2).
    func testAMeasureWordIsSaidSoAfterANumberOrADemonstrative() {
        let cases = ["按这种内容": "on3 ze2 zung2 noi6 jung4", "位的那种": "wai6 dik1 naa5 zung2", "每种": "mui5 zung2",
                     "三只": "saam1 zek3", "这只": "ze2 zek3", "种树": "zung3 syu6", "只有": "zi2 jau5"]
        for (text, jyutping) in cases { XCTAssertEqual(dictionaryAlone.prose(text), jyutping, text) }
    }

    /// rime-cantonese lists these words once per reading, and the wheel keeps the last listed (单位
    /// wai6, 文件 gin6, 处理 cyu5); the dictionary has the reading the data's words containing them
    /// use, most of them the changed tone people say (工作单位, 文件夹, 数据处理).
    func testAWordHasTheReadingTheWordsContainingItUse() {
        let cases = ["单位": "daan1 wai2", "文件": "man4 gin2", "处理": "cyu2 lei5", "资料": "zi1 liu2",
                     "银行": "ngan4 hong4", "身份证": "san1 fan6 zing3"]
        for (text, jyutping) in cases { XCTAssertEqual(dictionaryAlone.prose(text), jyutping, text) }
    }

    /// A character left alone at the end of a run right after a word takes its `@endings` reading
    /// (a suffix: 发布|会 wui2); alone, inside a run, after a character that is no word, or as a
    /// measure word after a number it keeps its own (会 wui6, 同一|件 gin6).
    func testACharacterEndingARunAfterAWordIsItsSuffix() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("endings-\(UUID().uuidString).txt")
        try "@chars\nfaat3 发\nbou3 布\nwui6 会\njat1 一\ntung4 同\ngin6 件\nji6 议\n@endings\nwui2 会\ngin2 件\n@words\n发 布\n同 一\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = SpeechText(voice: .cantonese, lexicon: Lexicon(highestTone: "6"), strings: loadStrings("zh-Hans"),
                              dictionary: ReadingDictionarySource(url: file))
        let cases = ["发布会": "faat3 bou3 wui2", "会": "wui6", "发布会议": "faat3 bou3 wui6 ji6", "布会": "bou3 wui6",
                     "同一件": "tung4 jat1 gin6", "发布件": "faat3 bou3 gin2"]
        for (run, jyutping) in cases { XCTAssertEqual(text.prose(run), jyutping, run) }
        // Mandarin's dictionary has no such section: nothing changes there.
        XCTAssertNil(try XCTUnwrap(shippedDictionary.dictionary).ending(of: UInt16(("会" as Character).unicodeScalars.first!.value)))
    }

    /// Between two ways to split a run into as many words, the one whose lone character is a
    /// function word (和, "and") wins over one that leaves a content character alone (和音|素).
    func testALoneFunctionWordSplitsTheWordsAroundIt() {
        XCTAssertEqual(dictionaryAlone.prose("文字和音素"), "man4 zi6 wo4 jam1 sou3")
        XCTAssertEqual(dictionaryAlone.prose("连不上门户"), "lin4 bat1 soeng5 mun4 wu6")
    }

    func testPhoneDigitsAreSaidWithOneNotYao() {
        XCTAssertEqual(cantonese.value("13812345671", as: .phone), "jat1 saam1 baat3，jat1 ji6 saam1 sei3，ng5 luk6 cat1 jat1")
    }

    /// eSpeak NG says a syllabic nasal given in Jyutping without its tone (ng5 as a bare N): what the
    /// kiosk hands it says each with its tone, while the readings stay Jyutping.
    func testSyllabicNasalsAreSaidWithTheirTones() throws {
        XCTAssertEqual(cantonese.prose("下午"), "haa6 ng5")
        let engine = try engine(.cantonese)
        for (text, syllable) in [("下午", "ng5"), ("错误", "ng6"), ("姓吴", "ng4")] {
            let said = engine.phonemes(cantonese.engineText(Utterance(voice: .cantonese, parts: [.text(text)])))
            XCTAssertTrue(said.contains("'" + syllable), "\(text)：\(said)")
        }
        for syllable in ["ng2", "ng4", "ng5", "ng6"] {
            XCTAssertTrue(engine.phonemes(CantoneseSpelling.engine(syllable)).contains("'" + syllable), syllable)
        }
        XCTAssertFalse(engine.phonemes("haa6 ng5").contains("5"), "eSpeak NG now says ng5 itself: the spelling is not needed")
    }

    func testWithoutTheDictionaryEspeakReadsWhatTheLexiconDoesNotList() {
        let text = SpeechText(voice: .cantonese, lexicon: shippedCantoneseLexicon, strings: loadStrings("zh-Hans"))
        XCTAssertEqual(text.prose("去参保"), "去 caam1 bou2")
    }
}
