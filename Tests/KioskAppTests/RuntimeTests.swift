import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
import KioskCore
@testable import KioskOutbox
import KioskSync

/// The runtime and the effect interpreter over a data folder (`RuntimeHarness`). As root, one
/// test mounts a folder read-only (`whileReadOnly`).
final class RuntimeTests: XCTestCase, RunsProgramsQuickly {
    func runtime(_ root: URL, ids: [ItemID]) throws -> RuntimeHarness {
        var queue = ids
        return try RuntimeHarness(root: root, newID: { queue.isEmpty ? ItemID.make() : queue.removeFirst() })
    }

    /// Pension certification up to the check-answers screen.
    func fillPension(_ r: RuntimeHarness) {
        for line in ["1", "1", "", "1", "1", "511922194503150016", "1", "1", ""] { r.line(line) }
        XCTAssertEqual(r.state.page, .review)
        while !r.state.isLastPage { r.key(.enter) } // every page of answers is seen before submitting
    }

    /// 查询办理进度 goes by the whole identity number: a neighbour who types a valid number with
    /// the same first and last four digits (the 尾号 is on the dashboard and spoken) sees nothing.
    func testTheProgressCheckFindsOnlyTheItemsOfTheWholeNumber() throws {
        let root = temporaryFolder("runtime")
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runtime(root, ids: [])
        let resident = "511922194503150016", neighbour = "511904194403150016", nobody = "511906194503150016"
        for number in [resident, neighbour] {
            for line in ["1", "1", "", "1", "1", number, "1", "1", ""] { r.line(line) }
            while !r.state.isLastPage { r.key(.enter) }
            r.key(.enter)
            r.key(.enter); r.key(.enter) // the confirmation, then no rating
            XCTAssertEqual(r.state.screen, .home)
        }
        XCTAssertEqual(r.data.submissions.ids(in: .ready).count, 2)
        let finder = ProgressFinder(data: r.data)
        XCTAssertEqual(finder.find(identityNumber: resident) { _ in [:] }.count, 1, "the resident's own item")
        XCTAssertEqual(finder.find(identityNumber: neighbour) { _ in [:] }.count, 1, "and only that one for the neighbour")
        XCTAssertEqual(finder.find(identityNumber: nobody) { _ in [:] }, [], "the same first and last four find nothing")
        for id in r.data.submissions.ids(in: .ready) {
            let facts = try XCTUnwrap(String(data: Data(contentsOf: r.data.submissions.folder(.ready).appendingPathComponent("\(id.text).json")),
                                             encoding: .utf8)?.split(separator: "\n").first)
            XCTAssertFalse(facts.contains(resident) || facts.contains(neighbour), "never the number itself: \(facts)")
        }
    }

    /// A kiosk PC's mount point without a stick is a folder nobody may write: the dashboard then
    /// says to plug the stick in, and no bundle is written to the kiosk's own disk.
    func testAFolderTheKioskCannotWriteIsNoStick() throws {
        let usb = temporaryFolder("usb")
        defer { try? FileManager.default.removeItem(at: usb) }
        XCTAssertEqual(QueueWork.present(usb), usb)
        XCTAssertNil(QueueWork.present(usb.appendingPathComponent("missing")))
        let tried = whileReadOnly(usb) { XCTAssertNil(QueueWork.present(usb), "a read-only mount point is no stick") }
        XCTAssertTrue(tried, "could not make the folder read-only")
    }

    /// The queue's next write finds the disk full (the audit trail's note of the change, written
    /// just before it, still went through).
    func makeTheNextWriteFindTheDiskFull() {
        SimulatedFaults.failNextWrites(1, after: 1)
    }

    func testFullDiskShowsWhyKeepsTheAnswersAndRetriesTheSameSubmission() throws {
        let root = temporaryFolder("runtime")
        defer { try? FileManager.default.removeItem(at: root) }
        let id = "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11"
        let r = try runtime(root, ids: Array(repeating: .numbered(0), count: 10) + [ItemID(id)!])
        fillPension(r)
        makeTheNextWriteFindTheDiskFull()
        r.key(.enter)
        XCTAssertEqual(r.state.step, .saveFailed(.diskFull))
        XCTAssertEqual(r.data.submissions.ids(in: .ready), [])
        // Space is freed; Enter tries again with the same submission.
        r.key(.enter)
        XCTAssertEqual(r.state.receipt?.submissionID, ItemID(id)!)
        XCTAssertEqual(r.state.receipt?.page, .confirmation)
        XCTAssertEqual(r.data.submissions.ids(in: .ready).map(\.text), [id])
        r.runtime.tick()
        r.settle()
        XCTAssertEqual(r.state.waitingCount, 1, "the status line counts it at the next tick")
    }

    func testASealedSubmissionRetriedAfterAFullDiskIsWrittenWithTheBytesSealedTheFirstTime() throws {
        let root = temporaryFolder("runtime")
        defer { try? FileManager.default.removeItem(at: root) }
        let id = "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11"
        let sealer = SubmissionSealer(key: try PortalKey(hex: "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d", id: "k1"))
        var queue = Array(repeating: ItemID.numbered(0), count: 10) + [ItemID(id)!]
        let r = try RuntimeHarness(root: root, sealer: sealer, newID: { queue.isEmpty ? ItemID.make() : queue.removeFirst() })
        fillPension(r)
        makeTheNextWriteFindTheDiskFull()
        r.key(.enter)
        XCTAssertEqual(r.state.step, .saveFailed(.diskFull))
        // What the first attempt tried to write, as the disk refused it: never sealed again by the test.
        let attempted = try XCTUnwrap(SimulatedFaults.refusedWrites.last)
        r.key(.enter)
        XCTAssertEqual(r.state.receipt?.submissionID, ItemID(id)!)
        XCTAssertEqual(r.state.receipt?.page, .confirmation)
        let written = try Data(contentsOf: r.data.submissions.folder(.ready).appendingPathComponent("\(id).json"))
        XCTAssertEqual(written, attempted, "sealing again would put new bytes under the same id, which the portal refuses (409)")
        XCTAssertFalse(String(decoding: written, as: UTF8.self).contains("511922194503150016"))
        XCTAssertTrue(String(decoding: written, as: UTF8.self).contains("\"sealed\""), "the payload is sealed")
    }
}
