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

    func testWrappingChineseBreaksBetweenWordsAndKeepsPunctuationWithThem() {
        XCTAssertEqual(DisplayWidth.wrap("领养老金的老人每年要认证一次，认证好了。", width: 14), ["领养老金的老人", "每年要认证", "一次，认证", "好了。"])
        XCTAssertEqual(DisplayWidth.wrap("每年要认证一次，", width: 14), ["每年要认证", "一次，"])
        // Lines the walk found cut inside a word: 跳/过, 妥/善, 社保/卡, and 上。 alone.
        XCTAssertEqual(DisplayWidth.wrap("（可以不填，直接按确认键跳过）", width: 24), ["（可以不填，直接按确认键", "跳过）"])
        XCTAssertEqual(DisplayWidth.wrap("（可以不填，直接按确认键跳过）", width: 10), ["（可以不", "填，直接按", "确认键", "跳过）"], "（ stays with what it opens")
        XCTAssertEqual(DisplayWidth.wrap("这些信息只用于这次认证，妥善保管，不做别的用处。", width: 20), ["这些信息只用于这次", "认证，妥善保管，不做", "别的用处。"])
        XCTAssertEqual(DisplayWidth.wrap("请带上社保卡和残疾人证到村委会。", width: 10), ["请带上", "社保卡和", "残疾人证到", "村委会。"])
        XCTAssertEqual(DisplayWidth.wrap("审核通过后，津贴按月打到您的卡上。", width: 16), ["审核通过后，津贴", "按月打到您的", "卡上。"], "上。 is not left alone")
        XCTAssertEqual(DisplayWidth.wrap("身份证号码最后一位是X。", width: 20), ["身份证号码最后一位", "是X。"])
        XCTAssertEqual(DisplayWidth.wrap("第 1 页，共 3 页", width: 14), ["第 1 页，共", "3 页"], "the space the break took stays")
        XCTAssertEqual(DisplayWidth.withoutAWidow(["按确认键翻到 第 2", "页"], width: 20, paragraph: "按确认键翻到 第 2 页"), ["按确认键翻到 第", "2 页"],
                       "a lone character brought company keeps the space the break took")
        XCTAssertEqual(DisplayWidth.tokens("✅⭐❌"), ["✅", "⭐", "❌"], "wide characters without Chinese are each a unit")
    }

    /// Every Chinese text the bundled catalog and the locale show, wrapped at every width a single
    /// or a double line has: no line cut inside one of the words kept whole, none beginning with
    /// closing punctuation or ending with opening punctuation, no last line of one character, nothing lost.
    /// (Widths too narrow for a text's longest unit are left out: that unit must be cut.)
    func testNoBundledTextBreaksInsideAWordAtAnyWidth() throws {
        var texts: [String] = []
        func collect(_ value: Any) {
            if let text = value as? String, text.contains(where: { DisplayWidth.of($0) == 2 }) { texts.append(text) }
            if let object = value as? [String: Any] { object.values.forEach(collect) }
            if let array = value as? [Any] { array.forEach(collect) }
        }
        for file in ["catalog/default.json", "locales/zh-Hans.json"] {
            collect(try JSONSerialization.jsonObject(with: Data(contentsOf: repoRoot.appendingPathComponent(file))))
        }
        XCTAssertGreaterThan(texts.count, 300)
        for word in WordStarts.keptWhole {
            XCTAssertTrue(texts.contains { $0.contains(word) }, "\(word) is kept whole for a text the kiosk shows")
        }
        var lineBreaks = 0
        for text in texts {
            // A unit wider than the line (a placeholder with its brackets, a file name) has to be cut.
            let longestUnit = DisplayWidth.tokens(text).map(DisplayWidth.of).max() ?? 0
            for width in max(12, longestUnit)...60 {
                for lines in [DisplayWidth.wrap(text, width: width), DisplayWidth.wrapAtPhrases(text, width: width)] {
                    XCTAssertEqual(lines.joined().filter { $0 != " " && $0 != "\n" }, text.filter { $0 != " " && $0 != "\n" }, "nothing lost")
                    for (above, below) in zip(lines, lines.dropFirst()) where !above.isEmpty && !below.isEmpty {
                        lineBreaks += 1
                        let around = String(above.suffix(4)) + "|" + String(below.prefix(4))
                        for word in WordStarts.keptWhole where word.count > 1 {
                            let joined = String(above.suffix(word.count - 1)) + String(below.prefix(word.count - 1))
                            // The word straddles the break when it is in the joined text and not wholly on one side.
                            if let range = joined.range(of: word) {
                                let start = joined.distance(from: joined.startIndex, to: range.lowerBound)
                                if start < word.count - 1, start + word.count > word.count - 1 {
                                    XCTFail("\(word) cut at width \(width): \(around)")
                                }
                            }
                        }
                        XCTAssertFalse(DisplayWidth.closingPunctuation.contains(below.first!), "\(around) at width \(width)")
                        XCTAssertFalse(DisplayWidth.openingPunctuation.contains(above.last!), "\(around) at width \(width)")
                    }
                    // One character alone on the last line, where the line above could spare a word.
                    if lines.count >= 2, let last = lines.last, DisplayWidth.of(last.filter { !DisplayWidth.closingPunctuation.contains($0) }) <= 2,
                       last.contains(where: { DisplayWidth.of($0) == 2 }),
                       case let above = DisplayWidth.tokens(lines[lines.count - 2]).filter({ $0 != " " }), above.count >= 2,
                       DisplayWidth.of(above.last! + last) <= width {
                        XCTFail("\(last) alone on the last line at width \(width): \(lines)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(lineBreaks, 10_000, "the widths break the texts")
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
