import Foundation
import XCTest
@testable import KioskCore
@testable import KioskOutbox
import KioskTestSupport

/// A change the audit trail must hear of is kept beside it before it is made: a power cut or a
/// full disk leaves a line to be written later, never a trail that accuses staff of deleting.
final class PendingAuditTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }
    var log: AuditLog { data.audit }
    let a = itemID(1)

    override func setUp() {
        root = temporaryFolder("pending-audit")
        try? data.prepare(kioskID: "cn-511922-test-01", at: testMoment)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func confirmed(_ id: ItemID) -> [AuditLog.Entry] { [AuditLog.Entry(.submissionConfirmed, [("id", .string(id.text))])] }
    var lines: [String] { ((try? String(contentsOf: log.file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

    /// What a process killed right after the change leaves: its pending file, and no writer.
    func killedAfterTheChange(_ change: AuditLog.PendingChange) { log.pending.settled(change.file) }

    func testAConfirmedSubmissionDeletedByHandFailsVerifyAndAWithdrawnOneDoesNot() throws {
        try data.submissions.put(queueItem(1))
        try data.submissions.put(queueItem(2))
        try log.append(confirmed(a) + confirmed(itemID(2)), at: testMoment)
        XCTAssertNil(log.verify().firstBreak)
        try QueueDesk(data: data).withdraw(itemID(2), at: testMoment, helper: "1001")
        XCTAssertNil(log.verify().firstBreak, "a withdrawal is in the trail")
        try FileManager.default.removeItem(at: data.submissions.folder(.ready).appendingPathComponent("\(a.text).json"))
        XCTAssertEqual(log.verify().firstBreak, .itemsRemoved(items: 1), "confirmed, then neither here, sent nor withdrawn")
    }

    func testAWithdrawalWritesWithdrawnBeforeItDeletesSoAKillInBetweenLeavesATrace() throws {
        try data.submissions.put(queueItem(1))
        try log.append(confirmed(a), at: testMoment)
        // Killed after the deletion, before the line went into the trail.
        let change = try log.beforeChange([AuditLog.Entry(.withdrawn, [("id", .string(a.text))])], at: testMoment)
        try data.submissions.remove(a, from: .ready)
        killedAfterTheChange(change)
        let verified = log.verify()
        XCTAssertNil(verified.firstBreak, "the withdrawal waits beside the trail: not a deletion")
        XCTAssertEqual(verified.pendingLines, 1)
        // The next line anyone writes brings it in, marked as recorded late.
        try log.append(.helpCall, at: testMoment, [("id", .string("h"))])
        let withdrawn = try XCTUnwrap(lines.first { $0.contains("\"event\":\"withdrawn\"") })
        XCTAssertTrue(withdrawn.contains("\"recorded_late\":true") && withdrawn.contains("\"happened_at\""), withdrawn)
        XCTAssertEqual(log.verify(), AuditLog.Verified(lines: lines.count, firstBreak: nil))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: log.pendingFolder.path).filter { $0.hasSuffix(".json") }, [])
    }

    func testAnIntentWhoseChangeNeverHappenedIsDropped() throws {
        // Killed before the submission reached the disk: the resident never saw 已保存.
        let change = try log.beforeChange(confirmed(a), at: testMoment)
        killedAfterTheChange(change)
        XCTAssertNil(log.verify().firstBreak, "no item, and no accusation either")
        try log.append(.helpCall, at: testMoment, [("id", .string("h"))])
        XCTAssertFalse(lines.contains { $0.contains("submission_confirmed") })
        XCTAssertEqual(log.waitingLines, 0)
    }

    func testAnotherProcessNeverSettlesAnIntentWhoseChangeIsUnderWay() throws {
        let change = try log.beforeChange(confirmed(a), at: testMoment)
        // Meanwhile another line is appended (the sender, say): the intent must wait, not be dropped.
        try log.append(.helpCall, at: testMoment, [("id", .string("h"))])
        try data.submissions.put(queueItem(1))
        XCTAssertTrue(log.afterChange(change, at: testMoment))
        let line = try XCTUnwrap(lines.first { $0.contains("submission_confirmed") })
        XCTAssertFalse(line.contains("recorded_late"), "written right after its change: on time")
        XCTAssertNil(log.verify().firstBreak)
    }

    func testALineLostToAFullDiskIsSaidAndWrittenAtTheNextChance() throws {
        let change = try log.beforeChange(confirmed(a), at: testMoment)
        try data.submissions.put(queueItem(1))
        SimulatedFaults.failNextAuditAppends(1)
        XCTAssertFalse(log.afterChange(change, at: testMoment), "the trail could not be written")
        XCTAssertEqual(log.waitingLines, 1)
        XCTAssertEqual(QueueDesk(data: data).view(search: nil, now: testMoment).waitingAuditLines, 1, "the dashboard says so")
        XCTAssertEqual(log.verify().firstBreak, nil, "a line waiting is no deletion")
        XCTAssertEqual(log.verify().pendingLines, 1)
        XCTAssertTrue(log.record([AuditLog.Entry(.login, [("helper", .string("1001"))])], at: testMoment))
        XCTAssertEqual(log.waitingLines, 0, "the next append wrote it")
        let line = try XCTUnwrap(lines.first { $0.contains("submission_confirmed") })
        XCTAssertTrue(line.contains("\"recorded_late\":true"), line)
        XCTAssertNil(log.verify().firstBreak)
    }

    func testAnItemTheTrailNeverHeardOfIsMissingLinesNotADeletion() throws {
        try data.submissions.put(queueItem(1))
        XCTAssertEqual(log.verify().firstBreak, .missingHistory(items: 1))
    }

    func testADamagedOrHugePendingFileIsCountedAndNeverWritten() throws {
        try FileManager.default.createDirectory(at: log.pendingFolder, withIntermediateDirectories: true)
        try Data("{\"kind\":\"unwritten\",\"writer\":5000000000,\"boot\":\"x\",\"at\":\"t\",\"entries\":[]}".utf8)
            .write(to: log.pendingFolder.appendingPathComponent("1-1-1.json"))
        try Data(repeating: 0x20, count: PendingAudit.longestFile + 1).write(to: log.pendingFolder.appendingPathComponent("2-1-1.json"))
        XCTAssertEqual(log.unreadablePendingFiles, 2)
        try log.append(.helpCall, at: testMoment, [("id", .string("h"))])
        XCTAssertEqual(lines.count, 2, "genesis and the new line only")
        XCTAssertEqual(log.unreadablePendingFiles, 2, "left for a technician to look at")
    }
}
