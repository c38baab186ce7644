import XCTest
@testable import KioskCore
import KioskTestSupport

/// A catalog downloaded while the kiosk runs is taken only when nobody is in the middle of anything.
final class CatalogAdoptionTests: XCTestCase {
    let smaller = Catalog(version: "2026-12-01", categories: bundledCatalog.categories, services: Array(bundledCatalog.services.prefix(2)))

    func testTakenOnTheEmptyHomeScreenKeepingEverythingElse() {
        var d = Driver()
        d.send(.setOnline(true))
        d.key(.f2)
        let careMode = d.state.careMode
        d.send(.adoptCatalog(smaller))
        XCTAssertEqual(d.state.catalog.version, "2026-12-01")
        // Only the categories of the two services left, in the catalog's order, and only their services.
        let home = d.state.content(loadStrings("zh-Hans"))
        XCTAssertEqual(home.options.map(\.label), ["社保养老", "养老服务", "查询办理进度"], "the home screen shows the new catalog")
        d.digit(1)
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).options.map(\.label), ["养老金资格认证"])
        XCTAssertEqual(d.state.careMode, careMode)
        XCTAssertTrue(d.state.online)
    }

    func testNeverUnderAResidentInAService() {
        var d = Driver()
        d.open("pension-certification")
        d.send(.adoptCatalog(smaller))
        XCTAssertEqual(d.state.catalog.version, bundledCatalog.version)
        XCTAssertEqual(d.page, .intro)
    }
}
