import Foundation
import XCTest
@testable import KioskApp
@testable import KioskCommandLine

/// sd_notify for the service manager: READY=1 once, WATCHDOG=1 at most every half of the
/// watchdog's limit, and nothing at all outside a service.
final class ServiceNotifierTests: XCTestCase {
    final class Sent { var messages: [String] = [] }

    func notifier(_ environment: [String: String], clock: @escaping () -> TimeInterval = { 0 }) -> (ServiceNotifier?, Sent) {
        let sent = Sent()
        return (ServiceNotifier(environment: environment, now: clock, deliver: { sent.messages.append($0) }), sent)
    }

    func testNoNotifySocketMeansNoNotifier() {
        XCTAssertNil(notifier([:]).0)
        XCTAssertNil(notifier(["NOTIFY_SOCKET": "relative/path"]).0, "only a path or an abstract name is a socket")
        XCTAssertNil(notifier(["NOTIFY_SOCKET": "vsock:2:1234"]).0)
    }

    func testHeartbeatsComeAtMostEveryHalfTheWatchdogLimit() throws {
        var now: TimeInterval = 100
        let (service, sent) = notifier(["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"], clock: { now })
        let n = try XCTUnwrap(service)
        XCTAssertEqual(n.heartbeatInterval, 15)
        n.ready()
        n.loopTurned()
        // The loop turns four times a second; only one heartbeat per 15 s goes out.
        for _ in 0..<59 { now += 0.25; n.loopTurned() }
        XCTAssertEqual(sent.messages, ["READY=1", "WATCHDOG=1"])
        now += 0.25
        n.loopTurned()
        XCTAssertEqual(sent.messages, ["READY=1", "WATCHDOG=1", "WATCHDOG=1"])
    }

    func testWithoutAWatchdogOnlyReadinessIsSent() throws {
        let (service, sent) = notifier(["NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "0"])
        let n = try XCTUnwrap(service)
        XCTAssertNil(n.heartbeatInterval)
        n.ready()
        n.loopTurned()
        XCTAssertEqual(sent.messages, ["READY=1"])
    }

    func testMessagesReachAPathAndAnAbstractSocket() throws {
        for abstract in [false, true] {
            let socket = try NotifySocket(abstract: abstract)
            let n = try XCTUnwrap(ServiceNotifier(environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "1000000"]))
            n.ready()
            n.loopTurned()
            XCTAssertEqual(socket.receive(within: 2), "READY=1", socket.name)
            XCTAssertEqual(socket.receive(within: 2), "WATCHDOG=1", socket.name)
        }
    }

    func testASocketNobodyListensOnIsNoError() {
        XCTAssertFalse(ServiceNotifier.send("READY=1", to: "/nonexistent/notify.sock"))
        XCTAssertFalse(ServiceNotifier.send("READY=1", to: "/" + String(repeating: "x", count: 200)), "too long for sun_path")
    }
}
