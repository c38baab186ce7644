import Foundation
import XCTest
@testable import KioskCore
@testable import KioskOutbox
import KioskTestSupport

/// The progress check's key of an identity number: a per-kiosk secret, the whole number, nothing
/// that a neighbour with the same first and last four can match.
final class IdentityKeysTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }

    override func setUp() {
        root = temporaryFolder("identity-keys")
        try? data.prepare(kioskID: "cn-511922-test-01", at: testMoment)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func testTheSecretIsMadeOnceReadableByTheKioskOnlyAndKeysTheWholeNumber() throws {
        let file = root.appendingPathComponent("kiosk-secret")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try Data(contentsOf: file).count, 32)
        let before = try Data(contentsOf: file)
        try data.prepare(kioskID: "cn-511922-test-01", at: testMoment)
        XCTAssertEqual(try Data(contentsOf: file), before, "never replaced")
        let keys = try XCTUnwrap(IdentityKeys.load(data))
        XCTAssertEqual(keys.key("51192219450315001x"), keys.key("51192219450315001X"))
        XCTAssertNotEqual(keys.key("511922194503150016"), keys.key("511904194403150016"), "same ends, another number")
        let other = temporaryFolder("identity-keys-other")
        defer { try? FileManager.default.removeItem(at: other) }
        try DataFolder(root: other).prepare(kioskID: "k2", at: testMoment)
        XCTAssertNotEqual(IdentityKeys.load(DataFolder(root: other))?.key("511922194503150016"), keys.key("511922194503150016"),
                          "each kiosk its own secret")
    }

    func testADamagedSecretNeverStopsASaveAndFindsNothing() throws {
        try Data("short".utf8).write(to: root.appendingPathComponent("kiosk-secret"))
        let submission = Submission(id: itemID(1), serviceID: "pension-certification", serviceVersion: 1, createdAt: testMoment,
                                    kioskID: "k", locale: "zh-Hans", channel: .resident, body: Submission.Body(answers: []),
                                    maskedIdentity: "5119**********0016", identityNumber: "511922194503150016")
        try data.enqueue(submission)
        XCTAssertNil(data.submissions.read(itemID(1), in: .ready)?.facts.identityKey, "saved, without a key")
        XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent("kiosk-secret")), Data("short".utf8), "and the file is left for a technician")
    }
}
