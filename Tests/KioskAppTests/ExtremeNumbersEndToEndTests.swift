import Foundation
import XCTest
import KioskTestSupport

/// Issue 20, finding 8: a number no real file holds (huge, negative, fractional, -0, 1e308, a
/// string) in a file the kiosk reads never ends the program (a trap is SIGILL, exit 132), and where
/// a person would see it, it is named: the file and the key.
final class ExtremeNumbersEndToEndTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-numbers") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    let extremes = ["5000000000", "-5000000000", "2147483648", "1e308", "-1e308", "2.5", "-0", "0", "-1", "\"NaN\"",
                    "9007199254740993", "1e15"]
    /// Not JSON at all, though a careless editor or another language's writer makes them.
    let notJSON = ["NaN", "Infinity", "1e999", "0x10"]

    func assertRanToTheEnd(_ run: CarekioskRun, _ value: String, file: StaticString = #filePath, line: UInt = #line) {
        // Foundation's Process gives the signal's number for a program a signal ended (SIGILL, 4).
        XCTAssertFalse([SIGILL, SIGTRAP, 128 + SIGILL].contains(run.status), "SIGILL with \(value): \(run.stderr)", file: file, line: line)
        XCTAssertFalse(run.stderr.contains("Fatal error"), "\(value): \(run.stderr)", file: file, line: line)
    }

    func testASenderStatusWithAPidNoProcessCanHaveDoesNotEndTheKiosk() throws {
        let token = dataDir.appendingPathComponent("token")
        try "t0ken".write(to: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token.path)
        let sender = dataDir.appendingPathComponent("sender")
        try FileManager.default.createDirectory(at: sender, withIntermediateDirectories: true)
        for value in extremes + notJSON {
            try #"{"pid":\#(value),"online":true,"paused":false,"at":"2026-11-22T09:00:00+08:00"}"#
                .write(to: sender.appendingPathComponent("status.json"), atomically: true, encoding: .utf8)
            let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path, "--portal", "https://127.0.0.1:9", "--token-file", token.path],
                                       input: "f3\n")
            assertRanToTheEnd(run, value)
            XCTAssertEqual(run.status, 0, "pid \(value): \(run.stderr)")
        }
    }

    func testAHelpersFileWithAnImpossibleRoundCountNeitherEndsTheLoginNorGoesUnsaid() throws {
        let salt = String(repeating: "ab", count: 16), hash = String(repeating: "cd", count: 32)
        for value in extremes {
            try #"{"helpers":[{"id":"1001","name":"张帮办","salt":"\#(salt)","iterations":\#(value),"hash":"\#(hash)"}]}"#
                .write(to: dataDir.appendingPathComponent("helpers.json"), atomically: true, encoding: .utf8)
            let login = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: (helperSequenceKeys.map(String.init) + ["1001", "2468"])
                .joined(separator: "\n") + "\n")
            assertRanToTheEnd(login, value)
            XCTAssertEqual(login.status, 0, "iterations \(value): \(login.stderr)")
            let status = try runCarekiosk(["status", "--data-dir", dataDir.path])
            assertRanToTheEnd(status, value)
            XCTAssertEqual(status.status, 1, "a helper who cannot log in needs a helper's attention")
            XCTAssertTrue(status.stderr.contains("帮办员名单 \(dataDir.path)/helpers.json 里第 1 个帮办员的“iterations”缺了或超出范围"),
                          "iterations \(value): \(status.stderr)")
        }
        for value in notJSON {
            try #"{"helpers":[{"id":"1001","name":"张帮办","salt":"\#(salt)","iterations":\#(value),"hash":"\#(hash)"}]}"#
                .write(to: dataDir.appendingPathComponent("helpers.json"), atomically: true, encoding: .utf8)
            let status = try runCarekiosk(["status", "--data-dir", dataDir.path])
            assertRanToTheEnd(status, value)
            XCTAssertTrue(status.stderr.contains("帮办员名单 \(dataDir.path)/helpers.json 第 1 行第"), "\(value): \(status.stderr)")
            XCTAssertTrue(status.stderr.contains("不是正确的 JSON"), "\(value): \(status.stderr)")
        }
        try #"{"helpers":[{"id":"1001","name":"张帮办","salt":"\#(salt)","iterations":1e15,"hash":"\#(hash)"}]}"#
            .write(to: dataDir.appendingPathComponent("helpers.json"), atomically: true, encoding: .utf8)
        // What the message says to do puts it right; another helper added meanwhile keeps the bad entry.
        let other = try runCarekiosk(["helper", "add", "1002", "李帮办", "--data-dir", dataDir.path], input: "1357\n1357\n")
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(try String(contentsOf: dataDir.appendingPathComponent("helpers.json"), encoding: .utf8).contains("\"iterations\":1e15"))
        let replaced = try runCarekiosk(["helper", "add", "1001", "张帮办", "--replace", "--data-dir", dataDir.path], input: "2468\n2468\n")
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        let after = try runCarekiosk(["status", "--data-dir", dataDir.path])
        XCTAssertEqual(after.status, 0, after.stderr)
    }

    func testACatalogWithOutOfRangeCountsIsRefusedNamingTheKeyAndTheRange() throws {
        let original = try String(contentsOf: repoRoot.appendingPathComponent("catalog/default.json"), encoding: .utf8)
        let file = dataDir.appendingPathComponent("catalog.json")
        for value in extremes {
            let changed = original.replacingOccurrences(of: "\"supply_within_days\": 30", with: "\"supply_within_days\": \(value)")
                .replacingOccurrences(of: "\"max_length\": 60", with: "\"max_length\": \(value)")
                .replacingOccurrences(of: "\"version\": 2,", with: "\"version\": \(value),")
            try changed.write(to: file, atomically: true, encoding: .utf8)
            let run = try runCarekiosk(["catalog", "check", file.path])
            assertRanToTheEnd(run, value)
            XCTAssertNotEqual(run.status, 0, value)
            let said = run.stdout + run.stderr
            XCTAssertTrue(said.contains("supply_within_days: 应该是 1 到 3650 之间的整数"), "\(value): \(said)")
            XCTAssertTrue(said.contains("max_length: 应该是 1 到 10000 之间的整数"), "\(value): \(said)")
            XCTAssertTrue(said.contains("version: 版本号应该是 1 到 999999 之间的整数"), "\(value): \(said)")
        }
    }

    func testAConfigurationWithExtremeNumbersIsRefusedNamingTheFile() throws {
        let config = dataDir.appendingPathComponent("config.json")
        for value in extremes {
            try #"{"inactivity_seconds": \#(value)}"#.write(to: config, atomically: true, encoding: .utf8)
            let run = try runCarekiosk(["status", "--config", config.path, "--data-dir", dataDir.path])
            assertRanToTheEnd(run, value)
            XCTAssertEqual(run.status, 2, value)
            XCTAssertTrue(run.stderr.contains("配置文件 \(config.path)"), "\(value): \(run.stderr)")
        }
    }

    /// A queue file's facts with a version no catalog has is a damaged file, said as one, not an
    /// item the kiosk goes on to send with a number it cannot hold.
    func testAQueueFileWithAnImpossibleVersionIsSaidToBeDamaged() throws {
        let lines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", "", "1"]
        let saved = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let ready = dataDir.appendingPathComponent("submissions/ready")
        let file = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: ready, includingPropertiesForKeys: nil).first)
        let original = try String(contentsOf: file, encoding: .utf8)
        XCTAssertNotNil(original.firstMatch(of: /"service_version":\d+,/), original)
        XCTAssertEqual(try runCarekiosk(["status", "--data-dir", dataDir.path]).status, 0, "the file as written is good")
        for value in extremes {
            try? FileManager.default.removeItem(at: dataDir.appendingPathComponent("submissions/damaged"))
            try original.replacing(/"service_version":\d+,/, with: "\"service_version\":\(value),")
                .write(to: file, atomically: true, encoding: .utf8)
            let status = try runCarekiosk(["status", "--data-dir", dataDir.path])
            assertRanToTheEnd(status, value)
            XCTAssertEqual(status.status, 1, "\(value): \(status.stdout)\(status.stderr)")
            XCTAssertTrue(status.stderr.contains("本机文件损坏：\(file.lastPathComponent)"), "\(value): \(status.stderr)")
        }
    }
}
