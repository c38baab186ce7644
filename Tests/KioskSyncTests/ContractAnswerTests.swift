import Foundation
import XCTest
@testable import KioskCore
import KioskOutbox
@testable import KioskSync
import KioskNetwork

/// One test per row of contract §2.1, each against the reference portal with its fault injection.
final class ContractAnswerTests: SyncTestCase {
    // 201, 200 with a receipt: mark sent, keep the receipt.
    func testStoredSubmissionsAreSentWithTheirReceiptsAndTheirBodiesDropped() throws {
        try queue((1...3).map { submission($0) })
        let report = try syncer().drain()
        XCTAssertEqual(report.sent, 3)
        XCTAssertNil(report.stop)
        XCTAssertEqual(report.waiting, 0)
        XCTAssertEqual(try storedCounts().values.sorted(), [1, 1, 1])
        let stored = try portal.storedSubmissions()
        for row in stored {
            let id = row["id"] as! String
            XCTAssertEqual(receipt(id), row["receipt"] as? String)
            XCTAssertNil(item(id, .sent)?.payload, "the local body goes once the receipt is kept")
        }
    }

    func testAnAnswerLostAfterTheCommitIsSentAgainWithTheSameIdAndBytesAndStoredOnce() throws {
        let s = submission(1)
        try queue([s])
        try portal.faults([["fault": "lost_after_commit", "path": "/v1/submissions", "count": 1]])
        let report = try syncer().drain()
        XCTAssertEqual(report.sent, 1)
        let rows = try portal.storedSubmissions()
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["posts"] as? Int, 2, "the second POST is the replay that gets 200")
        XCTAssertEqual(rows[0]["conflicts"] as? Int, 0, "same bytes, so never a conflict")
        XCTAssertEqual(receipt(s.id), rows[0]["receipt"] as? String)
    }

    // 409 id_conflict: quarantine this item with the reason, go on with the others.
    func testAnIdConflictIsQuarantinedAndTheOthersGoOn() throws {
        // Another kiosk (or a bug) already stored this id with other content.
        let other = DataFolder(root: data.root.appendingPathComponent("other"))
        try other.enqueue(submission(1))
        XCTAssertEqual(Syncer(data: other, client: PortalClient(settings: try settings())).drain().sent, 1)
        try queue([submission(1, extra: "changed"), submission(2)])
        let report = try syncer().drain()
        XCTAssertEqual(report.quarantined.map(\.id.text), [submission(1).id])
        XCTAssertEqual(report.quarantined.first?.refusal.error, "id_conflict")
        XCTAssertEqual(report.sent, 1, "one quarantined item does not hold up the others")
        XCTAssertNotNil(receipt(submission(2).id))
        let kept = try XCTUnwrap(item(submission(1).id, .quarantine))
        XCTAssertEqual(kept.payload, submission(1, extra: "changed").bytes, "quarantine keeps the bytes for the helper")
        XCTAssertEqual(kept.facts.refusal?.refusal.status, 409)
    }

    // 422 invalid: quarantine with the field reasons, go on.
    func testInvalidContentIsQuarantinedWithTheFieldReasons() throws {
        try queue([submission(1, channel: "robot"), submission(2)])
        let report = try syncer(batch: 50).drain()
        XCTAssertEqual(report.sent, 1)
        let refusal = try XCTUnwrap(report.quarantined.first?.refusal)
        XCTAssertEqual(refusal.status, 422)
        XCTAssertTrue(refusal.fields.contains { $0.hasPrefix("channel") }, "\(refusal.fields)")
        XCTAssertEqual(item(submission(1).id, .quarantine)?.facts.refusal?.refusal.fields.isEmpty, false)
    }

    // 404 unknown_service: quarantine, go on.
    func testAnUnknownServiceIsQuarantined() throws {
        try queue([submission(1, service: "no-such-service"), submission(2, version: 99), submission(3)])
        let report = try syncer().drain()
        XCTAssertEqual(Set(report.quarantined.map(\.id.text)), [submission(1).id, submission(2).id])
        XCTAssertEqual(Set(report.quarantined.map(\.refusal.error)), ["unknown_service"])
        XCTAssertEqual(report.sent, 1)
    }

    // 413: quarantine (or split a batch), go on.
    func testATooLargeItemIsQuarantinedAlone() throws {
        let huge = submission(1, extra: String(repeating: "长", count: 100_000))   // 300 KB of UTF-8
        try queue([huge, submission(2)])
        let single = try syncer().drain()
        XCTAssertEqual(single.quarantined.map(\.refusal.status), [413])
        XCTAssertEqual(single.sent, 1)
    }

    func testABatchTooLargeAsAWholeIsSplitNotQuarantined() throws {
        // 8 items of 40 KB: each is fine, the batch of all of them is over the portal's 256 KiB.
        try queue((1...8).map { submission($0, extra: String(repeating: "医", count: 13_000)) })
        try portal.faults([])
        let report = try syncer(batch: 100).drain()
        XCTAssertEqual(report.quarantined, [])
        XCTAssertEqual(report.sent, 8)
        XCTAssertEqual(try storedCounts().count, 8)
    }

    // 401, 403: pause the whole queue, tell the helper; nothing is dropped.
    func testUnauthorisedPausesTheQueueAndDropsNothing() throws {
        try queue((1...3).map { submission($0) })
        try portal.faults([["fault": "401", "path": "/v1/submissions", "count": -1]])
        let report = try syncer().drain()
        XCTAssertEqual(report.stop, .unauthorised(status: 401))
        XCTAssertEqual(report.sent, 0)
        XCTAssertEqual(data.submissions.ids(in: .ready).count, 3, "nothing dropped, nothing quarantined")
        XCTAssertEqual(try portal.stats()["by_path"].flatMap { ($0 as? [String: Int])?["/v1/submissions"] }, 1,
                       "the queue stops at the first 401 instead of trying every item")
        try portal.faults([])
        XCTAssertEqual(try syncer().drain().sent, 3)
    }

    func testAWrongTokenIsUnauthorisedAtThePreflight() throws {
        try queue([submission(1)])
        var wrong = try settings()
        wrong.token = "not-the-token"
        let report = Syncer(data: data, client: PortalClient(settings: wrong), sleep: { _ in }).drain()
        XCTAssertEqual(report.stop, .unauthorised(status: 401))
        XCTAssertEqual(data.submissions.ids(in: .ready).count, 1)
    }

    // 429 with Retry-After: wait at least that long, then send.
    func testRateLimitingHonoursRetryAfter() throws {
        try queue([submission(1)])
        try portal.faults([["fault": "429", "path": "/v1/submissions", "retry_after": 7, "count": 1]])
        let report = try syncer().drain()
        XCTAssertEqual(report.sent, 1)
        XCTAssertEqual(waits.count, 1)
        XCTAssertGreaterThanOrEqual(waits[0], 7)
    }

    // 503 with and without Retry-After, other 5xx: back off with jitter, try again.
    func testServerErrorsAreRetriedWithGrowingWaits() throws {
        try queue([submission(1), submission(2)])
        try portal.faults([["fault": "503", "path": "/v1/submissions", "count": 1, "retry_after": 3],
                           ["fault": "500", "path": "/v1/submissions", "count": 2]])
        let report = try syncer(attempts: 5).drain()
        XCTAssertEqual(report.sent, 2)
        XCTAssertEqual(waits.count, 3)
        XCTAssertGreaterThanOrEqual(waits[0], 3, "Retry-After of the 503")
        XCTAssertLessThan(waits[1], waits[2], "the wait doubles")
        XCTAssertEqual(try storedCounts().values.sorted(), [1, 1])
    }

    // Timeouts, resets, refused connections.
    func testATimeoutIsRetriedAndTheItemStoredOnce() throws {
        try queue([submission(1)])
        try portal.faults([["fault": "timeout", "path": "/v1/submissions", "seconds": 5, "count": 1]])
        let report = try syncer(timeout: 1).drain()
        XCTAssertEqual(report.sent, 1)
        XCTAssertEqual(waits.count, 1)
        XCTAssertEqual(try storedCounts(), [submission(1).id: 1])
    }

    func testAConnectionResetIsRetried() throws {
        try queue([submission(1)])
        try portal.faults([["fault": "reset", "path": "/v1/submissions", "count": 2]])
        let report = try syncer().drain()
        XCTAssertEqual(report.sent, 1)
        XCTAssertEqual(waits.count, 2)
    }

    func testARefusedConnectionKeepsEverythingAndSaysSo() throws {
        try queue([submission(1)])
        let url = portal.url
        portal.stop()
        let offline = PortalSettings(url: url, kioskID: "k", token: "t", timeout: 2)
        let report = Syncer(data: data, client: PortalClient(settings: offline), attempts: 2, sleep: { _ in }).drain()
        guard case let .unreachable(why)? = report.stop else { return XCTFail("\(String(describing: report.stop))") }
        XCTAssertEqual(why, .transport(.refused))
        XCTAssertEqual(report.waiting, 1)
    }

    // A 200 without a receipt (captive portal): not stored; try again later.
    func testACaptiveWiFiPageIsNotThePortal() throws {
        try queue([submission(1)])
        try portal.faults([["fault": "captive", "count": -1]])
        let report = try syncer(attempts: 2).drain()
        guard case .unreachable? = report.stop else { return XCTFail("\(String(describing: report.stop))") }
        XCTAssertEqual(report.waiting, 1)
        XCTAssertEqual(try storedCounts(), [:])
    }

    func testA200WithoutAReceiptIsNeverTakenAsSent() throws {
        try queue([submission(1)])
        try portal.faults([["fault": "captive", "path": "/v1/submissions", "count": -1]])
        let report = try syncer(attempts: 3).drain()
        guard case .portalTrouble? = report.stop else { return XCTFail("\(String(describing: report.stop))") }
        XCTAssertEqual(data.submissions.ids(in: .sent), [])
        XCTAssertEqual(ids(.ready), [submission(1).id], "never given up silently: still waiting")
        XCTAssertEqual(waits.count, 2)
    }

    func testBatchResultsAreReadItemByItem() throws {
        try queue([submission(1), submission(2, service: "no-such-service"), submission(3)])
        let report = try syncer(batch: 100).drain()
        XCTAssertEqual(report.sent, 2)
        XCTAssertEqual(report.quarantined.map(\.id.text), [submission(2).id])
        XCTAssertEqual(try portal.stats()["by_path"].flatMap { ($0 as? [String: Int])?["/v1/submissions/batch"] }, 1)
    }

    func testRatingsAndCallsForStaffAreSentToo() throws {
        try data.store(.rating(id: ItemID("11111111-1111-4111-8111-111111111111")!, submissionID: submission(1).item.id,
                               kioskID: "cn-511922-test-01", score: 5, at: Moment.parse("2026-11-22T09:31:00+08:00")!))
        try data.store(.helpRequest(id: ItemID("22222222-2222-4222-8222-222222222222")!, kioskID: "cn-511922-test-01",
                                    at: Moment.parse("2026-11-22T09:32:00+08:00")!, serviceID: nil))
        let report = try syncer().drain()
        XCTAssertNil(report.stop)
        XCTAssertEqual(try portal.stored("ratings").count, 1)
        XCTAssertEqual(try portal.stored("help-requests", key: "help_requests").count, 1)
        XCTAssertEqual(data.ratings.ids(in: .sent).count + data.helpRequests.ids(in: .sent).count, 2)
    }

    func testASecondSenderWaitsForTheFirst() throws {
        try queue([submission(1)])
        let lock = try QueueLock(folder: data.root)
        XCTAssertEqual(try syncer().drain().stop, .busy)
        XCTAssertEqual(data.submissions.ids(in: .ready).count, 1)
        withExtendedLifetime(lock) {}
    }
}
