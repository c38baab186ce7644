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
/// The programs it starts are `sleep`, a one-line script and the sender, each ended at once.
final class SenderLinkTests: XCTestCase, RunsProgramsQuickly {
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

    /// On a kiosk PC the service manager runs the sender; the kiosk starts no second one beside
    /// it, whether or not that sender has written a status yet: it holds the sender lock.
    func testASenderHoldingTheLockIsNotJoinedByASecond() throws {
        let data = DataFolder(root: root.appendingPathComponent("data"))
        try data.prepare(kioskID: "k")
        var service: QueueLock? = try SenderLock.take(data, kiosksOwn: false)
        XCTAssertNil(SenderStatus.read(from: data), "no status yet, as with a slow first pass")
        // What the kiosk would start: a program that leaves a mark.
        let mark = root.appendingPathComponent("started")
        let program = root.appendingPathComponent("sender.sh")
        try Data("#!/bin/sh\ntouch '\(mark.path)'\n".utf8).write(to: program)
        chmod(program.path, 0o755)
        // A program keepRunning starts is this process's child by the time it returns.
        SenderLink(executable: program.path, arguments: [], data: data, timeout: 1).keepRunning()
        XCTAssertFalse(childProgramNames().contains("sender.sh"), "no sender started beside the one holding the lock")
        XCTAssertFalse(FileManager.default.fileExists(atPath: mark.path))

        // With that sender gone, the kiosk starts its own.
        withExtendedLifetime(service) { service = nil }
        SenderLink(executable: program.path, arguments: [], data: data, timeout: 1).keepRunning()
        XCTAssertTrue(childProgramNames().contains("sender.sh"), "started: \(childProgramNames())")
        XCTAssertTrue(waitUntil { FileManager.default.fileExists(atPath: mark.path) }, "the sender the kiosk started runs")
    }
}
