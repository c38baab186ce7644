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
        XCTAssertEqual(d.state.homeCategories, smaller.menu.categoryIDs, "the home screen shows the new services")
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
