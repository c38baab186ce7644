import Foundation

/// A kiosk's clock can be wrong: a flat CMOS battery puts it in 1970 or 2000. A clock that says
/// it is earlier than this release was made (or than the day the kiosk's catalog was published)
/// cannot be right, and is said on screen rather than believed: ages computed from it are not
/// used to turn a resident away.
public enum ClockCheck {
    /// The first day of the month this release was made; raised with each release (`docs/queue-and-sync.md`).
    public static let releaseDay = CivilDate(year: 2026, month: 11, day: 1)!

    /// The first day the clock can plausibly show, and what says so.
    public struct Bound: Equatable, Sendable {
        public enum Source: Equatable, Sendable {
            case release
            /// The catalog's own publication day, from its `catalog_version`.
            case catalog(version: String)
        }

        public var day: CivilDate
        public var source: Source
    }

    /// The later of the release day and the catalog's publication day. The catalog's day comes from
    /// its contents, never from its file's time, which a clock running ahead at download sets wrong.
    public static func earliestPlausible(catalog: Catalog?) -> Bound {
        guard let catalog, let published = catalog.publishedDay, releaseDay < published else { return Bound(day: releaseDay, source: .release) }
        return Bound(day: published, source: .catalog(version: catalog.version))
    }

    public static func earliestPlausibleDay(catalog: Catalog? = nil) -> CivilDate { earliestPlausible(catalog: catalog).day }
}

extension Catalog {
    /// The day the portal published this catalog, when its `catalog_version` starts with one
    /// (`2026-11-28`, `2026-11-28-r2`); nil for a label such as `r7`.
    public var publishedDay: CivilDate? {
        guard let match = version.prefixMatch(of: /(\d{4}-\d{2}-\d{2})(?![0-9])/) else { return nil }
        return CivilDate(String(match.1))
    }
}

extension ClockCheck.Bound {
    /// A clock earlier than this bound, said with what it was compared with.
    public func message(now: Moment, _ s: Strings) -> String {
        switch source {
        case .release: return s.tr(.clockSuspectDetail(now: now.rfc3339, day: day.description))
        case let .catalog(version):
            return s.tr(.clockSuspectCatalog(now: now.rfc3339, day: day.description, version: TerminalText.clean(version)))
        }
    }
}

extension Condition {
    /// Whether the condition reads an age, which a wrong clock makes wrong.
    public var readsAge: Bool {
        references.contains { Condition.parts($0).derived == .age }
    }
}
