import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
import KioskCore
@testable import KioskOutbox

final class RuntimeTests: XCTestCase {
    func catalog() throws -> Catalog {
        try CatalogLoader.load(Data(contentsOf: repoRoot.appendingPathComponent("catalog/default.json"))).get()
    }

    func runtime(_ root: URL, ids: [String]) throws -> KioskRuntime {
        var queue = ids
        let state = WizardState(catalog: try catalog(), kioskID: "k", today: Moment.now().civilDate)
        return KioskRuntime(state: state, data: DataFolder(root: root), newID: { queue.isEmpty ? UUID().uuidString.lowercased() : queue.removeFirst() })
    }

    /// Pension certification up to the check-answers screen.
    func fillPension(_ r: KioskRuntime) {
        for line in ["1", "1", "", "1", "1", "511922194503150016", "1", "1", ""] {
            r.send(PlainMode.action(for: line, acceptsText: r.state.acceptsText))
        }
        XCTAssertEqual(r.state.screen, .wizard(.review))
    }

    /// The next durable write finds the disk full.
    func makeTheNextWriteFindTheDiskFull(_ r: KioskRuntime, _ id: String) throws {
        SimulatedFaults.failNextWrites(1)
    }

    func testFullDiskShowsWhyKeepsTheAnswersAndRetriesTheSameSubmission() throws {
        let root = temporaryFolder("runtime")
        defer { try? FileManager.default.removeItem(at: root) }
        let id = "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11"
        let r = try runtime(root, ids: Array(repeating: "unused", count: 9) + [id])
        fillPension(r)
        // The next write of this submission lands on a device that is always full.
        try makeTheNextWriteFindTheDiskFull(r, id)
        r.send(.key(.enter))
        XCTAssertEqual(r.state.screen, .saveFailed(.diskFull))
        XCTAssertEqual(r.data.submissions.ids(in: .ready), [])
        XCTAssertEqual(r.state.waitingCount, 0)
        // Space is freed; Enter tries again with the same submission.
        r.send(.key(.enter))
        XCTAssertEqual(r.state.screen, .confirmed(submissionID: id))
        XCTAssertEqual(r.data.submissions.ids(in: .ready).map(\.text), [id])
        XCTAssertEqual(r.state.waitingCount, 1)
    }

    func testASealedSubmissionRetriedAfterAFullDiskIsWrittenWithTheBytesSealedTheFirstTime() throws {
        let root = temporaryFolder("runtime")
        defer { try? FileManager.default.removeItem(at: root) }
        let id = "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11"
        let r = try runtime(root, ids: Array(repeating: "unused", count: 9) + [id])
        r.sealer = SubmissionSealer(key: try PortalKey(hex: "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d", id: "k1"))
        fillPension(r)
        try makeTheNextWriteFindTheDiskFull(r, id)
        r.send(.key(.enter))
        XCTAssertEqual(r.state.screen, .saveFailed(.diskFull))
        let attempted = try XCTUnwrap(r.sealer?.seal(XCTUnwrap(r.state.session?.pending))).bytes
        r.send(.key(.enter))
        XCTAssertEqual(r.state.screen, .confirmed(submissionID: id))
        XCTAssertEqual(r.data.submissions.read(ItemID(id)!, in: .ready)?.payload, attempted,
                       "sealing again would put new bytes under the same id, which the portal refuses (409)")
        XCTAssertFalse(String(decoding: attempted, as: UTF8.self).contains("511922194503150016"))
    }
}
