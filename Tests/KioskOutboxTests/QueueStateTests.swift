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
