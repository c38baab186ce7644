import Foundation
import XCTest
import KioskTestSupport

/// The kiosk as systemd's service: in a real terminal (tmux) with NOTIFY_SOCKET and WATCHDOG_USEC
/// set, it says READY=1 once its first frame is drawn and WATCHDOG=1 while its loop turns, and
/// falls silent when the loop stops.
final class ServiceReadinessTests: XCTestCase, EndToEnd {
    var dataDir: URL!

    override func setUp() { dataDir = temporaryFolder("carekiosk-notify") }
    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    func testReadyAfterTheFirstFrameThenHeartbeatsUntilTheScreenHangs() throws {
        let socket = try NotifySocket()
        let started = Date()
        // A one-second watchdog: a heartbeat at least every half second.
        // The kiosk runs under a shell that goes on after it, as under xinit and the terminal: tmux
        // would continue its own stopped child at once, but not a grandchild.
        let pidFile = dataDir.appendingPathComponent("pid")
        let script = dataDir.appendingPathComponent("run.sh")
        try Data("""
        bash -c 'echo $$ > "$0"; exec "$1" --kiosk --data-dir "$2"' '\(pidFile.path)' '\(carekioskBinary.path)' '\(dataDir.path)'
        sleep 30
        """.utf8).write(to: script)
        let t = try TmuxSession(command: "env NOTIFY_SOCKET='\(socket.name)' WATCHDOG_USEC=1000000 bash '\(script.path)'", width: 80, height: 24)
        XCTAssertEqual(socket.receive(within: 20), "READY=1")
        let ready = Date().timeIntervalSince(started)
        // The frame was written before READY=1; tmux shows it as soon as it has read it.
        try t.waitFor("村便民服务点", seconds: 1)
        var beats: [Date] = []
        while beats.count < 4, let message = socket.receive(within: 2) {
            XCTAssertEqual(message, "WATCHDOG=1")
            beats.append(Date())
        }
        XCTAssertEqual(beats.count, 4)
        let gaps = zip(beats.dropFirst(), beats).map { $0.timeIntervalSince($1) }
        XCTAssertLessThan(gaps.max() ?? 99, 0.9, "heartbeats come within the one-second limit")
        XCTAssertGreaterThan(gaps.min() ?? 0, 0.4, "no more often than half the limit")
        print("ServiceReadinessTests: READY=1 \(String(format: "%.2f", ready)) s after start; heartbeat gaps \(gaps.map { String(format: "%.2f", $0) })")
        // A screen whose loop is stuck (here: stopped) sends no heartbeat, so systemd restarts it.
        let pid = try XCTUnwrap(pid_t(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        while socket.receive(within: 0.2) != nil {}
        XCTAssertNil(socket.receive(within: 1.5))
    }

    func testNoNotifySocketMeansNothingIsSent() throws {
        let socket = try NotifySocket()
        let t = try TmuxSession(command: "env WATCHDOG_USEC=1000000 '\(carekioskBinary.path)' --kiosk --data-dir '\(dataDir.path)'", width: 80, height: 24)
        try t.waitFor("村便民服务点")
        XCTAssertNil(socket.receive(within: 1.5))
    }

    /// carekiosk-sender.service is Type=notify: READY=1 once its settings and data folder are good,
    /// before the first pass (here a portal that never answers); none when it refuses its settings.
    func testTheSenderIsReadyBeforeItsFirstPassAndNotWithoutAPortal() throws {
        let sender = carekioskBinary.deletingLastPathComponent().appendingPathComponent("carekiosk-sender")
        let token = dataDir.appendingPathComponent("token")
        try Data("t0k3n\n".utf8).write(to: token)
        chmod(token.path, 0o600)
        let socket = try NotifySocket()
        func start(_ args: [String]) throws -> Process {
            let p = Process()
            p.executableURL = sender
            p.arguments = ["sync", "--watch", "--data-dir", dataDir.appendingPathComponent("data").path] + args
            p.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": socket.name, "CAREKIOSK_HOME": repoRoot.path]) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        let refused = try start([])
        refused.waitUntilExit()
        XCTAssertEqual(refused.terminationStatus, 2)
        XCTAssertNil(socket.receive(within: 0.2))
        let watching = try start(["--portal", "http://127.0.0.1:9", "--token-file", token.path])
        defer { watching.terminate(); watching.waitUntilExit() }
        XCTAssertEqual(socket.receive(within: 10), "READY=1")
        XCTAssertTrue(watching.isRunning)
    }
}
