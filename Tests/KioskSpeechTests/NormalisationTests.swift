import KioskCore
@testable import KioskSpeech
import XCTest

final class NormalisationTests: XCTestCase {
    let mandarin = speechText(.mandarin)
    let cantonese = speechText(.cantonese)
    let english = speechText(.english)

    func testPhoneNumbersAreReadDigitByDigitInGroupsWithYao() {
        XCTAssertEqual(mandarin.value("13812345671", as: .phone), "yao1 san1 ba1，yao1 er4 san1 si4，wu3 liu4 qi1 yao1")
        // Cantonese speakers say 一, not 幺.
        XCTAssertEqual(cantonese.value("13812345671", as: .phone), "jat1 saam1 baat3，jat1 ji6 saam1 sei3，ng5 luk6 cat1 jat1")
        XCTAssertEqual(english.value("13812345671", as: .phone), "1 3 8, 1 2 3 4, 5 6 7 1")
    }

    func testPhoneNumbersInsideTextAreNotReadAsOneHugeNumber() {
        let text = mandarin.prose("请拨打13800000000")
        XCTAssertTrue(text.hasSuffix("yao1 san1 ba1，ling2 ling2 ling2 ling2，ling2 ling2 ling2 ling2"), text)
        XCTAssertFalse(text.contains("yi4"), text)
    }

    func testTheBulletsOnScreenAreNotSpoken() {
        // "・" starts each line of the materials and the privacy notice (the session font draws it,
        // not "·"); a voice reads the line, not the mark.
        for voice in [mandarin, cantonese] {
            let text = voice.prose("・身份证号码：用来核对您的身份。")
            XCTAssertFalse(text.contains("・") || text.contains("·"), text)
        }
        XCTAssertEqual(mandarin.prose("村便民服务点・自助办事"), mandarin.prose("村便民服务点 自助办事"))
    }

    func testIdentityNumbersAreNeverSpokenInFull() {
        XCTAssertEqual(mandarin.value("511922194503150016", as: .idNumber), "wei3 hao4 ling2 ling2 yi1 liu4")
        XCTAssertEqual(english.value("511922194503150016", as: .idNumber), "ending in 0 0 1 6")
        XCTAssertEqual(mandarin.value("51192219450315001X", as: .idNumber), "wei3 hao4 ling2 ling2 yi1 ai2 ke4 si1")
    }

    func testMaskedValuesAreReadAsLastFourOnly() {
        for masked in ["5119**********0016", "**************0016"] {
            let text = mandarin.prose("已填写：\(masked)。")
            XCTAssertTrue(text.contains("wei3 hao4 ling2 ling2 yi1 liu4"), text)
            XCTAssertFalse(text.contains("wu3 yi1 yi1 jiu3") || text.contains("qian1"), text)
        }
        XCTAssertEqual(mandarin.prose("已填写：****。"), "yi3 tian2 xie3：yi3 tian2 xie3，bu4 du2 chu1。")
    }

    func testNumbersOutsideMasksGroupedDigitsForLongRuns() {
        XCTAssertEqual(mandarin.prose("511922194503150016"), "wu3 yi1 yi1 jiu3 er4 er4，yi1 jiu3 si4 wu3 ling2 san1 yi1 wu3，ling2 ling2 yi1 liu4")
        XCTAssertEqual(mandarin.value("20261122", as: .digits), "er4 ling2 er4 liu4，yi1 yi1 er4 er4")
    }

    func testYearsDigitByDigitAndDatesAsYearMonthDay() {
        XCTAssertEqual(mandarin.prose("1945年3月15日"), "yi1 jiu3 si4 wu3 nian2 san1 yue4 shi2 wu3 ri4")
        XCTAssertEqual(mandarin.prose("日期不能早于1900年"), "ri4 qi1 bu4 neng2 zao3 yu2 yi1 jiu3 ling2 ling2 nian2")
        XCTAssertEqual(mandarin.value("19450315", as: .date), "yi1 jiu3 si4 wu3 nian2 san1 yue4 shi2 wu3 ri4")
        XCTAssertEqual(mandarin.prose("出生日期 1945-03-15"), "chu1 sheng1 ri4 qi1 yi1 jiu3 si4 wu3 nian2 san1 yue4 shi2 wu3 ri4")
        XCTAssertEqual(english.value("19450315", as: .date), "March 15, 1945")
    }

    func testAmountsAndAgesAsNumbers() {
        XCTAssertEqual(mandarin.value("1200.50", as: .amount), "yi4 qian1 er4 bai3 dian3 wu3 ling2")
        XCTAssertEqual(mandarin.value("100000", as: .amount), "shi2 wan4")
        XCTAssertEqual(mandarin.value("1005", as: .amount), "yi4 qian1 ling2 wu3")
        XCTAssertEqual(mandarin.value("20030", as: .amount), "er4 wan4 ling2 san1 shi2")
        XCTAssertEqual(mandarin.prose("您还不满60周岁"), "nin2 hai2 bu4 man3 liu4 shi2 zhou1 sui4")
        XCTAssertEqual(mandarin.prose("第 2 步，共 12 步"), "di4 er4 bu4，gong4 shi2 er4 bu4")
        XCTAssertEqual(english.value("1200.50", as: .amount), "1200.50")
    }

    func testLatinLettersInCodesAreSpelledOut() {
        XCTAssertEqual(mandarin.value("1a2b", as: .receipt), "yi1 ei1 er4 bi4")
        XCTAssertEqual(mandarin.prose("办件编号：0B0C0F7E"), "ban4 jian4 bian1 hao4：ling2 bi4 ling2 xi1，ling2 ai2 fu5 qi1 yi4")
        XCTAssertEqual(cantonese.prose("编号：AB12CD34"), "pin1 hou6：ei1 bi1 jat1 ji6，si1 di1 saam1 sei3")
        XCTAssertEqual(english.value("0b0c0f7e", as: .receipt), "0 B 0 C, 0 F 7 E")
    }

    func testEnglishWordsAreLeftOutOfMandarinButCapitalsSpelled() {
        XCTAssertEqual(mandarin.prose("语言 / Language"), "yu3 yan2，")
        XCTAssertEqual(mandarin.prose("最后一位可以是X"), "zui4 hou4 yi2 wei4 ke3 yi3 shi4 ai2 ke4 si1")
    }

    func testMandarinTextHasNoDigitThatIsNotATone() {
        let samples = ["第 1 步，共 4 步", "按 0 看下一页", "身份证号码第7到14位是出生日期", "F3 重听", "12.5元", "2026-11-01"]
        for s in samples {
            let text = mandarin.prose(s)
            XCTAssertEqual(strayDigits(text), [], "\(s) → \(text)")
        }
    }

    func testUtteranceEndsEachPartAsASentence() {
        let u = Utterance(voice: .mandarin, parts: [.text("请选择"), .text("按1，社保养老。"), .value("2", .digits)])
        XCTAssertEqual(mandarin.engineText(u), "qing3 xuan3 ze2。an4 yi1，she4 bao3 yang3 lao3。er4。")
        let e = Utterance(voice: .english, parts: [.text("Choose"), .text("Press 1")])
        XCTAssertEqual(english.engineText(e), "Choose. Press 1.")
    }

    func testChineseNumbers() {
        let cases: [(String, String)] = [("0", "零"), ("10", "十"), ("15", "十五"), ("101", "一百零一"), ("110", "一百一十"),
                                         ("10001", "一万零一"), ("100000000", "一亿"), ("-3", "负三"), ("0.5", "零点五")]
        for (n, words) in cases { XCTAssertEqual(ChineseNumbers.number(n), words, n) }
    }

    func testTimesMoneyPercentagesFractionsAndRangesAsPeopleSayThem() {
        XCTAssertEqual(mandarin.prose("09:30"), "jiu3 dian3 ban4")
        XCTAssertEqual(mandarin.prose("14:05开门"), "shi2 si4 dian3 ling2 wu3 fen1 kai1 men2")
        XCTAssertEqual(mandarin.prose("8:00"), "ba1 dian3")
        XCTAssertEqual(mandarin.prose("12.50元"), "shi2 er4 yuan2 wu3 jiao3")
        XCTAssertEqual(mandarin.prose("3.05元"), "san1 yuan2 ling2 wu3 fen1")
        XCTAssertEqual(mandarin.prose("0.5元"), "wu3 jiao3")
        XCTAssertEqual(mandarin.prose("300元"), "san1 bai3 yuan2")
        XCTAssertEqual(mandarin.prose("5%"), "bai3 fen1 zhi1 wu3")
        XCTAssertEqual(mandarin.prose("1/3"), "san1 fen1 zhi1 yi1")
        XCTAssertEqual(mandarin.prose("60-79岁"), "liu4 shi2 dao4 qi1 shi2 jiu3 sui4")
        // Not ranges: a phone number with its area code, a date.
        XCTAssertFalse(mandarin.prose("0838-1234567").contains("dao4"))
        XCTAssertEqual(mandarin.prose("2026-11-01"), "er4 ling2 er4 liu4 nian2 shi2 yi1 yue4 yi1 ri4")
        XCTAssertEqual(cantonese.prose("09:30"), "gau2 dim2 bun3")
    }

    func testAReferenceIsReadDigitByDigitInGroupsOfFour() {
        XCTAssertEqual(mandarin.value("202611220016", as: .receipt),
                       "er4 ling2 er4 liu4，yi1 yi1 er4 er4，ling2 ling2 yi1 liu4")
        XCTAssertEqual(mandarin.prose("办件编号：2026 1122 0016"), "ban4 jian4 bian1 hao4：er4 ling2 er4 liu4，yi1 yi1 er4 er4，ling2 ling2 yi1 liu4")
    }
}
