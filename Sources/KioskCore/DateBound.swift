import Foundation

/// The earliest or latest day a date field takes (`min`/`max` of a `date` field): a fixed day
/// (`"2026-01-01"`) or a distance from the day it is answered (`"today"`, `"+1y"`, `"-120y"`,
/// `"+6m"`, `"-30d"`), so that a catalog need not be edited every year.
public enum DateBound: Equatable, Sendable {
    case day(CivilDate)
    case fromToday(years: Int, months: Int, days: Int)

    /// Reads the catalog's text; nil when it is neither form.
    public init?(_ text: String) {
        if text == "today" { self = .fromToday(years: 0, months: 0, days: 0); return }
        if let match = text.wholeMatch(of: /([+-])(\d{1,4})([ymd])/), let n = Int(match.2) {
            let signed = match.1 == "-" ? -n : n
            switch match.3 {
            case "y": self = .fromToday(years: signed, months: 0, days: 0)
            case "m": self = .fromToday(years: 0, months: signed, days: 0)
            default: self = .fromToday(years: 0, months: 0, days: signed)
            }
            return
        }
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, let day = CivilDate(text) else { return nil }
        self = .day(day)
    }

    /// The day this bound stands for when the question is answered on `today`.
    public func resolve(today: CivilDate) -> CivilDate {
        switch self {
        case let .day(day): return day
        case let .fromToday(years, months, days): return today.adding(years: years, months: months, days: days)
        }
    }
}

extension CivilDate {
    /// The Gregorian calendar's answer (31 January + 1 month is the last day of February).
    func adding(years: Int, months: Int, days: Int) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              let end = calendar.date(byAdding: DateComponents(year: years, month: months, day: days), to: start) else { return self }
        let parts = calendar.dateComponents([.year, .month, .day], from: end)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!) ?? self
    }
}
