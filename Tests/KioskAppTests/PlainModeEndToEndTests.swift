import Foundation
import XCTest
import KioskTestSupport

/// `carekiosk --plain` driven through pipes, as a script or a screen reader would.
final class PlainModeEndToEndTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-data") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    var readyFolder: URL { dataDir.appendingPathComponent("submissions/ready") }

    func queuedFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: readyFolder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "json" }
    }

    /// 社保养老 → 养老金资格认证, home visit, every question answered, then a rating.
    let pensionLines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", "", "1"]

    /// 200 `f1` lines, as a stuck key or an impatient hand would send them: one call for staff.
    func testTwoHundredF1LinesCallStaffOnce() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path, "--kiosk-id", "cn-511922-jiangkou-01"],
                                   input: String(repeating: "f1\n", count: 200))
        XCTAssertEqual(run.status, 0, run.stderr)
        let calls = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("help-requests/ready").path)
            .filter { $0.hasSuffix(".json") }
        XCTAssertEqual(calls.count, 1, "one call for staff, not one per line")
        let audit = try String(contentsOf: dataDir.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        XCTAssertEqual(audit.components(separatedBy: "\"event\":\"help_call\"").count - 1, 1, audit)
    }

    /// A confirmed submission whose file is deleted by hand is neither here, sent nor withdrawn:
    /// `audit verify` says so, by name of what is missing.
    func testAuditVerifyCatchesAConfirmedSubmissionDeletedByHand() throws {
        let args = ["--data-dir", dataDir.path, "--kiosk-id", "cn-511922-jiangkou-01"]
        let run = try runCarekiosk(["--plain"] + args, input: pensionLines.joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try runCarekiosk(["audit", "verify"] + args).status, 0)
        for file in try queuedFiles() { try FileManager.default.removeItem(at: file) }
        let verify = try runCarekiosk(["audit", "verify"] + args)
        XCTAssertEqual(verify.status, 1, verify.stdout)
        XCTAssertTrue(verify.stderr.contains("有 1 件已确认的办件不见了"), verify.stderr)
    }

    /// An identity number typed where an option is asked for is refused without being printed.
    func testAnIdentityNumberTypedAtAChoiceIsNeverPrintedBack() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "511922194503150016\n1\n511922194503150016\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("511922194503150016") || run.stdout.contains("2194503"), run.stdout)
        XCTAssertTrue(run.stdout.contains("错误：请按数字键选择一项。"), run.stdout)
    }

    /// A helper checks the answers of a long service up to its last page, then turns to the
    /// resident: the consent opens on its first page (who acts for them), and one empty line
    /// only turns the page; it takes every page to agree.
    func testTheResidentsConsentOpensOnItsFirstPageInPlainMode() throws {
        let added = try runCarekiosk(["helper", "add", "1001", "张帮办", "--data-dir", dataDir.path], input: "2468\n2468\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        // Login, 养老服务 → 居家适老化改造申请, three materials brought, the notice, every question.
        let answers = ["/", "*", "-", "1001", "2468", "4", "2", "", "1", "1", "1", "", "511922194503150016"]
            + Array(repeating: "1", count: 9) + ["13800000000"]
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path],
                                   input: (answers + ["", "", ""]).joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        let consent = try XCTUnwrap(run.stdout.components(separatedBy: "== 请您本人确认 ==").dropFirst().first, run.stdout)
        XCTAssertTrue(consent.contains("帮办员 张帮办 替您办理：居家适老化改造申请"), consent)
        XCTAssertTrue(consent.contains("第 1 页，共 2 页"), consent)
        XCTAssertEqual(try queuedFiles(), [], "one empty line on the consent's first page submits nothing")
    }

    func testPensionCertificationEndsWithTheExactSubmissionOnDisk() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path, "--kiosk-id", "cn-511922-jiangkou-01"],
                                   input: pensionLines.joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.contains("== 已经记下了 =="), run.stdout)
        XCTAssertTrue(run.stdout.contains("已经记在这台机器上，等联网了会自动交上去。"))
        XCTAssertTrue(run.stdout.contains("谢谢您的评价！"))

        let files = try queuedFiles()
        XCTAssertEqual(files.count, 1)
        // The audit trail says a submission was confirmed, with the masked identity number only.
        let audit = try String(contentsOf: dataDir.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        XCTAssertTrue(audit.contains("\"event\":\"submission_confirmed\""), audit)
        XCTAssertTrue(audit.contains("\"masked_id\":\"5119**********0016\""), audit)
        XCTAssertFalse(audit.contains("511922194503150016") || audit.contains("13800000000"), audit)
        // A queue file is a line of facts for the helper, then the exact bytes for the portal.
        let lines = try Data(contentsOf: files[0]).split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2)
        let facts = try XCTUnwrap(JSONSerialization.jsonObject(with: lines[0]) as? [String: Any])
        XCTAssertEqual(facts["masked_id"] as? String, "5119**********0016", "only the masked identity number among the facts")
        XCTAssertEqual(facts["service_id"] as? String, "pension-certification")
        XCTAssertFalse(String(decoding: lines[0], as: UTF8.self).contains("13800000000"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: lines[1]) as? [String: Any])
        let id = try XCTUnwrap(json["id"] as? String)
        XCTAssertNotNil(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/), id)
        XCTAssertEqual(files[0].lastPathComponent, "\(id).json")
        let created = try XCTUnwrap(json["created_at"] as? String)
        XCTAssertNotNil(created.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/), created)

        var expected: [String: Any] = [
            "id": id, "service_id": "pension-certification", "service_version": 3, "created_at": created,
            "kiosk_id": "cn-511922-jiangkou-01", "locale": "zh-Hans", "channel": "self",
        ]
        let body = try XCTUnwrap(json["body"] as? [String: Any])
        let consent = try XCTUnwrap(body["consent"] as? [String: Any])
        expected["body"] = [
            "answers": ["id_number": "511922194503150016", "receiving_pension": true, "method": "home_visit",
                        "home_address": "江口镇二村三组5号", "bedridden": false, "phone": "13800000000"],
            "materials": [["id": "id-card", "status": "provided"], ["id": "social-security-card", "status": "provided"]],
            "consent": ["notice_version": "2026-11", "given_at": consent["given_at"] as? String ?? "missing"],
            "helper": NSNull(),
        ]
        XCTAssertEqual(NSDictionary(dictionary: json), NSDictionary(dictionary: expected))

        // The rating waits for the portal in its own folder.
        let ratings = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("ratings/ready").path)
        XCTAssertEqual(ratings.count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("submissions/tmp").path), [])
    }

    func testSensitiveValuesAreMaskedInThePlainOutput() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: pensionLines.prefix(11).joined(separator: "\n") + "\n")
        XCTAssertTrue(run.stdout.contains("5119**********0016"))
        XCTAssertTrue(run.stdout.contains("1380***0000"))
        XCTAssertFalse(run.stdout.contains("511922194503150016"), "a typed identity number is never printed back in full")
        XCTAssertFalse(run.stdout.contains("13800000000"))
    }

    func testWrongCheckDigitIsExplainedAndAskedAgain() throws {
        let lines = ["1", "1", "", "1", "1", "511922194503150017"]
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0)
        let afterWrong = try XCTUnwrap(run.stdout.components(separatedBy: "错误：").last)
        XCTAssertTrue(afterWrong.hasPrefix("身份证号码最后一位对不上，可能有一位输错了，请对照身份证再核对一遍。"), run.stdout)
        XCTAssertTrue(afterWrong.contains("您的身份证号码是多少？"), "the same question is asked again")
        XCTAssertEqual(try queuedFiles(), [])
    }

    func testEndOfInputMidServiceExitsCleanlyAndQueuesNothing() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "1\n1\n\n")
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(try queuedFiles(), [])
    }

    func testEnglishDisplay() throws {
        let run = try runCarekiosk(["--plain", "--locale", "en", "--data-dir", dataDir.path], input: "1\n")
        XCTAssertTrue(run.stdout.contains("== Pensions and social insurance =="), run.stdout)
        XCTAssertTrue(run.stdout.contains("Offline | 0 waiting to send | English"), run.stdout)
    }

    /// The legend names the words plain mode reads, never keys it does not have.
    func testTheKeyLegendNamesTheWordsPlainModeReads() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "1\n1\n\n1\n1\n")
        XCTAssertTrue(run.stdout.contains("[输入后回车 · 输错了就重新输入一行 · 输入 esc 回上一步]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[输入空行开始办理 · 输入 esc 回上一步 · 需要帮忙请输入 f1]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[同意请输入空行 · 不同意请输入 esc]"), run.stdout)
        for key in ["按返回键", "按更正键", "按确认键", "按数字键选择"] {
            XCTAssertFalse(run.stdout.split(separator: "\n").contains { $0.hasPrefix("[") && $0.contains(key) }, key)
        }
        let english = try runCarekiosk(["--plain", "--locale", "en", "--data-dir", dataDir.path], input: "1\n")
        XCTAssertTrue(english.stdout.contains("[Type a number to choose · esc: back]"), english.stdout)
    }

    func testTheHomeScreenNamesTheWordsPlainModeReads() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "")
        XCTAssertTrue(run.stdout.contains("要再看一遍请输入 f3；换语言或方言请输入 f4。"), run.stdout)
        XCTAssertFalse(run.stdout.contains("按 F2"), run.stdout)
    }

    func testTheStatusLineLeavesOutCareMode() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "1\n")
        XCTAssertTrue(run.stdout.contains("\n离线｜待提交 0 件｜中文\n"), run.stdout)
        let statusLines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("离线") || $0.hasPrefix("> 离线") }
        XCTAssertFalse(statusLines.isEmpty, run.stdout)
        XCTAssertFalse(statusLines.contains { $0.contains("关怀模式") || $0.contains("标准模式") }, run.stdout)
    }

    /// The same wrong answer twice: the error is printed after each, not only after the first.
    func testAnErrorRepeatedAfterASecondWrongAnswerIsPrintedAgain() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "1\n1\n\n1\n1\n5119221945\n5119221945\n")
        let error = "错误：身份证号码应该是18位，您输入了10位，请对照身份证再输入一遍。"
        XCTAssertEqual(run.stdout.components(separatedBy: error).count - 1, 2, run.stdout)
        XCTAssertTrue(run.stdout.contains("> " + error + "\n> "), "the second time, the error alone, then the prompt")
    }

    func testKeyWordsStandForKeys() throws {
        let run = try runCarekiosk(["--plain", "--data-dir", dataDir.path], input: "1\nesc\nf1\n\nf4\n2\n")
        XCTAssertTrue(run.stdout.contains("== 请找旁边的工作人员 =="))
        XCTAssertTrue(run.stdout.contains("== Village service point - Self-service =="), "f4 then 2 switched to English")
        let calls = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("help-requests/ready").path)
        XCTAssertEqual(calls.count, 1)
    }

    func testBrokenCatalogIsRefusedWithFileAndPath() throws {
        let catalog = dataDir.appendingPathComponent("broken.json")
        try Data(#"""
        {"catalog_version": "2026-11-01", "services": [
          {"id": "a", "version": 1, "title": {"zh-Hans": "甲"}, "steps": [{"id": "s", "title": {"zh-Hans": "步"}, "fields": [
            {"id": "f", "type": "choice", "label": {"zh-Hans": "选"}}]}]}]}
        """#.utf8).write(to: catalog)
        let run = try runCarekiosk(["--plain", "--catalog", catalog.path, "--data-dir", dataDir.path], input: "1\n")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "", "the kiosk does not start on a broken catalog")
        XCTAssertEqual(run.stderr, """
        事项清单有错误，自助终端不能启动。请把下面的问题告诉维护人员：
        \(catalog.path): services[0].steps[0].fields[0].options: 选择题（choice）没有选项

        """)
        let check = try runCarekiosk(["catalog", "check", catalog.path, "--locale", "en"])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stderr, "\(catalog.path): services[0].steps[0].fields[0].options: a choice field without options\n")
    }

    func testCatalogCheckWarnsOfACharacterTheKioskScreenCannotDraw() throws {
        let catalog = dataDir.appendingPathComponent("dotted.json")
        try Data(#"""
        {"catalog_version": "2026-11-01", "services": [
          {"id": "a", "version": 1, "title": {"zh-Hans": "高龄津贴 · 申请"}, "steps": [{"id": "s", "title": {"zh-Hans": "步"}, "fields": [
            {"id": "f", "type": "text", "label": {"zh-Hans": "姓名"}}]}]}]}
        """#.utf8).write(to: catalog)
        let check = try runCarekiosk(["catalog", "check", catalog.path])
        XCTAssertEqual(check.status, 0, "a warning, not a refusal: the catalog loads")
        XCTAssertTrue(check.stdout.contains("事项清单没有问题"), check.stdout)
        // Named by its JSON path and the character.
        XCTAssertEqual(check.stderr, """
        \(catalog.path): services[0].title.zh-Hans: 警告：这段文字里有自助终端屏幕画不出来的字符 "·" U+00B7，屏幕上会是一个方框。请换成别的字符，例如中间的点换成“・”。

        """)
    }

    func testBundledCatalogChecksClean() throws {
        let run = try runCarekiosk(["catalog", "check", repoRoot.appendingPathComponent("catalog/default.json").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("事项清单没有问题"))
        XCTAssertEqual(run.stderr, "", "no text the kiosk's screen cannot draw")
    }

    func testUnknownOptionGetsAClearMessage() throws {
        let run = try runCarekiosk(["--plian"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "不认识的参数：--plian。运行 carekiosk --help 查看用法。\n")
    }
}
