import Foundation
import XCTest
import KioskTestSupport
import KioskCore
import KioskCrypto
import KioskOutbox

/// PIN guessing against the built program in plain mode, with its clock set from outside: the
/// counts hold over a restart, ten wrong tries at any numbers lock the login, and a number that is
/// no helper's reads like a wrong PIN.
final class HelperLoginEndToEndTests: XCTestCase, EndToEnd {
    var root: URL!
    var dataDir: String { root.appendingPathComponent("data").path }

    override func setUpWithError() throws {
        root = temporaryFolder("helper-e2e")
        let data = DataFolder(root: URL(fileURLWithPath: dataDir))
        try data.prepare(kioskID: "k")
        for (id, name) in [("1001", "张帮办"), ("1002", "李帮办"), ("1003", "王帮办"), ("1004", "赵帮办")] {
            try HelperDirectory(data: data).add(.init(id: id, name: name, pin: XCTUnwrap(PINHash.make(pin: "2468", iterations: 1000))))
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    /// One run of the kiosk from its start: the login keys, then each (number, PIN) in turn.
    func kiosk(_ tries: [(String, String)], at time: String = "2026-12-02T10:00:00+08:00") throws -> String {
        let lines = ["/", "*", "-"] + tries.flatMap { [$0.0, $0.1] }
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir, "--kiosk-id", "k"], input: lines.joined(separator: "\n") + "\n",
                                   environment: ["CAREKIOSK_CLOCK": time])
        XCTAssertFalse(run.stderr.contains("Fatal error"), run.stderr)
        return run.stdout
    }

    func testALockedNumberIsStillLockedAfterARestart() throws {
        let first = try kiosk(Array(repeating: ("1001", "1111"), count: 5))
        XCTAssertTrue(first.contains("这个编号错了 5 次，锁定了，请 5 分钟后再试。"), first)
        let again = try kiosk([("1001", "2468")], at: "2026-12-02T10:01:00+08:00")
        XCTAssertFalse(again.contains("已登录"), "the right PIN does not open the number after a restart: \(again)")
        XCTAssertTrue(again.contains("这个编号错了 5 次，锁定了，请 4 分钟后再试。"), again)
        let later = try kiosk([("1001", "2468")], at: "2026-12-02T10:05:01+08:00")
        XCTAssertTrue(later.contains("帮办员 张帮办 已登录。"), later)
    }

    func testTenWrongTriesAtSeveralNumbersLockTheLoginAcrossARestart() throws {
        let tries = Array(repeating: ("1001", "1111"), count: 4) + Array(repeating: ("1002", "1111"), count: 4) + Array(repeating: ("1003", "1111"), count: 2)
        let first = try kiosk(tries)
        XCTAssertTrue(first.contains("这台机器上帮办员登录错了 10 次，登录暂停了，请 10 分钟后再试。"), first)
        let again = try kiosk([("1004", "2468")], at: "2026-12-02T10:02:00+08:00")
        XCTAssertFalse(again.contains("已登录"), "no number logs in while the login is locked: \(again)")
        let later = try kiosk([("1004", "2468")], at: "2026-12-02T10:10:01+08:00")
        XCTAssertTrue(later.contains("帮办员 赵帮办 已登录。"), later)
    }

    func testANumberThatIsNoHelpersReadsLikeAWrongPIN() throws {
        let out = try kiosk([("9999", "1111")])
        XCTAssertTrue(out.contains("帮办员编号或密码不对，还可以再试 4 次。"), out)
        XCTAssertFalse(out.contains("没有这个帮办员编号"), out)
    }
}
