import Foundation
import XCTest
@testable import KioskCore
@testable import KioskOutbox

/// The states of the outbox and what a crash between two steps leaves behind.
final class QueueStateTests: XCTestCase {
    var root: URL!
    var spool: Spool { DataFolder(root: root).submissions }

    override func setUp() {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("queue-\(UUID().uuidString)")
        try? DataFolder(root: root).prepare()
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    let payload = Data(#"{"id":"a","body":{"answers":{"phone":"13800000000"}}}"#.utf8)
    var item: QueueItem { QueueItem(facts: .object([("id", .string("a")), ("masked_id", .string("5119**********0016"))]), payload: payload) }

    func testAnItemLeftInSendingByACrashIsReadyAgainWithTheSameBytes() throws {
        try spool.put(id: "a", item)
        try spool.move("a", from: .ready, to: .sending)
        XCTAssertEqual(spool.waitingCount, 1, "an item being sent still waits")
        try spool.recover()
        XCTAssertEqual(spool.ids(in: .sending), [])
        XCTAssertEqual(spool.read(id: "a", in: .ready)?.payload, payload)
    }

    func testACrashBetweenStoringTheReceiptAndRemovingTheOldFileKeepsOnlySent() throws {
        try spool.put(id: "a", item)
        try spool.move("a", from: .ready, to: .sending)
        // The first half of `replace`: the sent record is durable, the old file not yet gone.
        try DurableFile.write(item.adding([("receipt", .string("SC20261122000001"))], dropPayload: true).fileBytes,
                              to: spool.folder(.sent).appendingPathComponent("a.json"), tmpFolder: spool.tmpFolder)
        try spool.recover()
        XCTAssertEqual(spool.ids(in: .sent), ["a"])
        XCTAssertEqual(spool.ids(in: .sending) + spool.ids(in: .ready), [], "never sent again once a receipt is stored")
    }

    func testASentItemKeepsReceiptServiceTimeAndMaskedIdentityButNotTheAnswers() throws {
        try spool.put(id: "a", item)
        try spool.move("a", from: .ready, to: .sending)
        try spool.replace("a", from: .sending, to: .sent,
                          with: spool.read(id: "a", in: .sending)!.adding([("receipt", .string("SC20261122000001"))], dropPayload: true))
        let sent = try XCTUnwrap(spool.read(id: "a", in: .sent))
        XCTAssertEqual(sent.fact("receipt"), "SC20261122000001")
        XCTAssertEqual(sent.fact("masked_id"), "5119**********0016")
        XCTAssertNil(sent.payload)
        let file = try String(contentsOf: spool.folder(.sent).appendingPathComponent("a.json"), encoding: .utf8)
        XCTAssertFalse(file.contains("13800000000"), "the body is dropped once the receipt is stored")
        XCTAssertEqual(spool.waitingCount, 0)
    }

    func testTemporaryFilesOfDeadWritersAreRemovedAndALiveWritersAreKept() throws {
        let dead = spool.tmpFolder.appendingPathComponent(".b.json.999999999.tmp")
        let live = spool.tmpFolder.appendingPathComponent(".c.json.\(getpid()).tmp")
        for file in [dead, live] { XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data("{".utf8))) }
        try spool.recover()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path), "a kiosk still writing must not lose its file")
    }

    func testOldestWaitingIsTheEarliestConfirmed() throws {
        try spool.put(id: "a", item)
        let early = Date(timeIntervalSinceNow: -7200)
        try FileManager.default.setAttributes([.modificationDate: early], ofItemAtPath: spool.folder(.ready).appendingPathComponent("a.json").path)
        try spool.put(id: "b", item)
        XCTAssertEqual(spool.idsOldestFirst(in: .ready), ["a", "b"])
        XCTAssertEqual(try XCTUnwrap(spool.oldestWaiting).timeIntervalSince1970, early.timeIntervalSince1970, accuracy: 1)
    }

    func testOnlyOneSenderAtATime() throws {
        let first = QueueLock(folder: root)
        XCTAssertNotNil(first)
        XCTAssertNil(QueueLock(folder: root), "a second sender must wait")
        _ = first.map { withExtendedLifetime($0) {} }
    }

    func testAFactsLineAndPayloadRoundTrip() {
        XCTAssertEqual(QueueItem(fileBytes: item.fileBytes), item)
        let noPayload = QueueItem(facts: .object([("id", .string("a"))]), payload: nil)
        XCTAssertEqual(QueueItem(fileBytes: noPayload.fileBytes), noPayload)
        XCTAssertNil(QueueItem(fileBytes: Data("not json\n{}".utf8)))
    }
}

final class AuditAndExportTests: XCTestCase {
    var root: URL!
    override func setUp() {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("audit-\(UUID().uuidString)")
        try? DataFolder(root: root).prepare()
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }
    let moment = Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 8 * 3600)

    func testALineTornByACrashIsCutOffAndTheChainGoesOn() throws {
        let log = DataFolder(root: root).audit
        try log.append(.helpCall, at: moment, [("id", .string("a"))])
        let handle = try FileHandle(forWritingTo: log.file)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"at":"2026-11-22T10:00:00+08:00","event":"se"#.utf8))   // the crash
        try handle.close()
        try log.append(.helpCall, at: moment, [("id", .string("b"))])
        XCTAssertEqual(log.verify(), AuditLog.Verified(lines: 2, firstBreak: nil))
    }

    func testASecondExportInTheSameSecondNeverOverwritesTheFirstBundle() throws {
        let data = DataFolder(root: root)
        let usb = root.appendingPathComponent("usb")
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let item = QueueItem(facts: .object([("id", .string("a"))]), payload: Data(#"{"id":"a"}"#.utf8))
        try data.submissions.put(id: "a", item)
        let first = try XCTUnwrap(Exporter(data: data).export(to: usb, kioskID: "k", at: moment))
        try data.submissions.put(id: "b", QueueItem(facts: .object([("id", .string("b"))]), payload: Data(#"{"id":"b"}"#.utf8)))
        let second = try XCTUnwrap(Exporter(data: data).export(to: usb, kioskID: "k", at: moment))
        XCTAssertNotEqual(first.file, second.file)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: usb.path).sorted(), ["k-20261122-100000-2.ckb", "k-20261122-100000.ckb"])
    }
}

final class QueueDeskTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }
    let moment = Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 8 * 3600)

    override func setUp() {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("desk-\(UUID().uuidString)")
        try? DataFolder(root: root).prepare()
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func put(_ id: String, masked: String, in state: Spool.State) throws {
        let item = QueueItem(facts: .object([("id", .string(id)), ("service_id", .string("pension-certification")),
                                             ("created_at", .string("2026-11-22T09:3\(id.count)+08:00")), ("masked_id", .string(masked))]),
                             payload: Data(#"{"id":"\#(id)"}"#.utf8))
        try data.submissions.put(id: id, item)
        if state != .ready { try data.submissions.move(id, from: .ready, to: state) }
    }

    func testWithdrawDeletesAnUnsentItemAndTheAuditSaysSo() throws {
        try put("a", masked: "5119**********0016", in: .ready)
        try QueueDesk(data: data).withdraw("a", at: moment, helper: "1001")
        XCTAssertEqual(data.submissions.ids(in: .ready), [])
        let audit = try String(contentsOf: data.audit.file, encoding: .utf8)
        XCTAssertTrue(audit.contains("\"event\":\"withdrawn\"") && audit.contains("\"helper\":\"1001\""), audit)
    }

    func testWhatReachedThePortalOrAStickCannotBeWithdrawnAndABusyQueueIsSaid() throws {
        try put("s", masked: "x", in: .sent)
        try put("e", masked: "x", in: .exported)
        for id in ["s", "e"] {
            XCTAssertThrowsError(try QueueDesk(data: data).withdraw(id, at: moment, helper: nil)) { XCTAssertEqual($0 as? QueueDesk.Failure, .gone) }
        }
        try put("r", masked: "x", in: .ready)
        let sender = QueueLock(folder: root)
        XCTAssertThrowsError(try QueueDesk(data: data).withdraw("r", at: moment, helper: nil)) { XCTAssertEqual($0 as? QueueDesk.Failure, .busy) }
        _ = sender.map { withExtendedLifetime($0) {} }
        XCTAssertEqual(data.submissions.ids(in: .ready), ["r"])
    }

    func testRetryPutsARefusedItemBackAndSearchFindsByTheLastFour() throws {
        try put("q", masked: "5119**********0016", in: .quarantine)
        try put("z", masked: "5119**********0024", in: .sent)
        XCTAssertEqual(QueueDesk(data: data).view(search: nil).items.map(\.id), ["q"], "sent items only when searched for")
        XCTAssertEqual(QueueDesk(data: data).view(search: "0024").items.map(\.id), ["z"])
        try QueueDesk(data: data).retry("q", at: moment)
        XCTAssertEqual(data.submissions.ids(in: .ready), ["q"])
        XCTAssertEqual(QueueDesk(data: data).view(search: nil).counts.map(\.count), [1, 0, 1, 0, 0])
    }
}
