import XCTest
import KioskCore
import KioskTestSupport

/// An on-screen key is drawn only where its key does something on that screen.
final class ButtonTests: XCTestCase {
    func buttons(_ d: Driver) -> [ScreenContent.Button] { d.state.content(loadStrings("zh-Hans")).buttons }

    /// On a list to choose from, 确认 with nothing chosen could only say "请按数字键选择": it is
    /// drawn once the arrows put the ▶ marker on an option, and then Enter chooses that option.
    func testConfirmIsDrawnOnAListOnlyWhenEnterWouldChooseSomething() {
        var d = Driver()
        d.digit(1)                                         // a category
        XCTAssertFalse(buttons(d).contains(.confirm))
        d.key(.down)
        XCTAssertTrue(buttons(d).contains(.confirm), "the marker is on option 1")
        let first = d.state.visibleChoices[0]
        d.enter()
        XCTAssertEqual(first, .service("pension-certification"))
        XCTAssertEqual(d.state.session?.service.id, "pension-certification", "Enter chose the marked option")

        d.enter()                                          // the introduction goes on with Enter
        XCTAssertEqual(d.page, .material("social-security-card"))
        XCTAssertFalse(buttons(d).contains(.confirm), "a material not yet answered")
        d.digit(1)
        d.enter()                                          // the privacy notice: Enter agrees
        d.type("511922194503150016")
        XCTAssertEqual(d.page, .question("receiving_pension"))
        XCTAssertFalse(buttons(d).contains(.confirm), "a required yes/no question not yet answered")
        d.digit(1)
        d.esc()
        XCTAssertEqual(d.page, .question("receiving_pension"))
        XCTAssertTrue(buttons(d).contains(.confirm), "answered before: Enter keeps the answer and goes on")
        d.enter()
        XCTAssertEqual(d.page, .question("method"))
    }

    /// 人工帮办 is not offered on the screen that says staff are called, nor to the staff member
    /// logging in; 返回 is, where it goes back.
    func testCallingStaffIsNotOfferedWhereItMeansNothing() {
        var d = Driver()
        XCTAssertEqual(buttons(d), [.staff], "the home screen: only 人工帮办")
        d.key(.f1)
        XCTAssertEqual(buttons(d), [.back])
        d.enter()
        d.helperSequence()
        XCTAssertNotNil(d.state.helperLogin)
        XCTAssertFalse(buttons(d).contains(.staff))
        XCTAssertTrue(buttons(d).contains(.confirm) && buttons(d).contains(.back))
    }
}
