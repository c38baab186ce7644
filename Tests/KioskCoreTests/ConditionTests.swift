import XCTest
@testable import KioskCore
import KioskTestSupport

final class ConditionTests: XCTestCase {
    let answers: Answers = [
        "id_number": .string("511922194503150016"),   // man born 1945-03-15, 81 on the test day
        "wife_id": .string("330102193606150045"),     // woman born 1936-06-15
        "method": .string("visit"),
        "alone": .bool(true),
        "household": .number("3"),
        "last4": .string("0016"),
    ]

    func holds(_ c: Condition) -> Bool { c.holds(answers, today: testToday) }

    func testEqualsAndNotEquals() {
        XCTAssertTrue(holds(.equals("method", .string("visit"))))
        XCTAssertFalse(holds(.equals("method", .string("face"))))
        XCTAssertTrue(holds(.equals("alone", .bool(true))))
        XCTAssertFalse(holds(.equals("alone", .string("true"))))
        XCTAssertTrue(holds(.notEquals("method", .string("face"))))
        XCTAssertFalse(holds(.notEquals("method", .string("visit"))))
        XCTAssertFalse(holds(.notEquals("unanswered", .string("x"))), "no answer is not a match either way")
    }

    func testInGteLte() {
        XCTAssertTrue(holds(.isIn("method", [.string("face"), .string("visit")])))
        XCTAssertFalse(holds(.isIn("method", [.string("face")])))
        XCTAssertTrue(holds(.gte("household", 3)))
        XCTAssertFalse(holds(.gte("household", 4)))
        XCTAssertTrue(holds(.lte("household", 3)))
        XCTAssertFalse(holds(.lte("household", 2)))
        XCTAssertTrue(holds(.lte("last4", 16)), "a digits answer compares as its number")
    }

    func testAnsweredAllAnyNot() {
        XCTAssertTrue(holds(.answered("method")))
        XCTAssertFalse(holds(.answered("phone")))
        XCTAssertTrue(holds(.all([.answered("method"), .equals("alone", .bool(true))])))
        XCTAssertFalse(holds(.all([.answered("method"), .answered("phone")])))
        XCTAssertTrue(holds(.any([.answered("phone"), .answered("method")])))
        XCTAssertFalse(holds(.any([.answered("phone"), .equals("alone", .bool(false))])))
        XCTAssertTrue(holds(.not(.answered("phone"))))
        XCTAssertFalse(holds(.not(.answered("method"))))
    }

    func testDerivedAgeSexAndBirthDate() {
        XCTAssertTrue(holds(.gte("id_number.age", 80)))
        XCTAssertFalse(holds(.gte("id_number.age", 82)))
        XCTAssertTrue(holds(.lte("id_number.age", 81)))
        XCTAssertTrue(holds(.equals("id_number.sex", .string("male"))))
        XCTAssertTrue(holds(.equals("wife_id.sex", .string("female"))))
        XCTAssertTrue(holds(.equals("id_number.birth_date", .string("1945-03-15"))))
        XCTAssertFalse(holds(.gte("phone.age", 0)), "no identity number, no age")
    }

    func testAgeTurnsOnTheBirthday() {
        let c = Condition.gte("id_number.age", 80)
        let a: Answers = ["id_number": .string("511922194503150016")]
        XCTAssertFalse(c.holds(a, today: CivilDate(year: 2025, month: 3, day: 14)!))
        XCTAssertTrue(c.holds(a, today: CivilDate(year: 2025, month: 3, day: 15)!))
    }

    func testDecidableOnlyWhenEveryNamedFieldIsAnswered() {
        let c = Condition.all([.gte("id_number.age", 80), .equals("hukou", .bool(true))])
        XCTAssertFalse(c.isDecidable(["id_number": .string("511922194503150016")]))
        XCTAssertTrue(c.isDecidable(["id_number": .string("511922194503150016"), "hukou": .bool(false)]))
    }
}
