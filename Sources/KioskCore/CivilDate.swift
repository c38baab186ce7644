import Foundation

/// A calendar date with no time or zone: birth dates, treatment start dates, "today".
public struct CivilDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Only real dates: `CivilDate(year: 2023, month: 2, day: 29)` is nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, as the contract writes dates.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// The eight digits a resident types for this day on a keypad (`20261204`).
    public var keypadDigits: String { String(format: "%04d%02d%02d", year, month, day) }

    /// `YYYY-MM-DD` as stored in answers.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// As a resident reads a date: 2026年2月28日.
    public func display(_ s: Strings) -> String { CivilDate.display(iso: description, s) }

    /// `YYYY-MM-DD` as a resident reads it, also a day that does not exist (2023年2月29日), as
    /// messages about a wrong date must show what was typed.
    public static func display(iso: String, _ s: Strings) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return s.tr(.dateDisplay(year: "\(parts[0])", month: "\(parts[1])", day: "\(parts[2])"))
    }

    /// Whole years from this date to `day` (a birthday on 29 February counts from 1 March in other years).
    public func years(until other: CivilDate) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// A point in time as the kiosk sees it: the instant plus the kiosk's offset from UTC.
/// The runtime makes one per event; the core never reads a clock.
public struct Moment: Equatable, Sendable {
    public var date: Date
    public var utcOffsetSeconds: Int

    public init(date: Date, utcOffsetSeconds: Int) {
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public static func now(in zone: TimeZone = .current) -> Moment {
        let d = Date()
        return Moment(date: d, utcOffsetSeconds: zone.secondsFromGMT(for: d))
    }

    private var localComponents: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds) ?? TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// The kiosk's calendar day.
    public var civilDate: CivilDate {
        let c = localComponents
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The kiosk's time of day as a resident reads it, e.g. `09:30`.
    public var clockTime: String {
        let c = localComponents
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// RFC 3339 with an explicit offset, e.g. `2026-11-22T09:30:00+08:00`.
    public var rfc3339: String {
        let c = localComponents
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let off = abs(utcOffsetSeconds)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d",
                      c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, sign, off / 3600, (off % 3600) / 60)
    }

    /// `20261122-093000`: the kiosk's local time in a file name, sorting as time goes.
    public var fileStamp: String {
        let c = localComponents
        return String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Reads what `rfc3339` wrote (any RFC 3339 time); nil for anything else.
    public static func parse(_ text: String) -> Moment? {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime]
        guard let date = format.date(from: text) else { return nil }
        // `+08:00` at the end; `Z` is UTC.
        let zone = Array(text.suffix(6))
        var offset = 0
        if zone.count == 6, zone[0] == "+" || zone[0] == "-", zone[3] == ":",
           let h = Int(String(zone[1...2])), let m = Int(String(zone[4...5])) {
            offset = (h * 3600 + m * 60) * (zone[0] == "-" ? -1 : 1)
        }
        return Moment(date: date, utcOffsetSeconds: offset)
    }
}
