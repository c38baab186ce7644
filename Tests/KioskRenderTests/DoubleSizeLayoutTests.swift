import XCTest
@testable import KioskCore
@testable import KioskRender
import KioskTestSupport

/// Care mode on a terminal with double-size rows: every text on pairs of rows (top half, bottom
/// half), in the left half of each, wrapped at half the width, a long one over pages; where that
/// does not fit (80×24), the key texts only.
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
        XCTAssertTrue(doubled.contains { $0.contains("您输入了17位") }, "the error is double")
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

    /// xterm reports a tap on a double row in the screen's own columns (measured: a click on the
    /// 11th column of a double row came back as column 11), so a target keeps the frame's columns.
    func testEveryTargetCoversItsLabelAtDoubleSize() {
        let frame = screen.render(Driver().state, width: 102, height: 26)
        XCTAssertEqual(frame.targets.count, 6, "five categories and 人工帮办")
        for t in frame.targets {
            XCTAssertEqual(frame.rowSizes[t.row], .doubleTop, "\(t) starts on its label's top half")
            XCTAssertEqual(frame.rowSizes[t.row + 1], .doubleBottom)
            XCTAssertTrue(row(frame, t.row + 2).contains("────"), "the line under the label is the target's last row")
            XCTAssertGreaterThanOrEqual(t.height, KioskScreen.buttonHeight)
            XCTAssertGreaterThanOrEqual(t.width, KioskScreen.buttonMinWidth)
            XCTAssertEqual(t.column % 2, 0, "on a double cell's edge")
        }
        // The label of option 2 sits inside its target: its double cells are two columns each.
        let two = frame.targets.first { $0.key == .digit(2) }!
        let cell = row(frame, two.row).range(of: "2  医疗保障").map { DisplayWidth.of(String(row(frame, two.row)[..<$0.lowerBound])) }!
        XCTAssertTrue(two.contains(row: two.row, column: 2 * cell) && two.contains(row: two.row, column: 2 * cell + 2 * 9), "\(two), label at double cell \(cell)")
    }

    /// Every row a resident reads is double at the session's sizes: only the status line, the
    /// rules and the lines under buttons are single.
    func testInCareModeEveryTextIsDoubleAtTheSessionsSizes() {
        var d = Driver()
        var states = [("home", d.state)]
        d.digit(1); states.append(("category", d.state))
        d.digit(1); states.append(("intro", d.state))
        d.enter(); states.append(("material", d.state))
        d.digit(1); states.append(("privacy", d.state))
        d.digit(1); states.append(("question", d.state))
        d.type("51192219450315001"); states.append(("error", d.state))
        d.type("511922194503150016"); d.digit(1); d.digit(1); d.type("13800000000")
        states.append(("check answers", d.state))  // its answers per page set for each size below
        d.submit(); states.append(("confirmation", d.state))
        for (w, h) in [(102, 26), (128, 23)] {
            for (name, base) in states {
                var state = base
                _ = state.reduce(.setAnswersPerCarePage(screen.answersPerCarePage(width: w, height: h)), Context(moment: testMoment, newID: .numbered(9)))
                let frame = screen.render(state, width: w, height: h)
                for r in 2..<h where frame.rowSizes[r] == .single {
                    let text = row(frame, r).trimmingCharacters(in: .whitespaces)
                    XCTAssertTrue(text.allSatisfy { $0 == "─" || $0 == " " }, "\(name) at \(w)×\(h), row \(r) is single: \(text)\n\(frame.text)")
                }
                XCTAssertTrue(frame.hasDoubleRows, "\(name) at \(w)×\(h)")
            }
        }
    }

    /// A text too long for one screen is shown a page at a time: Enter turns to the next page,
    /// 返回 to the one before, and only on the last page does Enter go on.
    func testALongTextTurnsItsPagesWithEnterAndBack() {
        var d = Driver()
        d.digit(1); d.digit(1)
        func frame() -> ScreenBuffer {
            let f = screen.render(d.state, width: 102, height: 26)
            d.send(.setTextPages(f.textPages, answersPage: f.textAnswersPage)) // as the front end does after each frame
            return f
        }
        let first = frame()
        XCTAssertEqual(first.textPages, 2, first.text)
        XCTAssertTrue(first.text.contains("第 1 页，共 2 页，按确认键看下一页"), first.text)
        XCTAssertFalse(first.text.contains("用数字键写不了"), "the note about writing is on the next page")
        d.enter()
        let second = frame()
        XCTAssertEqual(d.page, .intro, "Enter turned the page, it did not start the service")
        XCTAssertTrue(second.text.contains("用数字键写不了"), second.text)
        XCTAssertTrue(second.text.contains("养老金资格认证"), "the heading is on every page")
        XCTAssertTrue(second.text.contains("按确认键开始办理"), "the last page says what Enter does now")
        func lines(_ f: ScreenBuffer) -> Set<String> { Set(f.rowSizes.indices.filter { f.rowSizes[$0] == .doubleTop }.map { row(f, $0) }) }
        let repeated = lines(first).intersection(lines(second)).filter { !$0.contains("养老金资格认证") && !$0.contains("人工帮办") }
        XCTAssertEqual(repeated, [], "no line of the text on both pages (the legend's lines are the same on every page)")
        d.esc()
        XCTAssertEqual(frame(), first, "返回 went back a page, not out of the service")
        d.enter(); _ = frame(); d.enter()
        XCTAssertNotEqual(d.page, .intro, "Enter on the last page starts the service")
        XCTAssertEqual(d.state.textPage, 0, "the next screen starts at its first page")
    }

    /// On the home screen what there is to choose comes first, on one page: the reminder and the
    /// sentence about the function keys follow where there is room, and are said in any case.
    func testTheHomeScreenShowsItsChoicesOnOnePage() {
        for (w, h) in [(102, 26), (128, 23), (120, 40)] {
            let home = screen.render(Driver().state, width: w, height: h)
            XCTAssertEqual(home.textPages, 1, "\(w)×\(h)")
            XCTAssertTrue(home.text.contains("5  证明办理"), home.text)
            XCTAssertTrue(home.text.contains("按数字键选择"), "what the keys do")
        }
        let tall = screen.render(Driver().state, width: 120, height: 40)
        XCTAssertTrue(tall.text.contains("分钟不按键，填写的内容会自动清除"), tall.text)
        XCTAssertTrue(tall.text.contains("没听清请按重听键"), tall.text)
        var d = Driver()
        let strings = strings
        d.speechStrings = { _ in strings }
        d.key(.f3)
        let said = d.spoken.flatMap(\.parts).map { if case let .text(t) = $0 { return t } else { return "" } }.joined()
        XCTAssertTrue(said.contains("分钟不按键"), said)
    }

    /// An error goes under the field: the question and the field stay where they were (walk
    /// finding 6), in every layout; a notice takes the legend's row and moves nothing either.
    func testAnErrorOrANoticeMovesNothing() {
        let single = KioskScreen(strings: strings, glyphs: UnifontHex())
        var d = questionState()
        for digit in [5, 1, 1, 9] { d.digit(digit) }
        var wrong = d
        wrong.enter()
        XCTAssertNotNil(wrong.state.error)
        func where_(_ f: ScreenBuffer, _ text: String) -> Int? { f.text.components(separatedBy: "\n").firstIndex { $0.contains(text) } }
        for (name, screen, w, h, care) in [("double", screen, 102, 26, true), ("care", single, 80, 24, true), ("standard", single, 80, 24, false)] {
            var before = d.state, after = wrong.state
            before.careMode = care
            after.careMode = care
            let a = screen.render(before, width: w, height: h), b = screen.render(after, width: w, height: h)
            XCTAssertNotNil(where_(b, "身份证号码应该是18位"), "\(name): the error is shown\n\(b.text)")
            XCTAssertEqual(where_(a, "您的身份证号码是多少"), where_(b, "您的身份证号码是多少"), "\(name): the question stays")
            XCTAssertEqual(where_(a, "5119"), where_(b, "5119"), "\(name): the field stays\n\(a.text)\n\(b.text)")
        }
        d = Driver()
        let home = screen.render(d.state, width: 102, height: 26)
        d.send(.key(.digit(1))); d.esc(); d.esc()
        d.state.notice = .thanksForRating
        let thanked = screen.render(d.state, width: 102, height: 26)
        XCTAssertNotNil(where_(thanked, "谢谢您的评价"), thanked.text)
        XCTAssertEqual(where_(home, "村便民服务点"), where_(thanked, "村便民服务点"))
        XCTAssertEqual(where_(home, "1  社保养老"), where_(thanked, "1  社保养老"), "the choices stay where they were")
    }

    /// An error that pushes the question to a page of its own keeps the resident at the
    /// question: the page shown follows it (查询办理进度 at 102×26).
    func testARescreenKeepsTheResidentAtTheQuestion() throws {
        var d = Driver()
        d.send(.setOnline(true)) // the progress query is offered online only
        let progress = try XCTUnwrap(d.state.content(strings).options.firstIndex { $0.label == "查询办理进度" })
        d.digit(progress + 1)
        func frame() -> ScreenBuffer {
            let f = screen.render(d.state, width: 102, height: 26)
            d.send(.setTextPages(f.textPages, answersPage: f.textAnswersPage))
            return screen.render(d.state, width: 102, height: 26)
        }
        let before = frame()
        d.type("51192219450315001")
        XCTAssertNotNil(d.state.error)
        let after = frame()
        XCTAssertTrue(after.text.contains("51192219450315001_"), "the field is on the page shown\n\(before.text)\n\(after.text)")
        XCTAssertGreaterThan(after.textPages, before.textPages, "the error pushed the question to a page of its own")
        XCTAssertTrue(after.textAnswersPage <= d.state.textPage, "at the question's page: \(d.state.textPage) of \(after.textPages)")
    }

    /// A number pressed on a page of text before the question's page shows the question's page
    /// and chooses nothing: 高龄津贴's privacy notice runs over 3 pages at 102×26, 1 我知道了，同意并继续 on the last.
    func testANumberPressedBeforeTheOptionsAreShownShowsThemFirst() {
        var d = Driver()
        d.open("old-age-allowance", until: .privacy)
        func frame() -> ScreenBuffer {
            let f = screen.render(d.state, width: 102, height: 26)
            d.send(.setTextPages(f.textPages, answersPage: f.textAnswersPage))
            return screen.render(d.state, width: 102, height: 26)
        }
        let first = frame()
        XCTAssertEqual(first.textPages, 3, first.text)
        XCTAssertFalse(first.text.contains("1  我知道了，同意并继续"), "the option is on the last page\n\(first.text)")
        d.digit(1)
        let shown = frame()
        XCTAssertEqual(d.page, .privacy, "nothing agreed unseen")
        XCTAssertEqual(d.state.textPage, 2)
        XCTAssertTrue(shown.text.contains("1  我知道了，同意并继续"), shown.text)
        d.digit(1)
        XCTAssertNotEqual(d.page, .privacy, "now seen, 1 agrees")
    }

    /// A digit typed on a page before the field's is typed into the field, and the field's page is
    /// shown: the identity question as a renderer would report it cut over 2 pages, the field on the second.
    func testADigitTypedBeforeTheFieldsPageIsTypedInSight() {
        var d = Driver()
        d.open("pension-certification", until: .question("id_number"))
        d.send(.setTextPages(2, answersPage: 1))
        XCTAssertEqual(d.state.textPage, 0)
        d.digit(5)
        XCTAssertEqual(d.state.textPage, 1, "the field's page is shown")
        XCTAssertEqual(d.state.input, "5", "and the digit is in it")
    }

    /// A lead-in ending in "：" goes to the next page with what it leads to rather than stand alone
    /// at the foot of a page; a text without one is cut where the page is full.
    func testALeadInIsNotLeftAtTheFootOfAPage() throws {
        func block(_ line: String) -> TextPages.Piece { .text(TextPages.Block(lines: [line], style: Style(.text), centred: false)) }
        func texts(_ pages: TextPages) -> [[String]] {
            (0..<pages.count).map { page in pages.pieces(on: page).compactMap { if case let .text(b) = $0 { return b.lines.joined() } else { return nil } } }
        }
        let kept = try XCTUnwrap(TextPages([block("领养老金的老人每年要认证一次。"), block("需要准备的材料："), block("・居民身份证（必须带）")], capacity: 7))
        XCTAssertEqual(texts(kept), [["领养老金的老人每年要认证一次。"], ["需要准备的材料：", "・居民身份证（必须带）"]])
        let cut = try XCTUnwrap(TextPages([block("领养老金的老人每年要认证一次。"), block("认证好了，养老金照常发放。"), block("・居民身份证（必须带）")], capacity: 7))
        XCTAssertEqual(texts(cut), [["领养老金的老人每年要认证一次。", "认证好了，养老金照常发放。"], ["・居民身份证（必须带）"]])
        let beforeAnswers = try XCTUnwrap(TextPages([block("领养老金的老人每年要认证一次。"), block("这次办理要填写以下个人信息："), .answers(rows: 3, part: 0)], capacity: 8))
        XCTAssertEqual(texts(beforeAnswers), [["领养老金的老人每年要认证一次。"], ["这次办理要填写以下个人信息："]])
        XCTAssertEqual(beforeAnswers.firstAnswersPage, 1)
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
