import XCTest
@testable import KioskCore
import KioskTestSupport

/// 查询办理进度 from the home screen.
final class ProgressQueryTests: XCTestCase {
    let zh = loadStrings("zh-Hans")

    func online() -> Driver {
        var d = Driver()
        d.send(.setOnline(true))
        return d
    }

    func testOfferedOnTheHomeScreenOnlyWhileOnline() {
        var d = Driver()
        XCTAssertFalse(d.state.choices.contains(.progressQuery), "offline there is no portal to ask")
        d.send(.setOnline(true))
        XCTAssertEqual(d.state.choices.last, .progressQuery)
        XCTAssertEqual(d.state.content(zh).options.last?.label, "查询办理进度")
    }

    func testAWrongIdentityNumberSaysWhichCheckFailedAndNothingIsLookedUp() {
        var d = online()
        d.digit(d.state.choices.count)
        XCTAssertEqual(d.state.screen, .progress(.asking))
        XCTAssertTrue(d.state.acceptsText)
        d.type("511922194503150017")
        XCTAssertEqual(d.state.screen, .progress(.asking))
        XCTAssertNotNil(d.state.content(zh).error)
        XCTAssertTrue(d.state.content(zh).error!.contains("最后一位对不上"), d.state.content(zh).error!)
        XCTAssertFalse(d.effects.contains { if case .findProgress = $0 { return true }; return false })
    }

    func testAValidNumberIsLookedUpAndTheAnswerShownInWords() {
        var d = online()
        d.digit(d.state.choices.count)
        for c in "51192219450315001" { d.key(.digit(Int(String(c))!)) }
        d.key(.digit(6))
        d.enter()
        XCTAssertEqual(d.state.screen, .progress(.searching))
        XCTAssertEqual(d.effects.last, .findProgress(identityNumber: "511922194503150016"))
        XCTAssertEqual(d.state.input, "", "the typed number is not kept on screen")

        d.send(.progressFound([
            ProgressItem(serviceID: "pension-certification", createdAt: Moment.parse("2026-11-22T09:30:00+08:00"), receipt: "SC20261122000001",
                         state: .portal(status: .needsMaterials, message: "请补交户口本复印件")),
            ProgressItem(serviceID: "old-age-allowance", createdAt: Moment.parse("2026-11-20T10:00:00+08:00"), receipt: nil, state: .waiting),
        ]))
        let c = d.state.content(zh)
        XCTAssertEqual(c.title, "查询办理进度")
        XCTAssertEqual(c.paragraphs, [
            "养老金资格认证（11月22日提交），受理编号 SC20261122000001：需要补充材料，请找工作人员。请补交户口本复印件",
            "高龄津贴申领（11月20日提交）：还在这台机器上，等联网了会自动交上去",
        ])
        d.enter()
        XCTAssertEqual(d.state.screen, .home)
    }

    func testNothingFoundSaysWhereToAsk() {
        var d = online()
        d.digit(d.state.choices.count)
        d.type("511922194503150016")
        d.send(.progressFound([]))
        XCTAssertEqual(d.state.content(zh).paragraphs, ["本机没有找到这个身份证号码办过的事。如果是在别处办的，请问工作人员。"])
    }

    func testAnAnswerArrivingAfterTheResidentLeftIsIgnored() {
        var d = online()
        d.digit(d.state.choices.count)
        d.type("511922194503150016")
        d.esc()
        XCTAssertEqual(d.state.screen, .home)
        d.send(.progressFound([ProgressItem(serviceID: "x", createdAt: nil, receipt: nil, state: .waiting)]))
        XCTAssertEqual(d.state.screen, .home, "the next resident never sees the previous one's items")
    }
}
