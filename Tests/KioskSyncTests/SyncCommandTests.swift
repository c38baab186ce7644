import Foundation
import XCTest
import KioskOutbox
import KioskTestSupport

/// `carekiosk sync` and `carekiosk status` as a helper runs them.
final class SyncCommandTests: SyncTestCase {
    func carekiosk(_ args: [String], environment: [String: String] = [:]) throws -> CarekioskRun {
        try runCarekiosk(args + ["--data-dir", data.root.path], environment: environment)
    }

    var portalArgs: [String] { ["--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path] }

    /// A typo in the data folder's path is not an empty queue: the sender makes no new folders.
    func testSyncRefusesADataFolderWhoseParentIsMissing() throws {
        let missing = data.root.appendingPathComponent("no-such-folder/data")
        let run = try runCarekiosk(["sync", "--data-dir", missing.path] + portalArgs)
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "数据目录 \(missing.path) 的上一级文件夹 \(missing.deletingLastPathComponent().path) 不存在：请检查路径有没有写错。只会新建最后一级文件夹。\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
        let english = try runCarekiosk(["sync", "--data-dir", missing.path] + portalArgs, environment: ["LC_ALL": "en_US.UTF-8"])
        XCTAssertTrue(english.stderr.hasPrefix("The folder "), english.stderr)
    }

    func testSyncExitsZeroOnlyWhenNothingIsLeftAndNamesEachProblem() throws {
        try queue([submission(1), submission(2, service: "no-such-service"), submission(3)])
        try portal.faults([["fault": "503", "count": -1, "path": "/v1/submissions"]])
        let down = try carekiosk(["sync", "--batch", "1", "--timeout", "2"] + portalArgs)
        XCTAssertEqual(down.status, 1)
        XCTAssertTrue(down.stderr.contains("门户暂时出错（门户回复 503）：3 件留在本机"), down.stderr)

        try portal.faults([])
        let partly = try carekiosk(["sync"] + portalArgs)
        XCTAssertEqual(partly.status, 1, "a refused item needs a helper")
        XCTAssertTrue(partly.stdout.hasPrefix("本次发送 2 件；还有 0 件等待发送。\n"), partly.stdout)
        XCTAssertEqual(partly.stderr, "\(submission(2).id)（no-such-service）被门户退回（404，门户不认识这项业务或它的版本）：—。请帮办员处理。\n")

        let status = try carekiosk(["status"])
        XCTAssertEqual(status.status, 1, "the refused item is named, and waits for a helper")
        XCTAssertTrue(status.stderr.contains("被门户退回（404，门户不认识这项业务或它的版本）"), status.stderr)
        XCTAssertTrue(status.stdout.contains("已发送：2 件\n被退回：1 件\n"), status.stdout)
        XCTAssertTrue(status.stdout.contains("没有等待发送的件。"), status.stdout)
    }

    func testStatusTellsHowLongTheOldestHasWaited() throws {
        try queue([submission(1)])
        let file = data.submissions.folder(.ready).appendingPathComponent("\(submission(1).id).json")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -(3 * 3600 + 5 * 60 + 10))], ofItemAtPath: file.path)
        let status = try carekiosk(["status", "--locale", "en"])
        XCTAssertTrue(status.stdout.contains("Waiting: 1\n"), status.stdout)
        XCTAssertTrue(status.stdout.contains("The oldest has waited 3 h 5 min"), status.stdout)
    }

    func testTheConfigurationFileNamesThePortalAndABadOneIsExplained() throws {
        try queue([submission(1)])
        let config = data.root.appendingPathComponent("config.json")
        try Data(#"{"portal_url": "\#(portal.url.absoluteString)", "token_file": "\#(portal.tokenFile.path)", "kiosk_id": "cn-511922-test-01"}"#.utf8).write(to: config)
        let ok = try carekiosk(["sync", "--config", config.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try portal.storedSubmissions().count, 1)

        try Data(#"{"portal": "https://x"}"#.utf8).write(to: config)
        let typo = try carekiosk(["sync"], environment: ["CAREKIOSK_CONFIG": config.path])
        XCTAssertEqual(typo.status, 2)
        XCTAssertEqual(typo.stderr, "配置文件 \(config.path) 里有不认识的设置“portal”，请对照 README 改正。\n")

        try Data(#"{"portal_key": "3948cfe0ad1ddb695d780e59077195da6c56506b207d2e8e1b0ff0e3e9b5ba6", "portal_key_id": "k1"}"#.utf8).write(to: config)
        let short = try carekiosk(["status", "--config", config.path])
        XCTAssertEqual(short.status, 2, "a key that cannot be used must not look as if it were")
        XCTAssertEqual(short.stderr, "门户公钥（portal_key 或 --portal-key）应该是 64 个十六进制字符（0-9、a-f），现在是 63 个：请把门户给的公钥原样复制过来。\n")
        let noID = try carekiosk(["sync", "--portal-key", "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d"] + portalArgs)
        XCTAssertEqual(noID.status, 2)
        XCTAssertTrue(noID.stderr.contains("--portal-key-id"), noID.stderr)
        let good = try carekiosk(["sync", "--portal-key", "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
                                  "--portal-key-id", "k1"] + portalArgs)
        XCTAssertEqual(good.status, 0, good.stderr)
    }

    func testTokenFileProblemsSayHowToFixThem() throws {
        let missing = try carekiosk(["sync", "--portal", portal.url.absoluteString, "--token-file", "/nonexistent/token"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "找不到令牌文件 /nonexistent/token：请把门户发给本机的令牌存到这个文件里。\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: portal.tokenFile.path)
        let open = try carekiosk(["sync"] + portalArgs)
        XCTAssertEqual(open.status, 2)
        XCTAssertTrue(open.stderr.contains("权限 640"), open.stderr)
        XCTAssertFalse(open.stderr.contains("test-device-token"), "the token itself is never printed")
        let plain = try carekiosk(["sync", "--portal", "http://portal.example.cn", "--token-file", portal.tokenFile.path])
        XCTAssertTrue(plain.stderr.contains("只能用 https://"), plain.stderr)
    }

    func testEveryCommandRefusesADataFolderOthersCanReadAndSaysHowToFixIt() throws {
        try queue([submission(1)])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data.root.path)
        let fix = "数据目录 \(data.root.path) 别的账户也能读取（权限 755），里面有居民办事的资料，不安全，已拒绝使用。请运行：chmod 700 \(data.root.path)\n"
        for args in [["--plain"], ["sync"] + portalArgs, ["status"]] {
            let run = try carekiosk(args)
            XCTAssertEqual(run.status, 2, "\(args)")
            XCTAssertEqual(run.stderr, fix, "\(args)")
        }
        XCTAssertEqual(try portal.storedSubmissions().count, 0, "nothing was sent from the refused folder")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: data.root.path)
        XCTAssertEqual(try carekiosk(["sync"] + portalArgs).status, 0)
    }

    func testANewDataFolderAndItsFilesAreTheKiosksUsersOnly() throws {
        let fresh = data.root.appendingPathComponent("fresh")
        let run = try runCarekiosk(["--plain", "--data-dir", fresh.path], input: "f1\n\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        }
        XCTAssertEqual(try mode(fresh.path), 0o700)
        let files = FileManager.default.enumerator(atPath: fresh.path)?.allObjects as? [String] ?? []
        let calls = files.filter { $0.hasPrefix("help-requests/ready/") }
        XCTAssertEqual(calls.count, 1, "\(files)")
        for file in calls { XCTAssertEqual(try mode(fresh.appendingPathComponent(file).path), 0o600, file) }
    }
}
