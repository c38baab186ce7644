import Foundation
import XCTest
import KioskTestSupport

/// Finding 10: a kiosk whose clock says 1970 says so, and turns nobody away on an age computed from it.
final class WrongClockTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-clock") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    let epoch = ["CAREKIOSK_CLOCK": "1970-01-01T08:00:00+08:00"]

    func testA1945BornResidentIsNotTurnedAwayAndTheSubmissionSaysTheClockIsSuspect() throws {
        let lines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", "", "1"]
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: lines.joined(separator: "\n") + "\n", environment: epoch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("不满60周岁") || run.stdout.contains("年满60周岁才能办理"), run.stdout)
        XCTAssertTrue(run.stdout.contains("== 已经记下了 =="), run.stdout)
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

    /// Issue 20, finding 11: a catalog downloaded while the clock ran ahead has a file time in the
    /// future; the clock check goes by the catalog's own publication day, and says what it compared.
    func testTheClockIsCheckedAgainstTheCatalogsPublicationDayNotItsFileTime() throws {
        let folder = dataDir.appendingPathComponent("catalog")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stored = folder.appendingPathComponent("current.json")
        let bundled = try String(contentsOf: repoRoot.appendingPathComponent("catalog/default.json"), encoding: .utf8)
        try bundled.write(to: stored, atomically: true, encoding: .utf8)
        let ahead = try XCTUnwrap(ISO8601DateFormatter().date(from: "2027-06-01T00:00:00Z"))
        try FileManager.default.setAttributes([.modificationDate: ahead], ofItemAtPath: stored.path)
        let rightClock = ["CAREKIOSK_CLOCK": "2026-12-01T09:00:00+08:00"]
        let right = try runCarekiosk(["status", "--data-dir", dataDir.path], environment: rightClock)
        XCTAssertTrue(right.stdout.contains("2026-11-28"), "the stored catalog is the one in use: \(right.stdout)")
        XCTAssertEqual(right.status, 0, right.stderr)
        XCTAssertFalse(right.stderr.contains("本机时间不对"), right.stderr)
        let screen = try runCarekiosk(["--plain", "--data-dir", dataDir.path], environment: rightClock)
        XCTAssertFalse(screen.stdout.contains("本机时间不对"), screen.stdout)

        // Whatever the bundled catalog's own label is, a copy published on a later day.
        try bundled.replacing(/"catalog_version": "[^"]*"/, with: "\"catalog_version\": \"2027-01-05-r2\"")
            .write(to: stored, atomically: true, encoding: .utf8)
        let behind = try runCarekiosk(["status", "--data-dir", dataDir.path], environment: rightClock)
        XCTAssertEqual(behind.status, 1)
        XCTAssertTrue(behind.stderr.contains("本机时间不对（现在显示 2026-12-01T09:00:00+08:00，比门户下发的事项清单的发布日期 2027-01-05 还早，清单版本 2027-01-05-r2）"),
                      behind.stderr)
        let epochRun = try runCarekiosk(["status", "--data-dir", dataDir.path], environment: epoch)
        XCTAssertTrue(epochRun.stderr.contains("比门户下发的事项清单的发布日期 2027-01-05 还早"), epochRun.stderr)
        try FileManager.default.removeItem(at: stored)
        let release = try runCarekiosk(["status", "--data-dir", dataDir.path], environment: epoch)
        XCTAssertTrue(release.stderr.contains("比这个版本的发布日期 2026-11-01 还早"), release.stderr)
    }
}
