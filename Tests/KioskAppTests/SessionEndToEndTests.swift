import Foundation
import XCTest
import KioskTestSupport

/// `scripts/kiosk --session` on a virtual 1024×768 screen, measured the way a resident sees
/// it: the care-mode question really twice as large as in standard mode, Chinese without a gap
/// after each character, and a tap on an option doing what its key does.
/// `CAREKIOSK_SCREENSHOTS=DIR` keeps the standard-mode screenshot (docs/images; the care-mode ones
/// are `SessionSizesEndToEndTests`').
final class SessionEndToEndTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-session") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    static let question = "您的身份证号码是多少？"

    /// The ink of the question's line: tesseract finds the line, ImageMagick trims it to the ink.
    func questionInk(_ x: XSession, _ shot: URL, _ words: [OCRWord]) throws -> OCRWord.Box {
        let line = try XCTUnwrap(OCRWord.lines(words).first { $0.text.contains("身份证号码") }, "the question is on the screen")
        return try x.ink(shot, in: line.box)
    }

    func keep(_ shot: URL, as name: String) {
        guard let dir = ProcessInfo.processInfo.environment["CAREKIOSK_SCREENSHOTS"] else { return }
        let target = URL(fileURLWithPath: dir).appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: shot, to: target)
    }

    func testCareModeQuestionIsTwiceAsLargeAndChineseHasNoGaps() throws {
        let x = try XSession(dataDir: dataDir)
        defer { x.stop() }
        try x.waitFor("自助办事")
        // Home → 社保养老 → 养老金资格认证 → intro (its pages turned with Enter) → material →
        // privacy → identity number question.
        try x.key("1", "1")
        _ = try XCTUnwrap(x.press("Return", until: "今天带来了吗"))
        try x.key("1")
        // The privacy notice's pages turned to the one with 1 我知道了, which a digit on an
        // earlier page only shows.
        _ = try XCTUnwrap(x.press("Return", until: "同意并继续"))
        try x.key("1")
        let (care, careWords) = try x.waitFor("身份证号码")
        let careInk = try questionInk(x, care, careWords)

        try x.key("F2")
        let (standard, standardWords) = try x.waitFor("标准模式")
        keep(standard, as: "session-standard-question.png")
        let standardInk = try questionInk(x, standard, standardWords)

        let chars = Double(SessionEndToEndTests.question.count)
        let heightRatio = Double(careInk.height) / Double(standardInk.height)
        let careSpan = Double(careInk.width) / (chars * Double(careInk.height))
        let standardSpan = Double(standardInk.width) / (chars * Double(standardInk.height))
        print("session measure: question glyph height care \(careInk.height) px, standard \(standardInk.height) px, ratio \(String(format: "%.2f", heightRatio)); "
              + "line span / (chars × height): care \(String(format: "%.2f", careSpan)), standard \(String(format: "%.2f", standardSpan)) "
              + "(care \(careInk.width) px, standard \(standardInk.width) px for \(Int(chars)) characters)")
        XCTAssertGreaterThanOrEqual(heightRatio, 1.8, "care-mode question glyphs at least 1.8× standard")
        XCTAssertLessThanOrEqual(careSpan, 1.4, "no gap after each character (care)")
        XCTAssertLessThanOrEqual(standardSpan, 1.4, "no gap after each character (standard)")
    }

    func testATapOnAnOptionActsAsItsKey() throws {
        let x = try XSession(dataDir: dataDir)
        defer { x.stop() }
        // The option itself is waited for: under load the title can be read before the options are drawn.
        let (_, words) = try x.waitFor("医疗")
        let option = try XCTUnwrap(words.first { $0.text.contains("医疗") }, "option 2 医疗保障 is on the home screen")
        try x.tap(x: option.box.centre.x, y: option.box.centre.y)
        try x.waitFor("异地就医")
    }

    func testKeypadDigitsTypeInAnyKeypadMode() throws {
        let x = try XSession(dataDir: dataDir)
        defer { x.stop() }
        try x.waitFor("自助办事")
        try x.key("KP_1", "KP_1")
        _ = try XCTUnwrap(x.press("KP_Enter", until: "今天带来了吗"))
        try x.key("KP_1")
        _ = try XCTUnwrap(x.press("KP_Enter", until: "同意并继续"))
        try x.key("KP_1")
        try x.waitFor("身份证号码")
        try x.key("KP_5", "KP_1", "KP_1", "KP_9")
        try x.waitFor("5119")
    }
}
