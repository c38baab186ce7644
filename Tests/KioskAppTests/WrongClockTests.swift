import Foundation
import XCTest
import KioskTestSupport

/// Finding 10: a kiosk whose clock says 1970 says so, and turns nobody away on an age computed from it.
final class WrongClockTests: XCTestCase {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-clock") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    let epoch = ["CAREKIOSK_CLOCK": "1970-01-01T08:00:00+08:00"]

    func testA1945BornResidentIsNotTurnedAwayAndTheSubmissionSaysTheClockIsSuspect() throws {
        let lines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", "", "1"]
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: lines.joined(separator: "\n") + "\n", environment: epoch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("不满60周岁") || run.stdout.contains("年满60周岁才能办理"), run.stdout)
        XCTAssertTrue(run.stdout.contains("== 已保存 =="), run.stdout)
        XCTAssertTrue(run.stdout.contains("本机时间不对，请联系工作人员"), "said on the status line")
        let ready = dataDir.appendingPathComponent("submissions/ready")
        let file = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: ready, includingPropertiesForKeys: nil).first)
        let facts = try XCTUnwrap(String(contentsOf: file, encoding: .utf8).split(separator: "\n").first)
        XCTAssertTrue(facts.contains("\"clock_suspect\":true"), String(facts))

        let status = try runCarekiosk(["status", "--data-dir", dataDir.path], environment: epoch)
        XCTAssertEqual(status.status, 1)
        XCTAssertTrue(status.stderr.contains("本机时间不对（现在显示 1970-01-01T08:00:00+08:00"), status.stderr)
        let right = try runCarekiosk(["status", "--data-dir", dataDir.path], environment: ["CAREKIOSK_CLOCK": "2026-11-28T09:00:00+08:00"])
        XCTAssertFalse(right.stderr.contains("本机时间不对"), right.stderr)
    }
}
