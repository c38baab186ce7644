import Foundation
import XCTest
import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// The portal's catalog kept on the kiosk (离线包): fetched with ETag, only a good one stored.
final class CatalogDownloadTests: SyncTestCase {
    var published: URL!

    override func setUpWithError() throws {
        // A portal whose catalog file the test can change while it runs.
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("published-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        published = folder.appendingPathComponent("catalog.json")
        try publish { $0 }
        portal = try ReferencePortal(catalog: published)
        data = DataFolder(root: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sync-\(UUID().uuidString)"))
        try data.prepare(kioskID: "k")
    }

    override func tearDown() {
        super.tearDown()
        try? FileManager.default.removeItem(at: published.deletingLastPathComponent())
    }

    /// Publishes the bundled catalog, changed by `edit`.
    func publish(_ edit: (String) -> String) throws {
        let bundled = try String(contentsOf: repoRoot.appendingPathComponent("catalog/default.json"), encoding: .utf8)
        try Data(edit(bundled).utf8).write(to: published)
    }

    func updater() throws -> CatalogUpdater { CatalogUpdater(data: data, client: PortalClient(settings: try settings())) }

    func testACatalogIsDownloadedOnceAndThenAskedForWithItsETag() throws {
        guard case let .updated(catalog) = try updater().update() else { return XCTFail("first download") }
        XCTAssertEqual(catalog.services.count, bundledCatalog.services.count)
        XCTAssertEqual(CatalogUpdater.stored(in: data)?.version, catalog.version)
        XCTAssertEqual(try updater().update(), .unchanged)
        let byStatus = try XCTUnwrap(try portal.stats()["by_status"] as? [String: Int])
        XCTAssertEqual(byStatus["304"], 1, "the second request carried If-None-Match")

        try publish { $0.replacingOccurrences(of: "养老金资格认证", with: "养老金待遇资格认证") }
        guard case let .updated(changed) = try updater().update() else { return XCTFail("changed catalog") }
        XCTAssertTrue(changed.services.contains { $0.title.resolve("zh-Hans") == "养老金待遇资格认证" })
    }

    func testABrokenCatalogFromThePortalIsRefusedAndTheLastGoodOneStays() throws {
        guard case .updated = try updater().update() else { return XCTFail("first download") }
        let good = try Data(contentsOf: data.catalogFolder.appendingPathComponent("current.json"))
        try publish { $0.replacingOccurrences(of: "\"type\": \"phone\"", with: "\"type\": \"telephone\"") }
        guard case let .refused(problems) = try updater().update() else { return XCTFail("broken catalog accepted") }
        XCTAssertTrue(problems.contains { $0.issue == .unknownFieldType("telephone") }, "\(problems)")
        XCTAssertEqual(try Data(contentsOf: data.catalogFolder.appendingPathComponent("current.json")), good)
    }

    func testSyncReportsABrokenCatalogAndTheKioskStartsOnTheLastGoodOne() throws {
        try publish { $0.replacingOccurrences(of: "养老金资格认证", with: "养老金待遇资格认证") }
        func carekiosk(_ args: [String], input: String = "") throws -> CarekioskRun {
            try runCarekiosk(args + ["--data-dir", data.root.path], input: input)
        }
        let portalArgs = ["--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path]
        let first = try carekiosk(["sync"] + portalArgs)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("事项清单已更新到"), first.stdout)

        try publish { $0.replacing(/"catalog_version": "[^"]*"/, with: "\"catalog_version\": \"\"") }
        let broken = try carekiosk(["sync"] + portalArgs)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("门户下发的事项清单有问题，继续使用上一份："), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("/v1/catalog: catalog_version:"), broken.stderr)

        let kiosk = try carekiosk(["--plain"], input: "1\n")
        XCTAssertTrue(kiosk.stdout.contains("养老金待遇资格认证"), "the kiosk runs on the last good download: \(kiosk.stdout)")
        XCTAssertTrue(try carekiosk(["status"]).stdout.contains("事项清单：门户下发的"))
    }
}
