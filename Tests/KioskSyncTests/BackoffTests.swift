import Foundation
import XCTest
import KioskOutbox
import KioskCore
@testable import KioskSync

final class BackoffTests: XCTestCase {
    let backoff = Backoff(base: 2, cap: 60, longestRetryAfter: 600)

    func testWaitsDoubleUpToTheCap() {
        let waits = (1...8).map { backoff.delay(afterFailures: $0, retryAfter: nil, random: 1) }
        XCTAssertEqual(waits, [2, 4, 8, 16, 32, 60, 60, 60])
    }

    func testJitterSpreadsKiosksBetweenHalfAndAllOfTheWait() {
        XCTAssertEqual(backoff.delay(afterFailures: 3, retryAfter: nil, random: 0), 4)
        XCTAssertEqual(backoff.delay(afterFailures: 3, retryAfter: nil, random: 0.5), 6)
    }

    func testRetryAfterIsHonouredButCapped() {
        XCTAssertEqual(backoff.delay(afterFailures: 1, retryAfter: 30, random: 0), 30)
        XCTAssertEqual(backoff.delay(afterFailures: 1, retryAfter: 86_400, random: 0), 600, "a wrong header cannot stop the queue for a day")
    }

    func testEveryAnswerOfTheContractIsReadAsItSays() {
        let x = ItemID("00000000-0000-4000-8000-000000000001")!
        let receipt: JSONValue = .object([("id", .string(x.text)), ("receipt", .string("SC1")), ("status", .string("received"))])
        XCTAssertEqual(Outcome.classify(status: 201, body: receipt, retryAfter: nil, kind: .submission, id: x), .stored(receipt: "SC1", status: 201))
        XCTAssertEqual(Outcome.classify(status: 200, body: receipt, retryAfter: nil, kind: .submission, id: x), .stored(receipt: "SC1", status: 200))
        if case .later = Outcome.classify(status: 200, body: nil, retryAfter: nil, kind: .submission, id: x) {} else { XCTFail("captive 200") }
        XCTAssertEqual(Outcome.classify(status: 403, body: nil, retryAfter: nil, kind: .submission, id: x), .unauthorised(status: 403))
        XCTAssertEqual(Outcome.classify(status: 503, body: nil, retryAfter: 9, kind: .submission, id: x), .later(.status(503), retryAfter: 9))
        XCTAssertEqual(Outcome.classify(status: 413, body: nil, retryAfter: nil, kind: .submission, id: x),
                       .refused(Refusal(status: 413, error: "too_large", fields: [])))
        XCTAssertEqual(Outcome.classify(status: 404, body: nil, retryAfter: nil, kind: .helpRequest, id: x), .stored(receipt: nil, status: 404),
                       "a portal without calls for staff answers 404: nothing to retry")
    }

    func testOnlyLoopbackMayUsePlainHTTP() {
        XCTAssertNoThrow(try PortalSettings.checkedURL("http://127.0.0.1:8080"))
        XCTAssertNoThrow(try PortalSettings.checkedURL("https://portal.example.cn"))
        XCTAssertThrowsError(try PortalSettings.checkedURL("http://portal.example.cn")) {
            XCTAssertEqual($0 as? PortalSettings.Problem, .plainHTTP("http://portal.example.cn"))
        }
    }

    func testATokenFileOthersCanReadIsRefused() throws {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertThrowsError(try PortalSettings.readToken(file.path)) { XCTAssertEqual($0 as? PortalSettings.Problem, .tokenFileMissing(file.path)) }
        try Data("secret\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        XCTAssertThrowsError(try PortalSettings.readToken(file.path)) {
            XCTAssertEqual($0 as? PortalSettings.Problem, .tokenFileOpen(file.path, mode: "644"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        XCTAssertEqual(try PortalSettings.readToken(file.path), "secret")
    }
}
