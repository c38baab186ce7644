import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
import KioskCore
import KioskOutbox
import KioskSync
#if canImport(Glibc)
import Glibc
#endif

/// The kiosk wakes its sender with SIGUSR1 by the pid in the sender's status file. SIGUSR1 ends a
/// program that does not expect it, so a pid that now belongs to another program is left alone.
final class SenderLinkTests: XCTestCase {
    var root: URL!

    override func setUp() { root = temporaryFolder("sender-link") }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func start(_ path: URL, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = path
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    func testAStatusFileNamingAnotherProgramsPidNeverSignalsIt() throws {
        let data = DataFolder(root: root.appendingPathComponent("data"))
        try data.prepare(kioskID: "k")
        let other = try start(URL(fileURLWithPath: "/bin/sleep"), ["30"])
        try SenderStatus(pid: other.processIdentifier, online: true, paused: false, at: testMoment).write(to: data)
        let link = SenderLink(executable: "/nonexistent", arguments: [], data: data, timeout: 1)
        link.wake()
        // A SIGUSR1 sent by wake() would arrive before this SIGTERM and end `sleep` by itself.
        other.terminate()
        other.waitUntilExit()
        XCTAssertEqual(other.terminationReason, .uncaughtSignal)
        XCTAssertEqual(other.terminationStatus, SIGTERM, "ended by our SIGTERM, not by a SIGUSR1 from wake()")

        // The real sender is recognised by its name.
        let sender = try start(carekioskBinary.deletingLastPathComponent().appendingPathComponent("carekiosk-sender"),
                               ["sync", "--watch", "--data-dir", root.appendingPathComponent("sender-data").path])
        defer { sender.terminate(); sender.waitUntilExit() }
        XCTAssertTrue(SenderLink.isSender(sender.processIdentifier))
    }
}
