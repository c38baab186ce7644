import Foundation
import XCTest
import KioskTestSupport

/// Issue 20, finding 12: `carekiosk helper add` run by several people at once (or a script in a
/// loop) loses nobody: every helper that was told 已添加 is in helpers.json afterwards.
final class HelperAddConcurrencyTests: XCTestCase {
    func testTwelveHelperAddsAtOnceAllLand() throws {
        let dataDir = temporaryFolder("carekiosk-helpers")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let ids = (1...12).map { String(2000 + $0) }
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
        let stored = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dataDir.appendingPathComponent("helpers.json"))) as? [String: Any])
        let helpers = try XCTUnwrap(stored["helpers"] as? [[String: Any]])
        XCTAssertEqual(Set(helpers.compactMap { $0["id"] as? String }), Set(ids), "every helper told 已添加 is in the file")
        XCTAssertEqual(helpers.count, ids.count)
    }
}

/// A value shared by the threads of a test.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func with<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
