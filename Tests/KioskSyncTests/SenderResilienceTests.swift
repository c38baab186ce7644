import Foundation
import XCTest
@testable import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// A portal that answers each request from a script: for what the reference portal cannot fake.
final class ScriptedPortal: HTTPTransport, @unchecked Sendable {
    let answer: (HTTPRequest) -> HTTPReply
    private let lock = NSLock()
    private(set) var requests: [String] = []

    init(_ answer: @escaping (HTTPRequest) -> HTTPReply) { self.answer = answer }

    func send(_ request: HTTPRequest, limit: Int) -> Result<HTTPReply, TransportFailure> {
        lock.lock()
        requests.append(request.url.path)
        lock.unlock()
        return .success(answer(request))
    }

    static func stored(_ request: HTTPRequest) -> HTTPReply {
        let id = request.header("Idempotency-Key") ?? ""
        return HTTPReply(status: 201, body: Data(#"{"id":"\#(id)","receipt":"SC-\#(id.suffix(4))","status":"received"}"#.utf8))
    }
}

final class SenderResilienceTests: SyncTestCase {
    func scripted(_ answer: @escaping (HTTPRequest) -> HTTPReply) -> (Syncer, ScriptedPortal) {
        let portal = ScriptedPortal(answer)
        let settings = PortalSettings(url: URL(string: "http://127.0.0.1:9")!, kioskID: "k", token: "t")
        let syncer = Syncer(data: data, client: PortalClient(settings: settings, transport: portal), batchSize: 1, attempts: 3,
                            sleep: { [unowned self] in self.waits.append($0) }, random: { 0.5 })
        return (syncer, portal)
    }

    static func health(_ r: HTTPRequest) -> HTTPReply? {
        r.url.path == "/v1/health" ? HTTPReply(status: 204, headers: ["X-Portal-Api": "1"]) : nil
    }

    func testOneItemThePortalAlwaysFailsDoesNotHoldUpTheOthers() throws {
        try queue((1...4).map { submission($0) })
        let bad = submission(1).id   // the oldest, so it would go first every time
        let (syncer, _) = scripted { r in
            Self.health(r) ?? (r.header("Idempotency-Key") == bad ? HTTPReply(status: 500) : ScriptedPortal.stored(r))
        }
        let report = syncer.drain()
        XCTAssertEqual(report.sent, 3, "the three behind it go out")
        XCTAssertEqual(ids(.ready), [bad], "and it waits for the next pass, never dropped")
        guard case .portalTrouble? = report.stop else { return XCTFail("\(String(describing: report.stop))") }
    }

    func testABatchRefusedAsAWholeIsSplitDownToSinglePostsNotQuarantined() throws {
        try queue((1...4).map { submission($0) })
        let (portalSyncer, portal) = scripted { r in
            Self.health(r) ?? (r.url.path == "/v1/submissions/batch"
                ? HTTPReply(status: 400, body: Data(#"{"error":"bad_request"}"#.utf8)) : ScriptedPortal.stored(r))
        }
        var syncer = portalSyncer
        syncer.batchSize = 4
        let report = syncer.drain()
        XCTAssertEqual(report.quarantined, [], "a refused request is not a refused item")
        XCTAssertEqual(report.sent, 4)
        XCTAssertEqual(portal.requests.filter { $0 == "/v1/submissions/batch" }.count, 2, "4, then 2, then one by one for the rest of the pass")
        XCTAssertEqual(portal.requests.filter { $0 == "/v1/submissions" }.count, 4)
    }

    func testASuccessWithoutBatchResultsIsNeverTakenAsStored() throws {
        try queue((1...2).map { submission($0) })
        let (portalSyncer, _) = scripted { r in
            Self.health(r) ?? (r.url.path == "/v1/submissions/batch"
                ? HTTPReply(status: 200, body: Data(#"{"receipt":"SC-proxy"}"#.utf8)) : ScriptedPortal.stored(r))
        }
        var syncer = portalSyncer
        syncer.batchSize = 2
        let report = syncer.drain()
        XCTAssertEqual(report.sent, 2)
        XCTAssertEqual(Set(ids(.sent).compactMap { receipt($0) }), ["SC-0001", "SC-0002"], "each its own receipt")
    }

    /// Finding 2: a 201 about another item (and its receipt) proves nothing about this one.
    func testASingleAnswerNamingAnotherItemIsNotStoredAndIsAPortalFault() throws {
        try queue([submission(1)])
        let (syncer, _) = scripted { r in
            Self.health(r) ?? HTTPReply(status: 201, body: Data(#"{"id":"99999999-9999-4999-8999-999999999999","receipt":"SC-OTHER","status":"received"}"#.utf8))
        }
        let report = syncer.drain()
        XCTAssertEqual(report.sent, 0)
        XCTAssertEqual(report.stop, .portalTrouble(.answerForAnotherItem(status: 201), retryAfter: nil))
        XCTAssertEqual(ids(.ready), [submission(1).id], "kept with its answers, to be sent again")
        XCTAssertNotNil(item(submission(1).id, .ready)?.payload)
        XCTAssertEqual(waits.count, 2, "retried with the usual backoff")
        XCTAssertEqual(PortalFault.answerForAnotherItem(status: 201).message(loadStrings("zh-Hans")), "门户回复了别的件（201），不算收到")
    }

    func testALongRetryAfterEndsThePassInsteadOfHoldingTheQueue() throws {
        try queue([submission(1)])
        let (syncer, _) = scripted { r in Self.health(r) ?? HTTPReply(status: 503, headers: ["Retry-After": "3600"]) }
        let report = syncer.drain()
        XCTAssertEqual(report.stop, .portalTrouble(.status(503), retryAfter: 3600))
        XCTAssertEqual(waits, [], "no hour-long sleep holding the queue lock")
        XCTAssertEqual(data.submissions.ids(in: .ready).count, 1)
    }

    func testCallsForStaffGoFirstEvenWhenSubmissionsFail() throws {
        try queue([submission(1)])
        try data.store(.helpRequest(id: ItemID("22222222-2222-4222-8222-222222222222")!, kioskID: "cn-511922-test-01", at: testMoment, serviceID: nil))
        let (syncer, portal) = scripted { r in
            Self.health(r) ?? (r.url.path == "/v1/help-requests" ? HTTPReply(status: 202, body: Data("{}".utf8)) : HTTPReply(status: 500))
        }
        _ = syncer.drain()
        XCTAssertEqual(portal.requests.dropFirst().first, "/v1/help-requests")
        XCTAssertEqual(data.helpRequests.ids(in: .sent).count, 1)
    }
}
