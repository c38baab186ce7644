import Foundation
import XCTest
import KioskTestSupport

/// Issue 20, finding 14: a file over its size limit is said to be too large, with the file and the
/// limit, not that it "cannot be read".
final class SizeLimitMessagesTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-limits") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    /// A file of `bytes` bytes that is JSON all the same (spaces before the object).
    func write(_ name: String, bytes: Int, json: String = "{}") throws -> URL {
        let file = dataDir.appendingPathComponent(name)
        try (String(repeating: " ", count: bytes - json.utf8.count) + json).write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func testASeventyKilobyteConfigurationIsSaidToBeOverItsLimit() throws {
        let config = try write("config.json", bytes: 70 << 10)
        let run = try runCarekiosk(["status", "--config", config.path, "--data-dir", dataDir.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "配置文件有问题：文件 \(config.path) 太大（超过 64 KB），没有读取。\n")
        let english = try runCarekiosk(["status", "--config", config.path, "--data-dir", dataDir.path], environment: ["LC_ALL": "en_US.UTF-8"])
        XCTAssertTrue(english.stderr.contains("The file \(config.path) is too large (over 64 KB)"), english.stderr)
    }

    func testAnOversizedHelpersFileIsNamedAndNotReplacedByAListOfOne() throws {
        let helpers = try write("helpers.json", bytes: 300 << 10, json: #"{"helpers":[]}"#)
        let status = try runCarekiosk(["status", "--data-dir", dataDir.path])
        XCTAssertTrue(status.stderr.contains("文件 \(helpers.path) 太大（超过 256 KB），没有读取。"), status.stderr)
        let add = try runCarekiosk(["helper", "add", "1001", "张帮办", "--data-dir", dataDir.path], input: "2468\n2468\n")
        XCTAssertFalse(add.stderr.contains("请输入"), "refused before a PIN is asked: \(add.stderr)")
        XCTAssertEqual(add.status, 1)
        XCTAssertTrue(add.stderr.contains("文件 \(helpers.path) 太大（超过 256 KB），没有读取。"), add.stderr)
        XCTAssertEqual(try Data(contentsOf: helpers).count, 300 << 10, "the file is left as it was")
    }

    /// A downloaded catalog that has grown over its limit (or was damaged) is not silently replaced
    /// by the kiosk's own: status says so, with the limit.
    func testAnOversizedStoredCatalogIsSaidByStatus() throws {
        try FileManager.default.createDirectory(at: dataDir.appendingPathComponent("catalog"), withIntermediateDirectories: true)
        let stored = try write("catalog/current.json", bytes: (4 << 20) + 1)
        let run = try runCarekiosk(["status", "--data-dir", dataDir.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("门户下发的事项清单用不了，现在用的是本机自带的清单：文件 \(stored.path) 太大（超过 4 MB），没有读取。"),
                      run.stderr)
    }

    func testAnOversizedTokenFileIsSaidWithItsLimit() throws {
        let token = try write("token", bytes: 5000, json: "t0ken")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token.path)
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path, "--portal", "https://127.0.0.1:9", "--token-file", token.path])
        XCTAssertTrue(run.stderr.contains("令牌文件 \(token.path) 太大（超过 4 KB），没有读取"), run.stderr)
    }

    func testAnOversizedPronunciationListIsSaidWithItsLimitNotCutShort() throws {
        let list = try write("check.txt", bytes: (4 << 20) + 10, json: "地址\tdi4 zhi3\n")
        let run = try runCarekiosk(["speak", "--check", list.path])
        XCTAssertEqual(run.status, 2, run.stdout)
        XCTAssertTrue(run.stderr.contains("文件 \(list.path) 太大（超过 4 MB），没有读取。"), run.stderr)
    }
}
