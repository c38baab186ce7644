import XCTest
import KioskCore
@testable import KioskRender
import KioskTestSupport

final class DisplayWidthTests: XCTestCase {
    func testChineseIsTwoColumnsLatinOneCombiningZero() {
        XCTAssertEqual(DisplayWidth.of("养老金"), 6)
        XCTAssertEqual(DisplayWidth.of("ID 123"), 6)
        XCTAssertEqual(DisplayWidth.of("，。（）"), 8)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("１２"), 4, "fullwidth digits")
    }

    func testTruncationEndsWithAnEllipsisAndNeverSplitsAWideCharacter() {
        XCTAssertEqual(DisplayWidth.truncate("养老金资格认证", to: 8), "养老金…")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.truncate("养老金资格认证", to: 8)), 7)
        XCTAssertEqual(DisplayWidth.truncate("养老金", to: 6), "养老金")
        XCTAssertEqual(DisplayWidth.truncate("Pension eligibility", to: 10), "Pension e…")
    }

    func testWrappingChineseBreaksAnywhereButKeepsPunctuationWithItsCharacter() {
        let lines = DisplayWidth.wrap("领养老金的老人每年要认证一次，认证好了。", width: 14)
        XCTAssertEqual(lines, ["领养老金的老人", "每年要认证一", "次，认证好了。"])
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 16 })
        XCTAssertEqual(DisplayWidth.wrap("每年要认证一次，", width: 14), ["每年要认证一", "次，"])
    }

    func testDoubleLinesBreakAfterACommaNearTheirEnd() {
        XCTAssertEqual(DisplayWidth.wrapAtPhrases("2 分钟不按键，填写的内容会自动清除，保护您的信息。", width: 49),
                       ["2 分钟不按键，填写的内容会自动清除，", "保护您的信息。"])
        // A comma in the first 60% of the line is too early: the line is filled instead.
        XCTAssertEqual(DisplayWidth.wrapAtPhrases("认证好，养老金照常按月发放给您本人", width: 20), ["认证好，养老金照常按", "月发放给您本人"])
        XCTAssertEqual(DisplayWidth.wrapAtPhrases("Please press the number of one option", width: 16), ["Please press the", "number of one", "option"])
        XCTAssertEqual(DisplayWidth.wrapAtPhrases("18-characters-long-word", width: 10), ["18-charact", "ers-long-w", "ord"])
        for text in ["ab 18-characters-long-word c", "认证好了，ABCDEFGHIJKLMNOPQRSTUVWXYZ 养老金", "一二三四五六七，abcdefghij"] {
            let lines = DisplayWidth.wrapAtPhrases(text, width: 10)
            XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 10 }, "\(lines)")
            XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " }, "nothing lost")
        }
    }

    func testWrappingLatinBreaksAtSpaces() {
        XCTAssertEqual(DisplayWidth.wrap("Please press the number of one option", width: 16),
                       ["Please press the", "number of one", "option"])
        XCTAssertEqual(DisplayWidth.wrap("18-characters-long-word", width: 10), ["18-charact", "ers-long-w", "ord"])
    }

    func testCentring() {
        XCTAssertEqual(DisplayWidth.centreOffset("已保存", in: 20), 7)
        XCTAssertEqual(DisplayWidth.centreOffset("Saved", in: 20), 7)
    }
}

final class ScreenBufferTests: XCTestCase {
    func testWideCharacterTakesTwoCellsAndIsClippedWhole() {
        var b = ScreenBuffer(width: 5, height: 1)
        let end = b.put("养老金", row: 0, column: 0)
        XCTAssertEqual(end, 4, "the third character does not fit in the last column and is not drawn")
        XCTAssertEqual(b.text, "养老")
        XCTAssertTrue(b[0, 1].isContinuation)
    }

    func testOverwritingHalfAWideCharacterLeavesNoBrokenGlyph() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.put("养老金", row: 0, column: 0)
        b.put("x", row: 0, column: 3)
        XCTAssertEqual(b.text, "养 x金")
        XCTAssertFalse(b[0, 3].isContinuation)
    }

    func testChangesAreOnlyTheCellsThatDiffer() {
        var a = ScreenBuffer(width: 20, height: 3)
        a.put("第 1 步，共 4 步", row: 1, column: 0)
        var b = a
        b.put("2", row: 1, column: 2)
        let runs = b.changes(since: a)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs[0].row, 1)
        XCTAssertEqual(runs[0].column, 2)
        XCTAssertEqual(runs[0].cells.count, 1)
        XCTAssertEqual(b.changes(since: nil).count, 3, "without a previous frame every row is written")
    }
}

final class BigTextTests: XCTestCase {
    func testUnifontGlyphsAreReadByCodePoint() throws {
        let font = try XCTUnwrap(UnifontHex(), "unifont is installed by scripts/test (Debian package unifont)")
        XCTAssertEqual(font.glyph(for: "A")?.width, 8)
        XCTAssertEqual(font.glyph(for: "养")?.width, 16)
        XCTAssertNil(font.glyph(for: "\u{10FFFD}"))
        let zero = try XCTUnwrap(font.glyph(for: "0"))
        XCTAssertEqual(zero.rows.count, 16)
        XCTAssertNotEqual(zero.rows.reduce(0, |), 0)
    }

    func testHalfBlocksDrawEightRowsAtTheGlyphsWidth() throws {
        let font = try XCTUnwrap(UnifontHex())
        let lines = try XCTUnwrap(BigText.render("已保存", glyphs: font))
        XCTAssertEqual(lines.count, 8)
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) == 48 })
        XCTAssertTrue(lines.joined().contains("█"))
        XCTAssertEqual(BigText.width(of: "2B4FF68D", glyphs: font), 64)
    }

    func testMissingFontMeansNoBigText() {
        XCTAssertNil(UnifontHex(path: "/nonexistent/unifont.hex"))
    }
}

/// WCAG 2 contrast of every text colour on its background, for every theme file.
final class ThemeContrastTests: XCTestCase {
    /// Care themes (care mode's own, and yellow on black) reach 7:1 (WCAG AAA), the others 4.5:1.
    func testEveryThemeFileMeetsItsContrastRatio() throws {
        let folder = repoRoot.appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertTrue(Set(files).isSuperset(of: ["standard.json", "care.json", "high-contrast.json"]), "\(files)")
        let careThemes: Set = ["care.json", "high-contrast.json"]
        for file in files {
            let theme = try Theme.load(Data(contentsOf: folder.appendingPathComponent(file)), file: file)
            if careThemes.contains(file) { XCTAssertTrue(theme.isCare, "\(file) is a care theme") }
            let minimum = theme.isCare ? 7 : 4.5
            for role in Theme.textRoles {
                let ratio = Palette.contrast(theme.color(role), theme.color(.background))
                XCTAssertGreaterThanOrEqual(ratio, minimum, "\(file): \(role) is \(String(format: "%.2f", ratio)):1")
            }
        }
    }

    func testPaletteAndRatioMatchKnownValues() {
        XCTAssertEqual(Palette.contrast(16, 231), 21, accuracy: 0.01)
        XCTAssertEqual(Palette.contrast(226, 16), 19.56, accuracy: 0.01)
        XCTAssertEqual(Palette.rgb(210).0, 255)
        XCTAssertEqual(Palette.contrast(9, 16), 5.25, accuracy: 0.01, "xterm's bright red on black is too weak for a care theme")
    }

    func testABrokenThemeNamesTheRole() {
        XCTAssertThrowsError(try Theme.load(Data(#"{"colors": {"text": "pink"}}"#.utf8), file: "pink.json")) { error in
            XCTAssertEqual((error as? Theme.LoadError)?.description, "pink.json: colors.text: \"pink\" is not a colour (0-255 or a basic colour name)")
        }
    }
}
