import Foundation
import XCTest
import KioskTestSupport

/// The full-screen kiosk in tmux: keypad, care mode, resize, mouse, kiosk keys, exit.
final class TerminalEndToEndTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-tmux") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    func kiosk(_ width: Int = 80, _ height: Int = 24, extra: String = "", environment: String = "") throws -> TmuxSession {
        let t = try TmuxSession(command: "\(environment) '\(carekioskBinary.path)' --kiosk --data-dir '\(dataDir.path)' \(extra)", width: width, height: height)
        try t.waitFor("村便民服务点")
        return t
    }

    /// Home → 社保养老 → 养老金资格认证 → intro → material → privacy → identity number question.
    func openPension(_ t: TmuxSession) throws {
        try t.send("1"); try t.waitFor("养老金资格认证")
        try t.send("1"); try t.waitFor("需要准备的材料")
        try t.send("Enter"); try t.waitFor("您今天带来了吗")
        try t.send("1"); try t.waitFor("个人信息使用说明")
        try t.send("1"); try t.waitFor("您的身份证号码是多少")
    }

    /// The whole pension certification up to Enter on the last answer (the check-answers screen comes next).
    func fillPension(_ t: TmuxSession) throws {
        try openPension(t)
        try t.send("511922194503150016", literally: true)
        try t.send("Enter"); try t.waitFor("您现在每个月都在领养老金吗")
        try t.send("1"); try t.waitFor("您想怎样认证")
        try t.send("1"); try t.waitFor("您的手机号码是多少")
        try t.send("13800000000", literally: true)
        try t.send("Enter")
    }

    func testAFullServiceByKeypadInCareModeAt80x24() throws {
        let t = try kiosk()
        XCTAssertTrue(try t.screen().contains("关怀模式"))
        try fillPension(t)
        let review = try t.waitFor("请核对您填写的内容")
        XCTAssertTrue(review.contains("5119**********0016"))
        XCTAssertFalse(review.contains("511922194503150016"))
        try t.send("Enter")
        let lastPage = try t.waitFor("第 2 页，共 2 页")
        XCTAssertTrue(lastPage.contains("1380***0000"))
        try t.send("Enter")
        let done = try t.waitFor("已经记在这台机器上，等联网了会自动交上去")
        XCTAssertTrue(done.contains("待提交 1 件"), done)
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("submissions/ready").path)
        XCTAssertEqual(files.count, 1)
    }

    func testCareModeOffAndOnAgain() throws {
        let t = try kiosk()
        try openPension(t)
        try t.send("F2")
        let standard = try t.waitFor("标准模式")
        XCTAssertTrue(standard.contains("[确认]"), "standard mode has one-line buttons")
        XCTAssertTrue(standard.contains("您的身份证号码是多少"), "the question stays")
        try t.send("F2")
        let care = try t.waitFor("关怀模式")
        XCTAssertTrue(care.contains("│ 确认"), "care mode has boxed buttons")
    }

    func testResizeMidServiceKeepsEverything() throws {
        let t = try kiosk()
        try openPension(t)
        try t.send("51192219", literally: true)
        try t.waitFor("51192219")
        try t.resize(60, 20)
        XCTAssertTrue(try t.waitFor("51192219").contains("您的身份证号码"))
        try t.resize(140, 45)
        try t.waitFor("51192219")
        try t.resize(30, 10)
        try t.waitFor("窗口太小，请放大")
        try t.resize(80, 24)
        try t.waitFor("51192219")
        try t.send("4503150016", literally: true)
        try t.send("Enter")
        try t.waitFor("您现在每个月都在领养老金吗")
    }

    func testAMouseClickChoosesAnOption() throws {
        let t = try kiosk()
        let screen = try t.screen().components(separatedBy: "\n")
        let row = try XCTUnwrap(screen.firstIndex { $0.contains("2  医疗保障") })
        let column = try XCTUnwrap(screen[row].range(of: "医疗保障")).lowerBound.utf16Offset(in: screen[row])
        try t.click(row: row, column: column)
        let after = try t.waitFor("异地就医备案")
        XCTAssertTrue(after.contains("城乡居民医保参保登记"))
    }

    func testCtrlCCtrlZAndCtrlBackslashAreIgnoredInKioskMode() throws {
        let t = try kiosk()
        try openPension(t)
        try t.send("C-c"); try t.send("C-z"); try t.send("C-\\")
        // Digits typed after them show: the kiosk read past the three keys, neither ended nor stopped.
        try t.send("51192219", literally: true)
        let after = try t.waitFor("51192219")
        XCTAssertEqual(try t.format("#{pane_dead}"), "0", "the kiosk is still running")
        XCTAssertTrue(after.contains("您的身份证号码是多少"), after)
    }

    /// The kiosk in a shell that says what happened after it: its pid is written to `pidFile`
    /// (the inner shell execs the kiosk), its exit status is printed as `AFTER n`.
    func kioskInAShell(_ pidFile: URL, before: String = "") throws -> TmuxSession {
        let script = dataDir.appendingPathComponent("run.sh")
        try Data("""
        cd '\(dataDir.path)'
        \(before)
        printf 'BEFORE\\n'
        bash -c 'echo $$ > "$0"; exec "$1" --kiosk --data-dir "$2"' '\(pidFile.path)' '\(carekioskBinary.path)' '\(dataDir.path)'
        printf 'AFTER %s\\n' $?
        sleep 30
        """.utf8).write(to: script)
        let t = try TmuxSession(command: "bash '\(script.path)'", width: 80, height: 24)
        try t.waitFor("村便民服务点")
        XCTAssertEqual(try t.format("#{alternate_on}"), "1", "the kiosk draws on the alternate screen")
        return t
    }

    func pid(_ file: URL) throws -> pid_t {
        try XCTUnwrap(pid_t(String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func testTheTerminalIsRestoredOnSIGTERMWithANonZeroStatus() throws {
        let pidFile = dataDir.appendingPathComponent("pid")
        let t = try kioskInAShell(pidFile)
        kill(try pid(pidFile), SIGTERM)
        let after = try t.waitFor("AFTER 143")
        XCTAssertTrue(after.contains("BEFORE"))
        XCTAssertFalse(after.contains("村便民服务点"), "nothing of the kiosk stays on the screen or in the scrollback")
        XCTAssertEqual(try t.format("#{alternate_on}"), "0")
        XCTAssertEqual(try t.format("#{cursor_flag}"), "1", "the cursor is back")
    }

    /// A crash ends the kiosk at once, restores the terminal and leaves no core file, even with
    /// core dumps allowed and the Swift runtime's own settings left as they are.
    func testASegfaultEndsTheKioskAtOnceWithNoCoreFileAndTheTerminalRestored() throws {
        let pidFile = dataDir.appendingPathComponent("pid")
        let t = try kioskInAShell(pidFile, before: "ulimit -c unlimited;")
        try t.send("1"); try t.waitFor("养老金资格认证")
        let kiosk = try pid(pidFile)
        XCTAssertEqual(try String(contentsOfFile: "/proc/\(kiosk)/limits", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("Max core file size") }?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).first,
            "0", "the kiosk sets RLIMIT_CORE to 0 itself")
        let sent = Date()
        kill(kiosk, SIGSEGV)
        let after = try t.waitFor("AFTER 139", seconds: 1)
        print("SIGSEGV: the kiosk was gone and the shell back within \(String(format: "%.2f", Date().timeIntervalSince(sent))) s")
        XCTAssertFalse(after.contains("core dumped"), after)
        XCTAssertFalse(after.contains("养老金资格认证"), "the kiosk's screen is gone")
        XCTAssertEqual(try t.format("#{alternate_on}"), "0")
        XCTAssertEqual(try t.format("#{cursor_flag}"), "1")
        let cores = try FileManager.default.contentsOfDirectory(atPath: dataDir.path).filter { $0.hasPrefix("core") }
        XCTAssertEqual(cores, [], "no core file with the resident's answers in it")
        XCTAssertEqual(kill(kiosk, 0), -1, "not spinning somewhere: the process is gone")
    }

    /// 帮办代办 by keypad: the helper logs in, fills in, and the resident confirms in care mode.
    func testAnAssistedSubmissionByKeypadWithTheResidentsConsent() throws {
        let add = try runCarekiosk(["helper", "add", "1001", "张帮办", "--data-dir", dataDir.path], input: "2468\n2468\n")
        XCTAssertEqual(add.status, 0, add.stderr)
        let t = try kiosk()
        for _ in 0..<3 {
            try t.send("Escape")
            Thread.sleep(forTimeInterval: 0.3)   // each Esc on its own, not as the start of a key sequence
        }
        try t.send("Enter")
        // 确认 on the home screen asks for a number: the keys were read as a resident's.
        let asked = try t.waitFor("请按数字键选择一项")
        XCTAssertFalse(asked.contains("请输入帮办员编号"), "返回 three times and 确认 are a resident's keys, not the login")
        for key in ["KP/", "KP*", "KP-"] { try t.send(key) } // the keypad's top row, in turn
        try t.waitFor("请输入帮办员编号")
        try t.send("1001", literally: true); try t.send("Enter"); try t.waitFor("请输入密码")
        try t.send("2468", literally: true)
        let pin = try t.waitFor("••••")                  // a dot for each digit typed
        XCTAssertFalse(pin.contains("2468"), "the PIN is not shown")
        try t.send("Enter")
        let home = try t.waitFor("帮办员 张帮办")
        XCTAssertTrue(home.contains("标准模式"), "the helper works in the standard layout")
        try fillPension(t)
        try t.waitFor("请核对您填写的内容")
        try t.send("Enter")
        let consent = try t.waitFor("请您本人确认")
        XCTAssertTrue(consent.contains("关怀模式"), "the screen turns to the resident in care mode")
        XCTAssertTrue(consent.contains("张帮办"), consent)
        try t.send("Enter")                   // the next page of what will be submitted
        try t.waitFor("第 2 页，共 2 页")
        try t.send("Enter")                   // 确认 agrees
        try t.waitFor("已经记下了")
        let folder = dataDir.appendingPathComponent("submissions/ready")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(files.count, 1)
        let payload = try Data(contentsOf: folder.appendingPathComponent(files[0])).split(separator: 0x0A)[1]
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: payload) as? [String: Any])
        XCTAssertEqual(json["channel"] as? String, "assisted")
        let body = try XCTUnwrap(json["body"] as? [String: Any])
        XCTAssertEqual((body["helper"] as? [String: String])?["name"], "张帮办")
        XCTAssertEqual((body["consent"] as? [String: Any])?["proxy"] as? Bool, true)
    }

    /// A helper who logs in and walks away from the home screen is logged out by the inactivity
    /// timer, and the kiosk is back in care mode for the next resident.
    /// With the clock in a file the test moves (`CAREKIOSK_CLOCK=@FILE`): a minute passes at once.
    func testAHelperIdleOnTheHomeScreenIsLoggedOut() throws {
        XCTAssertEqual(try runCarekiosk(["helper", "add", "1001", "张帮办", "--data-dir", dataDir.path], input: "2468\n2468\n").status, 0)
        let clock = dataDir.appendingPathComponent("clock")
        try Data("2026-11-28T09:00:00+08:00".utf8).write(to: clock)
        let t = try kiosk(extra: "--inactivity 60", environment: "CAREKIOSK_CLOCK=@\(clock.path)")
        for key in ["KP/", "KP*", "KP-"] { try t.send(key) } // the keypad's top row
        try t.waitFor("请输入帮办员编号")
        try t.send("1001", literally: true); try t.send("Enter"); try t.waitFor("请输入密码")
        try t.send("2468", literally: true); try t.send("Enter")
        XCTAssertTrue(try t.waitFor("帮办员 张帮办").contains("标准模式"))
        try Data("2026-11-28T09:01:01+08:00".utf8).write(to: clock)
        let after = try t.waitFor("｜关怀模式｜", seconds: 5)
        XCTAssertFalse(after.contains("帮办员 张帮办"), "logged out after a minute without a key")
        let audit = try String(contentsOf: dataDir.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        XCTAssertTrue(audit.contains("\"event\":\"logout\""), audit)
    }
}
