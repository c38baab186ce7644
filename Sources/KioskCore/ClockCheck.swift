import Foundation

/// A kiosk's clock can be wrong: a flat CMOS battery puts it in 1970 or 2000. A clock that says
/// it is earlier than this release was made (or than the newest catalog the kiosk holds) cannot
/// be right, and is said on screen rather than believed: ages computed from it are not used to
/// turn a resident away.
public enum ClockCheck {
    /// The first day of the month this release was made; raised with each release (`docs/queue-and-sync.md`).
    public static let releaseDay = CivilDate(year: 2026, month: 11, day: 1)!

    /// The first day the clock can plausibly show, given what the kiosk knows.
    public static func earliestPlausibleDay(newestCatalog: CivilDate? = nil) -> CivilDate {
        max(releaseDay, newestCatalog ?? releaseDay)
    }
}

extension Condition {
    /// Whether the condition reads an age, which a wrong clock makes wrong.
    public var readsAge: Bool {
        references.contains { Condition.parts($0).derived == .age }
    }
}
