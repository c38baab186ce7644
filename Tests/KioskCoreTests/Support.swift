import Foundation
import XCTest
@testable import KioskCore

/// The source tree: tests read the bundled catalog and locale files from it.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func loadStrings(_ locale: String) -> Strings {
    let data = FileManager.default.contents(atPath: repoRoot.appendingPathComponent("locales/\(locale).json").path)!
    return try! Strings(locale: locale, json: data)
}

let bundledCatalog: Catalog = {
    let data = FileManager.default.contents(atPath: repoRoot.appendingPathComponent("catalog/default.json").path)!
    switch CatalogLoader.load(data) {
    case let .success(c): return c
    case let .failure(e): fatalError("bundled catalog: \(e.problems)")
    }
}()

/// 2026-11-22 10:00 in China Standard Time.
let testMoment = Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 8 * 3600)
let testToday = testMoment.civilDate

/// Drives a wizard the way a resident would, one key at a time, with a fixed clock.
struct Driver {
    var state: WizardState
    var effects: [Effect] = []
    private var counter = 0

    init(catalog: Catalog = bundledCatalog, locale: String = "zh-Hans") {
        state = WizardState(catalog: catalog, kioskID: "cn-511922-test-01", today: testToday, locale: locale)
    }

    mutating func send(_ action: Action) {
        counter += 1
        let id = String(format: "00000000-0000-4000-8000-%012d", counter)
        let out = state.reduce(action, Context(moment: testMoment, newID: id))
        effects += out
        // Like the runtime: a submission that was queued is reported saved.
        for case let .enqueue(s) in out { send(.saved(submissionID: s.id)) }
    }

    mutating func key(_ k: Key) { send(.key(k)) }
    mutating func digit(_ d: Int) { send(.key(.digit(d))) }
    mutating func enter() { send(.key(.enter)) }
    mutating func esc() { send(.key(.escape)) }
    mutating func type(_ text: String) { send(.typeLine(text)) }

    /// From home, open a service by its id through its category.
    mutating func open(_ serviceID: String) {
        let service = state.catalog.service(id: serviceID)!
        let categories = state.homeCategories
        digit(categories.firstIndex(of: service.category!)! + 1)
        digit(state.services(inCategory: service.category!).firstIndex { $0.id == serviceID }! + 1)
    }

    var submissions: [Submission] { effects.compactMap { if case let .enqueue(s) = $0 { return s } else { return nil } } }

    var page: Page? { if case let .wizard(p) = state.screen { return p } else { return nil } }
}
