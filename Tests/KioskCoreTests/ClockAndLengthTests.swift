import Foundation
import XCTest
@testable import KioskCore
import KioskTestSupport

/// A wrong clock is said, not believed; lengths are counted the way a reader and a disk see them.
final class ClockAndLengthTests: XCTestCase {
    let zh = loadStrings("zh-Hans")
    /// 1970-01-01 08:00 in China: what a kiosk with a flat clock battery says.
    let epoch = Moment(date: Date(timeIntervalSince1970: 0), utcOffsetSeconds: 8 * 3600)

    /// Pension certification up to the identity number, then a resident born in 1945.
    func pensionWithIdentity(at moment: Moment) -> Driver {
        var d = Driver()
        d.moment = moment
        d.open("pension-certification")
        while let page = d.state.page, page != .question("id_number") {
            if page == .privacy || d.state.session?.materials.isEmpty == false || !d.state.choices.isEmpty { d.digit(1) } else { d.enter() }
            if case .material? = d.state.page { d.digit(1) }
        }
        d.type("511922194503150016")
        return d
    }

    func testAClockIn1970DoesNotTurnAwayAResidentBornIn1945() throws {
        let d = pensionWithIdentity(at: epoch)
        guard d.state.page != nil else { return XCTFail("turned away: \(d.state.screen)") }
        XCTAssertTrue(d.state.clockSuspect)
        XCTAssertTrue(d.state.content(zh).status.contains("本机时间不对，请联系工作人员"), d.state.content(zh).status)

        // The same resident with a right clock and a birth year that makes them 59: turned away.
        var young = Driver()
        young.open("pension-certification")
        while let page = young.state.page, page != .question("id_number") {
            if !young.state.choices.isEmpty { young.digit(1) } else { young.enter() }
        }
        young.type("511922196712310011")
        guard case .ineligible? = young.state.step else { return XCTFail("\(young.state.screen)") }
        XCTAssertFalse(young.state.clockSuspect)
    }

    func testASubmissionMadeWithASuspectClockSaysSo() throws {
        var d = pensionWithIdentity(at: epoch)
        for _ in 0..<30 where d.submissions.isEmpty {
            if d.page == .review { d.submit(); break }
            if !d.state.choices.isEmpty { d.digit(1) } else if d.state.acceptsText { d.type("13800000000") } else { d.enter() }
        }
        let submission = try XCTUnwrap(d.submissions.first)
        XCTAssertTrue(submission.clockSuspect)
        XCTAssertEqual(submission.json["created_at"], .string("1970-01-01T08:00:00+08:00"), "the time is what the clock said")
    }

    /// Issue 20, finding 11: the catalog's day is read from its contents, and only a whole day counts.
    func testTheCatalogsPublicationDayComesFromItsVersion() {
        func day(_ version: String) -> String? {
            Catalog(version: version, categories: [], services: []).publishedDay?.description
        }
        XCTAssertEqual(day("2026-11-28"), "2026-11-28")
        XCTAssertEqual(day("2026-11-28-r2"), "2026-11-28")
        for label in ["r7", "20261128", "2026-11-280", "2026-02-30", "2026-11", "v2026-11-28"] { XCTAssertNil(day(label), label) }
        let later = ClockCheck.earliestPlausible(catalog: Catalog(version: "2027-01-05", categories: [], services: []))
        XCTAssertEqual(later, ClockCheck.Bound(day: CivilDate(year: 2027, month: 1, day: 5)!, source: .catalog(version: "2027-01-05")))
        let older = ClockCheck.earliestPlausible(catalog: Catalog(version: "2026-01-05", categories: [], services: []))
        XCTAssertEqual(older.source, .release, "a catalog older than the release does not lower the bound")
        let said = later.message(now: Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 8 * 3600), zh)
        XCTAssertTrue(said.contains("比门户下发的事项清单的发布日期 2027-01-05 还早，清单版本 2027-01-05"), said)
    }

    func testAGraphemeOfThreeThousandCombiningMarksIsTooLong() {
        let monster = "e" + String(repeating: "\u{0301}", count: 3000)
        XCTAssertEqual(monster.count, 1, "one character as Swift counts it")
        let address = Field(id: "address", type: .text, label: LocalizedText(["zh-Hans": "地址"]), required: true, sensitive: false,
                            options: [], maxLength: 50)
        XCTAssertEqual(FieldValidator.validate(address, input: monster, today: testToday), .failure(.inputTooLong),
                       "over the 500-character cap by its scalars")
        let shorter = "e" + String(repeating: "\u{0301}", count: 300)
        guard case let .failure(.textTooLong(max, found)) = FieldValidator.validate(address, input: shorter, today: testToday) else {
            return XCTFail("300 marks on one letter is not an address")
        }
        XCTAssertEqual(max, 50)
        XCTAssertEqual(found, 76, "the length said is what the limit saw: 301 scalars, 4 to a character")
        XCTAssertEqual(FieldValidator.validate(address, input: "江口镇二村三组5号", today: testToday), .success(.string("江口镇二村三组5号")))
        XCTAssertEqual(FieldValidator.validate(address, input: "Zoë 👍🏽", today: testToday), .success(.string("Zoë 👍🏽")),
                       "accents and an emoji with its skin tone are ordinary text")

        var d = Driver(catalog: bundledCatalog)
        d.state.screen = .service(ServiceVisit(Session(service: bundledCatalog.service(id: "pension-certification")!), at: .page(.question("home_address"))))
        d.type(monster)
        XCTAssertEqual(d.state.error, .inputTooLong)
        XCTAssertEqual(d.state.input, "", "nothing of it is kept")
    }
}
