import XCTest
@testable import KioskCore
@testable import KioskRender
import KioskTestSupport

/// Care mode on a terminal with double-size rows: the key texts on pairs of rows (top half,
/// bottom half), in the left half of each, wrapped at half the width; everything else as before.
final class DoubleSizeLayoutTests: XCTestCase {
    let strings = loadStrings("zh-Hans")
    var screen: KioskScreen { KioskScreen(strings: strings, glyphs: UnifontHex(), doubleSize: true) }

    /// Home → 社保养老 → 养老金资格认证 → intro → material → privacy → identity number question.
    func questionState() -> Driver {
        var d = Driver()
        d.digit(1); d.digit(1); d.enter(); d.digit(1); d.digit(1)
        return d
    }

    /// The text of one buffer row, trailing blanks dropped.
    func row(_ b: ScreenBuffer, _ r: Int) -> String { b.text.components(separatedBy: "\n")[r] }

    func doubleRows(_ b: ScreenBuffer) -> [Int] { b.rowSizes.indices.filter { b.rowSizes[$0] != .single } }

    func testTheQuestionIsOnATopAndBottomPairInTheLeftHalf() throws {
        let frame = screen.render(questionState().state, width: 102, height: 26)
        let top = try XCTUnwrap(frame.rowSizes.indices.first { frame.rowSizes[$0] == .doubleTop && row(frame, $0).contains("您的身份证号码是多少") })
        XCTAssertEqual(frame.rowSizes[top + 1], .doubleBottom)
        XCTAssertEqual(row(frame, top), row(frame, top + 1), "both halves carry the same text")
        XCTAssertTrue(row(frame, top).hasPrefix(" 您的身份证号码是多少"), "one double cell of margin, as the two single cells of the rest")
        for r in doubleRows(frame) {
            XCTAssertLessThanOrEqual(DisplayWidth.of(row(frame, r)), 51, "row \(r) stays in the left half")
        }
        XCTAssertEqual(frame.rowSizes.filter { $0 == .doubleTop }.count, frame.rowSizes.filter { $0 == .doubleBottom }.count)
        XCTAssertTrue(frame.text.contains("养老金资格认证"), "the heading too")
    }

    func testAnErrorWrapsAtHalfTheWidthAndTheAnswerIsDoubleToo() {
        var d = questionState()
        d.type("51192219450315001")
        let frame = screen.render(d.state, width: 102, height: 26)
        let doubled = doubleRows(frame).map { row(frame, $0) }
        XCTAssertTrue(doubled.contains { $0.contains("错误") }, "the error is double")
        XCTAssertTrue(doubled.contains { $0.contains("51192219450315001_") }, "the answer being typed is double, with its cursor mark")
        XCTAssertTrue(doubled.allSatisfy { DisplayWidth.of($0) <= 51 })
    }

    func testTheReferenceOnTheConfirmationIsDouble() {
        var d = questionState()
        d.type("511922194503150016")
        d.digit(1); d.digit(1)
        d.type("13800000000")
        d.submit()
        let frame = screen.render(d.state, width: 102, height: 26)
        guard let id = d.state.receipt?.submissionID else { return XCTFail("not confirmed: \(d.state.screen)") }
        XCTAssertTrue(doubleRows(frame).contains { row(frame, $0).contains(Reference.shown(id)) }, frame.text)
    }

    func testStandardModeAndTerminalsWithoutDoubleRowsKeepTodaysLayout() {
        var d = questionState()
        let single = KioskScreen(strings: strings, glyphs: UnifontHex())
        XCTAssertFalse(single.render(d.state, width: 102, height: 26).hasDoubleRows)
        d.key(.f2)
        XCTAssertEqual(screen.render(d.state, width: 102, height: 26), single.render(d.state, width: 102, height: 26),
                       "standard mode is the same frame with or without double rows")
    }

    func testTouchTargetsStayOffDoubleRows() {
        let d = Driver()
        let frame = screen.render(d.state, width: 102, height: 26)
        XCTAssertTrue(frame.hasDoubleRows)
        XCTAssertFalse(frame.targets.isEmpty)
        for t in frame.targets {
            XCTAssertTrue((t.row..<(t.row + t.height)).allSatisfy { frame.rowSizes[$0] == .single }, "target \(t) overlaps a double row")
        }
    }

    func testATooShortScreenFallsBackToSingleSizeCareLayouts() {
        let frame = screen.render(questionState().state, width: 60, height: 14)
        XCTAssertTrue(frame.text.contains("您的身份证号码是多少"), frame.text)
    }

    func testOnlyCharactersTheFontDrawsStandOnDoubleRows() {
        XCTAssertEqual(DoubleSizeGlyphs.safe("请按“1”…"), "请按〝1〞...")
        XCTAssertEqual(DoubleSizeGlyphs.safe("▶ ✓ é"), "     ")
        XCTAssertEqual(DoubleSizeGlyphs.safe("养老金 · 第1步？"), "养老金 ・ 第1步？")
    }
}
