import Foundation
import XCTest
import KioskTestSupport

/// Issue 20, finding 12: `carekiosk helper add` run by several people at once (or a script in a
/// loop) loses nobody: every helper that was told 已添加 is in helpers.json afterwards.
final class HelperAddConcurrencyTests: XCTestCase, EndToEnd {
    /// Three rounds of sixteen at once; before the lock, about one add in ten was lost.
    func testSixteenHelperAddsAtOnceAllLandThreeRoundsRunning() throws {
        let dataDir = temporaryFolder("carekiosk-helpers")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        var added: Set<String> = []
        for round in 0..<3 {
            let ids = (1...16).map { String(2000 + round * 100 + $0) }
            let runs = Locked<[String: CarekioskRun]>([:])
            DispatchQueue.concurrentPerform(iterations: ids.count) { i in
                let run = try? runCarekiosk(["helper", "add", ids[i], "帮办员\(i)", "--data-dir", dataDir.path], input: "2468\n2468\n")
                runs.with { $0[ids[i]] = run }
            }
            for id in ids {
                let run = try XCTUnwrap(runs.with { $0[id] } ?? nil, id)
                XCTAssertEqual(run.status, 0, "\(id): \(run.stderr)")
                XCTAssertTrue(run.stdout.contains("已添加帮办员 \(id)"), run.stdout)
            }
            added.formUnion(ids)
            let file = dataDir.appendingPathComponent("helpers.json")
            let stored = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            let helpers = try XCTUnwrap(stored["helpers"] as? [[String: Any]])
            let found = Set(helpers.compactMap { $0["id"] as? String })
            XCTAssertEqual(added.subtracting(found).sorted(), [], "round \(round): every helper told 已添加 is in the file")
            XCTAssertEqual(helpers.count, added.count, "round \(round)")
        }
    }
}

/// A value shared by the threads of a test.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func with<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
