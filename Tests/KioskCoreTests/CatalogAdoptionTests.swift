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
        XCTAssertEqual(d.state.session?.service.id, "pension-certification", "a category of one service opens it")
        XCTAssertEqual(d.state.careMode, careMode)
        XCTAssertTrue(d.state.online)
    }

    func testNeverUnderAResidentInAService() {
        var d = Driver()
        d.open("pension-certification")
        d.send(.adoptCatalog(smaller))
        XCTAssertEqual(d.state.catalog.version, bundledCatalog.version)
        XCTAssertEqual(d.page, .intro)
        XCTAssertFalse(d.effects.contains { if case .pronounce = $0 { return true } else { return false } }, "nothing new to pronounce")
    }

    /// The runtime is never handed the model: the tick carries what the kiosk knows of the world,
    /// and an adopted catalog hands its pronunciations to the speaker itself.
    func testEffectsCarryWhatTheRuntimeNeeds() {
        var d = Driver()
        d.send(.setWaitingCount(3))
        d.send(.setOnline(true))
        d.wait(1)
        XCTAssertEqual(d.effects.last, .lookAround(KnownFacts(waitingCount: 3, online: true, syncPaused: false, mayAdoptCatalog: true)))
        d.open("pension-certification")
        d.wait(1)
        XCTAssertEqual(d.effects.last, .lookAround(KnownFacts(waitingCount: 3, online: true, syncPaused: false, mayAdoptCatalog: false)),
                       "no catalog is taken under a resident")
        var home = Driver()
        home.send(.adoptCatalog(smaller))
        XCTAssertEqual(home.effects.last, .pronounce(smaller.readings))
    }
}
