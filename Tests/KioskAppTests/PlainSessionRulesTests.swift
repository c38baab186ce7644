import Foundation
import XCTest
import KioskTestSupport

/// Plain mode keeps the same session rules as the full screen: a warning line before clearing,
/// then the answers are gone. The program's clock is a file the test moves, so no real waiting.
final class PlainSessionRulesTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-plain-rules") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    func testPlainModeWarnsWithALineThenClearsAfterTheInactivityTime() throws {
        let clock = dataDir.appendingPathComponent("clock")
        try Data("2026-11-28T09:00:00+08:00".utf8).write(to: clock)
        let (p, typing, output) = try startCarekiosk(["--plain", "--data-dir", dataDir.appendingPathComponent("data").path, "--inactivity", "60"],
                                                     environment: ["CAREKIOSK_CLOCK": "@\(clock.path)"], outputIn: dataDir)
        defer { if p.isRunning { p.terminate() }; p.waitUntilExit() }
        func screen() -> String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        func waitFor(_ text: String, after: Int = 0) -> Bool {
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline {
                if screen().dropFirst(after).contains(text) { return true }
                usleep(20_000)
            }
            return false
        }
        typing.write(Data("1\n1\n\n1\n1\n".utf8))
        XCTAssertTrue(waitFor("您的身份证号码是多少"), screen())
        typing.write(Data("5119221945\n".utf8))   // a wrong answer: something is typed
        XCTAssertTrue(waitFor("错误："), screen())
        let typed = screen().count

        try Data("2026-11-28T09:00:35+08:00".utf8).write(to: clock)
        XCTAssertTrue(waitFor("30 秒后清除您填写的内容", after: typed), "the warning, 25 s before the end:\n\(screen())")
        let warned = String(screen().dropFirst(typed))
        XCTAssertFalse(warned.contains("== "), "one line, not the whole screen again: \(warned)")

        try Data("2026-11-28T09:01:01+08:00".utf8).write(to: clock)
        XCTAssertTrue(waitFor("很久没有操作，刚才填写的内容已经清除。", after: typed), screen())
        XCTAssertTrue(waitFor("== 村便民服务点", after: typed), "back on the home screen")
        typing.write(Data("\n".utf8))
        try typing.close()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("data/submissions/ready").path)
        XCTAssertEqual(files, [], "nothing was confirmed, nothing queued")
    }
}
