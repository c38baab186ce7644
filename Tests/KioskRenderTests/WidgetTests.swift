import XCTest
@testable import KioskCore
@testable import KioskRender

/// Each widget drawn alone into a rectangle of a small buffer and compared cell by cell, as
/// ratatui's TestBackend does: the text of every column (trailing blanks count), one letter per
/// cell for its style (the snapshot letters, a space for a cell left untouched), each row's size
/// and the touch targets.
final class WidgetTests: XCTestCase {
    func drawn(_ widget: any Widget, width: Int, height: Int, in area: Rect? = nil) -> ScreenBuffer {
        var b = ScreenBuffer(width: width, height: height)
        widget.draw(in: area ?? Rect(row: 0, column: 0, width: width, height: height), into: &b)
        return b
    }

    /// The buffer's rows as the terminal shows them, every column, against `lines` padded with
    /// blanks to the width; `styles` likewise, where a space is a blank cell (as the buffer starts,
    /// which a space in the plain text style also is); `sizes` a letter per row (- single, T top,
    /// B bottom).
    func assertCells(_ b: ScreenBuffer, _ lines: [String], styles: [String]? = nil, sizes: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
        func padded(_ s: String) -> String { s + String(repeating: " ", count: max(0, b.width - DisplayWidth.of(s))) }
        let shown = (0..<b.height).map { r in String((0..<b.width).filter { !b[r, $0].isContinuation }.map { b[r, $0].character }) }
        XCTAssertEqual(shown, lines.map(padded), "text", file: file, line: line)
        if let styles {
            XCTAssertEqual((0..<b.height).map(styleLine(b)), styles.map(padded), "styles", file: file, line: line)
        }
        if let sizes {
            XCTAssertEqual(String(b.rowSizes.map { $0 == .doubleTop ? "T" : $0 == .doubleBottom ? "B" : "-" }), sizes, "row sizes", file: file, line: line)
        }
    }

    func styleLine(_ b: ScreenBuffer) -> (Int) -> String {
        let letters: [Role: Character] = [.text: "t", .heading: "h", .focus: "f", .error: "e", .success: "s", .muted: "m", .background: "b"]
        return { r in
            String((0..<b.width).map { c -> Character in
                let cell = b[r, c]
                if cell == .blank { return " " }
                let letter = letters[cell.style.role] ?? "?"
                return cell.style.bold ? Character(letter.uppercased()) : letter
            })
        }
    }

    // MARK: text

    func testALineIsCutWithAnEllipsisAtItsRectangle() {
        let b = drawn(Line(text: "Pension eligibility", style: Style(.muted)), width: 12, height: 3, in: Rect(row: 1, column: 2, width: 8, height: 1))
        assertCells(b, ["", "  Pension…", ""], styles: ["", "  mmmmmmmm", ""], sizes: "---")
    }

    func testAParagraphWrapsAndSpacesItsLines() {
        let p = Paragraph(text: "Please press the number of one option", width: 16, style: Style(.text), spacing: 2)
        XCTAssertEqual(p.rows(width: 16), 5)
        XCTAssertNil(p.rows(width: 20), "wrapped for 16 columns only")
        XCTAssertEqual(p.gapAfter, 1)
        assertCells(drawn(p, width: 16, height: 5), ["Please press the", "", "number of one", "", "option"], sizes: "-----")
    }

    func testACentredParagraphCentresEachLine() {
        let p = Paragraph(text: "Please press the number of one option", width: 16, style: Style(.heading, bold: true), spacing: 1, centred: true)
        XCTAssertEqual(p.gapAfter, 0)
        assertCells(drawn(p, width: 16, height: 3), ["Please press the", " number of one", "     option"],
                    styles: ["HHHHHHHHHHHHHHHH", " HHHHHHHHHHHHH", "     HHHHHH"])
    }

    func testADoubleParagraphTakesAPairOfRowsPerLineInHalfTheColumns() {
        // 20 columns are 10 double cells: "您的身份证号码" (14 columns of its own) wraps after 5 characters.
        let p = Paragraph(text: "您的身份证号码", width: 20, style: Style(.heading, bold: true), spacing: 2, double: true)
        XCTAssertEqual(p.rows(width: 20), 4)
        XCTAssertEqual(p.gapAfter, 1)
        // Column 2 of the frame is the second double cell (1); the right half stays blank.
        let b = drawn(p, width: 24, height: 5, in: Rect(row: 0, column: 2, width: 20, height: 4))
        assertCells(b, [" 您的身份证", " 您的身份证", " 号码", " 号码", ""],
                    styles: [" HHHHHHHHHH", " HHHHHHHHHH", " HHHH", " HHHH", ""], sizes: "TBTB-")
    }

    func testADoubleParagraphCentresInDoubleCellsAndShowsOnlyWhatADoubleRowCan() {
        let p = Paragraph(text: "您的身份证号码", width: 20, style: Style(.heading), spacing: 1, centred: true, double: true, gap: 1)
        XCTAssertEqual(p.gapAfter, 1, "told")
        assertCells(drawn(p, width: 24, height: 4, in: Rect(row: 0, column: 2, width: 20, height: 4)),
                    [" 您的身份证", " 您的身份证", "    号码", "    号码"], sizes: "TBTB")
        let quoted = Paragraph(text: "请按“1”", width: 20, style: Style(.text), spacing: 2, double: true)
        assertCells(drawn(quoted, width: 20, height: 2), ["请按〝1〞", "请按〝1〞"], sizes: "TB")
    }

    func testPutDoubleMarksThePairAndKeepsTheEllipsisOffIt() {
        var b = ScreenBuffer(width: 20, height: 3)
        b.putDouble(DisplayWidth.truncate("养老金资格认证", to: 8), row: 1, column: 0, style: Style(.success))
        assertCells(b, ["", "养老金...", "养老金..."], sizes: "-TB")
        XCTAssertTrue(b.hasDoubleRows)
        var cut = ScreenBuffer(width: 12, height: 2)
        cut.putDouble("养老金资格认证", row: 0, column: 2)
        assertCells(cut, [" 养老", " 养老"], sizes: "TB")
        var last = ScreenBuffer(width: 12, height: 2)
        last.putDouble("养老", row: 1, column: 0)
        XCTAssertFalse(last.hasDoubleRows, "no room for the bottom half: nothing drawn")
    }

    // MARK: the answer being typed

    func testTheInputBoxBoxesTheTextWithTheCursorInside() {
        let box = InputBox(text: "5119", spacing: 2)
        XCTAssertEqual(box.rows(width: 30), 3)
        XCTAssertEqual(box.gapAfter, 1)
        let rule = String(repeating: "─", count: 22)
        assertCells(drawn(box, width: 30, height: 3), ["┌\(rule)┐", "│ 5119▏                │", "└\(rule)┘"],
                    styles: [String(repeating: "f", count: 24), "f TTTTf                f", String(repeating: "f", count: 24)], sizes: "---")
    }

    func testALongEntryWrapsInsideTheBoxAndShowsItsEnd() {
        let box = InputBox(text: String(repeating: "1234567890", count: 8), spacing: 1)
        let lines = box.lines(width: 25)
        XCTAssertEqual(lines.count, InputBox.maxLines)
        XCTAssertTrue(lines[0].hasPrefix("…"), "the start is left out")
        XCTAssertEqual(Array(lines.dropFirst()), ["12345678901234567890", "12345678901234567890"], "the end, where typing goes on")
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        XCTAssertEqual(box.rows(width: 25), 5)
    }

    func testADoubleInputIsUnderlinedNotBoxed() {
        let input = InputBox(text: "5119", spacing: 2, double: true)
        XCTAssertEqual(input.rows(width: 40), 3)
        XCTAssertEqual(input.gapAfter, 1)
        // A field of 12 double cells, underlined over 24 columns.
        let b = drawn(input, width: 44, height: 3, in: Rect(row: 0, column: 2, width: 40, height: 3))
        assertCells(b, [" 5119_", " 5119_", "  " + String(repeating: "─", count: 24)],
                    styles: [" TTTTT", " TTTTT", "  " + String(repeating: "f", count: 24)], sizes: "TB-")
    }

    func testALongDoubleEntryShowsItsEnd() {
        let b = drawn(InputBox(text: String(repeating: "1234567890", count: 2), spacing: 1, double: true), width: 40, height: 3)
        assertCells(b, ["...678901234567890_", "...678901234567890_", String(repeating: "─", count: 40)], sizes: "TB-")
    }

    // MARK: options and keys

    let options = [ScreenContent.Option(number: 1, label: "社保养老", selected: false, focused: true),
                   ScreenContent.Option(number: 2, label: "医疗保障", selected: true),
                   ScreenContent.Option(number: 3, label: "社会救助", selected: false)]

    func testAnOptionListIsOneTargetPerLine() {
        let b = drawn(OptionList(options: options), width: 20, height: 3, in: Rect(row: 0, column: 1, width: 19, height: 3))
        assertCells(b, [" ▶ 1. 社保养老", " 2. 医疗保障 ✓", " 3. 社会救助"],
                    styles: [" FFFFFFFFFFFFF", " FFFFFFFFFFFFF", " tt tttttttt"])
        XCTAssertEqual(b.targets, [HitTarget(row: 0, column: 1, height: 1, width: 13, key: .digit(1)),
                                   HitTarget(row: 1, column: 1, height: 1, width: 13, key: .digit(2)),
                                   HitTarget(row: 2, column: 1, height: 1, width: 11, key: .digit(3))])
    }

    func testOptionButtonsFillAGridOfEqualBoxes() {
        let buttons = OptionButtons(options: Array(options.dropFirst()))
        XCTAssertEqual(buttons.rows(width: 40), 3, "both on one line")
        XCTAssertEqual(buttons.rows(width: 20), 7, "one a line, a blank row between")
        // Each box as wide as the widest label ("2  医疗保障 ✓", 13 columns) and 4 more.
        let b = drawn(buttons, width: 40, height: 3)
        let top = "┌" + String(repeating: "─", count: 15) + "┐", bottom = "└" + String(repeating: "─", count: 15) + "┘"
        assertCells(b, [top + "  " + top, "│ 2  医疗保障 ✓ │  │ 3  社会救助   │", bottom + "  " + bottom],
                    styles: [String(repeating: "F", count: 17) + "  " + String(repeating: "t", count: 17),
                             "F FFFFFFFFFFFFF F  t t  tttttttt   t",
                             String(repeating: "F", count: 17) + "  " + String(repeating: "t", count: 17)])
        XCTAssertEqual(b.targets, [HitTarget(row: 0, column: 0, height: 3, width: 17, key: .digit(2)),
                                   HitTarget(row: 0, column: 19, height: 3, width: 17, key: .digit(3))])
    }

    func testOneLongLabelMakesButtonsTakeTheirOwnWidths() {
        let labels = ["是", "否", "其他（请工作人员帮您写）"]
        let long = OptionButtons(options: labels.enumerated().map { ScreenContent.Option(number: $0.offset + 1, label: $0.element, selected: false) })
        // As a grid, three boxes of 31 columns would take three lines; flowing, the two short ones share the first.
        XCTAssertEqual(long.places(width: 40).map(\.line), [0, 0, 1])
        XCTAssertEqual(long.places(width: 40).map(\.width), [12, 12, 31])
        XCTAssertEqual(long.rows(width: 40), 7)
    }

    /// Moving the focus over double options moves no button: each is measured with the focus mark.
    func testMovingTheFocusOverDoubleOptionsMovesNoButton() {
        let labels = ["住在外地的老人", "转诊到外地看病", "其他"]
        func buttons(chosen: Int?, focused: Int?) -> OptionButtons {
            OptionButtons(options: labels.enumerated().map {
                ScreenContent.Option(number: $0.offset + 1, label: $0.element, selected: $0.offset == chosen, focused: $0.offset == focused)
            }, double: true, chosenMark: "（已选）")
        }
        for width in [40, 60, 76, 100] {
            for (chosen, focused) in [(nil, 0), (nil, 2), (1, 1), (1, 0), (2, 2)] as [(Int?, Int?)] {
                let plain = buttons(chosen: chosen, focused: nil)
                let marked = buttons(chosen: chosen, focused: focused)
                XCTAssertEqual(marked.places(width: width).map { [$0.line, $0.left, $0.width] }, plain.places(width: width).map { [$0.line, $0.left, $0.width] },
                               "width \(width), chosen \(String(describing: chosen)), focused \(String(describing: focused))")
                XCTAssertEqual(marked.rows(width: width), plain.rows(width: width))
            }
        }
    }

    func testTheButtonBarLeavesOutFromTheRightWhatDoesNotFit() {
        let items: [(label: String, key: Key)] = [("确认", .enter), ("返回", .escape), ("人工帮办", .f1)]
        let plain = drawn(ButtonBar(items: items, boxed: false), width: 22, height: 1)
        assertCells(plain, ["[确认]  [返回]"], styles: ["FFFFFF  FFFFFF"])
        XCTAssertEqual(plain.targets.map(\.key), [.enter, .escape], "人工帮办 does not fit whole: left out")
        let boxed = drawn(ButtonBar(items: items, boxed: true), width: 40, height: 3)
        let rule = String(repeating: "─", count: 10)
        assertCells(boxed, ["┌\(rule)┐  ┌\(rule)┐  ┌\(rule)┐", "│ 确认     │  │ 返回     │  │ 人工帮办 │", "└\(rule)┘  └\(rule)┘  └\(rule)┘"])
        XCTAssertEqual(boxed.targets.map(\.width), [12, 12, 12])
        XCTAssertTrue(boxed.targets.allSatisfy { $0.height == KioskScreen.buttonHeight })
    }

    // MARK: big glyphs

    /// Every character an 8-pixel square of its own: top half lit, bottom half dark.
    struct HalfLit: GlyphSource {
        func glyph(for scalar: Unicode.Scalar) -> Glyph? {
            scalar == "?" ? nil : Glyph(width: 8, rows: Array(repeating: 0xFF, count: 8) + Array(repeating: 0, count: 8))
        }
    }

    func testBigGlyphsAreCentredHalfBlocksAndNeedTheirWidth() {
        let big = BigGlyphs("12", glyphs: HalfLit(), style: Style(.success))
        XCTAssertEqual(big.rows(width: 20), BigText.rowsPerLine)
        XCTAssertNil(big.rows(width: 15), "16 columns of glyphs")
        XCTAssertNil(BigGlyphs("1?", glyphs: HalfLit(), style: Style()).rows(width: 80), "a character without a glyph")
        XCTAssertNil(BigGlyphs("12", glyphs: nil, style: Style()).rows(width: 80), "no font")
        let b = drawn(big, width: 20, height: 8)
        let lit = "  " + String(repeating: "█", count: 16)
        assertCells(b, Array(repeating: lit, count: 4) + Array(repeating: "", count: 4),
                    styles: Array(repeating: "  " + String(repeating: "s", count: 16), count: 8))
    }

    // MARK: every widget

    func testEveryWidgetDrawsOnlyInsideItsRectangle() {
        let widgets: [any Widget] = [
            Line(text: String(repeating: "长", count: 30), style: Style()),
            Paragraph(text: String(repeating: "长句子 ", count: 20), width: 20, style: Style(), spacing: 2, centred: true),
            Paragraph(text: String(repeating: "长句子 ", count: 20), width: 20, style: Style(), spacing: 1, double: true),
            InputBox(text: String(repeating: "9", count: 60), spacing: 2),
            InputBox(text: String(repeating: "9", count: 60), spacing: 2, double: true),
            OptionList(options: options + [ScreenContent.Option(number: 4, label: String(repeating: "长", count: 30), selected: false)]),
            OptionButtons(options: options),
            ButtonBar(items: [("确认", .enter), ("返回", .escape), ("人工帮办", .f1)], boxed: true),
            BigGlyphs("1", glyphs: HalfLit(), style: Style()),
        ]
        for widget in widgets {
            guard let rows = widget.rows(width: 20) else { XCTFail("\(widget) fits 20 columns"); continue }
            let area = Rect(row: 2, column: 4, width: 20, height: rows)
            let b = drawn(widget, width: 30, height: rows + 4, in: area)
            for r in 0..<b.height {
                for c in 0..<b.width where !(area.row..<(area.row + area.height)).contains(r) || !(area.column..<(area.column + area.width)).contains(c) {
                    // A double row shows column c at 2c: its cells count from the left half.
                    guard b.rowSizes[r] == .single || !(area.column..<(area.column + area.width)).contains(2 * c) else { continue }
                    XCTAssertEqual(b[r, c], .blank, "\(type(of: widget)) drew at row \(r), column \(c)")
                }
                if !(area.row..<(area.row + area.height)).contains(r) { XCTAssertEqual(b.rowSizes[r], .single, "\(type(of: widget)) row \(r)") }
            }
            for t in b.targets {
                XCTAssertTrue(t.row >= area.row && t.row + t.height <= area.row + area.height, "\(type(of: widget)) target \(t)")
                XCTAssertTrue(t.column >= area.column && t.column + t.width <= area.column + area.width, "\(type(of: widget)) target \(t)")
            }
        }
    }

    func testAStackLeavesOutOptionalWidgetsAndFailsOnRequiredOnes() {
        var stack = VerticalStack()
        stack.add(Paragraph(text: "One", width: 10, style: Style(), spacing: 2))
        stack.add(OptionList(options: []))
        stack.add(BigGlyphs("12", glyphs: HalfLit(), style: Style()), optional: true)
        stack.add(Paragraph(text: "Two", width: 10, style: Style(), spacing: 1))
        var b = ScreenBuffer(width: 10, height: 4)
        XCTAssertTrue(stack.draw(in: Rect(row: 0, column: 0, width: 10, height: 4), into: &b))
        // The empty list takes no row and no gap; the big glyphs (8 rows) are left out.
        assertCells(b, ["One", "", "Two", ""], sizes: "----")
        stack.add(BigGlyphs("1", glyphs: HalfLit(), style: Style()))
        var full = ScreenBuffer(width: 10, height: 4)
        XCTAssertFalse(stack.draw(in: Rect(row: 0, column: 0, width: 10, height: 4), into: &full), "required glyphs with no room")
    }
}
