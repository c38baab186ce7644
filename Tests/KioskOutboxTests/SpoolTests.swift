import Foundation
import XCTest
@testable import KioskCore
@testable import KioskOutbox

final class SpoolTests: XCTestCase {
    var root: URL!

    override func setUp() {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("spool-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func item(_ payload: String) -> QueueItem {
        QueueItem(facts: .object([("service_id", .string("pension-certification"))]), payload: Data(payload.utf8))
    }

    func mode(_ url: URL) -> Int {
        (try! FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue
    }

    func testPutWritesTheWholeFileIntoReadyAndLeavesNothingInTmp() throws {
        let data = DataFolder(root: root)
        try data.prepare()
        let body = item(#"{"id":"0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11","body":{"answers":{}}}"#)
        try data.submissions.put(id: "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11", body)
        XCTAssertEqual(data.submissions.ids(in: .ready), ["0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11"])
        XCTAssertEqual(data.submissions.read(id: "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11", in: .ready), body)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data.submissions.tmpFolder.path), [])
        XCTAssertEqual(mode(data.submissions.folder(.ready).appendingPathComponent("0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11.json")), 0o600)
        XCTAssertEqual(mode(root), 0o700)
        XCTAssertEqual(mode(data.submissions.folder(.ready)), 0o700)
    }

    func testWritingTheSameIDAgainKeepsOneFile() throws {
        let spool = DataFolder(root: root).submissions
        try spool.put(id: "a", item("one"))
        try spool.put(id: "a", item("two"))
        XCTAssertEqual(spool.ids(in: .ready), ["a"])
        XCTAssertEqual(spool.read(id: "a", in: .ready), item("two"))
    }

    /// A full disk, simulated with /dev/full: the error says so and no partial file is left.
    func testFullDiskIsReportedAndLeavesNoPartialFile() throws {
        let spool = DataFolder(root: root).submissions
        try spool.prepare()
        let tmpName = ".a.json.\(getpid()).tmp"
        try FileManager.default.createSymbolicLink(atPath: spool.tmpFolder.appendingPathComponent(tmpName).path, withDestinationPath: "/dev/full")
        XCTAssertThrowsError(try spool.put(id: "a", item("submission"))) { error in
            guard case .diskFull = error as? DurableWriteError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(spool.ids(in: .ready), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spool.tmpFolder.path), [])
    }

    func testRecordsGoToTheirOwnSpools() throws {
        let data = DataFolder(root: root)
        try data.store(Record(kind: .rating, id: "r1", json: .object([("score", .number("5"))])))
        try data.store(Record(kind: .helpRequest, id: "h1", json: .object([("id", .string("h1"))])))
        XCTAssertEqual(data.ratings.ids(in: .ready), ["r1"])
        XCTAssertEqual(data.helpRequests.ids(in: .ready), ["h1"])
        XCTAssertEqual(data.submissions.ids(in: .ready), [])
    }
}
