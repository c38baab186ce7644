import KioskCore
@testable import KioskSpeech
import XCTest

final class NormalisationTests: XCTestCase {
    let mandarin = speechText(.mandarin)
    let cantonese = speechText(.cantonese)
    let english = speechText(.english)

    func testPhoneNumbersAreReadDigitByDigitInGroupsWithYao() {
        XCTAssertEqual(mandarin.value("13812345671", as: .phone), "yao1 三八，yao1 二三四，五六七 yao1")
        // Cantonese speakers say 一, not 幺.
        XCTAssertEqual(cantonese.value("13812345671", as: .phone), "一三八，一二三四，五六七一")
        XCTAssertEqual(english.value("13812345671", as: .phone), "1 3 8, 1 2 3 4, 5 6 7 1")
    }

    func testPhoneNumbersInsideTextAreNotReadAsOneHugeNumber() {
        let text = mandarin.prose("请拨打13800000000")
        XCTAssertTrue(text.hasSuffix("yao1 三八，零零零零，零零零零"), text)
        XCTAssertFalse(text.contains("亿"), text)
    }

    func testIdentityNumbersAreNeverSpokenInFull() {
        XCTAssertEqual(mandarin.value("511922194503150016", as: .idNumber), "wei3 hao4 零零一六")
        XCTAssertEqual(english.value("511922194503150016", as: .idNumber), "ending in 0 0 1 6")
        XCTAssertEqual(mandarin.value("51192219450315001X", as: .idNumber), "wei3 hao4 零零一 ai2 ke4 si1")
    }

    func testMaskedValuesAreReadAsLastFourOnly() {
        for masked in ["5119**********0016", "**************0016"] {
            let text = mandarin.prose("已填写：\(masked)。")
            XCTAssertTrue(text.contains("wei3 hao4 零零一六"), text)
            XCTAssertFalse(text.contains("五一一九") || text.contains("五千"), text)
        }
        XCTAssertEqual(mandarin.prose("已填写：****。"), "已填写：已填写，不读出。")
    }

    func testNumbersOutsideMasksGroupedDigitsForLongRuns() {
        XCTAssertEqual(mandarin.prose("511922194503150016"), "五一一九二二，一九四五零三一五，零零一六")
        XCTAssertEqual(mandarin.value("20261122", as: .digits), "二零二六，一一二二")
    }

    func testYearsDigitByDigitAndDatesAsYearMonthDay() {
        XCTAssertEqual(mandarin.prose("1945年3月15日"), "一九四五年三月十五日")
        XCTAssertEqual(mandarin.prose("日期不能早于1900年"), "日期不能早于一九零零年")
        XCTAssertEqual(mandarin.value("19450315", as: .date), "一九四五年三月十五日")
        XCTAssertEqual(mandarin.prose("出生日期 1945-03-15"), "出生日期 一九四五年三月十五日")
        XCTAssertEqual(english.value("19450315", as: .date), "March 15, 1945")
    }

    func testAmountsAndAgesAsNumbers() {
        XCTAssertEqual(mandarin.value("1200.50", as: .amount), "一千二百点五零")
        XCTAssertEqual(mandarin.value("100000", as: .amount), "十万")
        XCTAssertEqual(mandarin.value("1005", as: .amount), "一千零五")
        XCTAssertEqual(mandarin.value("20030", as: .amount), "二万零三十")
        XCTAssertEqual(mandarin.prose("您还不满60周岁"), "您 hai2 bu4 man3 六十周岁")
        XCTAssertEqual(mandarin.prose("第 2 步，共 12 步"), "第 二 步，共 十二 步")
        XCTAssertEqual(english.value("1200.50", as: .amount), "1200.50")
    }

    func testLatinLettersInCodesAreSpelledOut() {
        XCTAssertEqual(mandarin.value("1a2b", as: .receipt), "一 ei1 二 bi4")
        XCTAssertEqual(mandarin.prose("办件编号：0B0C0F7E"), "ban4 jian4 编号：零 bi4 零 xi1，零 ai2 fu5 七 yi4")
        XCTAssertEqual(cantonese.prose("編號：AB12CD34"), "編號：A B 一二，C D 三四")
        XCTAssertEqual(english.value("0b0c0f7e", as: .receipt), "0 B 0 C, 0 F 7 E")
    }

    func testEnglishWordsAreLeftOutOfMandarinButCapitalsSpelled() {
        XCTAssertEqual(mandarin.prose("语言 / Language"), "语言，")
        XCTAssertEqual(mandarin.prose("最后一位可以是X"), "最后一位可以是 ai2 ke4 si1")
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
        XCTAssertEqual(mandarin.engineText(u), "请选择。按一，she4 bao3 养老。二。")
        let e = Utterance(voice: .english, parts: [.text("Choose"), .text("Press 1")])
        XCTAssertEqual(english.engineText(e), "Choose. Press 1.")
    }

    func testChineseNumbers() {
        let cases: [(String, String)] = [("0", "零"), ("10", "十"), ("15", "十五"), ("101", "一百零一"), ("110", "一百一十"),
                                         ("10001", "一万零一"), ("100000000", "一亿"), ("-3", "负三"), ("0.5", "零点五")]
        for (n, words) in cases { XCTAssertEqual(ChineseNumbers.number(n), words, n) }
    }
}
