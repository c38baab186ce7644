import Foundation
import KioskCore

/// Shared by the test targets: the source tree, the bundled catalog, a fixed clock, and a
/// driver that presses keys the way a resident does.

/// The source tree: tests read the bundled catalog and locale files from it.
public let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

public func loadStrings(_ locale: String) -> Strings {
    let data = FileManager.default.contents(atPath: repoRoot.appendingPathComponent("locales/\(locale).json").path)!
    return try! Strings(locale: locale, json: data)
}

public let bundledCatalog: Catalog = {
    let data = FileManager.default.contents(atPath: repoRoot.appendingPathComponent("catalog/default.json").path)!
    switch CatalogLoader.load(data) {
    case let .success(c): return c
    case let .failure(e): fatalError("bundled catalog: \(e.problems)")
    }
}()

/// The keys of the helper's login sequence, as plain mode reads them (one per line) and as
/// `Key.character`.
public let helperSequenceKeys: [Character] = ["/", "*", "-"]

/// 2026-11-22 10:00 in China Standard Time.
public let testMoment = Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 8 * 3600)
public let testToday = testMoment.civilDate

extension ItemID {
    /// `00000000-0000-4000-8000-000000000042` for 42: ids a test can tell apart and write down.
    public static func numbered(_ n: Int) -> ItemID { ItemID(String(format: "00000000-0000-4000-8000-%012d", n))! }
}

/// Drives a wizard the way a resident would, one key at a time, with a fixed clock.
public struct Driver {
    public var state: WizardState
    public var effects: [Effect] = []
    /// Set to hear the kiosk: its announcements are then worded as `.speak` effects in these strings.
    public var speechStrings: (@Sendable (String) -> Strings)?
    /// The kiosk's clock for the next actions.
    public var moment = testMoment
    private var counter = 0

    /// What the screen's renderer says a care-mode page of answers holds at 80×24
    /// (`KioskScreen.answersPerCarePage`; `SnapshotTests` checks that it still says so).
    public static let answersPerCarePageAt80x24 = 3

    /// A kiosk as on an 80×24 screen, whose front end has told the model how many answers a page holds.
    public init(catalog: Catalog = bundledCatalog, locale: String = "zh-Hans") {
        state = WizardState(catalog: catalog, kioskID: "cn-511922-test-01", today: testToday, locale: locale)
        _ = state.reduce(.setAnswersPerCarePage(Driver.answersPerCarePageAt80x24), Context(moment: moment, newID: .numbered(0)))
    }

    public mutating func send(_ action: Action) {
        counter += 1
        let id = ItemID.numbered(counter)
        let reduced = state.reduce(action, Context(moment: moment, newID: id))
        let out = state.voiced(reduced, strings: speechStrings) // as the runtime does
        effects += out
        // Like the runtime: a submission that was queued is reported saved.
        for case let .enqueue(s) in out { send(.saved(submissionID: s.id)) }
    }

    public mutating func key(_ k: Key) { send(.key(k)) }
    public mutating func digit(_ d: Int) { send(.key(.digit(d))) }
    public mutating func enter() { send(.key(.enter)) }
    public mutating func esc() { send(.key(.escape)) }
    public mutating func type(_ text: String) { send(.typeLine(text)) }
    /// The helper's login (or logout) sequence on the home screen: the keypad's `/`, `*`, `-`.
    public mutating func helperSequence() { for c in helperSequenceKeys { key(.character(c)) } }

    /// Time passes without a key: the clock moves on and the runtime's tick comes.
    public mutating func wait(_ seconds: TimeInterval) {
        moment = Moment(date: moment.date.addingTimeInterval(seconds), utcOffsetSeconds: moment.utcOffsetSeconds)
        send(.tick)
    }

    /// From home, open a service by its id through its category.
    public mutating func open(_ serviceID: String) {
        let service = state.catalog.service(id: serviceID)!
        let categories = state.homeCategories
        digit(categories.firstIndex(of: service.category!)! + 1)
        // A category of one service opens it at once.
        if case .category = state.screen {
            digit(state.services(inCategory: service.category!).firstIndex { $0.id == serviceID }! + 1)
        }
    }

    /// Enter on the check-answers (or consent) screen until the last page is shown, then once
    /// more: what a resident does to submit.
    public mutating func submit() {
        let checking = state.screen
        for _ in 0..<50 where state.screen == checking && !state.isLastPage { enter() }
        if state.screen == checking { enter() }
    }

    /// Opens a service and answers every page with its first option (Enter on the intro and the
    /// privacy notice, a resident born in 1945 for an identity number, a mobile number for a
    /// phone) until `page` is shown.
    public mutating func open(_ serviceID: String, until page: Page) {
        open(serviceID)
        enter()
        for _ in 0..<40 where self.page != page {
            switch self.page {
            case .question("id_number"): type("511922194503150016")
            case .question("phone"): type("13800000000")
            case .privacy: enter()
            default: digit(1)
            }
        }
    }

    /// On the check-answers screen, turns to the page that lists `item` and presses its number.
    public mutating func change(_ item: Page) {
        let index = state.reviewItems.firstIndex(of: item)!
        let page = index / state.pageSize
        while state.optionPage < page { enter() }
        while state.optionPage > page { esc() }
        digit(index % state.pageSize + 1)
    }

    public var submissions: [Submission] { effects.compactMap { if case let .enqueue(s) = $0 { return s } else { return nil } } }

    /// What was said, in order: each `.speak` effect.
    public var spoken: [Utterance] { effects.compactMap { if case let .speak(u) = $0 { return u } else { return nil } } }

    public var page: Page? { state.page }
}

/// Asks `condition` every 50 ms until it holds or `seconds` have passed; whether it held.
@discardableResult
public func waitUntil(_ seconds: TimeInterval = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if try condition() { return true }
        guard Date() < deadline else { return false }
        usleep(50_000)
    }
}

/// A clock a test moves by hand, readable from any thread.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    public init(_ date: Date) { self.date = date }

    public var moment: Moment { lock.withLock { Moment(date: date, utcOffsetSeconds: 8 * 3600) } }

    public func advance(_ seconds: TimeInterval) { lock.withLock { date = date.addingTimeInterval(seconds) } }
}

/// How many rounds a property test runs: all of them, or a tenth under `scripts/test --quick`
/// (which sets CAREKIOSK_QUICK=1), so that the quick run stays under a minute.
public func propertyRounds(_ full: Int) -> Int {
    ProcessInfo.processInfo.environment["CAREKIOSK_QUICK"] == "1" ? max(1, full / 10) : full
}

/// Runs `body` while `folder` cannot be written, the way a read-only disk or stick behaves. As
/// root, who writes through permissions, by a read-only bind mount of the folder onto itself;
/// otherwise by mode 0500. Returns false when the folder could not be made read-only.
public func whileReadOnly(_ folder: URL, _ body: () throws -> Void) rethrows -> Bool {
    guard getuid() == 0 else {
        chmod(folder.path, 0o500)
        defer { chmod(folder.path, 0o700) }
        try body()
        return true
    }
    func tool(_ path: String, _ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
    guard tool("/bin/mount", ["--bind", folder.path, folder.path]) else { return false }
    defer { _ = tool("/bin/umount", [folder.path]) }
    guard tool("/bin/mount", ["-o", "remount,ro,bind", folder.path]) else { return false }
    try body()
    return true
}

/// A new folder of its own under the temporary folder, readable by this user only, as the kiosk
/// demands of a data folder.
public func temporaryFolder(_ name: String) -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return url
}
