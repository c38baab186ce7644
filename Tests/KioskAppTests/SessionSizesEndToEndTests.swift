import Foundation
import XCTest
import KioskTestSupport

/// Care mode against standard mode in the shipped session (`scripts/kiosk --session`) on
/// 1024×768 and 1920×1080 screens, measured on screenshots the way a resident sees them: on the
/// home screen, a category, a service's first screen, the privacy notice, a question, check
/// answers and the confirmation, the ink height of every line of Chinese text below the status
/// line. The smallest in care mode must be at least 1.8 times the standard text (the median of the
/// standard screen's lines). Prints every screen's figures.
/// `CAREKIOSK_SCREENSHOTS=DIR` keeps the care-mode screenshots (docs/images has them).
final class SessionSizesEndToEndTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-session-sizes") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    /// Ink heights of the screenshot's lines of Chinese (two characters at least, so that a line
    /// of digits or a lone mark is not taken for small text), the status line left out.
    func lineInks(_ x: XSession, _ shot: URL, _ words: [OCRWord]) -> [(text: String, height: Int)] {
        let statusBottom = x.height / 20
        return OCRWord.lines(words).compactMap { line in
            let chinese = line.text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
            guard chinese >= 2, line.box.top > statusBottom, let ink = try? x.ink(shot, in: line.box) else { return nil }
            return (line.text, ink.height)
        }
    }

    struct Figure {
        var screen: String
        var careSmallest: Int
        var careLine: String
        var standardMedian: Int
        var standardLargest: Int
        var ratio: Double { Double(careSmallest) / Double(standardMedian) }
    }

    /// A screenshot taken a moment after the screen was seen: the first frames of the session are
    /// drawn while xterm is still fitted to the screen (once measured: the home screen's heading
    /// read at the standard size), and a new screen can be read before its last rows are drawn.
    func settled(_ x: XSession, _ name: String) throws -> (URL, [OCRWord]) {
        usleep(800_000)
        let shot = try x.screenshot("settled-\(name)-\(UUID().uuidString.prefix(8))")
        return (shot, try x.read(shot))
    }

    /// The screen shown now in care mode, then the same in standard mode (F2), then back.
    func measure(_ x: XSession, _ name: String, _ seen: (URL, [OCRWord]), into figures: inout [Figure]) throws {
        let care = try settled(x, name)
        keep(care.0, as: "session-care-\(name)-\(x.width)x\(x.height).png")
        let careInks = lineInks(x, care.0, care.1)
        try x.key("F2")
        try x.waitFor("标准模式")
        let standard = try settled(x, name)
        let standardInks = lineInks(x, standard.0, standard.1).map(\.height).sorted()
        try x.key("F2")
        try x.waitFor("关怀模式")
        guard let smallest = careInks.min(by: { $0.height < $1.height }), !standardInks.isEmpty else {
            return XCTFail("\(name) at \(x.width)×\(x.height): no line of Chinese read (care \(careInks.count), standard \(standardInks.count))")
        }
        figures.append(Figure(screen: name, careSmallest: smallest.height, careLine: smallest.text,
                              standardMedian: standardInks[standardInks.count / 2], standardLargest: standardInks.last!))
    }

    func keep(_ shot: URL, as name: String) {
        guard let dir = ProcessInfo.processInfo.environment["CAREKIOSK_SCREENSHOTS"] else { return }
        let target = URL(fileURLWithPath: dir).appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: shot, to: target)
    }

    func walk(width: Int, height: Int) throws -> [Figure] {
        let folder = dataDir.appendingPathComponent("\(width)x\(height)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let x = try XSession(dataDir: folder, width: width, height: height)
        defer { x.stop() }
        var figures: [Figure] = []
        try measure(x, "home", x.waitFor("自助办事"), into: &figures)
        try x.key("1")
        try measure(x, "category", x.waitFor("资格认证"), into: &figures)
        try x.key("1")
        try measure(x, "intro", x.waitFor("需要准备的材料"), into: &figures)
        _ = try XCTUnwrap(x.press("Return", until: "今天带来了吗"), "Enter turns the intro's pages, then opens the material question")
        try x.key("1")
        try measure(x, "privacy", x.waitFor("个人信息使用说明"), into: &figures)
        // 1 agrees where it is shown: on the notice's last page.
        _ = try XCTUnwrap(x.press("Return", until: "同意并继续"), "Enter turns the privacy notice's pages to the one that asks")
        try x.key("1")
        try measure(x, "question", x.waitFor("身份证号码是多少"), into: &figures)
        try x.key("5", "1", "1", "9", "2", "2", "1", "9", "4", "5", "0", "3", "1", "5", "0", "0", "1", "6", "Return")
        try x.waitFor("每个月")
        try x.key("1")
        try x.waitFor("怎样认证")
        try x.key("1")
        try x.waitFor("手机号码")
        try x.key("1", "3", "8", "0", "0", "0", "0", "0", "0", "0", "0", "Return")
        try measure(x, "check-answers", x.waitFor("请核对"), into: &figures)
        let confirmation = try XCTUnwrap(x.press("Return", until: "办件编号", presses: 8), "Enter through the answers confirms")
        try measure(x, "confirmation", confirmation, into: &figures)
        return figures
    }

    func testEveryCareModeTextIsTwiceTheStandardSizeAt1024x768And1920x1080() throws {
        for (width, height) in [(1024, 768), (1920, 1080)] {
            let figures = try walk(width: width, height: height)
            XCTAssertEqual(figures.count, 7, "\(width)×\(height): every screen measured")
            for f in figures {
                print("session \(width)×\(height) \(f.screen): care smallest \(f.careSmallest) px (\(f.careLine)), standard median \(f.standardMedian) px, "
                      + "largest \(f.standardLargest) px; ratio \(String(format: "%.2f", f.ratio))")
                XCTAssertGreaterThanOrEqual(f.ratio, 1.8, "\(width)×\(height) \(f.screen): \"\(f.careLine)\" is \(f.careSmallest) px")
            }
        }
    }
}
