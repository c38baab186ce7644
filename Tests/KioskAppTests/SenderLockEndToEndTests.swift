import Foundation
import XCTest
import KioskTestSupport
import KioskCore
import KioskOutbox
#if canImport(Glibc)
import Glibc
#endif

/// One sender per data folder, with the real programs: a service's sender whose portal is slow to
/// answer `/v1/health` has written no status yet when the kiosk starts beside it, and a second
/// start of the service's sender (`systemctl restart` while the first still ends) gives way.
final class SenderLockEndToEndTests: XCTestCase, EndToEnd {
    var root: URL!
    var portal: ReferencePortal!

    override func setUpWithError() throws {
        root = temporaryFolder("sender-lock")
        portal = try ReferencePortal(catalog: nil)
        try portal.faults([["fault": "slow", "seconds": 20, "path": "/v1/health", "count": 100]])
    }

    override func tearDown() {
        portal.stop()
        try? FileManager.default.removeItem(at: root)
    }

    var dataDir: String { root.appendingPathComponent("data").path }

    var senderArgs: [String] {
        ["--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path, "--data-dir", dataDir, "--kiosk-id", "cn-511922-test-01"]
    }

    /// The senders running on this test's data folder, by their command lines in /proc.
    func senders() -> [pid_t] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
        return pids.filter { pid in
            guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                  comm.hasPrefix("carekiosk-sende"),
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let args = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return args.contains(dataDir) && (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") != true
        }
    }

    /// A sender holds the data folder's lock: its pid and who started it are written in it.
    func holdsTheLock(_ sender: Process, _ who: String = "service") -> Bool {
        (try? String(contentsOfFile: dataDir + "/sender/running.lock", encoding: .utf8)) == "\(sender.processIdentifier) \(who)\n"
    }

    func startService() throws -> Process {
        let p = carekioskProcess(["sync", "--watch"] + senderArgs)
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits until the kiosk has looked for a sender once more, and finished. On each tick it
    /// counts what waits (its status line: 待提交 N 件) and looks for a sender, and one tick's look
    /// ends before the next tick's begins: two items queued one after the other and each counted
    /// in turn mean a whole look has passed in between.
    func waitForAWholeLook(_ output: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let queue = DataFolder(root: URL(fileURLWithPath: dataDir)).submissions
        for _ in 0..<2 {
            let shown = "待提交 \(queue.waitingCount + 1) 件"
            try queue.put(QueueItem(facts: QueueFacts(id: ItemID.make(), kind: .submission), payload: Data("{}".utf8)))
            XCTAssertTrue(waitUntil(20) { ((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains(shown) },
                          "the kiosk never showed \(shown)", file: file, line: line)
        }
    }

    func testAKioskBesideASlowServiceSenderStartsNoSecondSender() throws {
        let service = try startService()
        defer { service.terminate(); service.waitUntilExit() }
        XCTAssertTrue(waitUntil(20) { holdsTheLock(service) }, "the service's sender holds the lock")
        XCTAssertEqual(senders(), [service.processIdentifier], "the service's sender runs, waiting on /v1/health")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/sender/status.json").path),
                       "and has written no status yet")

        let kiosk = try startCarekiosk(["--plain"] + senderArgs, outputIn: root)
        defer { kiosk.process.terminate(); kiosk.process.waitUntilExit() }
        // The kiosk looks for a sender as it runs; one it started would be running by the end of a look.
        try waitForAWholeLook(kiosk.output)
        XCTAssertTrue(kiosk.process.isRunning)
        XCTAssertEqual(senders(), [service.processIdentifier], "exactly one sender: the kiosk started none beside the service's")
    }

    /// The screen came up before the service's sender (a boot without network): the service's
    /// sender, which runs in the unit's sandbox, ends the kiosk's own and takes over, once.
    func testTheServicesSenderTakesOverFromTheKiosksOwn() throws {
        let kiosk = try startCarekiosk(["--plain"] + senderArgs, outputIn: root)
        defer { kiosk.process.terminate(); kiosk.process.waitUntilExit() }
        waitUntil(20) { senders().count == 1 }
        let kiosksOwn = senders()
        XCTAssertEqual(kiosksOwn.count, 1, "the kiosk started its own, finding no sender")
        let service = try startService()
        defer { service.terminate(); service.waitUntilExit() }
        waitUntil(20) { senders() == [service.processIdentifier] && holdsTheLock(service) }
        XCTAssertEqual(senders(), [service.processIdentifier], "the service's sender alone")
        XCTAssertTrue(holdsTheLock(service), "and it holds the lock")
        // (That the kiosk then starts no other is not checked here: within a minute of starting its
        // own it would not start another anyway. `testAKioskBesideASlowServiceSenderStartsNoSecondSender`
        // checks the lock.)
        XCTAssertTrue(service.isRunning)
        XCTAssertTrue(kiosk.process.isRunning)
    }

    func testASecondSenderOnTheSameFolderEndsSayingAnotherHoldsIt() throws {
        let first = try startService()
        defer { first.terminate(); first.waitUntilExit() }
        XCTAssertTrue(waitUntil(20) { holdsTheLock(first) }, "the first sender holds the lock")
        let second = try runCarekiosk(["sync", "--watch"] + senderArgs, killAfter: 4)
        XCTAssertFalse(second.killed, "the second sender ends by itself")
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.stderr.contains("另一个发送程序已经在用数据文件夹 \(dataDir)"), second.stderr)
        XCTAssertEqual(senders(), [first.processIdentifier], "the first one goes on")
    }
}
