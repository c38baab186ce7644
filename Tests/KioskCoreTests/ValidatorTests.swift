import XCTest
@testable import KioskCore
import KioskTestSupport

final class IdentityNumberTests: XCTestCase {
    func parse(_ s: String) -> Result<IdentityNumber, ValidationError> { IdentityNumber.parse(s, today: testToday) }

    func testValidNumbersWithDigitAndXCheckCharacters() throws {
        XCTAssertEqual(try parse("511922194503150016").get().value, "511922194503150016")
        XCTAssertEqual(try parse("11010519491231002X").get().birthDate.description, "1949-12-31")
        XCTAssertEqual(try parse("440302193808081232").get().sex, "male")
        XCTAssertEqual(try parse("330102193606150045").get().sex, "female")
    }

    func testLowerCaseXIsAcceptedAndStoredUpperCase() throws {
        XCTAssertEqual(try parse("11010519491231002x").get().value, "11010519491231002X")
        XCTAssertEqual(try parse(" 110105 19491231 002x ").get().value, "11010519491231002X")
    }

    func testWrongCheckDigitIsNamed() {
        XCTAssertEqual(parse("511922194503150017"), .failure(.idCheckDigit))
        XCTAssertEqual(parse("110105194912310021"), .failure(.idCheckDigit))
        // One swapped digit in the body also shows up as a check-digit failure.
        XCTAssertEqual(parse("511922194503510016"), .failure(.idBirthDate("1945-03-51")))
        XCTAssertEqual(parse("511292194503150016"), .failure(.idCheckDigit))
    }

    func testFifteenDigitNumberIsConvertedToEighteen() throws {
        let id = try parse("110105491231002").get()
        XCTAssertEqual(id.value, "11010519491231002X")
        XCTAssertEqual(id.birthDate, CivilDate(year: 1949, month: 12, day: 31))
    }

    func testTwentyNinthFebruaryOnlyInLeapYears() throws {
        // 1923 is not a leap year: 1923-02-29 does not exist.
        XCTAssertEqual(parse("110105192302290024"), .failure(.idBirthDate("1923-02-29")))
        XCTAssertEqual(try parse("110105200002290021").get().birthDate.description, "2000-02-29")
    }

    func testBirthDateInTheFutureIsRefused() {
        XCTAssertEqual(parse("110105209901010020"), .failure(.idBirthInFuture("2099-01-01")))
    }

    func testLengthAndCharacterChecksSayWhere() {
        XCTAssertEqual(parse("51192219450315001"), .failure(.idLength(17)))
        XCTAssertEqual(parse("5119221945031500161"), .failure(.idLength(19)))
        XCTAssertEqual(parse("5119221945031X0016"), .failure(.idCharacter(position: 14)))
        XCTAssertEqual(parse("51192219450315001A"), .failure(.idCharacter(position: 18)))
    }

    func testAgeIsWholeYearsOnTheDay() throws {
        let id = try parse("511922194503150016").get()
        XCTAssertEqual(id.age(on: CivilDate(year: 2025, month: 3, day: 14)!), 79)
        XCTAssertEqual(id.age(on: CivilDate(year: 2025, month: 3, day: 15)!), 80)
        XCTAssertEqual(id.age(on: testToday), 81)
    }

    func testMessagesSayHowToFixIt() {
        let zh = loadStrings("zh-Hans"), en = loadStrings("en")
        XCTAssertEqual(ValidationError.idCheckDigit.message(zh), "身份证号码最后一位对不上，可能有一位输错了，请对照身份证再核对一遍。")
        XCTAssertEqual(ValidationError.idLength(17).message(zh), "您输入了17位。最后一位是X的，请按 * 键输入X。",
                       "seventeen characters are most likely a number ending in X: say how to type it")
        XCTAssertTrue(ValidationError.idLength(16).message(zh).contains("您输入了16位"))
        XCTAssertTrue(ValidationError.idCharacter(position: 14).message(en).contains("Character 14"))
        XCTAssertTrue(ValidationError.idBirthDate("1923-02-29").message(zh).contains("1923年2月29日不是一个真实的日子"), "dates as residents read them")
    }
}

final class FieldValidatorTests: XCTestCase {
    func field(_ type: FieldType, min: Double? = nil, max: Double? = nil, length: Int? = nil, maxLength: Int? = nil) -> Field {
        Field(id: "f", type: type, label: LocalizedText(["zh-Hans": "f"]), required: true, sensitive: false,
              options: [], maxLength: maxLength, length: length, min: min, max: max)
    }

    func check(_ f: Field, _ input: String) -> Result<JSONValue, ValidationError> {
        FieldValidator.validate(f, input: input, today: testToday)
    }

    func testMobileNumbers() {
        XCTAssertEqual(check(field(.phone), "13800000000"), .success(.string("13800000000")))
        XCTAssertEqual(check(field(.phone), "+86 139-1234-5678"), .success(.string("13912345678")))
        XCTAssertEqual(check(field(.phone), "1380000000"), .failure(.phoneLength(10)))
        XCTAssertEqual(check(field(.phone), "12800000000"), .failure(.phonePrefix))
        XCTAssertEqual(check(field(.phone), "23800000000"), .failure(.phonePrefix))
        XCTAssertEqual(check(field(.phone), "1380000000a"), .failure(.phoneCharacters))
    }

    func testDatesTypedOnAKeypadOrWithSeparators() {
        XCTAssertEqual(check(field(.date), "20261201"), .success(.string("2026-12-01")))
        XCTAssertEqual(check(field(.date), "2026-12-1"), .success(.string("2026-12-01")))
        XCTAssertEqual(check(field(.date), "2024/02/29"), .success(.string("2024-02-29")))
        XCTAssertEqual(check(field(.date), "20230229"), .failure(.dateNotReal("2023-02-29")))
        XCTAssertEqual(check(field(.date), "2026-13-01"), .failure(.dateNotReal("2026-13-01")))
        XCTAssertEqual(check(field(.date), "12/01/2026"), .failure(.dateFormat(example: testToday)))
        XCTAssertEqual(check(field(.date), "18991231"), .failure(.dateTooEarly))
    }

    /// The example of how to type a date is the day it is typed, not a birth date: the one date
    /// question of the bundled catalog asks when treatment starts.
    func testADateInAnotherFormIsExplainedWithToday() throws {
        guard case let .failure(error) = check(field(.date), "12/01/2026") else { return XCTFail("accepted") }
        let shown = error.message(loadStrings("zh-Hans"))
        XCTAssertEqual(shown, "日期请输入8位数字，比如今天是\(testToday.year)年\(testToday.month)月\(testToday.day)日，就输入"
                       + String(format: "%04d%02d%02d", testToday.year, testToday.month, testToday.day) + "。")
        XCTAssertFalse(shown.contains("1945"))
    }

    func testNumberRanges() {
        let income = field(.number, min: 0, max: 100_000)
        XCTAssertEqual(check(income, "1200"), .success(.number("1200")))
        XCTAssertEqual(check(income, "1200.50"), .success(.number("1200.5")))
        XCTAssertEqual(check(income, "1,200"), .success(.number("1200")))
        XCTAssertEqual(check(income, "-5"), .failure(.numberBelow("0")))
        XCTAssertEqual(check(income, "100001"), .failure(.numberAbove("100000")))
        XCTAssertEqual(check(income, "一千"), .failure(.numberFormat))
        XCTAssertEqual(check(income, "1e5"), .failure(.numberFormat))
    }

    func testDigitLengths() {
        let last4 = field(.digits, length: 4)
        XCTAssertEqual(check(last4, "0016"), .success(.string("0016")))
        XCTAssertEqual(check(last4, "016"), .failure(.digitsLength(expected: 4, found: 3)))
        XCTAssertEqual(check(last4, "00a6"), .failure(.digitsOnly))
    }

    func testFreeText() {
        let address = field(.text, maxLength: 10)
        XCTAssertEqual(check(address, "  江口镇二村三组  "), .success(.string("江口镇二村三组")))
        XCTAssertEqual(check(address, "四川省资中县江口镇二村三组五号"), .failure(.textTooLong(max: 10, found: 15)))
        XCTAssertEqual(check(address, "二村\u{1B}[2J三组"), .failure(.textControlCharacters))
        XCTAssertEqual(check(address, "二村\u{202E}三组"), .failure(.textControlCharacters))
        XCTAssertEqual(check(address, "   "), .failure(.required))
        XCTAssertEqual(check(field(.text), String(repeating: "长", count: 501)), .failure(.inputTooLong))
    }

    func testMaskingKeepsOnlyTheEnds() {
        XCTAssertEqual(Mask.value("511922194503150016", type: .idNumber), "5119**********0016")
        XCTAssertEqual(Mask.value("13800000000", type: .phone), "1380***0000")
        XCTAssertEqual(Mask.value("0016", type: .digits), "****")
        XCTAssertEqual(Mask.value("51192219450315001642", type: .text), "****************1642")
        XCTAssertEqual(Mask.value("3200", type: .number), "****")
    }
}
