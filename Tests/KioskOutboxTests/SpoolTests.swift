import Foundation
import KioskTestSupport
import XCTest
@testable import KioskCore
@testable import KioskOutbox

final class SpoolTests: XCTestCase {
    var root: URL!

    override func setUp() { root = temporaryFolder("spool") }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func mode(_ url: URL) -> Int {
        (try! FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue
    }

    func testPutWritesTheWholeFileIntoReadyAndLeavesNothingInTmp() throws {
        let data = DataFolder(root: root)
        try data.prepare(kioskID: "k")
        let item = queueItem(1)
        try data.submissions.put(item)
        XCTAssertEqual(data.submissions.ids(in: .ready), [itemID(1)])
        XCTAssertEqual(data.submissions.read(itemID(1), in: .ready), item)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data.submissions.tmpFolder.path), [])
        XCTAssertEqual(mode(data.submissions.folder(.ready).appendingPathComponent("\(itemID(1).text).json")), 0o600)
        XCTAssertEqual(mode(root), 0o700)
        XCTAssertEqual(mode(data.submissions.folder(.ready)), 0o700)
    }

    func testWritingTheSameIDAgainKeepsOneFile() throws {
        let spool = DataFolder(root: root).submissions
        try spool.put(queueItem(1, answers: "{}"))
        try spool.put(queueItem(1, answers: #"{"a":1}"#))
        XCTAssertEqual(spool.ids(in: .ready), [itemID(1)])
        XCTAssertEqual(spool.read(itemID(1), in: .ready), queueItem(1, answers: #"{"a":1}"#))
    }

    /// A full disk under the next write: the error says so and no partial file is left.
    func testFullDiskIsReportedAndLeavesNoPartialFile() throws {
        let spool = DataFolder(root: root).submissions
        SimulatedFaults.failNextWrites(1)
        XCTAssertThrowsError(try spool.put(queueItem(1))) { error in
            guard case .diskFull = error as? DurableWriteError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(spool.ids(in: .ready), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spool.tmpFolder.path), [])
    }

    func testRecordsGoToTheirOwnSpools() throws {
        let data = DataFolder(root: root)
        try data.store(.rating(id: itemID(1), submissionID: itemID(3), kioskID: "k", score: 5, at: testMoment))
        try data.store(.helpRequest(id: itemID(2), kioskID: "k", at: testMoment, serviceID: nil))
        XCTAssertEqual(data.ratings.ids(in: .ready), [itemID(1)])
        XCTAssertEqual(data.helpRequests.ids(in: .ready), [itemID(2)])
        XCTAssertEqual(data.submissions.ids(in: .ready), [])
        XCTAssertNotNil(data.ratings.read(itemID(1), in: .ready), "a rating's file passes the same check as a submission's")
    }

    /// Nothing that is not a kiosk id becomes a file name, whatever a bundle or receipts file says.
    func testOnlyLowercaseUUIDv4AreIDs() {
        XCTAssertNotNil(ItemID("0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11"))
        for bad in ["../../etc/PWNED", "0B0C0F7E-3C51-4D0E-9F0A-6F1F5B3C2A11", "0b0c0f7e-3c51-1d0e-9f0a-6f1f5b3c2a11",
                    "0b0c0f7e-3c51-4d0e-cf0a-6f1f5b3c2a11", "0b0c0f7e3c514d0e9f0a6f1f5b3c2a11", "", "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a1/"] {
            XCTAssertNil(ItemID(bad), bad)
        }
    }
}

/// A queue file is checked before it is sent or exported; a damaged one is named, never posted.
final class DamagedFileTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }

    override func setUp() {
        root = temporaryFolder("damaged")
        try? data.prepare(kioskID: "k", at: testMoment)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func write(_ bytes: Data, as id: ItemID) throws {
        try bytes.write(to: data.submissions.folder(.ready).appendingPathComponent("\(id.text).json"))
    }

    func testEmptyHalfAndMismatchedFilesAreDamagedAndMovedAsideWithAnAuditLine() throws {
        let whole = queueItem(2).fileBytes
        try write(Data(), as: itemID(1))
        try write(whole.prefix(whole.count / 2 + 40), as: itemID(2))
        try write(queueItem(4).fileBytes, as: itemID(3))       // the file's name is another id
        try data.submissions.put(queueItem(5))
        try Data("hello".utf8).write(to: data.submissions.folder(.ready).appendingPathComponent("notes.txt"))
        XCTAssertEqual(data.submissions.load(itemID(1), in: .ready).flatMap { try? $0.get() }, nil)
        let checked = try data.checkedItems(data.submissions, data.submissions.ids(in: .ready), in: .ready, at: testMoment)
        XCTAssertEqual(checked.items.map(\.id), [itemID(5)], "only the sound file goes on")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: checked.damaged.map { ($0.name, $0.damage) }), [
            "notes.txt": .badName("notes.txt"), "\(itemID(1).text).json": .empty,
            "\(itemID(2).text).json": .payloadUnreadable, "\(itemID(3).text).json": .idMismatch,
        ])
        XCTAssertEqual(data.submissions.ids(in: .ready), [itemID(5)])
        XCTAssertEqual(data.submissions.ids(in: .damaged), [itemID(1), itemID(2), itemID(3)])
        let audit = try String(contentsOf: data.audit.file, encoding: .utf8)
        XCTAssertEqual(audit.components(separatedBy: "\"event\":\"damaged\"").count - 1, 4, audit)
        XCTAssertTrue(audit.contains("\"damage\":\"id_mismatch\""))
    }

    func testAFactsLineAndPayloadRoundTrip() throws {
        let item = queueItem(1)
        XCTAssertEqual(try QueueItem.check(item.fileBytes, named: itemID(1), needsPayload: true).get(), item)
        var sent = item
        sent.facts.sent = QueueFacts.Sent(at: "2026-11-22T10:00:00+08:00", portalStatus: 201, receipt: "SC1", viaBundle: true)
        sent.facts.bundles = [BundleRef(file: "k.ckb", sha256: String(repeating: "a", count: 64), exportedAt: "2026-11-22T09:40:00+08:00")]
        sent.payload = nil
        XCTAssertEqual(try QueueItem.check(sent.fileBytes, named: itemID(1), needsPayload: false).get(), sent)
        XCTAssertEqual(QueueItem.check(Data("not json\n{}".utf8), named: itemID(1), needsPayload: true), .failure(.factsUnreadable))
        XCTAssertEqual(QueueItem.check(sent.fileBytes, named: itemID(1), needsPayload: true), .failure(.payloadMissing))
    }
}
