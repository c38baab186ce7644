import Foundation
import XCTest
@testable import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// A kiosk with no network: export to a USB stick, upload at the township, import the receipts.
final class BundleTests: SyncTestCase {
    var usb: URL { data.root.appendingPathComponent("usb") }
    var portalArgs: [String] { ["--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path] }

    func carekiosk(_ args: [String], input: String = "") throws -> CarekioskRun {
        try runCarekiosk(args + ["--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01"], input: input)
    }

    func exportThree() throws -> URL {
        try queue((1...3).map { submission($0) })
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let run = try carekiosk(["export", "--to", usb.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let bundles = try FileManager.default.contentsOfDirectory(atPath: usb.path).filter { $0.hasSuffix(".ckb") }
        XCTAssertEqual(bundles.count, 1)
        return usb.appendingPathComponent(bundles[0])
    }

    func testExportUploadImportEndsWithEverythingSentOnce() throws {
        let bundle = try exportThree()
        XCTAssertEqual(data.submissions.ids(in: .exported).count, 3)
        XCTAssertEqual(data.submissions.ids(in: .ready), [])
        XCTAssertTrue(try carekiosk(["status"]).stdout.contains("已导出：3 件"))

        let upload = try carekiosk(["upload", bundle.path] + portalArgs)
        XCTAssertEqual(upload.status, 0, upload.stderr)
        XCTAssertTrue(upload.stdout.contains("门户收下 3 件，退回 0 件"), upload.stdout)
        XCTAssertEqual(try storedCounts().values.sorted(), [1, 1, 1])
        let receipts = BundleUploader.receiptsFile(for: bundle)

        let imported = try carekiosk(["import-receipts", receipts.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(imported.stdout, "已标为已发送 3 件，退回 0 件，之前已处理 0 件。\n")
        for row in try portal.storedSubmissions() {
            XCTAssertEqual(receipt(row["id"] as! String), row["receipt"] as? String)
        }
        XCTAssertTrue(try carekiosk(["status"]).stdout.contains("已发送：3 件\n被退回：0 件\n已导出：0 件\n文件损坏：0 件"))

        let again = try carekiosk(["import-receipts", receipts.path])
        XCTAssertEqual(again.stdout, "已标为已发送 0 件，退回 0 件，之前已处理 3 件。\n", "importing twice changes nothing")
    }

    /// A stick that never reaches the township: once the portal can be reached, the kiosk sends the
    /// exported items itself (same ids, same bytes); if the stick turns up after all, its upload
    /// is answered by the portal's replay and its receipts change nothing.
    func testExportedItemsAreSentBySyncWhenTheStickIsLost() throws {
        let bundle = try exportThree()
        let sync = try carekiosk(["sync"] + portalArgs)
        XCTAssertEqual(sync.status, 0, sync.stderr)
        XCTAssertTrue(sync.stdout.hasPrefix("本次发送 3 件"), sync.stdout)
        XCTAssertEqual(try storedCounts().values.sorted(), [1, 1, 1])
        XCTAssertEqual(ids(.sent).count, 3)
        XCTAssertEqual(ids(.exported), [])

        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        XCTAssertEqual(try storedCounts().values.sorted(), [1, 1, 1], "the township's upload is a replay")
        let imported = try carekiosk(["import-receipts", BundleUploader.receiptsFile(for: bundle).path])
        XCTAssertEqual(imported.stdout, "已标为已发送 0 件，退回 0 件，之前已处理 3 件。\n")
        XCTAssertEqual(imported.status, 0)
    }

    func testASecondUploadOfTheSameBundleStoresNothingNew() throws {
        let bundle = try exportThree()
        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        let first = try Data(contentsOf: BundleUploader.receiptsFile(for: bundle))
        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        let rows = try portal.storedSubmissions()
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows.map { $0["posts"] as? Int }, [2, 2, 2], "each item was posted twice and stored once")
        XCTAssertEqual(rows.map { $0["conflicts"] as? Int }, [0, 0, 0])
        let second = try JSONValue.parse(Data(contentsOf: BundleUploader.receiptsFile(for: bundle)))
        XCTAssertEqual(second["results"]?.arrayValue?.compactMap { $0["receipt"]?.stringValue },
                       try JSONValue.parse(first)["results"]?.arrayValue?.compactMap { $0["receipt"]?.stringValue })
    }

    func testABrokenBundleIsRefusedWholeWithTheCheckThatFailed() throws {
        let bundle = try exportThree()
        let good = try Data(contentsOf: bundle)
        func refused(_ bytes: Data) throws -> String {
            let broken = usb.appendingPathComponent("broken.ckb")
            try bytes.write(to: broken)
            let run = try carekiosk(["upload", broken.path] + portalArgs)
            XCTAssertEqual(run.status, 2)
            return run.stderr
        }
        var changed = good
        let at = changed.firstRange(of: Data("13800000002".utf8))!.lowerBound
        changed[at + 10] = UInt8(ascii: "9")
        XCTAssertTrue(try refused(changed).contains("SHA-256 校验不符"))

        let lines = good.split(separator: 0x0A)
        XCTAssertTrue(try refused(Data(lines.dropLast().joined(separator: [0x0A]) + [0x0A])).contains("缺少最后一行"))
        XCTAssertTrue(try refused(good.prefix(good.count / 2)).contains("缺少最后一行"), "a copy cut short")

        let trailer = String(decoding: lines.last!, as: UTF8.self).replacingOccurrences(of: "\"count\":3", with: "\"count\":4")
        var wrongCount = Data(lines.dropLast().joined(separator: [0x0A]) + [0x0A])
        wrongCount.append(Data((trailer + "\n").utf8))
        XCTAssertTrue(try refused(wrongCount).contains("件数对不上：开头写 3 件，校验行写 4 件，实际有 3 件"))

        XCTAssertEqual(try portal.storedSubmissions().count, 0, "nothing from a refused bundle reaches the portal")
    }

    func testRefusedItemsComeBackAsQuarantinedAndTheRestAsSent() throws {
        try queue([submission(1), submission(2, service: "no-such-service")])
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        XCTAssertEqual(try carekiosk(["export", "--to", usb.path]).status, 0)
        let bundle = usb.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: usb.path)[0])
        XCTAssertTrue(try carekiosk(["upload", bundle.path] + portalArgs).stdout.contains("门户收下 1 件，退回 1 件"))
        XCTAssertEqual(try carekiosk(["import-receipts", BundleUploader.receiptsFile(for: bundle).path]).stdout,
                       "已标为已发送 1 件，退回 1 件，之前已处理 0 件。\n")
        XCTAssertEqual(item(submission(2).id, .quarantine)?.facts.refusal?.refusal.error, "unknown_service")
    }

    /// Issue 20, finding 8: a stick's files are anybody's. A count or an HTTP status no real file
    /// holds is refused with words, never a trap, and changes nothing.
    func testExtremeNumbersInABundleOrItsReceiptsAreRefusedNotCrashedOn() throws {
        let bundle = try exportThree()
        let good = try String(contentsOf: bundle, encoding: .utf8)
        let header = try XCTUnwrap(good.split(separator: "\n").first.map(String.init))
        XCTAssertTrue(header.contains("\"count\":3"), header)
        let extremes = ["5000000000", "-1", "1e308", "2.5", "-0", "\"NaN\"", "9007199254740993"]
        let broken = usb.appendingPathComponent("broken.ckb")
        for value in extremes {
            try good.replacingOccurrences(of: header, with: header.replacingOccurrences(of: "\"count\":3", with: "\"count\":\(value)"))
                .write(to: broken, atomically: true, encoding: .utf8)
            let run = try carekiosk(["upload", broken.path] + portalArgs)
            XCTAssertEqual(run.status, 2, "\(value): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Fatal error") || run.stderr.isEmpty, "\(value): \(run.stderr)")
        }
        XCTAssertEqual(try portal.storedSubmissions().count, 0)

        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        let receipts = BundleUploader.receiptsFile(for: bundle)
        let answered = try String(contentsOf: receipts, encoding: .utf8)
        let statuses = answered.ranges(of: /"status":20[01]/).count
        XCTAssertEqual(statuses, 3, answered)
        for value in extremes {
            try answered.replacing(/"status":20[01]/, with: "\"status\":\(value)").write(to: receipts, atomically: true, encoding: .utf8)
            let run = try carekiosk(["import-receipts", receipts.path])
            XCTAssertEqual(run.status, 1, "\(value): \(run.stdout)\(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Fatal error"), "\(value): \(run.stderr)")
            XCTAssertEqual(data.submissions.ids(in: .exported).count, 3, "\(value): nothing is marked sent on a status no portal gives")
        }
    }

    func testNothingToExportSaysSo() throws {
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let run = try carekiosk(["export", "--to", usb.path])
        XCTAssertEqual(run.stdout, "没有待导出的件。\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: usb.path), [])
        let missing = try carekiosk(["export", "--to", usb.appendingPathComponent("nope").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("请先插好U盘"))
    }

    func testTheAuditTrailVerifiesAndNamesTheLineAfterAnEditedOne() throws {
        let bundle = try exportThree()
        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        XCTAssertEqual(try carekiosk(["import-receipts", BundleUploader.receiptsFile(for: bundle).path]).status, 0)
        try queue([submission(4)])
        XCTAssertEqual(try carekiosk(["sync"] + portalArgs).status, 0)
        let ok = try carekiosk(["audit", "verify"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        // Genesis, exported, receipts imported, sent; the submissions were queued by the test itself.
        XCTAssertTrue(ok.stdout.hasPrefix("审计记录完好，共 4 行"), ok.stdout)
        let log = data.audit.file
        var lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].contains("\"event\":\"genesis\""))
        XCTAssertTrue(lines[1].contains("\"event\":\"exported\""))
        XCTAssertTrue(lines[3].contains("\"event\":\"sent\"") && lines[3].contains(submission(4).id))
        lines[2] = lines[2].replacingOccurrences(of: "\"sent\":3", with: "\"sent\":2")
        try (lines.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
        let broken = try carekiosk(["audit", "verify"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.hasPrefix("审计记录从第 4 行起对不上：第 4 行或第 3 行被改过或删过"), broken.stderr)
        XCTAssertFalse(try String(contentsOf: log, encoding: .utf8).contains("13800000004"), "nothing personal in the audit trail")
    }

    /// The same trip from the helper dashboard on the kiosk, with the USB folder configured.
    func testTheHelperDashboardExportsToTheStickAndImportsTheReceipts() throws {
        try queue((1...2).map { submission($0) })
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        XCTAssertEqual(try carekiosk(["helper", "add", "1001", "张帮办"]).status, 2, "a PIN is needed")
        let added = try carekiosk(["helper", "add", "1001", "张帮办"], input: "2468\n2468\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        let dashboard = String(Driver().state.homeCategories.count + 1)
        func atTheDashboard(_ key: String) throws -> String {
            let lines = helperSequenceKeys.map(String.init) + ["1001", "2468", dashboard, key]
            let run = try carekiosk(["--plain", "--usb-folder", usb.path], input: lines.joined(separator: "\n") + "\n")
            XCTAssertEqual(run.status, 0, run.stderr)
            return run.stdout
        }
        XCTAssertTrue(try atTheDashboard("2").contains("已把 2 件导出到"))
        let bundle = usb.appendingPathComponent(try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: usb.path).first { $0.hasSuffix(".ckb") }))
        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        XCTAssertTrue(try atTheDashboard("3").contains("从 1 个回执文件导入：已发送 2 件，退回 0 件。"))
        XCTAssertTrue(try carekiosk(["status"]).stdout.contains("已发送：2 件"))
    }
}
