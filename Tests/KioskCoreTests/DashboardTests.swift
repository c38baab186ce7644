import XCTest
@testable import KioskCore
import KioskTestSupport

/// The helper's dashboard in the reducer: what it lists and what each number does.
func itemID(_ n: Int) -> ItemID { ItemID(String(format: "00000000-0000-4000-8000-%012d", n))! }

final class DashboardTests: XCTestCase {
    let zh = loadStrings("zh-Hans")
    let refused = DashboardItem(id: itemID(1), serviceID: "pension-certification", createdAt: Moment.parse("2026-11-22T09:30:00+08:00"),
                                maskedID: "5119**********0016", state: .refused(reason: "422 invalid: phone format"))
    let waiting = DashboardItem(id: itemID(2), serviceID: "old-age-allowance", createdAt: Moment.parse("2026-11-21T15:00:00+08:00"),
                                maskedID: "5119**********0024", state: .waiting)

    func dashboard() -> Driver {
        var d = Driver()
        d.helperSequence()
        d.type("1001"); d.type("2468")
        d.send(.helperChecked(.verified(HelperSession(id: "1001", name: "张帮办"))))
        XCTAssertEqual(d.state.choices.last, .dashboard, "only a logged-in helper sees the dashboard")
        d.digit(d.state.choices.count)
        XCTAssertEqual(d.effects.last, .dashboard(.load(search: nil)))
        d.send(.dashboardLoaded(DashboardView(counts: [(.ready, 1), (.sending, 0), (.sent, 5), (.quarantine, 1), (.exported, 0), (.damaged, 0)],
                                              items: [refused, waiting], search: nil)))
        return d
    }

    func testTheDashboardCountsAndListsWhatNeedsAHelper() {
        let d = dashboard()
        let c = d.state.content(zh)
        XCTAssertEqual(c.title, "帮办员工作台")
        XCTAssertEqual(c.paragraphs.first, "待发送 1  发送中 0  已发送 5  被退回 1  已导出 0  文件损坏 0")
        guard case let .list(view)? = d.state.dashboardPage else { return XCTFail() }
        let references = view.items.map { Reference.shown($0.id.text) }
        XCTAssertEqual(c.options.map(\.label), [
            "查找（身份证后四位或办件编号）",
            "导出到U盘",
            "从U盘导入回执",
            "养老金资格认证｜被退回｜\(references[0])｜尾号0016｜11月22日 09:30",
            "高龄津贴申领｜待发送｜\(references[1])｜尾号0024｜11月21日 15:00",
        ], "every line shows the 办件编号 the resident was given, and its state before what a narrow screen may cut")
        XCTAssertFalse(Driver().state.choices.contains(.dashboard), "not for residents")
    }

    func testARefusedItemCanBeRetriedAndWithdrawingAsksAgain() {
        var d = dashboard()
        d.digit(4)
        XCTAssertEqual(d.state.content(zh).paragraphs.last, "退回原因：422 invalid: phone format")
        XCTAssertEqual(d.state.content(zh).options.map(\.label), ["改好了，重新发送", "撤回（删除这一件）"])
        d.digit(2)
        let withdraw = Effect.dashboard(.withdraw(id: itemID(1), helperID: "1001", locale: "zh-Hans"))
        XCTAssertTrue(d.effects.allSatisfy { $0 != withdraw }, "not before it is confirmed")
        XCTAssertEqual(d.state.content(zh).options.map(\.label), ["确定撤回"])
        d.digit(1)
        XCTAssertEqual(Array(d.effects.suffix(2)), [withdraw, .dashboard(.load(search: nil))])
        XCTAssertEqual(d.state.dashboardPage, .loading)
        // The runtime answers the command, then the list: both screen and voice say it was withdrawn.
        d.speechStrings = { _ in loadStrings("zh-Hans") }
        let heard = d.spoken.count
        d.send(.dashboardDone(.withdrawn))
        XCTAssertEqual(d.spoken.count, heard, "the loading screen is not said again when the command's answer comes before the list")
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [], search: nil)))
        XCTAssertTrue(d.state.content(zh).paragraphs.contains("已撤回，这一件已删除，不会再发送。"))
        let said = d.spoken.last.map { $0.parts.map { if case let .text(t) = $0 { return t } else { return "" } }.joined() } ?? ""
        XCTAssertTrue(said.contains("已撤回"), said)
    }

    func testEscFromSearchOrAnItemGoesBackToTheLoadedListAndTheReferenceFindsAnItem() {
        var d = dashboard()
        guard case let .list(list)? = d.state.dashboardPage else { return XCTFail() }
        d.digit(4)
        d.esc()
        XCTAssertEqual(d.state.dashboardPage, .list(list), "the list as loaded, not an empty page")
        d.digit(1)
        d.esc()
        XCTAssertEqual(d.state.dashboardPage, .list(list))
        d.digit(1)
        let reference = Reference.shown(list.items[0].id.text)
        d.type(reference)
        XCTAssertEqual(d.effects.last, .dashboard(.load(search: reference.replacingOccurrences(of: " ", with: ""))),
                       "the reference exactly as the resident was given it, spaces and all")
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [list.items[0]], search: reference.replacingOccurrences(of: " ", with: ""))))
        XCTAssertEqual(d.state.content(zh).paragraphs.last, "编号 \(reference)：找到 1 件")
    }

    func testSearchIsByTheLastFourAndSaysHowManyWereFound() {
        var d = dashboard()
        d.digit(1)
        d.type("00")
        XCTAssertEqual(d.state.dashboardPage, .search)
        XCTAssertNotNil(d.state.content(zh).error)
        d.type("0016")
        XCTAssertEqual(d.effects.last, .dashboard(.load(search: "0016")))
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [refused], search: "0016")))
        XCTAssertEqual(d.state.content(zh).paragraphs.last, "身份证后四位 0016：找到 1 件")
    }

    func testExportImportAndProgressAreOneKeyAndSayWhatHappened() {
        var d = dashboard()
        d.digit(2)
        XCTAssertEqual(Array(d.effects.suffix(2)), [.dashboard(.export(kioskID: "cn-511922-test-01", locale: "zh-Hans")), .dashboard(.load(search: nil))])
        d.send(.dashboardDone(.exported(count: 3, file: "k-20261122-100000.ckb")))
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [], search: nil)))
        XCTAssertTrue(d.state.content(zh).paragraphs.contains { $0.hasPrefix("已把 3 件导出到 k-20261122-100000.ckb") })
        d.digit(3)
        XCTAssertEqual(Array(d.effects.suffix(2)), [.dashboard(.importReceipts(locale: "zh-Hans")), .dashboard(.load(search: nil))])
        d.send(.dashboardDone(.noUSBFolder))
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [], search: nil)))
        XCTAssertTrue(d.state.content(zh).paragraphs.contains("没有找到U盘：请插好U盘，过几秒再试。插好了还是不行，请县里的技术人员检查。"))

        let sent = DashboardItem(id: itemID(3), serviceID: "pension-certification", createdAt: nil, maskedID: nil, state: .sent(receipt: "SC20261122000001"))
        d.send(.setOnline(true))
        d.digit(1); d.type("20261122000001")
        XCTAssertEqual(d.effects.last, .dashboard(.load(search: "20261122000001")), "a receipt's digits are a search too")
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [sent], search: "20261122000001")))
        d.digit(4)
        XCTAssertEqual(d.state.content(zh).options.map(\.label), ["查询办理进度"])
        d.digit(1)
        XCTAssertEqual(Array(d.effects.suffix(2)), [.dashboard(.progress(id: itemID(3))), .dashboard(.load(search: nil))])
        d.send(.dashboardDone(.progress(service: "pension-certification", status: .inReview, message: nil)))
        d.send(.dashboardLoaded(DashboardView(counts: [], items: [], search: nil)))
        XCTAssertTrue(d.state.content(zh).paragraphs.contains("养老金资格认证：正在审核"))
    }

    func testSpeechSaysOnlyTheLastFourOfAnIdentityNumber() {
        let d = dashboard()
        let spoken = d.state.content(zh, spoken: true).options.map(\.label)
        XCTAssertTrue(spoken.contains { $0.contains("****0016") }, "\(spoken)")
        XCTAssertFalse(spoken.contains { $0.contains("5119") }, "not the region digits either")
    }

    func testAnItemThatWasSentCannotBeWithdrawn() {
        let sent = DashboardItem(id: itemID(3), serviceID: "pension-certification", createdAt: nil, maskedID: nil, state: .sent(receipt: "SC1"))
        XCTAssertFalse(sent.canWithdraw)
        XCTAssertFalse(DashboardItem(id: itemID(4), serviceID: "", createdAt: nil, maskedID: nil, state: .exported(stale: false)).canWithdraw)
    }

    func testAnItemOnTheListsSecondPageShowsAllItsOwnOptions() {
        var d = dashboard()
        // Twelve waiting items and one refused: the list has two pages (three commands first).
        let many = (10..<22).map { DashboardItem(id: itemID($0), serviceID: "old-age-allowance", createdAt: nil, maskedID: nil, state: .waiting) }
        d.esc()
        d.digit(d.state.choices.count)
        d.send(.dashboardLoaded(DashboardView(counts: [], items: many + [refused], search: nil)))
        d.digit(0)
        XCTAssertEqual(d.state.optionPage, 1)
        let refusedLine = d.state.content(zh).options.last
        XCTAssertEqual(refusedLine?.label.hasPrefix("养老金资格认证｜被退回"), true, "the refused item is on the second page")
        d.digit(refusedLine!.number)
        XCTAssertEqual(d.state.content(zh).options.map(\.label), ["改好了，重新发送", "撤回（删除这一件）"],
                       "the item's own options, from its first page, not the list's second")
    }
}
