import Foundation
import XCTest
import KioskOutbox
import KioskTestSupport

/// The kiosk sends in the background while the resident goes on, and says online or offline.
final class KioskSyncEndToEndTests: SyncTestCase {
    let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("carekiosk")

    func start(_ args: [String]) throws -> (Process, FileHandle, URL) {
        let out = data.root.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["CAREKIOSK_HOME"] = repoRoot.path
        env["TZ"] = "Asia/Shanghai"
        process.environment = env
        let input = Pipe()
        process.standardInput = input
        // One handle for both, so that neither overwrites the other.
        let output = try FileHandle(forWritingTo: out)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, input.fileHandleForWriting, out)
    }

    func waitFor(_ what: String, seconds: Double = 15, _ check: () throws -> Bool) rethrows {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if try check() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("waited \(seconds) s for \(what)")
    }

    func testAConfirmedSubmissionReachesThePortalWhileTheKioskRuns() throws {
        let (process, input, out) = try start(["--plain", "--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01",
                                               "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path])
        defer { if process.isRunning { process.terminate() } }
        // Wait until the kiosk has seen the portal, then do the whole pension certification.
        input.write(Data("1\n".utf8))
        try waitFor("the status line to say online") {
            input.write(Data("esc\n".utf8))
            return try String(contentsOf: out, encoding: .utf8).contains("在线")
        }
        let lines = ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", "13800000000", "", ""]
        input.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try waitFor("the portal to store the submission") { try portal.storedSubmissions().count == 1 }
        waitFor("the receipt to be kept") { data.submissions.ids(in: .sent).count == 1 }
        try input.close()
        process.waitUntilExit()
        let text = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(text.contains("已保存，正在提交到政务服务平台。"), text)
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testAWorldReadableTokenIsRefusedWithHowToFixItAndTheKioskStillWorksOffline() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: portal.tokenFile.path)
        let (process, input, out) = try start(["--plain", "--data-dir", data.root.path,
                                               "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path])
        try input.close()
        process.waitUntilExit()
        let text = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(text.contains("chmod 600 \(portal.tokenFile.path)"), text)
        XCTAssertTrue(text.contains("离线"), "the kiosk runs offline instead")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
