import Foundation
import XCTest
import KioskOutbox
import KioskTestSupport
@testable import KioskCore

/// The kiosk sends in the background while the resident goes on, and says online or offline.
final class KioskSyncEndToEndTests: SyncTestCase {
    func waitFor(_ what: String, seconds: Double = 15, _ check: () throws -> Bool) rethrows {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if try check() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("waited \(seconds) s for \(what)")
    }

    /// Moves between screens until the status line says the kiosk sees the portal.
    func waitUntilOnline(_ input: FileHandle, _ out: URL) throws {
        input.write(Data("1\n".utf8))
        try waitFor("the status line to say online") {
            input.write(Data("esc\n".utf8))
            return try String(contentsOf: out, encoding: .utf8).contains("在线")
        }
    }

    func testAConfirmedSubmissionReachesThePortalWhileTheKioskRuns() throws {
        let (process, input, out) = try startCarekiosk(["--plain", "--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01",
                                               "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path])
        defer { if process.isRunning { process.terminate() } }
        // Wait until the kiosk has seen the portal, then do the whole pension certification.
        try waitUntilOnline(input, out)
        let lines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", ""]
        input.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try waitFor("the portal to store the submission") { try portal.storedSubmissions().count == 1 }
        waitFor("the receipt to be kept") { data.submissions.ids(in: .sent).count == 1 }
        try input.close()
        process.waitUntilExit()
        let text = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(text.contains("已经记下，正在交给政务服务平台。"), text)
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testAResidentChecksTheProgressOfWhatTheySentEarlier() throws {
        let (process, input, out) = try startCarekiosk(["--plain", "--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01",
                                               "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path])
        defer { if process.isRunning { process.terminate() } }
        try waitUntilOnline(input, out)
        let lines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", "", ""]
        input.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        waitFor("the receipt") { data.submissions.ids(in: .sent).count == 1 }
        let id = ids(.sent)[0]
        let receipt = try XCTUnwrap(item(id, .sent)?.facts.receipt)
        try portal.control("POST", "/_control/progress", body: ["id": id, "status": "needs_materials", "message": "请补交户口本复印件"])

        let progressOption = Driver().state.homeCategories.count + 1
        input.write(Data("\(progressOption)\n511922194503150016\n".utf8))
        try waitFor("the progress") { try String(contentsOf: out, encoding: .utf8).contains("需要补充材料") }
        try input.close()
        process.waitUntilExit()
        let text = try String(contentsOf: out, encoding: .utf8)
        let created = try XCTUnwrap(item(id, .sent)?.facts.createdAt).civilDate
        XCTAssertTrue(text.contains("养老金资格认证（\(created.month)月\(created.day)日提交）"), text)
        XCTAssertTrue(text.contains("受理编号 \(receipt)：需要补充材料，请找工作人员。请补交户口本复印件"), text)
        XCTAssertFalse(text.contains("511922194503150016"), "the identity number is never printed in full")
    }

    func testAWorldReadableTokenIsRefusedWithHowToFixItAndTheKioskStillWorksOffline() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: portal.tokenFile.path)
        let (process, input, out) = try startCarekiosk(["--plain", "--data-dir", data.root.path,
                                               "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path])
        try input.close()
        process.waitUntilExit()
        let text = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(text.contains("chmod 600 \(portal.tokenFile.path)"), text)
        XCTAssertTrue(text.contains("离线"), "the kiosk runs offline instead")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
